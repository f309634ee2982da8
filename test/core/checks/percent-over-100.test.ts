import { rule } from "../../../src/core/checks/percent-over-100";
import { one, testRule } from "./tester";

const periods = [
  { header: "Kỳ này", kind: "count" as const },
  { header: "Cùng kỳ năm trước", kind: "count" as const },
  { header: "% so với cùng kỳ", kind: "percent" as const, decimals: 1 },
];

testRule(rule, {
  valid: [
    {
      name: "a share up to 100",
      units: one([
        { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [5022, 100] },
        { code: "1.1", label: "Đảng viên nữ", uom: "Người", values: [2344, 46.7] },
      ]),
    },
    {
      name: "đạt 106% kế hoạch is not a share",
      units: one([
        { code: "1", label: "Chỉ tiêu kết nạp đảng viên", uom: "Người", values: [200, ""] },
        {
          code: "2",
          label: "Kết nạp đảng viên mới (đạt 106% kế hoạch)",
          uom: "Người",
          values: [212, 106],
        },
      ]),
    },
    {
      name: "106% that only the plan row explains, with no plan word in the row",
      units: one([
        {
          code: "7",
          label: "Chỉ tiêu kết nạp đảng viên trong năm",
          uom: "Người",
          values: [200, ""],
        },
        { code: "8", label: "Số đảng viên mới kết nạp", uom: "Người", values: [212, 106] },
      ]),
    },
    {
      name: "a row of percentages of the plan",
      units: one([
        {
          code: "3",
          label: "Tỷ lệ hoàn thành chỉ tiêu thu ngân sách",
          uom: "%",
          values: [106.2, ""],
        },
      ]),
    },
    {
      name: "% so với cùng kỳ may exceed 100",
      units: one(
        [{ code: "1", label: "Kết nạp đảng viên", uom: "Người", values: [212, 200, 106] }],
        { measures: periods }
      ),
    },
    {
      name: "against another column of the row by a learned relation",
      units: one(
        [{ code: "1", label: "Số đảng viên mới", uom: "Người", values: [212, 200, 106] }],
        {
          measures: [
            { header: "Năm 2024", kind: "count" },
            { header: "Năm 2023", kind: "count" },
            { header: "Tỷ lệ (%)", kind: "percent", decimals: 1 },
          ],
        }
      ),
      relations: [
        {
          kind: "percent",
          target: ["1", "Tỷ lệ (%)"],
          numerator: ["1", "Năm 2024"],
          denominator: ["1", "Năm 2023"],
        },
      ],
    },
    {
      name: "100,04 shows as 100,0 with one decimal",
      units: one([
        { code: "1", label: "Tổng số", uom: "Người", values: [5022, { v: 100.04, fmt: "0.0" }] },
      ]),
    },
  ],
  invalid: [
    {
      name: "a share of 104,6%",
      units: one([
        { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [5022, 100] },
        { code: "1.1", label: "Đảng viên nữ", uom: "Người", values: [5253, 104.6] },
      ]),
      errors: [
        {
          cell: "E3",
          vi: ["104,6%", "lớn hơn 100%"],
          en: ["104.6%"],
          actual: 104.6,
          expected: 100,
        },
      ],
    },
    {
      name: "a fraction 1.046 stored with a % format",
      units: one([
        { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [5022, 100] },
        {
          code: "1.1",
          label: "Đảng viên nữ",
          uom: "Người",
          values: [5253, { v: 1.046, fmt: "0.0%" }],
        },
      ]),
      errors: [{ cell: "E3", actual: 104.6 }],
    },
    {
      name: "a %-row that is a share",
      units: one([{ code: "2", label: "Tỷ lệ đảng viên nữ", uom: "%", values: [101.5, ""] }]),
      errors: [{ cell: "D2", actual: 101.5 }],
    },
  ],
});
