/**
 * In Excel: staff rename the "Quy tắc" tab the add-in wrote and edit its rules; the next run reads them (the
 * marker follows the rename), in the same three round trips, and writes them back instead of learning anew.
 */
import { strict as assert } from "node:assert";
import { analyzeWorkbooks, validate } from "../../src/core/engine";
import { printRelation } from "../../src/core/rules-text";
import { readWorkbook } from "../../src/excel/read";
import { markerName } from "../../src/excel/markers";
import { writeResult } from "../../src/excel/write";
import { FakeExcel, FakeSheet } from "./fake-excel";
import { unitWorkbook } from "./fixtures";

const RENAMED = "Luật kiểm tra 2025";

/** Column A of a fake sheet, top to bottom, up to its last value. */
function columnA(s: FakeSheet): string[] {
  const out: string[] = [];
  for (let r = 1; r <= (s.usedBox()?.bottom ?? -1) + 1; r++)
    out.push(String(s.peek(`A${r}`)?.v ?? ""));
  return out;
}

async function runValidate(xl: FakeExcel) {
  return xl.run(async (ctx) => {
    const read = await readWorkbook(ctx, { check: xl.check });
    const result = validate([read.workbook]);
    await writeResult(ctx, result, { check: xl.check });
    return { read, analysis: analyzeWorkbooks([read.workbook]) };
  });
}

describe("excel: a renamed and edited Quy tắc tab", () => {
  it("is read by its marker on the next run, and its rules are kept", async () => {
    const xl = unitWorkbook(3);
    const first = await runValidate(xl);
    assert.ok(
      first.analysis.relations.every((r) => r.source !== "rules-sheet"),
      "learned at first"
    );

    // Staff keep one rule and rename the tab.
    const tab = xl.sheet("Quy tắc");
    const lines = columnA(tab);
    const header = lines.indexOf("Quy tắc");
    const rule = lines[header + 1];
    assert.match(rule, /\[/);
    for (let r = header + 3; r <= lines.length; r++) tab.cell(`A${r}`).v = "";
    tab.name = RENAMED;
    assert.equal(xl.names.get(markerName("rules"))!.sheet, tab);

    const second = await runValidate(xl);
    assert.equal(second.read.syncs, 3);
    assert.deepEqual(
      second.read.workbook.ours?.map((t) => [t.role, t.sheet.name]),
      [["rules", RENAMED]]
    );
    assert.ok(!second.read.workbook.sheets.some((s) => s.name === RENAMED));
    const a = second.analysis;
    assert.deepEqual(
      a.relations.map((r) => [printRelation(r, a), r.source]),
      [[rule, "rules-sheet"]]
    );
    // The run replaced the renamed tab with the same one rule, not with rules learned anew.
    const written = xl.sheets.find((s) => s.id !== tab.id && columnA(s)[0] === "Quy tắc kiểm tra")!;
    assert.ok(!xl.sheets.includes(tab));
    const again = columnA(written);
    assert.deepEqual(
      again.slice(again.indexOf("Quy tắc") + 1).filter((l) => l.includes("[")),
      [rule]
    );
  });
});
