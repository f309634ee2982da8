/**
 * subset-exceeds: a "trong đó" item larger than its whole. Items of "trong đó" may overlap (nữ, dân tộc
 * thiểu số), so they are never added up; each is only at most the whole.
 */
import { decimalCompare } from "./decimal";
import { CELL, CheckRule } from "./types";
import { checkRelation } from "./context";

export const rule: CheckRule = {
  meta: {
    id: "subset-exceeds",
    defaultSeverity: "error",
    description: {
      vi: 'Mục "trong đó" lớn hơn tổng của nó',
      en: 'A "trong đó" (of which) item larger than its whole',
    },
    messages: {
      exceeds: {
        vi: "{partRow} ghi {part}, lớn hơn tổng {wholeRow} là {whole} (mục “trong đó”)",
        en: "{partRow} is {part}, more than its whole {wholeRow}, {whole} (an “of which” item)",
      },
    },
  },
  check(ctx, report) {
    const { width, bits, value, rowAt } = ctx.facts();
    for (const rel of ctx.relations) {
      if (rel.kind !== "subset") continue;
      const whole = ctx.row(rel.whole);
      const part = ctx.row(rel.part);
      if (!whole || !part) continue;
      const wAt = rowAt.get(rel.whole)! * width;
      const pAt = rowAt.get(rel.part)! * width;
      ctx.unit.measures.forEach((m, mi) => {
        // The facts' answers to isCountCell, and the usual case decided in numbers: two whole counts, neither
        // doubtful, the part not above the whole.
        const wb = bits[wAt + mi];
        const pb = bits[pAt + mi];
        if (!(wb & pb & CELL.count)) return;
        if (
          wb & pb & CELL.whole &&
          !((wb | pb) & CELL.doubtful) &&
          value[pAt + mi] <= value[wAt + mi]
        )
          return;
        const cells = [whole.cells[mi], part.cells[mi]];
        const found = checkRelation(ctx, cells, part.cells[mi].address, (read) => {
          const w = read(cells[0]);
          const p = read(cells[1]);
          if (w === null || p === null) return null;
          return decimalCompare(p, w) <= 0 ? "holds" : { w, p };
        });
        if (!found) return;
        const { w, p } = found;
        report({
          messageId: "exceeds",
          cell: part.cells[mi].address,
          data: {
            part: Number(p),
            partRow: ctx.rowTitle(rel.part),
            whole: Number(w),
            wholeRow: ctx.rowTitle(rel.whole),
          },
          expected: Number(w),
          actual: Number(p),
        });
      });
    }
  },
};
