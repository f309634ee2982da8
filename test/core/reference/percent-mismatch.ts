/**
 * percent-mismatch over the reference percentVerdicts (./percent): the reference the faster rule must agree with
 * (same-as-reference.test.ts).
 */
import { CheckRule } from "../../../src/core/checks/types";
import { expectedOf, fitsWith, numeratorUsed, percentVerdicts } from "./percent";
import { partitionFixes } from "../../../src/core/checks/partition-fixes";

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
    const { mismatches, blocked } = percentVerdicts(ctx);
    for (const b of blocked) ctx.skip(b.doubt, b.at);
    const fixes = mismatches.length > 0 ? partitionFixes(ctx) : new Map();
    for (const m of mismatches) {
      if (fixes.size > 0 && fitsWith(ctx, m, fixes)) continue;
      const { verdict, written } = m;
      const c = verdict.candidate;
      const expected = expectedOf(c, written.decimals);
      const actual = Number(written.shown);
      report({
        messageId: verdict.fit === "truncate" ? "truncated" : "mismatch",
        severity: verdict.fit === "truncate" ? "warning" : undefined,
        cell: m.cell.address,
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
    }
  },
};
