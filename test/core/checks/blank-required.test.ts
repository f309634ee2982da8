import { rule } from "../../../src/core/checks/blank-required";
import { one, testRule } from "./tester";
import { CellSpec, RowSpec, UnitSpec } from "./build";

const form = (
  name: string,
  members: number | string,
  women: number | string,
  pct: number | string | CellSpec = ""
): UnitSpec => ({
  name,
  rows: [
    { code: "I", label: "Đảng viên", values: ["", ""] },
    { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [members, ""] },
    { code: "2", label: "Đảng viên nữ", uom: "Người", values: [women, pct] },
  ],
});
const three = (last: UnitSpec): UnitSpec[] => [
  form("Xã A", 300, 120, 40),
  form("Xã B", 200, 50, 25),
  last,
];

testRule(rule, {
  valid: [
    {
      name: "every unit fills the form; the heading row I is empty everywhere",
      units: three(form("Xã C", 100, 40, 40)),
    },
    {
      name: "a cell most units leave empty",
      units: [form("Xã A", 300, 120), form("Xã B", 200, 50), form("Xã C", 100, 40, 40)],
    },
    {
      name: "one unit: a heading row with no unit of measure",
      units: one([
        { code: "I", label: "Tổ chức đảng", values: ["", ""] },
        { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [61, ""] },
      ]),
    },
    {
      // Regression (issue 8 corpus, cong-thuc-chua-tinh.xlsx): a file written by a program, never opened in
      // Excel, has formulas without values; formula-not-computed says so once, not once per cell here.
      name: "a formula without a computed value is not a blank cell",
      units: three(form("Xã C", 100, 40, { v: "", f: "=D4/D3*100" })),
    },
    {
      name: "one unit: a row with some figures",
      units: one([
        { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [61, ""] },
      ]),
    },
  ],
  invalid: [
    {
      name: "a whole row left empty that the other units fill",
      units: three(form("Xã C", 100, "", "")),
      errors: [{ cell: "D4", unit: "Xã C", vi: ["[2]", "bỏ trống", "2/2"] }],
    },
    {
      name: "one cell left empty",
      units: three(form("Xã C", 100, 40, "")),
      errors: [{ cell: "E4", severity: "warning", vi: ["Tỷ lệ (%)", "[2]"] }],
    },
    {
      name: "one unit: a leaf row wholly empty is a warning",
      units: one([
        { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [61, ""] },
        { code: "2", label: "Tổng số đảng viên", uom: "Người", values: ["", ""] } as RowSpec,
      ]),
      errors: [
        { cell: "D3", severity: "warning", vi: ["Chỉ tiêu “Tổng số đảng viên” [2] bị bỏ trống"] },
      ],
    },
  ],
});
