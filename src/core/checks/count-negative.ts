/** count-negative: a count below zero. Change rows (tăng/giảm, chênh lệch, so với) may be negative. */
import { CheckRule } from "./types";
import { exactOf, isCountCell } from "./context";
import { isChangeText } from "./words";

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
    const changeColumn = ctx.unit.measures.map((m) => isChangeText(m.header));
    ctx.unit.rows.forEach((row) => {
      if (isChangeText(row.label)) return;
      ctx.unit.measures.forEach((measure, mi) => {
        const cell = row.cells[mi];
        if (!cell || cell.value === null || cell.value >= 0) return;
        if (!isCountCell(row, measure) || changeColumn[mi]) return;
        const e = exactOf(cell);
        if (e === null || !e.startsWith("-") || Number(e) === 0) return;
        const actual = Number(e);
        report({
          messageId: "negative",
          cell: cell.address,
          data: { actual },
          actual,
          expected: null,
        });
      });
    });
  },
};
