/**
 * Builds the context a rule sees for one unit, and the small readers rules share: a cell's number as an
 * exact decimal string, which cells are counts and which are percentages.
 */
import { Analysis, CellReading, FormRow, IndicatorRow, Measure, Relation } from "../analysis";
import { numberToPlainString, roundHalfUp } from "../rounding";
import { CheckContext } from "./types";
import { uomIsPercent } from "./words";

// The form's rows by key, once per run (not once per unit).
const formRowsOf = new WeakMap<Analysis, Map<string, FormRow>>();

/** The context of unit `unitIndex`; `refs` names rows as the rules tab does (rowRefs of rules-text). */
export function makeContext(
  analysis: Analysis,
  unitIndex: number,
  relations: readonly Relation[],
  refs: ReadonlyMap<string, string>
): CheckContext {
  const unit = analysis.units[unitIndex];
  const rows = new Map<string, IndicatorRow>();
  for (const r of unit.rows) if (!rows.has(r.key)) rows.set(r.key, r);
  const measureIndex = new Map<string, number>();
  unit.measures.forEach((m, i) => {
    if (!measureIndex.has(m.key)) measureIndex.set(m.key, i);
  });
  let formRows = formRowsOf.get(analysis);
  if (!formRows)
    formRowsOf.set(analysis, (formRows = new Map(analysis.rows.map((r) => [r.key, r]))));
  return {
    analysis,
    unit,
    unitIndex,
    relations,
    row: (key) => rows.get(key),
    measure: (key) => {
      const i = measureIndex.get(key);
      return i === undefined ? undefined : unit.measures[i];
    },
    cell: (ref) => {
      const i = measureIndex.get(ref.measure);
      return i === undefined ? undefined : rows.get(ref.row)?.cells[i];
    },
    formRow: (key) => formRows!.get(key),
    rowName: (key) => `[${refs.get(key) ?? rows.get(key)?.label ?? key}]`,
  };
}

/** Floating-point noise from a stored fraction (0.467 × 100 = 46.699999999999996) is not what was written. */
function denoise(s: string): string {
  const frac = s.split(".")[1] ?? "";
  if (frac.length < 12) return s;
  return roundHalfUp(s, 10).replace(/\.?0+$/, "");
}

// Every rule asks for the same cells' figures: keep each answer with the reading it was computed from.
const exactMemo = new WeakMap<
  CellReading,
  { status: string; value: number | null; exact: string | null; result: string | null }
>();

/** A cell's number as an exact decimal string (counts as they are, percentages in percent points), or null. */
export function exactOf(cell: CellReading | undefined): string | null {
  if (!cell || cell.status !== "number" || cell.value === null || !Number.isFinite(cell.value)) {
    return null;
  }
  const hit = exactMemo.get(cell);
  if (hit && hit.value === cell.value && hit.exact === cell.exact && hit.status === cell.status) {
    return hit.result;
  }
  const result = computeExact(cell, cell.value);
  exactMemo.set(cell, { status: cell.status, value: cell.value, exact: cell.exact, result });
  return result;
}

function computeExact(cell: CellReading, value: number): string {
  const v = value;
  if (cell.exact !== null && /^-?\d+(\.\d+)?$/.test(cell.exact)) {
    const e = Number(cell.exact);
    // Trust the written digits unless they are on another scale than the value (0.467 beside 46.7).
    if (Math.abs(e - v) <= 1e-9 * Math.max(1, Math.abs(v))) return denoise(cell.exact);
  }
  return denoise(numberToPlainString(v));
}

/** Digits after the decimal point of an exact decimal string. */
export function fractionDigits(exact: string): number {
  return exact.split(".")[1]?.length ?? 0;
}

/** A cell that holds a percentage: a percent column, or a count column in a row whose ĐVT is "%". */
export function isPercentCell(row: IndicatorRow, measure: Measure): boolean {
  return measure.kind === "percent" || (measure.kind === "count" && isPercentRow(row));
}

/** A row of percentages (ĐVT "%", as the analysis or the unit of measure says). */
export function isPercentRow(row: IndicatorRow): boolean {
  return row.percent === true || uomIsPercent(row.uom);
}

/** A cell that holds an additive count: a count column in a row that is additive and not a "%" row. */
export function isCountCell(row: IndicatorRow, measure: Measure): boolean {
  return measure.kind === "count" && !row.nonAdditive && !isPercentRow(row);
}

/** A cell where a number belongs (every column but Ghi chú). */
export function isNumberCell(measure: Measure): boolean {
  return measure.kind !== "text";
}

/** The unit's count columns, in order. */
export function countMeasures(measures: readonly Measure[]): Measure[] {
  return measures.filter((m) => m.kind === "count");
}
