import assert from "node:assert/strict";
import { consolidate } from "../../src/core/engine";
import { cellAddress, sheetFromGrid } from "../../src/core/model";
import { unitSheetNames } from "../../src/core/summary-sheet";
import { copySheetNames } from "../../src/core/sheetnames";
import { analyze } from "../../src/core/match";
import { UNITS, unitWorkbooks } from "../fixtures/units";
import { sheetEvaluator } from "./sheet-eval";

/** Evaluates the few functions our summary writes, over the tab's own cells, as a spreadsheet would. */
const evaluator = sheetEvaluator;

describe("the Tổng hợp tab", () => {
  const result = consolidate(unitWorkbooks());
  const sheet = result.sheets.find((s) => s.role === "summary")!;
  const evaluate = evaluator(sheet);

  it("is named Tổng hợp, landscape, fitted to width, header and label columns frozen", () => {
    assert.equal(sheet.name, "Tổng hợp");
    assert.equal(sheet.landscape, true);
    assert.equal(sheet.fitToWidth, true);
    assert.equal(sheet.freeze.cols, 3);
    assert.equal(sheet.freeze.rows, 7);
    assert.equal(sheet.columnWidths.length, sheet.cells[5].length);
  });

  it("carries the form's title, period and the number of units", () => {
    assert.equal(sheet.cells[0][0].v, "BÁO CÁO SỐ LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN");
    assert.equal(sheet.cells[1][0].v, "Kỳ báo cáo: Năm 2025");
    assert.equal(sheet.cells[2][0].v, `Số đơn vị tổng hợp: ${UNITS.length}`);
  });

  it("every formula computes the value it caches, and the totals the JSON reports", () => {
    let formulas = 0;
    sheet.cells.forEach((row, r) =>
      row.forEach((c, col) => {
        if (!c.f) return;
        formulas++;
        const got = evaluate(cellAddress(r, col));
        assert.equal(got === "" ? "" : got, c.v, `${cellAddress(r, col)} ${c.f}`);
      })
    );
    assert.ok(formulas >= 20, `${formulas} formulas`);
    // Row of code 3 (Tổng số đảng viên): the SUM over 12 unit columns.
    const r3 = sheet.cells.findIndex((row) => row[0]?.v === "3");
    const t3 = result.totals.find((t) => t.code === "3")!;
    assert.match(sheet.cells[r3][3].f!, /^=SUM\(F\d+:Q\d+\)$/);
    assert.equal(sheet.cells[r3][3].v, t3.values["Số lượng"]);
    const r4 = sheet.cells.findIndex((row) => row[0]?.v === "4");
    assert.match(sheet.cells[r4][4].f!, /^=IF\(N\(D\d+\)=0,"",ROUND\(D\d+\/D\d+\*100,1\)\)$/);
    assert.equal(sheet.cells[r4][4].fmt, "0.0");
    assert.equal(sheet.cells[r3][3].fmt, "#,##0");
  });

  it("has one column per unit, headed by the unit's name linked to its sheet", () => {
    const header = sheet.cells[6];
    const names = unitSheetNames(analyze(unitWorkbooks()).units);
    UNITS.forEach((u, k) => {
      const c = header[5 + k];
      assert.equal(c.v, u.name);
      assert.deepEqual(c.link?.sheet, names[k]);
    });
    // Units' values are numbers, however they wrote them ("6.991" as text).
    const r3 = sheet.cells.findIndex((row) => row[0]?.v === "3");
    const uongBi = UNITS.findIndex((u) => u.countsAsText);
    assert.equal(sheet.cells[r3][5 + uongBi].v, UNITS[uongBi].figures.dv);
  });

  it("makes every column wide enough for its numbers (no #####), text in a number column right-aligned", () => {
    const big = (sheet: string, name: string, n: number | string) =>
      sheetFromGrid(sheet, [
        [`Đơn vị báo cáo: ${name}`],
        ["STT", "Chỉ tiêu", "Số lượng"],
        ["1", "Thu nhập bình quân", n],
        ["2", "Tổng số đảng viên", 12],
      ]);
    const out = consolidate([
      { file: "a.xlsx", sheets: [big("A", "Xã A", 123456789.25)] },
      { file: "b.xlsx", sheets: [big("B", "Xã B", 987654321.5)] },
      { file: "c.xlsx", sheets: [big("C", "Xã C", "khoảng 80")] },
    ]).sheets[0];
    const rows = out.cells.filter((r) => r[1]?.v === "Thu nhập bình quân");
    assert.equal(rows.length, 1);
    const row = rows[0];
    // "987,654,321.50" is 14 characters: its column (a unit's) and the total's (1,111,111,110.75) fit them.
    row.forEach((c, col) => {
      if (typeof c?.v !== "number") return;
      const shown = c.v.toLocaleString("en-US", {
        minimumFractionDigits: (c.fmt?.split(".")[1] ?? "").length,
      });
      assert.ok(
        out.columnWidths[col] >= shown.length + 1,
        `${col}: ${shown} in ${out.columnWidths[col]}`
      );
    });
    const text = row.find((c) => c?.v === "khoảng 80");
    assert.equal(text?.align, "right");
  });

  it("writes what units wrote as plain values, never as formulas", () => {
    const evil = sheetFromGrid("=HYPERLINK", [
      ['Đơn vị báo cáo: =HYPERLINK("http://x","y")'],
      ["STT", "Chỉ tiêu", "Số lượng"],
      ["1", "=1+1 đảng viên", "@SUM(1)"],
      ["2", "+Tổng số", 5],
    ]);
    const out = consolidate([{ file: "e.xlsx", sheets: [evil] }]).sheets[0];
    for (const row of out.cells)
      for (const c of row) if (c.f) assert.match(c.f, /^=(SUM|IF)\(/, `unexpected formula ${c.f}`);
    const texts = out.cells.flat().map((c) => c.v);
    assert.ok(texts.includes("=1+1 đảng viên"));
    assert.ok(texts.includes("@SUM(1)"));
  });

  it("names unit copies uniquely, the unit's name when sheet names clash", () => {
    const same = (name: string) =>
      sheetFromGrid("Biểu 01", [
        [`Đơn vị báo cáo: ${name}`],
        ["Chỉ tiêu", "Số lượng"],
        ["Tổng số đảng viên", 1],
      ]);
    const a = analyze([
      { file: "a.xlsx", sheets: [same("Đảng ủy xã A")] },
      { file: "b.xlsx", sheets: [same("Đảng ủy xã B")] },
      {
        file: "c.xlsx",
        sheets: [
          sheetFromGrid("Tổng hợp 2", [
            ["Chỉ tiêu", "Số lượng"],
            ["Tổng số đảng viên", 1],
          ]),
        ],
      },
    ]);
    assert.deepEqual(unitSheetNames(a.units), ["Đảng ủy xã A", "Đảng ủy xã B", "Tổng hợp 2"]);
  });

  it("names unit copies by the writers' one rule (sheetnames.ts), so links and copies agree", () => {
    const unit = (sheet: string, name: string) =>
      sheetFromGrid(sheet, [
        [`Đơn vị báo cáo: ${name}`],
        ["Chỉ tiêu", "Số lượng"],
        ["Tổng số đảng viên", 1],
      ]);
    const long = "Đảng bộ xã Quảng Tân thuộc huyện Đầm Hà tỉnh Quảng Ninh";
    const a = analyze([
      { file: "a.xlsx", sheets: [unit("Biểu 01", long)] },
      { file: "b.xlsx", sheets: [unit("Biểu 01", `${long} (bổ sung)`)] },
      { file: "c.xlsx", sheets: [unit("Kiểm tra [1]", "Xã C")] },
      { file: "d.xlsx", sheets: [unit("kiểm tra _1_", "Xã D")] },
    ]);
    const expected = copySheetNames(
      a.units.map((u) => ({ sheet: u.sheet.name, name: u.unitName })),
      ["Tổng hợp", "Kiểm tra", "Quy tắc"]
    );
    assert.deepEqual(unitSheetNames(a.units), expected);
    assert.equal(new Set(expected.map((n) => n.toLowerCase())).size, 4);
    for (const n of expected) assert.ok(Array.from(n).length <= 31, n);
  });
});
