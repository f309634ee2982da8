import assert from "node:assert/strict";
import {
  cellAddress,
  columnLetters,
  parseAddress,
  parseRange,
  sheetFromGrid,
  cellAt,
} from "../../src/core/model";
import { formatNumber, makeIssue, renderTemplate } from "../../src/core/issue";
import {
  copyPrintSetup,
  estimateRowHeights,
  linkFormula,
  OutputSheet,
} from "../../src/core/output";

describe("sheet model addresses", () => {
  const cases: [number, string][] = [
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16383, "XFD"],
  ];
  for (const [col, letters] of cases) {
    it(`column ${col} is ${letters} and back`, () => {
      assert.equal(columnLetters(col), letters);
      assert.equal(parseAddress(letters + "1").col, col);
    });
  }
  it("cell addresses round-trip, $ ignored", () => {
    assert.equal(cellAddress(17, 4), "E18");
    assert.deepEqual(parseAddress("$E$18"), { row: 17, col: 4 });
    assert.throws(() => parseAddress("E"));
    assert.deepEqual(parseRange("C3:A1"), { top: 0, left: 0, bottom: 2, right: 2 });
  });
  it("cellAt honours the used range's origin", () => {
    const s = sheetFromGrid("x", [["a", 1], ["b"]], { address: "C5" });
    assert.equal(cellAt(s, 4, 3), 1);
    assert.equal(cellAt(s, 5, 3), "");
    assert.equal(cellAt(s, 0, 0), undefined);
    assert.equal(s.valueTypes[1][1], "Empty");
  });
});

describe("issue messages", () => {
  it("write numbers the Vietnamese and the English way", () => {
    assert.equal(formatNumber(5022, "vi"), "5.022");
    assert.equal(formatNumber(46.7, "vi"), "46,7");
    assert.equal(formatNumber(5022, "en"), "5,022");
    assert.equal(formatNumber(46.7, "en", 2), "46.70");
    assert.equal(
      renderTemplate("{n} / {d} = {p}%", { n: 2344, d: 5022, p: 46.7 }, "vi"),
      "2.344 / 5.022 = 46,7%"
    );
  });
  it("a report becomes an issue with both languages", () => {
    const meta = {
      id: "demo",
      defaultSeverity: "error" as const,
      description: { vi: "Thử", en: "Demo" },
      messages: { m: { vi: "Tỷ lệ {a}% không khớp", en: "Rate {a}% does not match" } },
    };
    const issue = makeIssue(meta, {
      messageId: "m",
      data: { a: 47.6 },
      cell: "E18",
      expected: 46.7,
      actual: 47.6,
    });
    assert.equal(issue.message.vi, "Tỷ lệ 47,6% không khớp");
    assert.equal(issue.message.en, "Rate 47.6% does not match");
    assert.equal(issue.cell, "E18");
    assert.equal(issue.severity, "error");
    assert.throws(() => makeIssue(meta, { messageId: "nope" }));
  });
});

describe("row heights for wrapped text", () => {
  const sheet = (cells: OutputSheet["cells"], merges: string[] = []): OutputSheet => ({
    role: "issues",
    name: "Kiểm tra",
    cells,
    merges,
    columnWidths: [10, 20],
    freeze: { rows: 0, cols: 0 },
    autoFilter: null,
    landscape: true,
    fitToWidth: true,
  });
  it("grows a row to the lines its longest wrapped cell needs, and no other", () => {
    const long = "Tỷ lệ 47,6% không khớp: 2.344 / 5.022 = 46,7% (mẫu số [II.1])"; // 62 chars in 19
    const h = estimateRowHeights(
      sheet([
        [{ v: "Lỗi" }, { v: long, wrap: true }],
        [{ v: "x" }, { v: "ngắn", wrap: true }],
      ])
    );
    assert.deepEqual(h, { 0: 60 });
  });
  it("leaves merged and unwrapped cells alone and caps very long text", () => {
    const long = "x".repeat(500);
    assert.deepEqual(estimateRowHeights(sheet([[{ v: long, wrap: true }]], ["A1:B1"])), {});
    assert.deepEqual(estimateRowHeights(sheet([[{ v: long }]])), {});
    assert.deepEqual(estimateRowHeights(sheet([[{ v: long, wrap: true }]])), { 0: 90 });
  });
});

describe("links as HYPERLINK formulas", () => {
  const cases: [string, string, string, string | null][] = [
    ["Xã A", "D12", "Xã A", `=HYPERLINK("#'Xã A'!D12","Xã A")`],
    ["Biểu 02", "$E$6", "E6", `=HYPERLINK("#'Biểu 02'!E6","E6")`],
    ["O'Brien", "A1", 'Xã "B"', `=HYPERLINK("#'O''Brien'!A1","Xã ""B""")`],
    ["S", "A1", "x".repeat(255), `=HYPERLINK("#'S'!A1","${"x".repeat(255)}")`],
    // Not a formula's string: longer than 255 characters, or a line break.
    ["S", "A1", "x".repeat(256), null],
    ["S", "A1", "hai\ndòng", null],
  ];
  for (const [sheet, cell, text, want] of cases) {
    it(`${sheet}!${cell} ${JSON.stringify(text.slice(0, 12))} → ${want?.slice(0, 30) ?? "null"}`, () =>
      assert.equal(linkFormula(sheet, cell, text), want));
  }
});

describe("print setup of a unit sheet's copy", () => {
  const grid = (columns: number) => sheetFromGrid("S", [new Array<string>(columns).fill("x")]);
  it("is portrait for a form as wide as a portrait page holds at a readable scale", () => {
    // STT, Chỉ tiêu, ĐVT, Số lượng, Tỷ lệ, Ghi chú: 126 characters, as examples/binh-lieu.xlsx.
    const widths = { 0: 6, 1: 58, 2: 11, 3: 12, 4: 11, 5: 28 };
    assert.deepEqual(copyPrintSetup(grid(6), widths), { landscape: false });
  });
  it("is landscape for a wide form, hidden columns left out", () => {
    assert.deepEqual(copyPrintSetup(grid(16), {}), { landscape: true }); // 16 × 9 = 144
    const s = grid(16);
    s.hiddenColumns = [10, 11, 12, 13, 14, 15];
    assert.deepEqual(copyPrintSetup(s, {}), { landscape: false });
  });
});
