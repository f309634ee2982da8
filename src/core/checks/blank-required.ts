/**
 * blank-required: an indicator of the form left empty. With several units, a cell is required when most other
 * units fill it (a whole row left empty is an error, a single cell a warning); with one unit there is no
 * consensus, so a leaf row with a unit of measure (ĐVT) left wholly empty is a warning.
 */
import { CheckRule } from "./types";
import { isNumberCell } from "./context";

export const rule: CheckRule = {
  meta: {
    id: "blank-required",
    defaultSeverity: "error",
    description: {
      vi: "Chỉ tiêu của biểu mẫu bị bỏ trống",
      en: "An indicator of the form left empty",
    },
    messages: {
      row: {
        vi: "Chỉ tiêu {row} bị bỏ trống ({filled}/{others} đơn vị khác có ghi)",
        en: "Indicator {row} is left empty ({filled}/{others} other units fill it)",
      },
      cell: {
        vi: "Ô {column} của chỉ tiêu {row} bị bỏ trống ({filled}/{others} đơn vị khác có ghi)",
        en: "{column} of indicator {row} is left empty ({filled}/{others} other units fill it)",
      },
      lone: {
        vi: "Chỉ tiêu {row} bị bỏ trống",
        en: "Indicator {row} is left empty",
      },
    },
  },
  check(ctx, report) {
    const { unit, analysis } = ctx;
    const others = analysis.units.filter((u) => u !== unit);
    const numberCols = unit.measures
      .map((m, i) => (isNumberCell(m) ? i : -1))
      .filter((i) => i >= 0);
    const hasChildren = new Set(unit.rows.map((r) => r.parent).filter((p) => p !== null));
    unit.rows.forEach((row, ri) => {
      if (ctx.formRow(row.key)?.inForm === false || numberCols.length === 0) return;
      const empty = numberCols.filter((i) => row.cells[i]?.status === "empty");
      if (empty.length === 0) return;
      if (others.length < 2) {
        const leaf = !hasChildren.has(ri) && row.depth > 0 && (row.uom ?? "").trim() !== "";
        if (leaf && empty.length === numberCols.length) {
          report({
            messageId: "lone",
            severity: "warning",
            cell: row.cells[numberCols[0]].address,
            data: { row: ctx.rowName(row.key) },
          });
        }
        return;
      }
      // How many other units fill each empty cell.
      const filledBy = (i: number): number => {
        const m = unit.measures[i];
        let n = 0;
        for (const o of others) {
          const oi = o.measures.findIndex((x) => x.key === m.key);
          const orow = o.rows.find((r) => r.key === row.key);
          const c = oi >= 0 ? orow?.cells[oi] : undefined;
          if (c && c.status !== "empty") n++;
        }
        return n;
      };
      const required = empty.filter((i) => filledBy(i) * 2 > others.length);
      if (required.length === 0) return;
      const filled = Math.max(...required.map(filledBy));
      if (empty.length === numberCols.length) {
        report({
          messageId: "row",
          cell: row.cells[required[0]].address,
          data: { row: ctx.rowName(row.key), filled, others: others.length },
        });
        return;
      }
      for (const i of required) {
        report({
          messageId: "cell",
          severity: "warning",
          cell: row.cells[i].address,
          data: {
            column: unit.measures[i].header,
            row: ctx.rowName(row.key),
            filled: filledBy(i),
            others: others.length,
          },
        });
      }
    });
  },
};
