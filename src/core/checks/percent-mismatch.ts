/**
 * percent-mismatch: a percentage that no candidate base gives after rounding half up to the digits written.
 * Only truncation explains it: a warning ("làm tròn xuống").
 */
import { CheckRule } from "./types";
import { isPercentCell } from "./context";
import { candidatesFor, expectedOf, judge, numeratorUsed, writtenPercent } from "./percent";
import { isApproxText } from "./words";

export const rule: CheckRule = {
  meta: {
    id: "percent-mismatch",
    defaultSeverity: "error",
    description: {
      vi: "Tỷ lệ không khớp với số lượng và mẫu số của nó",
      en: "A percentage that does not match its count and base",
    },
    messages: {
      mismatch: {
        vi: "Tỷ lệ {actual:dec}% không khớp: {n} / {d} = {expected:dec}% (mẫu số {base})",
        en: "Percentage {actual:dec}% does not match: {n} / {d} = {expected:dec}% (base {base})",
      },
      truncated: {
        vi: "Tỷ lệ {actual:dec}% bị làm tròn xuống: {n} / {d} = {expected:dec}% (mẫu số {base})",
        en: "Percentage {actual:dec}% is rounded down: {n} / {d} = {expected:dec}% (base {base})",
      },
    },
  },
  check(ctx, report) {
    ctx.unit.rows.forEach((row) => {
      ctx.unit.measures.forEach((measure, mi) => {
        const cell = row.cells[mi];
        if (!cell || !isPercentCell(row, measure) || isApproxText(cell.raw)) return;
        const written = writtenPercent(cell);
        if (written === null) return;
        const verdict = judge(written, candidatesFor(ctx, row, measure));
        if (verdict === null || verdict.fit === "half-up") return;
        const c = verdict.candidate;
        const expected = expectedOf(c, written.decimals);
        const actual = Number(written.shown);
        report({
          messageId: verdict.fit === "truncate" ? "truncated" : "mismatch",
          severity: verdict.fit === "truncate" ? "warning" : undefined,
          cell: cell.address,
          data: {
            actual,
            expected,
            n: Number(numeratorUsed(c)),
            d: Number(c.denominator),
            base: c.base,
            dec: written.decimals,
          },
          expected,
          actual,
        });
      });
    });
  },
};
