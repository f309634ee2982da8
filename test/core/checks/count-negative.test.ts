import { rule } from "../../../src/core/checks/count-negative";
import { one, testRule } from "./tester";

testRule(rule, {
  valid: [
    {
      name: "zero",
      units: one([{ code: "1", label: "Đảng viên bị kỷ luật", uom: "Người", values: [0, ""] }]),
    },
    {
      name: "a change row may be negative",
      units: one([
        { code: "1", label: "Tăng/giảm so với cùng kỳ", uom: "Người", values: [-12, ""] },
      ]),
    },
    {
      name: "a change column may be negative",
      units: one([{ code: "1", label: "Đảng viên", uom: "Người", values: [5022, -12] }], {
        measures: [
          { header: "Số lượng", kind: "count" },
          { header: "Chênh lệch", kind: "count" },
        ],
      }),
    },
  ],
  invalid: [
    {
      name: "a negative count",
      units: one([{ code: "1", label: "Đảng viên bị kỷ luật", uom: "Người", values: [-3, ""] }]),
      errors: [{ cell: "D2", vi: ["-3 âm"], actual: -3 }],
    },
    {
      name: "a negative count as text",
      units: one([
        { code: "1", label: "Đảng viên bị kỷ luật", uom: "Người", values: ["-1.200", ""] },
      ]),
      errors: [{ cell: "D2", vi: ["-1.200"], actual: -1200 }],
    },
  ],
});
