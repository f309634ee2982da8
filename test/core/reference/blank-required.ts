/**
 * blank-required as it was before the rows no unit needs were skipped (commit 227a7ca): the reference the
 * faster rule must agree with (same-as-reference.test.ts).
 */
import { Analysis, IndicatorRow } from "../../../src/core/analysis";
import { CheckRule } from "../../../src/core/checks/types";
import { isNumberCell } from "../../../src/core/checks/context";

/** How many units fill each (row, column) of the form; counted once per run, read for every unit. */
interface FilledCounts {
  /** A number for each measure key. */
  measureIds: Map<string, number>;
  /** By row key, by measure number: how many units fill that cell. */
  byRow: Map<string, number[]>;
}

function filledCounts(analysis: Analysis): FilledCounts {
  const measureIds = new Map<string, number>();
  const byRow = new Map<string, number[]>();
  for (const u of analysis.units) {
    const mids = u.measures.map((m) => {
      let id = measureIds.get(m.key);
      if (id === undefined) measureIds.set(m.key, (id = measureIds.size));
      return id;
    });
    const seen = new Set<string>();
    for (const r of u.rows) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      let counts = byRow.get(r.key);
      if (!counts) byRow.set(r.key, (counts = []));
      for (let i = 0; i < mids.length; i++) {
        const c = r.cells[i];
        if (!c || c.status === "empty") continue;
        counts[mids[i]] = (counts[mids[i]] ?? 0) + 1;
      }
    }
  }
  return { measureIds, byRow };
}

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
        vi: "Cột “{column}” của chỉ tiêu {row} bị bỏ trống ({filled}/{others} đơn vị khác có ghi)",
        en: "Column “{column}” of indicator {row} is left empty ({filled}/{others} other units fill it)",
      },
      lone: {
        vi: "Chỉ tiêu {row} bị bỏ trống",
        en: "Indicator {row} is left empty",
      },
    },
  },
  check(ctx, report) {
    const { unit, analysis } = ctx;
    const others = analysis.units.length - 1;
    const numberCols = unit.measures
      .map((m, i) => (isNumberCell(m) ? i : -1))
      .filter((i) => i >= 0);
    const hasChildren = new Set(unit.rows.map((r) => r.parent).filter((p) => p !== null));
    // How many other units fill a cell of the form (this unit's is empty, so it adds nothing).
    const filledBy = (row: IndicatorRow, i: number): number => {
      const filled = ctx.perRun("blank-required", () => filledCounts(analysis));
      return filled.byRow.get(row.key)?.[filled.measureIds.get(unit.measures[i].key) ?? -1] ?? 0;
    };
    const checkRow = (row: IndicatorRow, ri: number, empty: number[]): void => {
      if (ctx.formRow(row.key)?.inForm === false) return;
      if (others < 2) {
        const leaf = !hasChildren.has(ri) && row.depth > 0 && (row.uom ?? "").trim() !== "";
        if (leaf && empty.length === numberCols.length) {
          report({
            messageId: "lone",
            severity: "warning",
            cell: row.cells[numberCols[0]].address,
            data: { row: ctx.rowTitle(row.key) },
          });
        }
        return;
      }
      const required: number[] = [];
      let most = 0;
      for (const i of empty) {
        const n = filledBy(row, i);
        if (n * 2 <= others) continue;
        required.push(i);
        if (n > most) most = n;
      }
      if (required.length === 0) return;
      if (empty.length === numberCols.length) {
        report({
          messageId: "row",
          cell: row.cells[required[0]].address,
          data: { row: ctx.rowTitle(row.key), filled: most, others: others },
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
            row: ctx.rowTitle(row.key),
            filled: filledBy(row, i),
            others: others,
          },
        });
      }
    };
    if (numberCols.length === 0) return;
    const empty: number[] = [];
    for (let ri = 0; ri < unit.rows.length; ri++) {
      const row = unit.rows[ri];
      // A formula without a computed value is not blank: formula-not-computed reports it, once per sheet.
      empty.length = 0;
      for (const i of numberCols) {
        const c = row.cells[i];
        if (c?.status === "empty" && c.formula === null) empty.push(i);
      }
      // Most rows are filled in: only a row with an empty cell is looked at.
      if (empty.length > 0) checkRow(row, ri, empty);
    }
  },
};
