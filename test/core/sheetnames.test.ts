import assert from "node:assert/strict";
import { copySheetNames, safeSheetName, uniqueSheetName } from "../../src/core/sheetnames";

describe("core/sheetnames: names Excel accepts for the output's sheets", () => {
  const safe: [string, string][] = [
    ["Biểu 02", "Biểu 02"],
    ["Đảng bộ huyện Đầm Hà", "Đảng bộ huyện Đầm Hà"],
    ["Q1/2025: tổng [hợp]?*\\", "Q1_2025_ tổng _hợp____"],
    ["'Trích'", "Trích"],
    ["   ", "Sheet"],
    ["History", "History_"],
    ["Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh", "Đảng bộ Khối các cơ quan và doa"],
    ["Ho\u0300a Bi\u0300nh", "Hòa Bình"],
    ["tab\tnew\nline", "tab new line"],
  ];
  for (const [wanted, expected] of safe) {
    it(`${JSON.stringify(wanted)} → ${JSON.stringify(expected)}`, () => {
      const got = safeSheetName(wanted);
      assert.equal(got, expected);
      assert.ok(Array.from(got).length <= 31);
    });
  }

  it("makes names unique regardless of case, keeping 31 characters", () => {
    const taken = new Set<string>();
    const long = "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh";
    assert.deepEqual(
      ["Biểu 02", "biểu 02", "BIỂU 02", long, long].map((n) => uniqueSheetName(n, taken)),
      [
        "Biểu 02",
        "biểu 02 (2)",
        "BIỂU 02 (3)",
        "Đảng bộ Khối các cơ quan và doa",
        "Đảng bộ Khối các cơ quan và (2)",
      ]
    );
  });

  it("names copies after the sheet when it is unique, after the unit when sheets share a name", () => {
    const names = copySheetNames(
      [
        { sheet: "Biểu 02", name: "Đảng bộ huyện Đầm Hà" },
        { sheet: "Vân Đồn", name: "Đảng bộ huyện Vân Đồn" },
        { sheet: "Biểu 02", name: "Đảng bộ huyện Bình Liêu" },
        { sheet: "Tổng hợp", name: "Đảng bộ Khối" },
        { sheet: "Sheet1", name: null },
        { sheet: "sheet1", name: null },
      ],
      ["Tổng hợp", "Kiểm tra"]
    );
    assert.deepEqual(names, [
      "Đảng bộ huyện Đầm Hà",
      "Vân Đồn",
      "Đảng bộ huyện Bình Liêu",
      "Tổng hợp (2)",
      "Sheet1",
      "sheet1 (2)",
    ]);
  });
});
