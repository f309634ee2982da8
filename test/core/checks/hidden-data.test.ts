import { rule } from "../../../src/core/checks/hidden-data";
import { one, testRule } from "./tester";

// Rows of Đầm Hà's report (examples/dam-ha.xlsx): sheet rows 2-5, counts in D, percentages in E.
const rows = [
  { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [2068, ""] },
  { code: "-", label: "Đảng viên nữ", uom: "Người", values: [805, 38.9] },
  { code: "-", label: "Đảng viên là người dân tộc thiểu số", uom: "Người", values: [472, 22.8] },
  { code: "", label: "Ghi chú: số liệu đến 31/12", uom: "", values: ["", ""] },
];

testRule(rule, {
  valid: [
    { name: "a visible sheet with nothing hidden", units: one(rows) },
    {
      name: "a hidden row without figures (a blank note row)",
      units: one(rows, { hiddenRows: [4] }),
    },
    {
      name: "hidden rows and columns outside the table",
      units: one(rows, { hiddenRows: [40, 41], hiddenColumns: [7] }),
    },
    {
      name: "a hidden column that is not a measure (the code column)",
      units: one(rows, { hiddenColumns: [0] }),
    },
  ],
  invalid: [
    {
      name: "a hidden sheet holding a report (last year's copy left in the file)",
      units: one(rows, { sheet: "Năm 2023", visibility: "Hidden" }),
      errors: [
        { cell: null, vi: ["Trang “Năm 2023” đang ẩn"], en: ["is hidden"], actual: "Hidden" },
      ],
    },
    {
      name: "a very hidden sheet",
      units: one(rows, { visibility: "VeryHidden" }),
      errors: [{ cell: null, actual: "VeryHidden" }],
    },
    {
      name: "two hidden rows with figures: named, counted, flagged at the first figure",
      units: one(rows, { hiddenRows: [2, 3, 4] }),
      errors: [{ cell: "D3", vi: ["Dòng 3, 4 ", "4 ô số liệu"], en: ["Rows 3, 4 "], actual: 4 }],
    },
    {
      name: "the percentage column hidden",
      units: one(rows, { hiddenColumns: [4] }),
      errors: [{ cell: "E3", vi: ["Cột E ", "2 ô số liệu"], en: ["Columns E "], actual: 2 }],
    },
    {
      name: "a hidden sheet with a hidden row: both said",
      units: one(rows, { visibility: "Hidden", hiddenRows: [1] }),
      errors: [{ cell: null }, { cell: "D2", vi: ["Dòng 2 ", "1 ô"] }],
    },
  ],
});
