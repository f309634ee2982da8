/**
 * balance: cuối kỳ = đầu kỳ + tăng − giảm, in every count column, where the form has those rows.
 */
import { decimalEquals, decimalSum, negate } from "./decimal";
import { CheckRule } from "./types";
import { checkRelation, isCountCell } from "./context";

export const rule: CheckRule = {
  meta: {
    id: "balance",
    defaultSeverity: "error",
    description: {
      vi: "Số cuối kỳ khác số đầu kỳ + tăng − giảm",
      en: "End of period differs from start + increases − decreases",
    },
    messages: {
      balance: {
        vi: "Cuối kỳ {end} khác đầu kỳ {start} + tăng {plus} − giảm {minus} = {expected}",
        en: "End of period {end} differs from start {start} + increases {plus} − decreases {minus} = {expected}",
      },
    },
  },
  check(ctx, report) {
    for (const rel of ctx.relations) {
      if (rel.kind !== "balance") continue;
      const end = ctx.row(rel.end);
      const start = ctx.row(rel.start);
      const plusRows = rel.plus.map((k) => ctx.row(k));
      const minusRows = rel.minus.map((k) => ctx.row(k));
      if (!end || !start || [...plusRows, ...minusRows].some((r) => r === undefined)) continue;
      ctx.unit.measures.forEach((m, mi) => {
        if (!isCountCell(end, m)) return;
        const endCell = end.cells[mi];
        const cells = [end, start, ...plusRows, ...minusRows].map((r) => r?.cells[mi]);
        const found = checkRelation(ctx, cells, endCell.address, (read) => {
          const e = read(endCell);
          const s = read(start.cells[mi]);
          if (e === null || s === null) return null;
          // A blank movement row means none.
          const figure = (r: (typeof plusRows)[number]): string | null => {
            const c = r?.cells[mi];
            return !c || c.status === "empty" ? "0" : read(c);
          };
          const plus = plusRows.map(figure);
          const minus = minusRows.map(figure);
          if (plus.some((x) => x === null) || minus.some((x) => x === null)) return null;
          const p = plus as string[];
          const n = minus as string[];
          const expected = decimalSum([s, ...p, ...n.map(negate)]);
          return decimalEquals(expected, e) ? "holds" : { e, s, p, n, expected };
        });
        if (!found) return;
        const { e, s, p, n, expected } = found;
        const sum = (xs: string[]): number => xs.reduce((a, x) => a + Number(x), 0);
        report({
          messageId: "balance",
          cell: endCell.address,
          data: {
            end: Number(e),
            start: Number(s),
            plus: sum(p),
            minus: sum(n),
            expected: Number(expected),
          },
          expected: Number(expected),
          actual: Number(e),
        });
      });
    }
  },
};
