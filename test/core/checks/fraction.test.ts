import { rule } from "../../../src/core/checks/fraction";
import { one, testRule } from "./tester";
import { CellSpec, RowSpec } from "./build";

/** Excel's serial number of a date (1900 system). */
const serial = (y: number, m: number, d: number): number =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;

const orgs = (good: string | number | CellSpec, total: number = 61): RowSpec[] => [
  { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [total, ""] },
  { code: "1.1", label: "Hoàn thành tốt nhiệm vụ trở lên", uom: "Tổ chức", values: [good, ""] },
];

testRule(rule, {
  valid: [
    { name: "60/61 under a total of 61", units: one(orgs("60/61")) },
    { name: "61/61", units: one(orgs("61/61")) },
    { name: "a plain count", units: one(orgs(60)) },
    {
      name: "a fraction with no total to refer to",
      units: one([
        { code: "1", label: "Xã đạt chuẩn nông thôn mới", uom: "Xã", values: ["9/10", ""] },
      ]),
    },
    {
      name: "a fraction in the percent column whose base is the parent's count",
      units: one([
        { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [61, ""] },
        {
          code: "1.1",
          label: "Hoàn thành tốt nhiệm vụ trở lên",
          uom: "Tổ chức",
          values: [60, "60/61"],
        },
      ]),
    },
    {
      name: "a date in the Ghi chú column is not a figure",
      units: one(
        [
          {
            code: "1",
            label: "Hội nghị",
            uom: "Cuộc",
            values: [3, { v: serial(2025, 9, 10), fmt: "d-mmm" }],
          },
        ],
        {
          measures: [
            { header: "Số lượng", kind: "count" },
            { header: "Ghi chú", kind: "text" },
          ],
        }
      ),
    },
  ],
  invalid: [
    {
      name: "61/60: numerator larger",
      units: one(orgs("61/60", 60)),
      errors: [{ cell: "D3", vi: ["61/60", "tử số 61 lớn hơn mẫu số 60"], actual: "61/60" }],
    },
    {
      name: "60/62 under a total of 61",
      units: one(orgs("60/62")),
      errors: [
        {
          cell: "D3",
          vi: ["mẫu số 62 khác tổng 61", "[1]"],
          en: ["denominator 62"],
          expected: "60/61",
          actual: "60/62",
        },
      ],
    },
    {
      name: "a zero denominator",
      units: one(orgs("0/0")),
      errors: [{ cell: "D3", vi: ["mẫu số 0"] }],
    },
    {
      name: "9/10 turned into 10 September by an English-locale Excel",
      units: one([
        {
          code: "1",
          label: "Xã đạt chuẩn nông thôn mới",
          uom: "Xã",
          values: [{ v: serial(2025, 9, 10), fmt: "d-mmm" }, ""],
        },
      ]),
      errors: [
        {
          cell: "D2",
          vi: ["ngày 10/9/2025", "“9/10”"],
          en: ["the date 10 Sep 2025"],
          expected: "9/10",
          actual: "10/9/2025",
        },
      ],
    },
    {
      name: "9/10 turned into 9 October by a day-first Excel",
      units: one([
        {
          code: "1",
          label: "Xã đạt chuẩn nông thôn mới",
          uom: "Xã",
          values: [{ v: serial(2025, 10, 9), fmt: "dd/mm/yyyy" }, ""],
        },
      ]),
      errors: [{ cell: "D2", expected: "9/10" }],
    },
  ],
});
