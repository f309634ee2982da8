import { rule } from "../../../src/core/checks/count-not-integer";
import { one, testRule } from "./tester";

const count = (v: number | string, uom = "Người", extra = {}) =>
  one([{ code: "1", label: "Tổng số đảng viên", uom, values: [v, ""], ...extra }]);

testRule(rule, {
  valid: [
    { name: "a whole count", units: count(5022) },
    { name: "a whole count as text 5.022", units: count("5.022") },
    { name: "money may have decimals", units: count(9.9, "Tỷ đồng") },
    { name: "an average is not a count", units: count(10.6, "Triệu đồng/tháng") },
    { name: "a not-additive row (tuổi bình quân)", units: count(38.5, "", { nonAdditive: true }) },
    { name: "a %-row", units: count(46.7, "%") },
    { name: "a whole number stored as 5022.0", units: count(5022.0) },
  ],
  invalid: [
    {
      name: "5.022 typed in an English-locale Excel",
      units: count(5.022),
      errors: [
        {
          cell: "D2",
          vi: [
            "Số lượng 5,022 không phải số nguyên",
            "Excel kiểu tiếng Anh",
            "số đúng là 5.022",
            "gõ “5.022” trong Excel",
          ],
          en: ["Count 5.022", "meant 5,022"],
          expected: 5022,
          actual: 5.022,
        },
      ],
    },
    {
      name: "1.25 people",
      units: count(1.25),
      errors: [{ cell: "D2", vi: ["1,25 không phải số nguyên"], actual: 1.25, expected: null }],
    },
    {
      name: "6.99 with no unit of measure",
      units: count(6.99, ""),
      errors: [{ cell: "D2", actual: 6.99 }],
    },
  ],
});
