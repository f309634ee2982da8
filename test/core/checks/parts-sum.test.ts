import { rule } from "../../../src/core/checks/parts-sum";
import { one, testRule } from "./tester";
import { RowSpec } from "./build";

const orgs = (whole: number | string, a: number | string, b: number | string): RowSpec[] => [
  {
    code: "1",
    label: "Tổng số tổ chức cơ sở đảng",
    uom: "Tổ chức",
    values: [whole, ""],
    marker: "partition",
  },
  { code: "1.1", label: "Đảng bộ cơ sở", uom: "Tổ chức", values: [a, ""] },
  { code: "1.2", label: "Chi bộ cơ sở", uom: "Tổ chức", values: [b, ""] },
];
const sexes = (
  whole: number,
  men: number,
  women: number,
  pct: [number, number, number] | null = null
): RowSpec[] => [
  { code: "2", label: "Tổng số đảng viên", uom: "Người", values: [whole, pct ? pct[0] : ""] },
  { code: "-", label: "Nam", uom: "Người", values: [men, pct ? pct[1] : ""] },
  { code: "-", label: "Nữ", uom: "Người", values: [women, pct ? pct[2] : ""] },
];
const sexColumns = [
  { header: "Tổng số", kind: "count" as const },
  { header: "Nam", kind: "count" as const },
  { header: "Nữ", kind: "count" as const },
];

testRule(rule, {
  valid: [
    { name: "gồm 37 đảng bộ cơ sở và 24 chi bộ cơ sở = 61", units: one(orgs(61, 37, 24)) },
    { name: "counts as text add up exactly", units: one(orgs("6.991", "5.462", "1.529")) },
    { name: "nam + nữ under a total without a marker", units: one(sexes(5022, 2678, 2344)) },
    { name: "a blank part counts as none", units: one(orgs(37, 37, "")) },
    {
      name: "a part that is text is left to not-a-number",
      units: one(orgs(61, 37, "khoảng 24")),
    },
    {
      name: "a partition learned from the units",
      units: one([
        { code: "3", label: "Đảng viên mới kết nạp", uom: "Người", values: [212, ""] },
        { code: "3.1", label: "Trong khối doanh nghiệp", uom: "Người", values: [80, ""] },
        { code: "3.2", label: "Trong khối cơ quan", uom: "Người", values: [132, ""] },
      ]),
      relations: [{ kind: "partition", whole: "3", parts: ["3.1", "3.2"] }],
    },
    {
      name: "trong đó items are not added up",
      units: one([
        {
          code: "1",
          label: "Tổng số đảng viên",
          uom: "Người",
          values: [5022, ""],
          marker: "subset",
        },
        { code: "-", label: "Nữ", uom: "Người", values: [2344, ""] },
        { code: "-", label: "Dân tộc thiểu số", uom: "Người", values: [830, ""] },
      ]),
    },
    {
      name: "a column sum (2 (=3+4)) that holds",
      units: one([{ code: "1", label: "Đảng viên", uom: "Người", values: [5022, 2678, 2344] }], {
        measures: sexColumns,
      }),
      relations: [{ kind: "columnSum", whole: "Tổng số", parts: ["Nam", "Nữ"] }],
    },
    {
      name: "shares of one whole adding to 99,9 are rounding (3 × 33,3)",
      units: one([
        { code: "2", label: "Tổng số", uom: "Người", values: [3, 100], marker: "partition" },
        { code: "2.1", label: "Khối A", uom: "Người", values: [1, 33.3] },
        { code: "2.2", label: "Khối B", uom: "Người", values: [1, 33.3] },
        { code: "2.3", label: "Khối C", uom: "Người", values: [1, 33.3] },
      ]),
    },
    {
      name: "shares of one whole adding to 100,1 are rounding (12,35 → 12,4; 87,65 → 87,7)",
      units: one(sexes(2000, 247, 1753, [100, 12.4, 87.7])),
    },
  ],
  invalid: [
    {
      name: "37 + 24 written as 62",
      units: one(orgs(62, 37, 24)),
      errors: [
        {
          cell: "D2",
          vi: ["“Tổng số tổ chức cơ sở đảng” [1] ghi 62", "[1.1] + [1.2] cộng lại 61"],
          en: ["is 62"],
          expected: 61,
          actual: 62,
        },
      ],
    },
    {
      name: "nam + nữ that do not make the total",
      units: one(sexes(5022, 2678, 2334)),
      errors: [
        {
          cell: "D2",
          vi: ["ghi 5.022", "[Nam] + [Nữ] cộng lại 5.012"],
          expected: 5012,
          actual: 5022,
        },
      ],
    },
    {
      name: "a column sum that does not hold",
      units: one([{ code: "1", label: "Đảng viên", uom: "Người", values: [5022, 2678, 2334] }], {
        measures: sexColumns,
      }),
      relations: [{ kind: "columnSum", whole: "Tổng số", parts: ["Nam", "Nữ"] }],
      errors: [
        {
          cell: "D2",
          vi: ["Cột “Tổng số” ghi 5.022", "“Nam” + “Nữ” cộng lại 5.012"],
          expected: 5012,
          actual: 5022,
        },
      ],
    },
    {
      name: "shares adding to 97,4",
      units: one(sexes(5022, 2678, 2344, [100, 50.7, 46.7])),
      errors: [{ cell: "E2", vi: ["97,4%"], expected: 100, actual: 97.4 }],
    },
  ],
});
