/**
 * percent-over-100 over the reference percent.ts: the reference the faster rule must agree with
 * (same-as-reference.test.ts).
 */
import { CellReading, IndicatorRow, Measure } from "../../../src/core/analysis";
import { CELL, CheckRule } from "../../../src/core/checks/types";
import { candidates, judge, writtenPercent } from "./percent";
import { isGrowthText, isPlanText } from "../../../src/core/checks/words";

export const rule: CheckRule = {
  meta: {
    id: "percent-over-100",
    defaultSeverity: "error",
    description: {
      vi: "Tỷ lệ phần của một tổng lớn hơn 100%",
      en: "A share of a whole above 100%",
    },
    messages: {
      over: {
        vi: "Tỷ lệ {actual:dec}% lớn hơn 100%: phần không thể lớn hơn tổng",
        en: "Percentage {actual:dec}% is above 100%: a part cannot exceed its whole",
      },
    },
  },
  check(ctx, report) {
    const notShare = (t: string | null | undefined): boolean => isPlanText(t) || isGrowthText(t);
    const { rows, measures } = ctx.unit;
    const checkCell = (row: IndicatorRow, measure: Measure, cell: CellReading): void => {
      const written = writtenPercent(cell);
      if (written === null || Number(written.shown) <= 100) return;
      const parent = row.parent === null ? null : ctx.unit.rows[row.parent];
      // What was typed may say it too ("106% KH"); a number says nothing.
      const typed = typeof cell.raw === "string" ? cell.raw : null;
      const texts = [row.label, row.uom, measure.header, parent?.label, typed];
      for (const rel of ctx.percentRelations(row.key, measure.key)) {
        // Against another column of the same row (kỳ này / cùng kỳ) is a comparison, not a share.
        if (rel.denominator.row === rel.numerator.row) return;
        texts.push(
          ctx.formRow(rel.denominator.row)?.label,
          ctx.measure(rel.denominator.measure)?.header
        );
      }
      if (texts.some(notShare)) return;
      // A percentage that a plan or an earlier figure explains is no share, whatever the labels say.
      const verdict = judge(written, candidates(ctx, row, measure));
      const c = verdict?.fit === "none" ? null : verdict?.candidate;
      if (c && (c.kind === "plan" || c.kind === "previous" || c.change || notShare(c.base))) return;
      const actual = Number(written.shown);
      report({
        messageId: "over",
        cell: cell.address,
        data: { actual, dec: written.decimals },
        actual,
        expected: 100,
      });
    };
    const { width, bits, exact } = ctx.facts();
    for (let ri = 0; ri < rows.length; ri++)
      for (let mi = 0; mi < measures.length; mi++) {
        const at = ri * width + mi;
        const cell = rows[ri].cells[mi];
        if (!cell || !(bits[at] & CELL.percent)) continue;
        // At most 100 as written is at most 100 as shown: rounding cannot pass 100.
        const e = exact[at];
        if (e === null || Number(e) <= 100) continue;
        checkCell(rows[ri], measures[mi], cell);
      }
  },
};
