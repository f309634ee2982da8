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
import { NOTE_MARK } from "../../src/xlsx/plan";
import { FLAG_SETTING, FLAGS_MARKER } from "../../src/excel/markers";
import { readWorkbook } from "../../src/excel/read";
import { requirementMessage } from "../../src/excel/requirements";
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

/** The record's rows as the fake holds them: [sheet, cell, fill before, note before]. */
function recordRows(xl: FakeExcel): string[][] {
  const rec = xl.names.get(FLAGS_MARKER)!.sheet;
  const rows: string[][] = [];
  for (let r = 2; r <= (rec.usedBox()?.bottom ?? 0) + 1; r++)
    rows.push(["A", "B", "C", "D"].map((c) => String(rec.peek(`${c}${r}`)?.v ?? "")));
  return rows;
}

/** Every sheet's notes but the record's, by sheet name. */
const notesOf = (xl: FakeExcel, record: FakeSheet) =>
  xl.sheets.filter((s) => s !== record).map((s) => [s.name, [...s.notes].sort()]);

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

    const notesBefore = notesOf(xl, record);
    assert.ok(JSON.stringify(notesBefore).includes(NOTE_MARK), "the CLI wrote its notes");
    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual(cleared, {
      restored: rows.length,
      kept: 0,
      syncs: 4,
      notice: requirementMessage("notes"),
    });
    assert.deepEqual(notesOf(xl, record), notesBefore, "without ExcelApi 1.18 no note is touched");
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

/**
 * One unit sheet whose B7 the command line flagged: the record's row gives the note before (`before`), the
 * cell's note is `now` (null: none). With ExcelApi 1.18 unless said.
 */
function noteWorkbook(before: string, now: string | null, api = "1.18") {
  const xl = new FakeExcel({ api });
  const s = xl.addSheet("Đơn vị 1", [["Tổng số đảng viên", 5022]]);
  s.cell("B7").v = 46.7;
  s.cell("B7").fill = FLAG_FILL.error.toUpperCase();
  s.cell("B7").pattern = "Solid";
  if (now !== null) s.notes.set("B7", now);
  const record = xl.addSheet("tong_hop_flags", [
    ["sheet", "cell", "fill", "note"],
    [s.name, "B7", "", before],
  ]);
  record.visibility = "VeryHidden";
  xl.names.set(FLAGS_MARKER, { sheet: record, address: "A1" });
  return { xl, s };
}

describe("excel/flags: the command line's notes", () => {
  const ours = `${NOTE_MARK}Tổng số 5.022 khác tổng các dòng 5.021`;
  const ours2 = `${NOTE_MARK}Tỷ lệ 46,7% vượt 40%`;
  // [case, note before (record), note now, note after clearing (null: none), notes restored]
  const cases: [string, string, string | null, string | null, number][] = [
    ["our note only: deleted", "", ours, null, 1],
    ["two of our lines only: deleted", "", `${ours}\n${ours2}`, null, 1],
    [
      "the unit's note and ours: the unit's back",
      "Số liệu ước tính",
      `Số liệu ước tính\n${ours}`,
      "Số liệu ước tính",
      1,
    ],
    [
      "the unit's note of two lines and ours: both its lines back",
      "Số liệu ước tính\nChờ quyết toán",
      `Số liệu ước tính\nChờ quyết toán\n${ours}\n${ours2}`,
      "Số liệu ước tính\nChờ quyết toán",
      1,
    ],
    ["the user edited ours away: unchanged", "", "Đã kiểm tra lại", "Đã kiểm tra lại", 0],
    [
      "the user edited ours away, the unit's note stays: unchanged",
      "Số liệu ước tính",
      "Số liệu ước tính\nĐã kiểm tra lại",
      "Số liệu ước tính\nĐã kiểm tra lại",
      0,
    ],
    [
      "the user added a line: theirs kept, ours gone",
      "",
      `${ours}\nĐã gọi đơn vị xác nhận`,
      "Đã gọi đơn vị xác nhận",
      1,
    ],
    [
      "the unit's note, ours, and a line of the user's: the unit's and the user's",
      "Số liệu ước tính",
      `Số liệu ước tính\n${ours}\nĐã gọi đơn vị xác nhận`,
      "Số liệu ước tính\nĐã gọi đơn vị xác nhận",
      1,
    ],
    [
      "the user rewrote the unit's part: their text kept, ours gone",
      "Số liệu ước tính",
      `Số liệu chính thức\n${ours}`,
      "Số liệu chính thức",
      1,
    ],
    ["the user deleted the note: still none", "Số liệu ước tính", null, null, 0],
    [
      "a flag of two messages (the second without the mark) and a user's line: the user's",
      "",
      `${ours}\n3,412 (Tổng số đảng viên, Số lượng) có lẽ là 3.412 gõ trong Excel tiếng Anh; không cộng vào số tổng hợp, đề nghị sửa lại\nĐã gọi đơn vị xác nhận`,
      "Đã gọi đơn vị xác nhận",
      1,
    ],
  ];
  for (const [name, before, now, want, restored] of cases)
    it(name, async () => {
      const { xl, s } = noteWorkbook(before, now);
      const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
      assert.equal(s.notes.get("B7") ?? null, want);
      assert.deepEqual(cleared, { restored: 1, kept: 0, syncs: 4, notes: restored });
      assert.equal(s.peek("B7")!.fill, null, "the fill is restored");
      assert.equal(s.peek("B7")!.v, 46.7, "the value is not changed");
      assert.equal(s.peek("B1")!.v, 5022);
    });

  it("without ExcelApi 1.18: notes untouched, fills restored, and the message that says why", async () => {
    const { xl, s } = noteWorkbook("Số liệu ước tính", `Số liệu ước tính\n${ours}`, "1.17");
    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.equal(s.notes.get("B7"), `Số liệu ước tính\n${ours}`);
    assert.equal(s.peek("B7")!.fill, null);
    assert.deepEqual(cleared, {
      restored: 1,
      kept: 0,
      syncs: 4,
      notice: requirementMessage("notes"),
    });
    assert.match(cleared.notice!.vi, /ExcelApi 1\.18.*xóa bằng tay/);
    assert.match(cleared.notice!.en, /Microsoft 365 \(version 2501 or later\).*deleted by hand/);
  });

  it("with ExcelApi 1.18 a workbook the command line wrote keeps only the units' notes", async () => {
    const xl = await fakeFromXlsx(await cliOutput(), { api: "1.18" });
    const rows = recordRows(xl);
    const record = xl.names.get(FLAGS_MARKER)!.sheet;
    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.equal(cleared.syncs, 4);
    assert.equal(cleared.notes, rows.length, "every flagged cell had our note");
    assert.ok(!JSON.stringify(notesOf(xl, record)).includes(NOTE_MARK.trim()), "none of ours left");
    for (const [sheet, cell, , note] of rows)
      assert.equal(xl.sheet(sheet).notes.get(cell) ?? "", note, `${sheet}!${cell}`);
  });
});

describe("excel/flags: round trips", () => {
  it("clears the command line's flags and notes in four syncs for 1, 10 and 100 flagged sheets", async () => {
    const counts: (number | string)[][] = [];
    for (const [api, n] of [
      ["1.13", 1],
      ["1.13", 10],
      ["1.13", 100],
      ["1.18", 1],
      ["1.18", 10],
      ["1.18", 100],
    ] as const) {
      const xl = new FakeExcel({ api });
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
          const unit = cell === "C3" ? "Số liệu ước tính" : "";
          const ours = `${NOTE_MARK}Tổng số ${5022 + i} khác tổng các dòng`;
          s.notes.set(cell, unit ? `${unit}\n${ours}` : ours);
          rows.push([
            s.name,
            cell,
            cell === "A1"
              ? '{"type":"pattern","pattern":"solid","fgColor":{"argb":"FFFFFF00"}}'
              : "",
            unit,
          ]);
        }
      }
      const record = xl.addSheet("tong_hop_flags", rows);
      record.visibility = "VeryHidden";
      xl.names.set(FLAGS_MARKER, { sheet: record, address: "A1" });
      const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
      assert.equal(cleared.restored, 3 * n);
      assert.equal(xl.sheet("Đơn vị 1").peek("A1")!.fill, "#FFFF00");
      const last = xl.sheet(`Đơn vị ${n}`);
      const notes = [...last.notes].sort().join(" | ");
      counts.push([api, n, cleared.syncs, xl.suspendCalls, cleared.notes ?? "-", notes]);
    }
    const ours = (n: number) => `${NOTE_MARK}Tổng số ${5021 + n} khác tổng các dòng`;
    const untouched = (n: number) =>
      `A1,${ours(n)} | B1,${ours(n)} | C3,Số liệu ước tính\n${ours(n)}`;
    assert.deepEqual(counts, [
      ["1.13", 1, 4, 1, "-", untouched(1)],
      ["1.13", 10, 4, 1, "-", untouched(10)],
      ["1.13", 100, 4, 1, "-", untouched(100)],
      ["1.18", 1, 4, 1, 3, "C3,Số liệu ước tính"],
      ["1.18", 10, 4, 1, 30, "C3,Số liệu ước tính"],
      ["1.18", 100, 4, 1, 300, "C3,Số liệu ước tính"],
    ]);
  });
});
