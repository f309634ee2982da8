/**
 * What the chart shows: the form's percentage indicators that have figures, and for one of them each unit's
 * percentage and the consolidated one. A unit's percentage is recomputed from its own counts when the base is
 * known (as the totals are), so that a mistyped percentage does not distort the picture; otherwise it is the
 * figure the unit wrote.
 */
import { Analysis, FormMeasure, FormRow } from "../core/analysis";
import { totalMeasures } from "../core/consolidate";
import { TotalRow } from "../core/output";
import { cellOf, formCellKind } from "../core/relations";
import { percentOf } from "../core/rounding";

export interface PercentIndicator {
  /** Stable id for a <select> value: the form row's key and the measure's key. */
  id: string;
  /** "1.1. Đảng bộ cơ sở", with the column's header when the form has several percentage columns. */
  label: string;
  row: FormRow;
  measure: FormMeasure;
  /** The consolidated value, when there is one. */
  total: number | null;
}

export interface ChartPoint {
  name: string;
  value: number;
}

export interface ChartData {
  title: string;
  /** The measure's header ("Tỷ lệ (%)"). */
  header: string;
  /** Units with a figure, in unit order. */
  points: ChartPoint[];
  total: number | null;
  decimals: number;
  /** Units without a figure for this indicator. */
  missing: string[];
}

const idOf = (row: FormRow, m: FormMeasure) => `${row.key}\u0001${m.key}`;

function rowTitle(row: FormRow): string {
  // "-" and "+" rows are bullets, not numbers worth repeating.
  return row.code && !/^[-+]$/.test(row.code) ? `${row.code}. ${row.label}` : row.label;
}

/**
 * The percentage cells of the form that have a consolidated value or at least one unit's figure, in the form's
 * order. `totals` is the run's totals, parallel to the analysis' rows.
 */
export function percentIndicators(a: Analysis, totals: readonly TotalRow[]): PercentIndicator[] {
  const measures = totalMeasures(a);
  const found: PercentIndicator[] = [];
  a.rows.forEach((row, i) => {
    for (const m of measures) {
      if (formCellKind(row, m) !== "percent") continue;
      const total = totals[i]?.label === row.label ? (totals[i].values[m.header] ?? null) : null;
      const anyUnit = a.units.some(
        (u) => cellOf(u, { row: row.key, measure: m.key })?.status === "number"
      );
      if (total === null && !anyUnit) continue;
      found.push({ id: idOf(row, m), label: rowTitle(row), row, measure: m, total });
    }
  });
  const headers = new Set(found.map((f) => f.measure.key));
  if (headers.size > 1) for (const f of found) f.label = `${f.label} (${f.measure.header})`;
  return found;
}

/** Each unit's value of one indicator. `decimals` null: as the form shows the column (else 1). */
export function chartData(
  a: Analysis,
  indicator: PercentIndicator,
  decimals: number | null = null
): ChartData {
  const d = decimals ?? indicator.measure.decimals ?? 1;
  const rel = a.relations.find(
    (r) =>
      r.kind === "percent" &&
      r.target.row === indicator.row.key &&
      r.target.measure === indicator.measure.key
  );
  const points: ChartPoint[] = [];
  const missing: string[] = [];
  for (const u of a.units) {
    let value: number | null = null;
    if (rel?.kind === "percent") {
      const n = cellOf(u, rel.numerator);
      const den = cellOf(u, rel.denominator);
      if (n?.status === "number" && den?.status === "number" && n.value !== null && den.value)
        value = percentOf(n.value, den.value, d);
    }
    if (value === null) {
      const own = cellOf(u, { row: indicator.row.key, measure: indicator.measure.key });
      if (own?.status === "number" && own.value !== null) value = own.value;
    }
    if (value === null) missing.push(u.unitName);
    else points.push({ name: u.unitName, value });
  }
  return {
    title: indicator.label,
    header: indicator.measure.header,
    points,
    total: indicator.total,
    decimals: d,
    missing,
  };
}
