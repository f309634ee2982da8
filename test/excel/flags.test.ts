/**
 * A workbook written by `tonghop` and then opened in Excel: the add-in clears its flags from the very hidden
 * record sheet the command line keeps (tong_hop_flags: sheet | cell | fill before | note before), restoring
 * the fills the flags covered, in a constant number of round trips. Regression: clearFlags read only the
 * add-in's own record (the workbook settings), so such a workbook kept its flags.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { validate } from "../../src/core/engine";
import { WorkbookModel } from "../../src/core/model";
import { FLAG_FILL } from "../../src/core/output";
import { clearFlags, fillOfRecord } from "../../src/excel/flags";
import { FLAG_SETTING, FLAGS_MARKER } from "../../src/excel/markers";
import { readWorkbook } from "../../src/excel/read";
import { writeResult } from "../../src/excel/write";
import { consolidate } from "../../src/core/engine";
import { readXlsxFast } from "../../src/xlsx/fast-read";
import { writeXlsxFast } from "../../src/xlsx/fast-write";
import { FakeExcel, FakeSheet } from "./fake-excel";
import { fakeFromXlsx } from "./from-xlsx";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const FLAG_COLORS = Object.values(FLAG_FILL).map((c) => c.toUpperCase());

describe("excel/flags: the command line's fill record", () => {
  const cases: [string, string, { color: string; pattern: string } | null][] = [
    ["no fill before", "", null],
    [
      "a solid colour",
      '{"type":"pattern","pattern":"solid","fgColor":{"argb":"FFFFFF00"}}',
      { color: "#FFFF00", pattern: "Solid" },
    ],
    [
      "a theme colour (accent 1)",
      '{"type":"pattern","pattern":"solid","fgColor":{"theme":4}}',
      { color: "#4F81BD", pattern: "Solid" },
    ],
    [
      "a theme colour lightened 60% (Excel's swatch B8CCE4)",
      '{"type":"pattern","pattern":"solid","fgColor":{"theme":4,"tint":0.5999938962981048}}',
      { color: "#B8CCE4", pattern: "Solid" },
    ],
    [
      "white darkened 15% (D9D9D9)",
      '{"type":"pattern","pattern":"solid","fgColor":{"theme":0,"tint":-0.1499984740745262}}',
      { color: "#D9D9D9", pattern: "Solid" },
    ],
    [
      "a colour of the legacy palette",
      '{"type":"pattern","pattern":"solid","fgColor":{"indexed":13},"bgColor":{"indexed":64}}',
      { color: "#FFFF00", pattern: "Solid" },
    ],
    [
      "a patterned fill: its pattern colour, flat",
      '{"type":"pattern","pattern":"gray125","fgColor":{"argb":"FF00B050"}}',
      { color: "#00B050", pattern: "Solid" },
    ],
    [
      "a gradient: its first colour",
      '{"type":"gradient","gradient":"angle","degree":0,"stops":[{"position":0,"color":{"argb":"FF92D050"}},{"position":1,"color":{"argb":"FFFFFFFF"}}]}',
      { color: "#92D050", pattern: "Solid" },
    ],
    ["pattern none", '{"type":"pattern","pattern":"none"}', null],
    ["text that is not JSON", "{fill", null],
  ];
  for (const [name, text, want] of cases)
    it(`${name}: ${JSON.stringify(want)}`, () => assert.deepEqual(fillOfRecord(text), want));
});

/** The examples, three cells of which had fills before the command line flagged them. */
const FILLED: Record<string, { sheet: string; cell: string; fill: ExcelJS.Fill; shows: string }> = {
  "tien-yen.xlsx": {
    sheet: "Sheet1",
    cell: "D19",
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } },
    shows: "#FFFF00",
  },
  "dam-ha.xlsx": {
    sheet: "Biểu 02",
    cell: "D13",
    fill: {
      type: "pattern",
      pattern: "solid",
      fgColor: { theme: 4, tint: 0.5999938962981048 } as unknown as ExcelJS.Color,
    },
    shows: "#B8CCE4",
  },
};

/** The demo's inputs, fills added where said, through the CLI's reader, engine and writer. */
async function cliOutput(): Promise<Uint8Array> {
  const wbs: WorkbookModel[] = [];
  for (const f of ["tien-yen.xlsx", "dam-ha.xlsx", "dang-bo-khoi-cac-co-quan-tinh.xlsx"]) {
    let bytes = new Uint8Array(readFileSync(join(EXAMPLES, f)));
    const filled = FILLED[f];
    if (filled) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      wb.getWorksheet(filled.sheet)!.getCell(filled.cell).fill = filled.fill;
      bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    }
    wbs.push((await readXlsxFast(bytes, f)).workbook!);
  }
  return writeXlsxFast(consolidate(wbs, { lang: "vi" }), wbs, {
    date: new Date(Date.UTC(2025, 0, 20)),
  });
}

/** The record's rows as the fake holds them: [sheet, cell, fill before]. */
function recordRows(xl: FakeExcel): string[][] {
  const rec = xl.names.get(FLAGS_MARKER)!.sheet;
  const rows: string[][] = [];
  for (let r = 2; r <= (rec.usedBox()?.bottom ?? 0) + 1; r++)
    rows.push(["A", "B", "C"].map((c) => String(rec.peek(`${c}${r}`)?.v ?? "")));
  return rows;
}

const values = (s: FakeSheet): string =>
  JSON.stringify([...s.cells.entries()].map(([k, c]) => [k, c.v, c.f ?? null]).sort());

/** A flagged cell of the output by its address, on the copy the record names. */
function flagged(xl: FakeExcel, rows: string[][], cell: string) {
  const row = rows.find((r) => r[1] === cell);
  assert.ok(row, `${cell} is not in the record`);
  return xl.sheet(row[0]).cell(cell);
}

describe("excel/flags: clearing a workbook the command line wrote", () => {
  let bytes: Uint8Array;
  before(async () => {
    bytes = await cliOutput();
  });

  it("restores every recorded cell's fill, removes the record, in four syncs", async () => {
    const xl = await fakeFromXlsx(bytes);
    const rows = recordRows(xl);
    assert.ok(rows.length >= 3, JSON.stringify(rows));
    const record = xl.names.get(FLAGS_MARKER)!.sheet;
    assert.equal(record.visibility, "VeryHidden");
    for (const [sheet, cell] of rows)
      assert.ok(
        FLAG_COLORS.includes(xl.sheet(sheet).peek(cell)!.fill!),
        `${sheet}!${cell} flagged`
      );
    const before = xl.sheets.filter((s) => s !== record).map(values);

    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual(cleared, { restored: rows.length, kept: 0, syncs: 4 });
    assert.equal(flagged(xl, rows, "D19").fill, FILLED["tien-yen.xlsx"].shows);
    assert.equal(flagged(xl, rows, "D13").fill, FILLED["dam-ha.xlsx"].shows);
    for (const [sheet, cell, fill] of rows)
      if (!fill)
        assert.equal(xl.sheet(sheet).peek(cell)!.fill, null, `${sheet}!${cell} had no fill`);
    assert.ok(!xl.sheets.includes(record), "the record sheet is gone");
    assert.ok(!xl.names.has(FLAGS_MARKER), "and its marker");
    assert.deepEqual(xl.sheets.map(values), before, "no value changed");

    const again = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual(again, { restored: 0, kept: 0, syncs: 1 });
  });

  it("keeps a colour the user gave a flagged cell", async () => {
    const xl = await fakeFromXlsx(bytes);
    const rows = recordRows(xl);
    flagged(xl, rows, "D19").fill = "#00B050";
    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual([cleared.restored, cleared.kept], [rows.length - 1, 1]);
    assert.equal(flagged(xl, rows, "D19").fill, "#00B050");
    assert.equal(flagged(xl, rows, "D13").fill, FILLED["dam-ha.xlsx"].shows);
  });

  it("an add-in run over it takes the record over: flags moved, then cleared to the first fills", async () => {
    const xl = await fakeFromXlsx(bytes);
    const rows = recordRows(xl);
    const written = await xl.run(async (ctx) => {
      const read = await readWorkbook(ctx, { check: xl.check });
      return writeResult(ctx, validate([read.workbook]), { check: xl.check });
    });
    assert.equal(written.syncs, 4, "one more sync to read the record");
    assert.ok(!xl.names.has(FLAGS_MARKER), "the record is taken over");
    assert.ok(xl.settings.has(FLAG_SETTING));
    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.equal(cleared.syncs, 3);
    assert.equal(flagged(xl, rows, "D19").fill, FILLED["tien-yen.xlsx"].shows);
    assert.equal(flagged(xl, rows, "D13").fill, FILLED["dam-ha.xlsx"].shows);
    for (const [sheet, cell, fill] of rows)
      if (!fill) assert.equal(xl.sheet(sheet).peek(cell)!.fill, null, `${sheet}!${cell}`);
  });
});

describe("excel/flags: round trips", () => {
  it("clears the command line's flags in four syncs for 1, 10 and 100 flagged sheets", async () => {
    const counts: number[][] = [];
    for (const n of [1, 10, 100]) {
      const xl = new FakeExcel();
      const rows: string[][] = [["sheet", "cell", "fill", "note"]];
      for (let i = 0; i < n; i++) {
        const s = xl.addSheet(`Đơn vị ${i + 1}`, [["Tổng số đảng viên", 5022 + i]]);
        for (const [cell, severity] of [
          ["B1", "error"],
          ["A1", "warning"],
          ["C3", "error"],
        ] as const) {
          s.cell(cell).fill = FLAG_FILL[severity].toUpperCase();
          s.cell(cell).pattern = "Solid";
          rows.push([
            s.name,
            cell,
            cell === "A1"
              ? '{"type":"pattern","pattern":"solid","fgColor":{"argb":"FFFFFF00"}}'
              : "",
            "",
          ]);
        }
      }
      const record = xl.addSheet("tong_hop_flags", rows);
      record.visibility = "VeryHidden";
      xl.names.set(FLAGS_MARKER, { sheet: record, address: "A1" });
      const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
      assert.equal(cleared.restored, 3 * n);
      assert.equal(xl.sheet("Đơn vị 1").peek("A1")!.fill, "#FFFF00");
      counts.push([cleared.syncs, xl.suspendCalls]);
    }
    assert.deepEqual(counts, [
      [4, 1],
      [4, 1],
      [4, 1],
    ]);
  });
});
