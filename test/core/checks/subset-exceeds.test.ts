import { rule } from "../../../src/core/checks/subset-exceeds";
import { one, testRule } from "./tester";
import { RowSpec } from "./build";

const members = (
  whole: number | string,
  women: number | string,
  minority: number | string
): RowSpec[] => [
  { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [whole, ""], marker: "subset" },
  { code: "-", label: "Nữ", uom: "Người", values: [women, ""] },
  { code: "-", label: "Dân tộc thiểu số", uom: "Người", values: [minority, ""] },
];

testRule(rule, {
  valid: [
    {
      name: "items that overlap may add up to more than the whole",
      units: one(members(5022, 2344, 2900)),
    },
    { name: "an item equal to the whole", units: one(members(5022, 5022, 10)) },
    { name: "an empty item", units: one(members(5022, "", 10)) },
    {
      name: "a subset learned from the units",
      units: one([
        { code: "2", label: "Đảng viên mới kết nạp", uom: "Người", values: [212, ""] },
        { code: "2.1", label: "Đoàn viên thanh niên", uom: "Người", values: [150, ""] },
      ]),
      relations: [{ kind: "subset", whole: "2", part: "2.1" }],
    },
  ],
  invalid: [
    {
      name: "nữ larger than the total",
      units: one(members(5022, 5220, 10)),
      errors: [
        {
          cell: "D3",
          vi: ["[Nữ] ghi 5.220", "tổng “Tổng số đảng viên” [1] là 5.022"],
          en: ["5,220"],
          expected: 5022,
          actual: 5220,
        },
      ],
    },
    {
      name: "both items larger",
      units: one(members(100, 101, 102)),
      errors: [
        { cell: "D3", actual: 101 },
        { cell: "D4", actual: 102 },
      ],
    },
    {
      name: "a learned subset",
      units: one([
        { code: "2", label: "Đảng viên mới kết nạp", uom: "Người", values: [212, ""] },
        { code: "2.1", label: "Đoàn viên thanh niên", uom: "Người", values: [250, ""] },
      ]),
      relations: [{ kind: "subset", whole: "2", part: "2.1" }],
      errors: [{ cell: "D3", expected: 212, actual: 250 }],
    },
  ],
});
