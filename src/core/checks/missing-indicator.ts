/**
 * missing-indicator: a row of the form (from the template, or in most units) that this unit lacks. Its figures
 * are missing from the totals; a missing heading row (one with rows under it) only breaks the layout.
 */
import { CheckRule } from "./types";

export const rule: CheckRule = {
  meta: {
    id: "missing-indicator",
    defaultSeverity: "error",
    description: {
      vi: "Đơn vị thiếu một chỉ tiêu của biểu mẫu",
      en: "A unit lacks an indicator of the form",
    },
    messages: {
      missing: {
        vi: "Thiếu chỉ tiêu {row} của biểu mẫu ({count} đơn vị khác có)",
        en: "Indicator {row} of the form is missing ({count} other units have it)",
      },
      missingHeading: {
        vi: "Thiếu dòng mục {row} của biểu mẫu",
        en: "Heading row {row} of the form is missing",
      },
    },
  },
  check(ctx, report) {
    const { analysis } = ctx;
    const parents = ctx.perRun(
      "missing-indicator",
      () => new Set(analysis.rows.map((r) => r.parentKey).filter((k) => k !== null))
    );
    for (const fr of analysis.rows) {
      if (!fr.inForm || ctx.row(fr.key)) continue;
      const name = ctx.rowTitle(fr.key);
      if (parents.has(fr.key)) {
        report({
          messageId: "missingHeading",
          severity: "warning",
          data: { row: name },
          actual: null,
        });
      } else {
        report({
          messageId: "missing",
          data: { row: name, count: fr.unitCount },
          expected: fr.label,
          actual: null,
        });
      }
    }
  },
};
