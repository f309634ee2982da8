import { rule } from "../../../src/core/checks/percent-mismatch";
import { one, testRule } from "./tester";
import { CellSpec, RowSpec } from "./build";

const total: RowSpec = { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [5022, 100] };
const llct = (pct: number | string | CellSpec, count: number | string = 2344): RowSpec => ({
  code: "1.1",
  label: "Đảng viên có trình độ lý luận chính trị từ trung cấp trở lên",
  uom: "Người",
  values: [count, pct],
});
const twoDecimals = [
  { header: "Số lượng", kind: "count" as const },
  { header: "Tỷ lệ (%)", kind: "percent" as const, decimals: 2 },
];
const periods = [
  { header: "Kỳ này", kind: "count" as const },
  { header: "Cùng kỳ năm trước", kind: "count" as const },
  { header: "% so với cùng kỳ", kind: "percent" as const, decimals: 1 },
];

testRule(rule, {
  valid: [
    { name: "2.344 / 5.022 = 46,7% (the seed article's figure)", units: one([total, llct(46.7)]) },
    {
      name: "46,65 rounds half up to 46,7 (933 / 2.000)",
      units: one([{ ...total, values: [2000, 100] }, llct(46.7, 933)]),
    },
    {
      name: "93,75 rounds half up to 93,8 (15 / 16)",
      units: one([{ ...total, values: [16, 100] }, llct(93.8, 15)]),
    },
    {
      name: "two decimals: 3 / 7 = 42,86",
      units: one([{ ...total, values: [7, 100] }, llct(42.86, 3)], { measures: twoDecimals }),
    },
    {
      name: "no decimals: 60 / 61 = 98",
      units: one([{ ...total, values: [61, 100] }, llct(98, 60)], {
        measures: [
          { header: "Số lượng", kind: "count" },
          { header: "Tỷ lệ (%)", kind: "percent", decimals: 0 },
        ],
      }),
    },
    {
      name: "stored as the fraction 0.467 with a % format",
      units: one([total, llct({ v: 0.467, fmt: "0.0%" })]),
    },
    { name: "stored as the text 46,7%", units: one([total, llct("46,7%")]) },
    {
      name: "counts stored as text 5.022 and 2.344",
      units: one([{ ...total, values: ["5.022", 100] }, llct(46.7, "2.344")]),
    },
    {
      name: "a formula's full value shown with one decimal",
      units: one([total, llct({ v: (2344 / 5022) * 100, fmt: "0.0", f: "=D3/D2*100" })]),
    },
    {
      name: "base is the total row, not the parent",
      units: one([
        total,
        { code: "2", label: "Đảng viên nữ", uom: "Người", values: [1600, 31.9] },
        { code: "2.1", label: "Đảng viên nữ dưới 30 tuổi", uom: "Người", values: [251, 5.0] },
      ]),
    },
    {
      name: "base from a learned relation (a row that is neither parent nor total)",
      units: one([
        total,
        { code: "2", label: "Số đảng viên được đánh giá", uom: "Người", values: [4800, 95.6] },
        { code: "3", label: "Hoàn thành xuất sắc nhiệm vụ", uom: "Người", values: [720, 15.0] },
      ]),
      relations: [
        {
          kind: "percent",
          target: ["3", "Tỷ lệ (%)"],
          numerator: ["3", "Số lượng"],
          denominator: ["2", "Số lượng"],
        },
      ],
    },
    {
      name: "base is the plan row: đạt 106% kế hoạch",
      units: one([
        {
          code: "1",
          label: "Chỉ tiêu kết nạp đảng viên năm 2024",
          uom: "Người",
          values: [200, ""],
        },
        { code: "2", label: "Số đảng viên mới kết nạp", uom: "Người", values: [212, 106] },
      ]),
    },
    {
      name: "kỳ này against cùng kỳ in columns: 212 / 200 = 106,0%",
      units: one(
        [{ code: "1", label: "Kết nạp đảng viên", uom: "Người", values: [212, 200, 106] }],
        { measures: periods }
      ),
    },
    {
      name: "an approximation (trên 96%) is not judged here",
      units: one([total, llct("trên 96%")]),
    },
    { name: "an empty percentage is not judged here", units: one([total, llct("")]) },
    {
      name: "a zero base gives no candidate",
      units: one([{ ...total, values: [0, ""] }, llct(46.7, 0)]),
    },
  ],
  invalid: [
    {
      name: "47,6% for 2.344 / 5.022",
      units: one([total, llct(47.6)]),
      errors: [
        {
          cell: "E3",
          vi: ["Tỷ lệ 47,6% không khớp: 2.344 / 5.022 = 46,7%", "[1]"],
          en: ["Percentage 47.6% does not match: 2,344 / 5,022 = 46.7%"],
          expected: 46.7,
          actual: 47.6,
        },
      ],
    },
    {
      name: "47 in a cell formatted 0.0 claims 47,0",
      units: one([total, llct({ v: 47, fmt: "0.0" })]),
      errors: [
        { cell: "E3", vi: ["Tỷ lệ 47,0% không khớp", "= 46,7%"], expected: 46.7, actual: 47 },
      ],
    },
    {
      name: "42,85 for 3 / 7 is truncation: a warning",
      units: one([{ ...total, values: [7, 100] }, llct(42.85, 3)], { measures: twoDecimals }),
      errors: [
        {
          cell: "E3",
          severity: "warning",
          vi: ["làm tròn xuống", "42,86%"],
          expected: 42.86,
          actual: 42.85,
        },
      ],
    },
    {
      name: "46,6 for 933 / 2.000 (46,65 cut, the toFixed trap) is truncation",
      units: one([{ ...total, values: [2000, 100] }, llct(46.6, 933)]),
      errors: [{ cell: "E3", severity: "warning", expected: 46.7, actual: 46.6 }],
    },
    {
      name: "a wrong fraction stored with a % format",
      units: one([total, llct({ v: 0.476, fmt: "0.0%" })]),
      errors: [{ cell: "E3", expected: 46.7, actual: 47.6 }],
    },
    {
      name: "a formula over the wrong cells",
      units: one([total, llct({ v: (2344 / 5000) * 100, fmt: "0.0", f: "=D3/5000*100" })]),
      errors: [{ cell: "E3", expected: 46.7, actual: 46.9 }],
    },
    {
      name: "% so với cùng kỳ that no column gives",
      units: one(
        [{ code: "1", label: "Kết nạp đảng viên", uom: "Người", values: [212, 200, 110] }],
        { measures: periods }
      ),
      errors: [{ cell: "F2", expected: 106, actual: 110 }],
    },
    {
      name: "the learned base is named in the message",
      units: one([
        total,
        { code: "2", label: "Số đảng viên được đánh giá", uom: "Người", values: [4800, 95.6] },
        { code: "3", label: "Hoàn thành xuất sắc nhiệm vụ", uom: "Người", values: [720, 16.0] },
      ]),
      relations: [
        {
          kind: "percent",
          target: ["3", "Tỷ lệ (%)"],
          numerator: ["3", "Số lượng"],
          denominator: ["2", "Số lượng"],
        },
      ],
      errors: [
        {
          cell: "E4",
          vi: ["720 / 4.800 = 15%", "mẫu số “Số đảng viên được đánh giá” [2]"],
          expected: 15,
          actual: 16,
        },
      ],
    },
  ],
});
