import assert from "node:assert/strict";
import { analyzeWorkbooks, consolidate, detectSheets, validate } from "../../src/core/engine";
import { CellValue, WorkbookModel, sheetFromGrid } from "../../src/core/model";
import { OutputSheet } from "../../src/core/output";
import { UNITS, oneWorkbook, unitSheet } from "../fixtures/units";
import { Line, SmallUnit, smallSheet } from "./build";

/** An output tab read back as a sheet, as a re-run finds it in the workbook. */
function asSheet(out: OutputSheet, name: string): ReturnType<typeof sheetFromGrid> {
  const grid: CellValue[][] = out.cells.map((row) =>
    row.map((c) => (c.v === undefined ? "" : c.v))
  );
  return sheetFromGrid(name, grid);
}

const lines = (total: CellValue, women: CellValue): Line[] => [
  ["1", "Tổng số đảng viên", "Người", total, ""],
  ["1.1", "Trong đó: nữ", "Người", women, ""],
];

describe("engine", () => {
  it("detects each sheet's kind, with a reason in both languages", () => {
    const wb: WorkbookModel = {
      file: "tinh.xlsx",
      sheets: [
        sheetFromGrid("Hướng dẫn", [["Hướng dẫn ghi biểu"], ["Ghi số đến ngày 31/12/2025"]]),
        sheetFromGrid("Mẫu", [
          ["STT", "Chỉ tiêu", "Số lượng"],
          ["1", "Tổng số đảng viên", ""],
        ]),
        unitSheet(UNITS[0]),
        sheetFromGrid("Trống", [[""]]),
      ],
    };
    const infos = detectSheets(wb);
    assert.deepEqual(
      infos.map((i) => [i.sheet, i.kind, i.unitName]),
      [
        ["Hướng dẫn", "other", null],
        ["Mẫu", "template", null],
        ["Đầm Hà", "unit", "Đảng ủy xã Đầm Hà"],
        ["Trống", "other", null],
      ]
    );
    for (const i of infos) assert.equal(i.reason.split("\n").length, 2, i.reason);
  });

  it("a re-run over its own output: our tabs are not units, even renamed", () => {
    const first = consolidate([oneWorkbook(UNITS.slice(0, 3))]);
    const again: WorkbookModel = oneWorkbook(UNITS.slice(0, 3));
    again.sheets.push(asSheet(first.sheets[0], "Tổng hợp"), asSheet(first.sheets[0], "Bảng 2"));
    const second = consolidate([again]);
    assert.equal(second.units.length, 3);
    assert.deepEqual(second.totals, first.totals);
    assert.deepEqual(
      detectSheets(again)
        .filter((s) => s.kind === "ours")
        .map((s) => s.sheet),
      ["Tổng hợp", "Bảng 2"]
    );
  });

  it("a value that cannot be read is left out of the total, with an issue naming unit and cell", () => {
    const units: SmallUnit[] = [
      { name: "Đảng ủy xã A", lines: lines(100, 40) },
      { name: "Đảng ủy xã B", lines: lines("khoảng 80", 30) },
      { name: "Đảng ủy xã C", lines: lines("5,022", 25) },
      { name: "Đảng ủy xã D", lines: lines(60, "#N/A") },
    ];
    const r = consolidate([{ file: "u.xlsx", sheets: units.map(smallSheet) }]);
    assert.equal(r.totals[0].values["Số lượng"], 160);
    assert.equal(r.totals[1].values["Số lượng"], 95);
    const left = r.issues.filter((i) => i.rule === "left-out");
    assert.deepEqual(
      left.map((i) => [i.unit, i.cell, i.actual]),
      [
        ["Đảng ủy xã B", "D6", "khoảng 80"],
        ["Đảng ủy xã C", "D6", "5,022"],
        ["Đảng ủy xã D", "D7", "#N/A"],
      ]
    );
    assert.match(left[0].message.vi, /khoảng 80/);
  });

  it("a count of people with decimals (5.022 typed in English Excel) is left out, with the probable figure", () => {
    const units: SmallUnit[] = [
      { name: "Đảng ủy xã A", lines: lines(5022, 40) },
      { name: "Đảng ủy xã B", lines: lines(5.022, 30) },
      { name: "Đảng ủy xã C", lines: lines(1200, 25) },
    ];
    const r = consolidate([{ file: "u.xlsx", sheets: units.map(smallSheet) }]);
    assert.equal(r.totals[0].values["Số lượng"], 6222);
    const left = r.issues.filter((i) => i.rule === "left-out");
    assert.deepEqual(
      left.map((i) => [i.unit, i.cell, i.actual, i.expected]),
      [["Đảng ủy xã B", "D6", 5.022, 5022]]
    );
    assert.match(left[0].message.vi, /có lẽ là 5\.022/);
    // The unit's column shows what it wrote, as text, so that the SUM formula agrees with the total.
    const sheet = r.sheets[0];
    const row = sheet.cells.find((c) => c[0]?.v === "1")!;
    assert.equal(row[3].v, 6222);
    assert.equal(row[6].v, "5.022");
  });

  it("a fraction Excel turned into a date is left out and named as such", () => {
    const sheet = smallSheet({ name: "Đảng ủy xã E", lines: lines(45910, 30) });
    sheet.numberFormat[5][3] = "d-mmm";
    const r = consolidate([
      {
        file: "u.xlsx",
        sheets: [smallSheet({ name: "Đảng ủy xã A", lines: lines(100, 40) }), sheet],
      },
    ]);
    assert.equal(r.totals[0].values["Số lượng"], 100);
    const left = r.issues.find((i) => i.rule === "left-out")!;
    assert.equal(left.cell, "D6");
    assert.match(left.message.vi, /“9\/10”.*ngày tháng/);
  });

  it("speaks English on its own tab when asked, and reports progress", () => {
    const seen: number[] = [];
    const r = consolidate([oneWorkbook(UNITS.slice(0, 3))], {
      lang: "en",
      onProgress: (done, total) => seen.push(done / total),
    });
    const sheet = r.sheets[0];
    assert.equal(sheet.cells[2][0].v, "Units consolidated: 3");
    assert.deepEqual(
      sheet.cells[5].slice(0, 4).map((c) => c.v),
      ["No.", "Indicator", "Unit", "Total"]
    );
    assert.deepEqual(seen, [1 / 3, 2 / 3, 1]);
  });

  it("a percentage with no base learned is left blank, with an info issue, never summed", () => {
    const u = (name: string, total: number, pct: number): SmallUnit => ({
      name,
      lines: [
        ["1", "Tổng số đảng viên", "Người", total, ""],
        ["2", "Đảng viên được đánh giá hoàn thành tốt nhiệm vụ", "Người", "", pct],
      ],
    });
    const r = consolidate([
      { file: "u.xlsx", sheets: [u("A", 100, 80), u("B", 200, 90)].map(smallSheet) },
    ]);
    assert.equal(r.totals[1].values["Tỷ lệ (%)"], null);
    assert.ok(r.issues.some((i) => i.rule === "total-blank" && i.severity === "info"));
  });

  it("one unit alone is consolidated too, and what could not be learned is listed", () => {
    const r = consolidate([{ file: "a.xlsx", sheets: [unitSheet(UNITS[0])] }]);
    assert.equal(r.units.length, 1);
    assert.equal(r.totals.find((t) => t.code === "3")!.values["Số lượng"], UNITS[0].figures.dv);
    const a = analyzeWorkbooks([{ file: "a.xlsx", sheets: [unitSheet(UNITS[0])] }]);
    assert.ok(a.notLearned.length > 0);
  });

  it("restricts the run to the sheets asked for", () => {
    const wb = oneWorkbook(UNITS.slice(0, 4));
    const r = consolidate([wb], { only: [{ file: wb.file, sheet: UNITS[1].sheet }] });
    assert.deepEqual(
      r.units.map((u) => u.name),
      [UNITS[1].name]
    );
  });

  it("validate reports units and issues, no totals and no summary tab", () => {
    const r = validate([oneWorkbook(UNITS.slice(0, 4))]);
    assert.equal(r.units.length, 4);
    assert.deepEqual(r.totals, []);
    assert.ok(!r.sheets.some((s) => s.role === "summary"));
  });

  it("counts percentages stored every way identically", () => {
    const a = analyzeWorkbooks([oneWorkbook()]);
    const llct = a.rows.find((r) => r.code === "4")!.key;
    for (const u of a.units) {
      const row = u.rows.find((r) => r.key === llct)!;
      const pct = row.cells[u.measures.findIndex((m) => m.kind === "percent")];
      const spec = UNITS.find((s) => s.name === u.unitName)!;
      const want =
        Math.floor((2000 * spec.figures.llct + spec.figures.dv) / (2 * spec.figures.dv)) / 10;
      assert.equal(pct.status, "number", u.unitName);
      assert.equal(Number(pct.exact), want, `${u.unitName}: ${String(pct.raw)}`);
      assert.equal(pct.decimals, 1, u.unitName);
    }
  });
});
