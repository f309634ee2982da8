import { rule } from "../../../src/core/checks/balance";
import { one, testRule } from "./tester";
import { RowSpec } from "./build";

const movement = (
  start: number,
  up: number | string,
  down: number | string,
  end: number
): RowSpec[] => [
  { code: "1", label: "Số đảng viên đầu kỳ", uom: "Người", values: [start, ""] },
  { code: "2", label: "Tăng trong kỳ", uom: "Người", values: [up, ""], marker: "partition" },
  {
    code: "2.1",
    label: "Kết nạp",
    uom: "Người",
    values: [typeof up === "number" ? up - 10 : "", ""],
  },
  {
    code: "2.2",
    label: "Chuyển đến",
    uom: "Người",
    values: [typeof up === "number" ? 10 : "", ""],
  },
  { code: "3", label: "Giảm trong kỳ", uom: "Người", values: [down, ""] },
  { code: "4", label: "Số đảng viên cuối kỳ", uom: "Người", values: [end, ""] },
];

testRule(rule, {
  valid: [
    { name: "5.462 + 1.600 − 71 = 6.991", units: one(movement(5462, 1600, 71, 6991)) },
    { name: "no decrease written", units: one(movement(5462, 1529, "", 6991)) },
    {
      name: "words of a movement in longer labels; a comparison row is not a movement",
      units: one([
        { code: "1", label: "Số đảng viên đầu kỳ", uom: "Người", values: [100, ""] },
        { code: "2", label: "Số đảng viên tăng trong kỳ", uom: "Người", values: [5, ""] },
        { code: "3", label: "Số đảng viên giảm trong kỳ", uom: "Người", values: [3, ""] },
        { code: "4", label: "Số đảng viên cuối kỳ", uom: "Người", values: [102, ""] },
        { code: "5", label: "Tăng/giảm so với cùng kỳ", uom: "Người", values: [-7, ""] },
      ]),
    },
    {
      name: "a form without those rows",
      units: one([{ code: "1", label: "Tổng số đảng viên", uom: "Người", values: [5022, ""] }]),
    },
    {
      name: "a balance learned under other labels",
      units: one([
        { code: "A", label: "Có mặt 01/01", uom: "Người", values: [100, ""] },
        { code: "B", label: "Vào", uom: "Người", values: [5, ""] },
        { code: "C", label: "Ra", uom: "Người", values: [3, ""] },
        { code: "D", label: "Có mặt 31/12", uom: "Người", values: [102, ""] },
      ]),
      relations: [{ kind: "balance", end: "D", start: "A", plus: ["B"], minus: ["C"] }],
    },
  ],
  invalid: [
    {
      name: "cuối kỳ one short",
      units: one(movement(5462, 1600, 71, 6990)),
      errors: [
        {
          cell: "D7",
          vi: ["Cuối kỳ 6.990", "5.462", "1.600", "71", "= 6.991"],
          expected: 6991,
          actual: 6990,
        },
      ],
    },
    {
      name: "words of a movement in longer labels, one short",
      units: one([
        { code: "1", label: "Số đảng viên đầu kỳ", uom: "Người", values: [100, ""] },
        { code: "2", label: "Số đảng viên tăng trong kỳ", uom: "Người", values: [5, ""] },
        { code: "3", label: "Số đảng viên giảm trong kỳ", uom: "Người", values: [3, ""] },
        { code: "4", label: "Số đảng viên cuối kỳ", uom: "Người", values: [101, ""] },
        { code: "5", label: "Tăng/giảm so với cùng kỳ", uom: "Người", values: [-7, ""] },
      ]),
      errors: [{ cell: "D5", expected: 102, actual: 101 }],
    },
    {
      name: "a learned balance that does not hold",
      units: one([
        { code: "A", label: "Có mặt 01/01", uom: "Người", values: [100, ""] },
        { code: "B", label: "Vào", uom: "Người", values: [5, ""] },
        { code: "C", label: "Ra", uom: "Người", values: [3, ""] },
        { code: "D", label: "Có mặt 31/12", uom: "Người", values: [108, ""] },
      ]),
      relations: [{ kind: "balance", end: "D", start: "A", plus: ["B"], minus: ["C"] }],
      errors: [{ cell: "D5", expected: 102, actual: 108 }],
    },
  ],
});
