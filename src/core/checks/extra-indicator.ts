/**
 * extra-indicator: a row this unit added that is not in the form (not in the template, or in few units). It is
 * kept as its own row in the totals, never merged into another.
 */
import { cellAddress } from "../model";
import { CheckRule } from "./types";

export const rule: CheckRule = {
  meta: {
    id: "extra-indicator",
    defaultSeverity: "warning",
    description: {
      vi: "Đơn vị thêm một dòng không có trong biểu mẫu",
      en: "A unit added a row that is not in the form",
    },
    messages: {
      extra: {
        vi: "Dòng “{label}” không có trong biểu mẫu ({count}/{units} đơn vị có)",
        en: "Row “{label}” is not in the form ({count}/{units} units have it)",
      },
    },
  },
  check(ctx, report) {
    const { unit, analysis } = ctx;
    for (const row of unit.rows) {
      const fr = ctx.formRow(row.key);
      if (!fr || fr.inForm) continue;
      report({
        messageId: "extra",
        cell: cellAddress(row.row, unit.labelCol),
        data: {
          label: (row.code ? `${row.code}. ` : "") + row.label,
          count: fr.unitCount,
          units: analysis.units.length,
        },
        actual: row.label,
        expected: null,
      });
    }
  },
};
