import { strict as assert } from "node:assert";
import { OutputSheet } from "../../src/core/output";
import { sheetOfReference, splitAreas, stripSheet } from "../../src/excel/address";
import { Job, isPayloadTooLarge, packJobs } from "../../src/excel/batch";
import {
  cellInput,
  hyperlinkFormula,
  needsTextEscape,
  styleRuns,
  widthToPoints,
} from "../../src/excel/cells";
import { cleanSheetName, markerName, roleOfMarker, uniqueSheetName } from "../../src/excel/markers";
import {
  checkerUpTo,
  missingFeatures,
  requirementMessage,
  supports,
} from "../../src/excel/requirements";

describe("excel parts", () => {
  describe("text that Excel would reinterpret is escaped", () => {
    const escaped = [
      "=SUM(A1)",
      "+84",
      "-",
      "- Chi bộ",
      "@x",
      "'quoted",
      "#N/A",
      " 12",
      "5.022",
      "46,7",
      "1.1",
      "9/10",
      "(5)",
      "TRUE",
      "false",
      "Mar 5",
      "December 2024",
      "%",
      "$5",
    ];
    const plain = [
      "Tổng số đảng viên",
      "Chi bộ cơ sở",
      "Trong đó: nữ",
      "I",
      "II",
      "a",
      "STT",
      "Marker",
      "Decree 11",
      "Kỳ này",
      "đạt 46,7%",
    ];
    for (const s of escaped)
      it(`escaped: ${JSON.stringify(s)}`, () => assert.equal(cellInput({ v: s }), "'" + s));
    for (const s of plain)
      it(`as is: ${JSON.stringify(s)}`, () => assert.equal(needsTextEscape(s), false));
    it("numbers, booleans, formulas and blanks pass through", () => {
      assert.deepEqual(
        [
          cellInput({ v: 5022 }),
          cellInput({ v: true }),
          cellInput({ f: "SUM(C5:C9)", v: 3 }),
          cellInput({ v: "" }),
          cellInput(undefined),
        ],
        [5022, true, "=SUM(C5:C9)", "", ""]
      );
    });
  });

  it("writes HYPERLINK formulas with quotes doubled", () => {
    assert.equal(
      hyperlinkFormula('Đơn vị "A"', "E9", 'Ô "E9"'),
      '=HYPERLINK("#\'Đơn vị ""A""\'!E9","Ô ""E9""")'
    );
  });

  it("groups styles into runs per row", () => {
    const sheet = {
      cells: [
        [
          { v: 1, bold: true },
          { v: 2, bold: true },
          { v: 3 },
          { v: 4, bold: true, fill: "#FFFF00" },
        ],
        [
          { v: 5, border: true },
          { v: 6, border: true, bold: false },
        ],
      ],
    } as unknown as OutputSheet;
    assert.deepEqual(styleRuns(sheet), [
      { row: 0, c0: 0, c1: 1, key: "bold", value: true },
      { row: 0, c0: 3, c1: 3, key: "bold", value: true },
      { row: 0, c0: 3, c1: 3, key: "fill", value: "#FFFF00" },
      { row: 1, c0: 0, c1: 1, key: "border", value: true },
    ]);
  });

  it("converts widths in characters to points as Excel does (8.43 characters = 48 pt)", () => {
    assert.equal(widthToPoints(8.43), 48);
  });

  it("reads addresses as Office.js writes them", () => {
    assert.equal(stripSheet("'Tổng hợp'!$A$1:$C$3"), "A1:C3");
    assert.equal(sheetOfReference("='Bà Rịa''s'!$A$1"), "Bà Rịa's");
    assert.equal(sheetOfReference("Sheet1!$A$1"), "Sheet1");
    assert.equal(sheetOfReference("#REF!"), null);
    assert.deepEqual(splitAreas("'a, b'!A1:B1, 'a, b'!D4,Sheet1!C2"), [
      "'a, b'!A1:B1",
      "'a, b'!D4",
      "Sheet1!C2",
    ]);
  });

  it("names our tabs' markers and gives a free sheet name", () => {
    assert.equal(markerName("summary"), "tong_hop_output.summary");
    assert.equal(roleOfMarker("TONG_HOP_OUTPUT.ISSUES"), "issues");
    assert.equal(roleOfMarker("tong_hop_output.flags"), null);
    assert.equal(roleOfMarker("tong_hop_output_summary"), null);
    assert.equal(uniqueSheetName("Tổng hợp", ["tổng hợp", "Tổng hợp (2)"]), "Tổng hợp (3)");
    assert.equal(uniqueSheetName("Kiểm tra", ["Tổng hợp"]), "Kiểm tra");
    assert.equal(cleanSheetName("Báo cáo: quý I/2025 [bản 2]"), "Báo cáo_ quý I_2025 _bản 2_");
    assert.equal(cleanSheetName("History"), "History_");
    assert.equal(cleanSheetName("'  '"), "Sheet");
    assert.equal(uniqueSheetName("x".repeat(40), ["x".repeat(31)]), "x".repeat(27) + " (2)");
  });

  it("packs jobs under the budget, one oversized job alone", () => {
    const job = (bytes: number): Job => ({ bytes, queue: () => () => {} });
    const sizes = packJobs([job(40), job(50), job(20), job(300), job(10)], 100).map((b) =>
      b.map((j) => j.bytes)
    );
    assert.deepEqual(sizes, [[40, 50], [20], [300], [10]]);
    assert.equal(isPayloadTooLarge({ code: "ResponsePayloadSizeLimitExceeded" }), true);
    assert.equal(isPayloadTooLarge({ code: "ItemNotFound", message: "no sheet" }), false);
  });

  it("knows which Excel brings which feature", () => {
    const excel2019 = checkerUpTo("1.8");
    assert.equal(supports(excel2019, "freezePanes"), true);
    assert.equal(supports(excel2019, "screenUpdating"), false);
    assert.deepEqual(
      missingFeatures(excel2019).map((m) => m.id),
      [
        "screenUpdating",
        "autoFilter",
        "pageLayout",
        "cellProperties",
        "fillPattern",
        "comments",
        "mergedAreas",
        "insertWorksheets",
        "notes",
      ]
    );
    const m = requirementMessage("insertWorksheets");
    assert.match(
      m.vi,
      /^Cần Excel 2021 hoặc Microsoft 365 \(phiên bản 2102 trở lên\), Excel trên web \(ExcelApi 1\.13\) để nhập trang/
    );
    assert.match(m.en, /Instead: open each file and copy its sheets \(Move or Copy\)/);
  });
});
