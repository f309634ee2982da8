import assert from "node:assert/strict";
import { analyze } from "../../src/core/match";
import { labelSimilarity, median } from "../../src/core/match";
import { Line, SmallUnit, smallSheet, workbooksOf } from "./build";

const FORM_LINES: Line[] = [
  ["1", "Tổng số đảng viên", "Người", 100],
  ["1.1", "Nữ", "Người", 40],
  ["2", "Đảng viên mới kết nạp", "Người", 10],
  ["2.1", "Nữ", "Người", 6],
  ["3", "Đảng viên được miễn sinh hoạt", "Người", 2],
];

function unit(name: string, lines: Line[]): SmallUnit {
  return { name, lines, headers: ["Số lượng"] };
}

describe("matching rows across units", () => {
  it("keeps the template's order; a unit's extra row follows its predecessor; a lacking row is still there", () => {
    const template = smallSheet({
      ...unit(
        "",
        FORM_LINES.map((l) => [l[0], l[1], l[2], ""] as Line)
      ),
      sheet: "Mẫu",
    });
    const a = analyze(
      workbooksOf(
        [
          unit("A", FORM_LINES),
          unit("B", [
            ...FORM_LINES.slice(0, 2),
            ["1.2", "Dân tộc thiểu số", "Người", 5],
            ...FORM_LINES.slice(2),
          ]),
          unit("C", [FORM_LINES[2], FORM_LINES[3], FORM_LINES[0], FORM_LINES[1]]),
        ],
        [template]
      )
    );
    assert.deepEqual(
      a.rows.map((r) => [r.label, r.unitCount, r.inForm]),
      [
        ["Tổng số đảng viên", 3, true],
        ["Nữ", 3, true],
        ["Dân tộc thiểu số", 1, false],
        ["Đảng viên mới kết nạp", 3, true],
        ["Nữ", 3, true],
        ["Đảng viên được miễn sinh hoạt", 2, true],
      ]
    );
    // The two “Nữ” rows are told apart by their parents.
    assert.deepEqual(
      a.rows.filter((r) => r.label === "Nữ").map((r) => r.key),
      ["tổng số đảng viên > nữ", "đảng viên mới kết nạp > nữ"]
    );
  });

  it("without a template: the order most units use, the rows most units have", () => {
    const a = analyze(
      workbooksOf([
        unit("A", [FORM_LINES[2], FORM_LINES[0]]),
        unit("B", [FORM_LINES[0], FORM_LINES[2], ["4", "Đảng viên từ trần", "Người", 1]]),
        unit("C", [FORM_LINES[0], FORM_LINES[2]]),
      ])
    );
    assert.deepEqual(
      a.rows.map((r) => [r.label, r.inForm]),
      [
        ["Tổng số đảng viên", true],
        ["Đảng viên mới kết nạp", true],
        ["Đảng viên từ trần", false],
      ]
    );
  });

  it("lines up labels that differ in Unicode form, case, spacing, tone placement, diacritics or wording", () => {
    const variants: Line[][] = [
      [["1", "Số đảng viên thuộc đảng ủy cơ sở", "Người", 1]],
      [["1", "SỐ  ĐẢNG VIÊN THUỘC ĐẢNG ỦY CƠ SỞ".normalize("NFD"), "Người", 2]],
      [["1", "Số đảng viên thuộc đảng uỷ cơ sở", "Người", 3]],
      [["1", "So dang vien thuoc dang uy co so", "Người", 4]],
      [["1", "Số đảng viên thuộc các đảng ủy cơ sở:", "Người", 5]],
    ];
    const a = analyze(workbooksOf(variants.map((l, i) => unit(`Đảng ủy xã ${i}`, l))));
    assert.equal(a.rows.length, 1);
    assert.equal(a.rows[0].unitCount, 5);
    assert.equal(a.rows[0].label, "Số đảng viên thuộc đảng ủy cơ sở");
  });

  it("does not merge different indicators that share a code", () => {
    const a = analyze(
      workbooksOf([
        unit("A", [["3", "Đảng viên được tặng Huy hiệu Đảng", "Người", 4]]),
        unit("B", [["3", "Đảng viên bị kỷ luật", "Người", 1]]),
      ])
    );
    assert.equal(a.rows.length, 2);
  });

  it("measures the overlap of two labels' words", () => {
    assert.equal(labelSimilarity("Tổng số đảng viên", "tong so dang vien"), 1);
    assert.ok(labelSimilarity("Đảng viên bị kỷ luật", "Đảng viên được tặng Huy hiệu") < 0.6);
  });
});

describe("median of the units' places", () => {
  const byComparator = (xs: number[]): number => {
    const s = xs.slice().sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const table: [number[], number][] = [
    [[3], 3],
    [[2, 0, 1], 1],
    [[10, 9, 2, 1], 5.5],
    [[0.5001, 0.5002, 3.0001, 0.5001], 0.50015],
    // Numbers, not texts: 10 sorts after 9.
    [[10, 9, 8, 100, 11], 10],
    [[4, 4, 4, 5], 4],
  ];
  for (const [xs, want] of table)
    it(`${JSON.stringify(xs)} → ${want}, as sorting with a comparator gives`, () => {
      assert.equal(median(xs), want);
      assert.equal(median(xs), byComparator(xs));
    });
  it("leaves its input as it was", () => {
    const xs = [3, 1, 2];
    median(xs);
    assert.deepEqual(xs, [3, 1, 2]);
  });
});
