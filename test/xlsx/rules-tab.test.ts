/**
 * The "Quy tắc" tab of an output workbook, renamed and edited by staff, is read back by both .xlsx readers:
 * its marker (a defined name) follows the rename, and its rules replace learning on the next run.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyze } from "../../src/core/match";
import { WorkbookModel } from "../../src/core/model";
import { consolidate } from "../../src/core/engine";
import { printRelation } from "../../src/core/rules-text";
import { ReadResult } from "../../src/xlsx/look";
import { readXlsxFast } from "../../src/xlsx/fast-read";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsxFast } from "../../src/xlsx/fast-write";
import { markerName, quoteSheet } from "../../src/xlsx/marker";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const RENAMED = "Luật kiểm tra 2025";

/** The output of a run over three example files, as the CLI writes it. */
async function output(): Promise<Uint8Array> {
  const wbs: WorkbookModel[] = [];
  for (const f of ["dam-ha.xlsx", "cam-pha.xlsx", "tien-yen.xlsx"]) {
    const read = await readXlsxFast(new Uint8Array(readFileSync(join(EXAMPLES, f))), f);
    wbs.push(read.workbook!);
  }
  return writeXlsxFast(consolidate(wbs, { lang: "vi" }), wbs, {
    date: new Date(Date.UTC(2025, 0, 20)),
  });
}

/** Staff rename the rules tab and keep only its first rule; returns the new bytes and that rule. */
async function renameAndEdit(bytes: Uint8Array): Promise<{ bytes: Uint8Array; rule: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("Quy tắc");
  assert.ok(ws, "the output has a Quy tắc tab");
  let header = 0;
  ws.eachRow((row, r) => {
    if (!header && row.getCell(1).value === "Quy tắc") header = r;
  });
  const rule = String(ws.getCell(header + 1, 1).value);
  for (let r = header + 2; r <= ws.rowCount; r++) ws.getRow(r).values = [];
  // Excel renames the tab and the defined name that marks it follows.
  ws.name = RENAMED;
  wb.definedNames.remove(`${quoteSheet("Quy tắc")}!$A$1`, markerName("rules"));
  wb.definedNames.add(`${quoteSheet(RENAMED)}!$A$1`, markerName("rules"));
  return { bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), rule };
}

describe("xlsx: a renamed and edited Quy tắc tab is read back", () => {
  let edited: { bytes: Uint8Array; rule: string };
  before(async () => {
    edited = await renameAndEdit(await output());
  });

  const readers: [string, (b: Uint8Array, f: string) => Promise<ReadResult>][] = [
    ["the fast reader", readXlsxFast],
    ["the ExcelJS reader", readXlsx],
  ];
  for (const [name, read] of readers) {
    it(`${name}: the tab is ours by its marker, handed over apart from the sheets`, async () => {
      const r = await read(edited.bytes, "tong-hop.xlsx");
      assert.ok(
        r.ours.some((o) => o.role === "rules" && o.sheet === RENAMED),
        JSON.stringify(r.ours)
      );
      assert.ok(!r.workbook!.sheets.some((s) => s.name === RENAMED));
      assert.deepEqual(
        r.workbook!.ours?.map((t) => [t.role, t.sheet.name]),
        [["rules", RENAMED]]
      );
    });

    it(`${name}: its one remaining rule replaces learning`, async () => {
      const r = await read(edited.bytes, "tong-hop.xlsx");
      const a = analyze([r.workbook!]);
      assert.equal(a.units.length, 3);
      assert.deepEqual(
        a.relations.map((rel) => [printRelation(rel, a), rel.source]),
        [[edited.rule, "rules-sheet"]]
      );
    });
  }
});
