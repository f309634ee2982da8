import { rule } from "../../../src/core/checks/not-a-number";
import { one, testRule } from "./tester";
import { CellSpec } from "./build";

const cell = (v: string | number | CellSpec, pct: string | number = "") =>
  one([{ code: "1", label: "Tổng số đảng viên", uom: "Người", values: [v, pct] }]);

testRule(rule, {
  valid: [
    { name: "a number", units: cell(5022) },
    { name: "a count as text 6.991", units: cell("6.991") },
    { name: "a percentage as text 46,7%", units: cell(2344, "46,7%") },
    { name: "an empty cell", units: cell("") },
    { name: "a dash for none", units: cell("-") },
    { name: "a fraction is the fraction rule's", units: cell("60/61") },
    {
      name: "text in Ghi chú",
      units: one(
        [
          {
            code: "1",
            label: "Tổng số đảng viên",
            uom: "Người",
            values: [5022, "khoảng 80 chi bộ"],
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
      name: "khoảng 80",
      units: cell("khoảng 80"),
      errors: [{ cell: "D2", vi: ["“khoảng 80”", "cần số chính xác"], actual: "khoảng 80" }],
    },
    { name: "trên 96%", units: cell(100, "trên 96%"), errors: [{ cell: "E2", vi: ["trên 96%"] }] },
    {
      name: "#DIV/0! where a percentage belongs",
      units: cell(0, "#DIV/0!"),
      errors: [{ cell: "E2", vi: ["#DIV/0!"], en: ["error value #DIV/0!"] }],
    },
    {
      name: "words",
      units: cell("chưa báo cáo"),
      errors: [{ cell: "D2", vi: ["“chưa báo cáo”"] }],
    },
    {
      name: "5,022 reads two ways",
      units: cell("5,022"),
      errors: [
        {
          cell: "D2",
          severity: "warning",
          vi: ["hai cách", "5,022", "5.022"],
          en: ["5.022", "5,022"],
        },
      ],
    },
    {
      name: "46.7 is written the English way",
      units: cell(2344, "46.7"),
      errors: [{ cell: "E2", severity: "warning", vi: ["kiểu tiếng Anh", "46,7"] }],
    },
  ],
});
