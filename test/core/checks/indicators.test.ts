import { rule as missing } from "../../../src/core/checks/missing-indicator";
import { rule as extra } from "../../../src/core/checks/extra-indicator";
import { testRule } from "./tester";
import { RowSpec, UnitSpec } from "./build";

const rows: RowSpec[] = [
  { code: "I", label: "Tổ chức đảng", values: ["", ""] },
  { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [61, ""] },
  { code: "2", label: "Tổng số đảng viên", uom: "Người", values: [5022, ""] },
];
const unit = (name: string, r: RowSpec[] = rows): UnitSpec => ({ name, rows: r });
const without = (code: string): RowSpec[] => rows.filter((r) => r.code !== code);
const withExtra: RowSpec[] = [
  ...rows,
  { code: "3", label: "Số đảng viên được miễn sinh hoạt", uom: "Người", values: [12, ""] },
];

testRule(missing, {
  valid: [
    { name: "every unit has every row", units: [unit("Xã A"), unit("Xã B"), unit("Xã C")] },
    {
      name: "a row only one unit has is not the form's",
      units: [unit("Xã A"), unit("Xã B"), unit("Xã C", withExtra)],
    },
    {
      name: "rows in another order",
      units: [unit("Xã A"), unit("Xã B"), unit("Xã C", [rows[0], rows[2], rows[1]])],
    },
  ],
  invalid: [
    {
      name: "a unit lacks a row the others have",
      units: [unit("Xã A"), unit("Xã B"), unit("Xã C", without("2"))],
      errors: [
        {
          unit: "Xã C",
          cell: null,
          vi: ["Thiếu chỉ tiêu “Tổng số đảng viên” [2]", "2 đơn vị"],
          expected: "Tổng số đảng viên",
        },
      ],
    },
    {
      name: "a unit lacks a row of the template",
      units: [unit("Xã A", without("1"))],
      template: unit("Mẫu"),
      errors: [{ unit: "Xã A", vi: ["[1]"] }],
    },
    {
      name: "a missing heading row is a warning",
      units: [unit("Xã A"), unit("Xã B"), unit("Xã C", without("I"))],
      errors: [{ unit: "Xã C", severity: "warning", vi: ["Thiếu dòng mục “Tổ chức đảng” [I]"] }],
    },
  ],
});

testRule(extra, {
  valid: [
    { name: "every unit has the form's rows only", units: [unit("Xã A"), unit("Xã B")] },
    {
      name: "a unit lacking a row adds none",
      units: [unit("Xã A"), unit("Xã B"), unit("Xã C", without("2"))],
    },
  ],
  invalid: [
    {
      name: "a row one unit added",
      units: [unit("Xã A"), unit("Xã B"), unit("Xã C", withExtra)],
      errors: [{ unit: "Xã C", cell: "B5", vi: ["“3. Số đảng viên được miễn sinh hoạt”", "1/3"] }],
    },
    {
      name: "a row not in the template",
      units: [unit("Xã A", withExtra)],
      template: unit("Mẫu"),
      errors: [{ unit: "Xã A", cell: "B5" }],
    },
  ],
});
