/** count-negative: a count below zero. Change rows (tăng/giảm, chênh lệch, so với) may be negative. */
import { CheckRule } from "./types";
import { exactOf, isNegativeCount } from "./context";

export const rule: CheckRule = {
  meta: {
    id: "count-negative",
    defaultSeverity: "error",
    description: { vi: "Số đếm âm", en: "A negative count" },
    messages: {
      negative: {
        vi: "Số lượng {actual} âm: số đếm không thể nhỏ hơn 0",
        en: "Count {actual} is negative: a count cannot be below 0",
      },
    },
  },
  check(ctx, report) {
    const { measures } = ctx.unit;
    for (const row of ctx.unit.rows) {
      for (let mi = 0; mi < measures.length; mi++) {
        const cell = row.cells[mi];
        if (!cell || cell.value === null || cell.value >= 0) continue;
        if (!isNegativeCount(row, measures[mi])) continue;
        const e = exactOf(cell);
        if (e === null || !e.startsWith("-") || Number(e) === 0) continue;
        const actual = Number(e);
        report({
          messageId: "negative",
          cell: cell.address,
          data: { actual },
          actual,
          expected: null,
        });
      }
    }
  },
};
