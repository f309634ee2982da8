/**
 * blank-required: an indicator of the form left empty. With several units, a cell is required when most other
 * units fill it (a whole row left empty is an error, a single cell a warning); with one unit there is no
 * consensus, so a leaf row with a unit of measure (ĐVT) left wholly empty is a warning.
 */
import { Analysis, IndicatorRow } from "../analysis";
import { packed } from "../arrays";
import { CheckRule } from "./types";
import { isNumberCell } from "./context";

/** How many units fill each (row, column) of the form; counted once per run, read for every unit. */
interface FilledCounts {
  /** A number for each measure key. */
  measureIds: Map<string, number>;
  /**
   * By row key: by measure number, how many units fill that cell; and the last unit that counted the row (a
   * unit that repeats a row counts it once).
   */
  byRow: Map<string, { counts: number[]; last: number }>;
  /** Row keys with a cell that more than half of the units other than one fill: it may be required. */
  required: Set<string>;
}

function filledCounts(analysis: Analysis): FilledCounts {
  const measureIds = new Map<string, number>();
  const byRow: FilledCounts["byRow"] = new Map();
  for (let ui = 0; ui < analysis.units.length; ui++) {
    const u = analysis.units[ui];
    const mids = packed(u.measures, (m) => {
      let id = measureIds.get(m.key);
      if (id === undefined) measureIds.set(m.key, (id = measureIds.size));
      return id;
    });
    for (const r of u.rows) {
      let entry = byRow.get(r.key);
      if (!entry) byRow.set(r.key, (entry = { counts: [], last: ui }));
      else if (entry.last === ui) continue;
      entry.last = ui;
      const counts = entry.counts;
      const cells = r.cells;
      for (let i = 0; i < mids.length; i++) {
        const c = cells[i];
        if (!c || c.status === "empty") continue;
        counts[mids[i]] = (counts[mids[i]] ?? 0) + 1;
      }
    }
  }
  const others = analysis.units.length - 1;
  const required = new Set<string>();
  for (const [key, { counts }] of byRow) if (counts.some((n) => n * 2 > others)) required.add(key);
  return { measureIds, byRow, required };
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
    const numberCols: number[] = [];
    for (let i = 0; i < unit.measures.length; i++)
      if (isNumberCell(unit.measures[i])) numberCols.push(i);
    if (numberCols.length === 0) return;
    // Only a lone unit asks which rows are leaves.
    let hasChildren: Set<number | null> | null = null;
    // With other units to go by: how many of them fill each cell of the form, and where most of them do.
    const filled = others < 2 ? null : ctx.perRun("blank-required", () => filledCounts(analysis));
    const mids = filled ? packed(unit.measures, (m) => filled.measureIds.get(m.key) ?? -1) : [];
    // How many other units fill a cell of the form (this unit's is empty, so it adds nothing).
    const filledBy = (row: IndicatorRow, i: number): number =>
      filled!.byRow.get(row.key)?.counts[mids[i]] ?? 0;
    const checkRow = (row: IndicatorRow, ri: number, empty: number[]): void => {
      if (ctx.formRow(row.key)?.inForm === false) return;
      if (others < 2) {
        hasChildren ??= new Set(unit.rows.map((r) => r.parent).filter((p) => p !== null));
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
      const filledIn: number[] = [];
      let most = 0;
      for (const i of empty) {
        const n = filledBy(row, i);
        if (n * 2 <= others) continue;
        required.push(i);
        filledIn.push(n);
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
      for (let k = 0; k < required.length; k++) {
        const i = required[k];
        report({
          messageId: "cell",
          severity: "warning",
          cell: row.cells[i].address,
          data: {
            column: unit.measures[i].header,
            row: ctx.rowTitle(row.key),
            filled: filledIn[k],
            others: others,
          },
        });
      }
    };
    const empty: number[] = [];
    for (let ri = 0; ri < unit.rows.length; ri++) {
      const row = unit.rows[ri];
      // Only a row where most other units fill some cell can have a required one.
      if (filled && !filled.required.has(row.key)) continue;
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
