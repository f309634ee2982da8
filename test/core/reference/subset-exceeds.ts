/**
 * subset-exceeds as it was before the usual case was decided from the unit's facts (commit 227a7ca): the
 * reference the faster rule must agree with (same-as-reference.test.ts).
 */
import { decimalCompare } from "../../../src/core/checks/decimal";
import { CheckRule } from "../../../src/core/checks/types";
import { checkRelation, isCountCell } from "../../../src/core/checks/context";

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
    for (const rel of ctx.relations) {
      if (rel.kind !== "subset") continue;
      const whole = ctx.row(rel.whole);
      const part = ctx.row(rel.part);
      if (!whole || !part) continue;
      ctx.unit.measures.forEach((m, mi) => {
        if (!isCountCell(whole, m) || !isCountCell(part, m)) return;
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
