/**
 * The CLI's real engine builds the "Kiểm tra" tab over every issue of a run, those of the file readers and of
 * the command itself included: each rule counted at the top of the tab has its description. Regression: the
 * file rules (file-empty, file-not-xlsx...) were counted with an empty "Mô tả" cell.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { CLI_RULES } from "../../src/cli/cli-rules";
import { realEngine } from "../../src/cli/engine";
import { run } from "../../src/cli/run";
import { Lang, RuleMeta, makeIssue } from "../../src/core/issue";
import { OutputSheet } from "../../src/core/output";
import { FILE_RULE_METAS } from "../../src/xlsx/file-rules";

const EXAMPLES = join(__dirname, "..", "..", "examples");

/** The count table at the top of the issues tab: rule id → description, up to the "Tổng cộng" row. */
function counted(rows: unknown[][]): Map<string, string> {
  // Wherever the table stands: the column of its "Quy tắc" header, with "Mô tả" beside it.
  const at = (r: unknown[]): number =>
    r.findIndex(
      (v, c) => (v === "Quy tắc" || v === "Rule") && /^(Mô tả|Description)$/.test(String(r[c + 1]))
    );
  const head = rows.findIndex((r) => at(r) >= 0);
  assert.ok(head >= 0, "no count table");
  const col = at(rows[head]);
  const out = new Map<string, string>();
  for (const r of rows.slice(head + 1)) {
    if (r[col] === "Tổng cộng" || r[col] === "Total") return out;
    out.set(String(r[col]), String(r[col + 1] ?? ""));
  }
  assert.fail("no total row");
}

const grid = (tab: OutputSheet): unknown[][] =>
  Array.from(tab.cells, (r) => Array.from(r, (c) => c?.v));

describe("CLI engine: the Kiểm tra tab describes every rule it counts", () => {
  // The command's "file-unreadable" is the readers' rule, said about a file it could not open.
  const others = new Map<string, RuleMeta>();
  for (const m of [...FILE_RULE_METAS, ...Object.values(CLI_RULES)])
    if (!others.has(m.id)) others.set(m.id, m);
  for (const lang of ["vi", "en"] as Lang[]) {
    for (const meta of others.values()) {
      it(`${meta.id} (${lang}): “${meta.description[lang]}”`, () => {
        const message = Object.keys(meta.messages)[0];
        const issue = makeIssue(meta, { messageId: message, data: { what: "?", kind: "?" } });
        const tab = realEngine.issuesSheet!([issue], { lang, sheetName: (_f, s) => s });
        assert.equal(counted(grid(tab)).get(meta.id), meta.description[lang]);
      });
    }
  }

  it("a run over a folder with bad files among good: every counted rule described in the output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tonghop-engine-"));
    const inputs = join(dir, "nop");
    mkdirSync(inputs);
    copyFileSync(join(EXAMPLES, "tien-yen.xlsx"), join(inputs, "tien-yen.xlsx"));
    copyFileSync(join(EXAMPLES, "dam-ha.xlsx"), join(inputs, "dam-ha.xlsx"));
    writeFileSync(join(inputs, "trong.xlsx"), new Uint8Array(0));
    writeFileSync(
      join(inputs, "bang-tinh-cu.xlsx"),
      "STT;Chỉ tiêu;Số lượng\n1;Tổng số đảng viên;2068\n"
    );
    const out = join(dir, "tong-hop.xlsx");
    const said: string[] = [];
    const io = { stdout: (s: string) => said.push(s), stderr: () => {}, stderrIsTty: false };
    const code = await run(
      { command: "consolidate", inputs: [inputs], out, json: null, lang: "vi", all: false },
      realEngine,
      io
    );
    assert.equal(code, 1, said.join("\n"));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Kiểm tra");
    assert.ok(ws, wb.worksheets.map((w) => w.name).join(", "));
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const table = counted(rows);
    for (const id of ["file-empty", "file-not-xlsx", "left-out", "parts-sum"])
      assert.ok(table.has(id), `${id} not counted: ${[...table.keys()].join(", ")}`);
    for (const [id, description] of table)
      assert.notEqual(description, "", `${id} has no description`);
    assert.equal(
      table.get("file-empty"),
      FILE_RULE_METAS.find((m) => m.id === "file-empty")!.description.vi
    );
  });
});
