import assert from "node:assert/strict";
import { ClaimFigure, proseClaimChecker, rule } from "../../../src/core/checks/text-claim";
import { one, testRule } from "./tester";
import { RowSpec } from "./build";

const withNote = [
  { header: "Số lượng", kind: "count" as const },
  { header: "Ghi chú", kind: "text" as const },
];
const rows = (note: string, count: number = 2344, total: number = 5022): RowSpec[] => [
  { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [total, ""] },
  {
    code: "1.1",
    label: "Đảng viên có trình độ lý luận chính trị từ trung cấp trở lên",
    uom: "Người",
    values: [count, note],
  },
];

testRule(rule, {
  valid: [
    {
      name: "2.344 đảng viên (đạt 46,7%) under 5.022",
      units: one(rows("2.344 đảng viên (đạt 46,7%)"), { measures: withNote }),
    },
    {
      name: "đạt 46,7% with the row's own count",
      units: one(rows("đạt 46,7%"), { measures: withNote }),
    },
    {
      name: "both figures in the text: 60 of 61 (đạt 98,4%)",
      units: one(rows("61 tổ chức cơ sở đảng, 60 tổ chức hoàn thành tốt nhiệm vụ (đạt 98,4%)"), {
        measures: withNote,
      }),
    },
    {
      name: "đạt 106% kế hoạch is not over 100 for a share",
      units: one(rows("kết nạp 212 đảng viên, đạt 106% kế hoạch"), { measures: withNote }),
    },
    {
      name: "tăng 12% so với cùng kỳ is a comparison",
      units: one(rows("tăng 12% so với cùng kỳ"), { measures: withNote }),
    },
    {
      name: "an approximation: trên 90%",
      units: one(rows("trên 90% có trình độ đại học"), { measures: withNote }),
    },
    {
      name: "60/61 chi, đảng bộ",
      units: one(rows("60/61 chi, đảng bộ hoàn thành tốt nhiệm vụ"), { measures: withNote }),
    },
    {
      name: "a percentage with no base in reach",
      units: one([{ code: "1", label: "Ghi chú chung", values: ["", "đạt 46,7%"] }], {
        measures: withNote,
      }),
    },
    {
      name: "a note in a cell comment that agrees",
      units: one(rows(""), { measures: withNote, comments: { D3: "2.344 đảng viên, đạt 46,7%" } }),
    },
  ],
  invalid: [
    {
      name: "2.344 đảng viên (đạt 47,6%)",
      units: one(rows("2.344 đảng viên (đạt 47,6%)"), { measures: withNote }),
      errors: [
        {
          cell: "E3",
          vi: ["Tỷ lệ 47,6% không khớp: 2.344 / 5.022 = 46,7%"],
          en: ["47.6%", "2,344 / 5,022 = 46.7%"],
          expected: 46.7,
          actual: 47.6,
        },
      ],
    },
    {
      name: "3 đồng chí (42,85%) of 7 is truncation",
      units: one(rows("3 đồng chí (chiếm 42,85%)", 3, 7), { measures: withNote }),
      errors: [{ cell: "E3", severity: "warning", vi: ["làm tròn xuống", "42,86%"] }],
    },
    {
      name: "61/60 in the text",
      units: one(rows("61/60 chi bộ hoàn thành"), { measures: withNote }),
      errors: [{ cell: "E3", vi: ["tử số 61 lớn hơn mẫu số 60"] }],
    },
    {
      name: "a gồm list that does not add up (the prose checker's partitions)",
      units: one(rows("61 tổ chức cơ sở đảng (gồm 37 đảng bộ cơ sở và 25 chi bộ cơ sở)"), {
        measures: withNote,
      }),
      errors: [{ cell: "E3", vi: ["37 + 25 = 62", "61"] }],
    },
    {
      name: "a change that does not match (tăng 1.539 so với 5.462, lên 6.991)",
      units: one(rows("nâng tổng số lên 6.991, tăng 1.539 so với đầu nhiệm kỳ (5.462)"), {
        measures: withNote,
      }),
      errors: [{ cell: "E3", vi: ["6.991 − 5.462 = 1.529"] }],
    },
    {
      name: "a wrong claim in a cell comment",
      units: one(rows(""), { measures: withNote, comments: { D3: "2.344 đảng viên, đạt 48%" } }),
      errors: [{ cell: "D3", vi: ["48%", "= 47%"] }],
    },
  ],
});

describe("proseClaimChecker: a wrong share that some pair of figures in reach gives", () => {
  // 30 of a parent 83 is 36,1%, not 60%; 30 / 50 (the text's other figure) is 60%.
  const figures: ClaimFigure[] = [
    { value: "30", name: "[3]", kind: "own" },
    { value: "83", name: "[1]", kind: "parent" },
  ];
  const cases: { text: string; findings: number }[] = [
    { text: "30 đảng viên nữ (chiếm 60%), ở 50 chi bộ", findings: 0 },
    { text: "30 đảng viên nữ (chiếm 60%)", findings: 1 },
    { text: "đạt 60%", findings: 1 },
  ];
  for (const c of cases)
    it(`${c.text}: ${c.findings} finding(s)`, () => {
      assert.equal(proseClaimChecker(c.text, figures).length, c.findings);
    });
});
