/**
 * Issue 8, hostile content: text from a unit (its name, a label, notes, a figure typed as text) that starts
 * with =, +, - or @ is written as text in every output: the .xlsx the CLI writes (read back with ExcelJS), the
 * workbook the add-in writes (the fake Excel takes "=…" written to a cell as a formula, as Excel does), and
 * the JSON report.
 */

import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { HOSTILE, hostileReport } from "../../scripts/make-bad-files";
import { engine } from "../../src/commands/engine-binding";
import { handleRibbon } from "../../src/commands/ribbon";
import { CellValue, cellAddress, sheetFromGrid } from "../../src/core/model";
import { inputRows } from "../../src/excel/cells";
import { roleOfMarker } from "../../src/excel/markers";
import { FakeExcel } from "../excel/fake-excel";
import { unitGrid } from "../excel/fixtures";
import { EXAMPLES, assertNoTrace, readReport, tmp, tonghop } from "./run-cli";

const TEXTS = [HOSTILE.unit, HOSTILE.label, ...HOSTILE.notes, HOSTILE.figure];
/** What each text would run if it became a formula. */
const BODIES = ["cmd|", "HYPERLINK", "1+1", "84 912", "5 so với", "Phòng Tổ chức", "2+3"];

/** A link as the .xlsx writers write it: =HYPERLINK("#target","text"), nothing but two string constants. */
const LINK = /^HYPERLINK\("#(?:[^"]|"")*","(?:[^"]|"")*"\)$/;

function textOf(v: ExcelJS.CellValue): string | null {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (v && typeof v === "object" && "text" in v && typeof v.text === "string") return v.text;
  return null;
}

describe("reliability: unit text starting with = + - @ is written as text", function () {
  this.timeout(120000);

  it("in the .xlsx output (our tabs and the unit's copy) and in the JSON report", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "dong-trieu.xlsx"), hostileReport());
    for (const f of ["cam-pha.xlsx", "quang-yen.xlsx"])
      copyFileSync(join(EXAMPLES, f), join(dir, f));
    const out = join(dir + "-kq", "tong-hop.xlsx");
    const json = join(dir + "-kq", "r.json");
    const r = await tonghop(["consolidate", dir, "--out", out, "--json", json]);
    assertNoTrace(r);

    const report = readReport(json);
    assert.ok(
      report.units.some((u) => u.name === HOSTILE.unit),
      "the unit's name, exactly"
    );
    // The figure typed as text is reported with its text, exactly.
    const figure = report.issues.find(
      (i) => i.actual === HOSTILE.figure && i.rule === "not-a-number"
    );
    assert.equal(figure?.cell, "D32");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const where = new Map<string, string[]>();
    const formulas: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            const f = cell.formula;
            // Our links: HYPERLINK of two string constants, quotes doubled, the target inside this workbook
            // ("#…"). Unit text in a string constant is never evaluated; the text shown is the cached result.
            if (LINK.test(f) && typeof cell.result === "string") {
              if (TEXTS.includes(cell.result))
                where.set(cell.result, [...(where.get(cell.result) ?? []), ws.name]);
              return;
            }
            if (BODIES.some((b) => f.includes(b)))
              formulas.push(`${ws.name}!${cell.address}: =${f}`);
            return;
          }
          const t = textOf(cell.value);
          if (t !== null && TEXTS.includes(t)) {
            // A string cell, or the text of a link to the unit's sheet: never evaluated either way.
            assert.ok(
              [ExcelJS.ValueType.String, ExcelJS.ValueType.Hyperlink].includes(cell.type),
              `${ws.name}!${cell.address}: type ${cell.type}`
            );
            where.set(t, [...(where.get(t) ?? []), ws.name]);
          }
        })
      )
    );
    assert.deepEqual(formulas, [], "no formula made of unit text");
    // Every text is in the unit's copy; the name heads its column in "Tổng hợp"; the figure is quoted in
    // "Kiểm tra"; the label (a row no other unit has) is listed in "Tổng hợp".
    for (const t of TEXTS) assert.ok(where.get(t)?.length, `${t} written somewhere as text`);
    assert.ok(where.get(HOSTILE.unit)!.includes("Tổng hợp"));
    assert.ok(where.get(HOSTILE.figure)!.includes("Kiểm tra"));
    assert.ok(where.get(HOSTILE.label)!.includes("Tổng hợp"));
  });

  it("in the workbook the add-in writes: no cell of our tabs becomes a formula of unit text", async () => {
    const xl = new FakeExcel();
    for (let i = 0; i < 3; i++) {
      const grid = unitGrid(i === 0 ? HOSTILE.unit : `Đảng bộ đơn vị số ${i + 1}`, i);
      if (i === 0) {
        grid[8][1] = HOSTILE.label;
        grid[4][5] = HOSTILE.notes[1];
        grid[5][5] = HOSTILE.notes[2];
        grid[6][5] = HOSTILE.notes[3];
      }
      const s = xl.addSheet(`Đơn vị ${i + 1}`, grid);
      s.cell("D5").v = 61 + i;
      if (i === 0) {
        // Text typed with Excel's quote prefix: "'=2+3" shows =2+3.
        Object.assign(s.cell("D7"), { v: HOSTILE.figure, prefix: true });
        Object.assign(s.cell("F9"), { v: HOSTILE.notes[0], prefix: true });
      }
    }
    const units = xl.sheets.slice();
    const deps = { run: xl.run, engine: engine(), check: xl.check };
    const event = { completed: () => {} };
    assert.equal(await handleRibbon(event, "consolidate", deps), "done");
    assert.equal(await handleRibbon(event, "validate", deps), "done");

    const ours = new Set(
      [...xl.names.entries()].filter(([n]) => roleOfMarker(n)).map(([, v]) => v.sheet)
    );
    assert.ok(ours.size >= 2, "our tabs were written");
    const seen = new Set<string>();
    for (const s of ours) {
      for (const [a1, c] of s.cells) {
        if (c.f !== undefined)
          assert.ok(!BODIES.some((b) => c.f!.includes(b)), `${s.name}!${a1}: ${c.f}`);
        if (typeof c.v === "string" && TEXTS.includes(c.v)) seen.add(c.v);
        assert.notEqual(c.v, "#NAME?", `${s.name}!${a1} became a formula`);
      }
    }
    for (const t of [HOSTILE.unit, HOSTILE.label, HOSTILE.figure]) assert.ok(seen.has(t), t);
    // What the writer hands to Range.formulas: the texts only behind Excel's quote prefix, never bare.
    const wbModel = {
      file: "Bao cao.xlsx",
      sheets: units.map((u) => {
        const box = u.usedBox()!;
        return sheetFromGrid(
          u.name,
          u.grid(`A1:${cellAddress(box.bottom, box.right)}`, "values") as CellValue[][]
        );
      }),
    };
    const result = engine().consolidate([wbModel], { lang: "vi" });
    const written = result.sheets.flatMap((sheet) =>
      inputRows(sheet, 0, sheet.cells.length).formulas.flat()
    );
    for (const t of [HOSTILE.unit, HOSTILE.label, HOSTILE.figure]) {
      assert.ok(!written.includes(t), `${t} handed to Excel bare`);
      assert.ok(written.includes("'" + t), `${t} handed to Excel as text`);
    }
    // The unit sheets themselves are untouched: the texts are still text.
    const first = units[0];
    assert.equal(first.peek("D7")!.v, HOSTILE.figure);
    assert.equal(first.peek("D7")!.f, undefined);
  });
});
