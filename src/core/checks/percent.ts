/**
 * Percentages against their candidate bases, shared by the percentage rules and the text-claim rule.
 * A written percentage is right when some candidate n / d × 100 rounds half up to the digits written; when
 * only cutting the digits gives it, it was rounded down (a warning); otherwise it is wrong.
 */
import { CellReading, IndicatorRow, Measure } from "../analysis";
import { percentFit, ratio, roundHalfUp, toDecimal } from "../rounding";
import { CheckContext } from "./types";
import { decimalSub } from "./decimal";
import { countMeasures, exactOf, fractionDigits, isPercentCell } from "./context";
import { isPlanText, isPreviousText, isTotalLabel } from "./words";

export type BaseKind =
  "learned" | "column" | "parent" | "whole" | "total" | "plan" | "previous" | "self";

/** One way the percentage could have been computed: numerator / denominator × 100. */
export interface Candidate {
  numerator: string;
  denominator: string;
  kind: BaseKind;
  /** How a message names the base: "[3]", "Cùng kỳ năm trước". */
  base: string;
  /** (n − d) / d: a change against the base rather than a ratio to it. */
  change?: boolean;
}

/** What was written: the digits to compare and how many decimals they claim. */
export interface Written {
  /** The full stored value, in percent points. */
  full: string;
  /** The value as shown, rounded to `decimals`. */
  shown: string;
  decimals: number;
}

/**
 * The written percentage of a cell: what it shows. A number claims the decimals its format shows (46.7 in a
 * "0.00" cell is the claim 46,70); text claims the digits typed; more digits stored than shown are rounded.
 */
export function writtenPercent(cell: CellReading): Written | null {
  const full = exactOf(cell);
  if (full === null) return null;
  const stored = fractionDigits(full);
  const shownDigits = cell.decimals ?? stored;
  if (stored <= shownDigits) return { full, shown: full, decimals: shownDigits };
  return { full, shown: roundHalfUp(full, shownDigits), decimals: shownDigits };
}

export type Verdict =
  | { fit: "half-up"; candidate: Candidate }
  | { fit: "truncate"; candidate: Candidate }
  | { fit: "none"; candidate: Candidate };

/** The numerator a candidate divides: n, or n − d for a change. */
export function numeratorUsed(c: Candidate): string {
  return c.change ? decimalSub(c.numerator, c.denominator) : c.numerator;
}

function isZero(x: string): boolean {
  return toDecimal(x).int === 0n;
}

/** n / d × 100 with the decimals written, half up: the value a candidate gives. */
export function expectedOf(
  c: Candidate,
  decimals: number,
  mode: "half-up" | "truncate" = "half-up"
): number {
  return Number(ratio(numeratorUsed(c), c.denominator, decimals, mode));
}

/** The first candidate that fits half up; else one that fits by truncation; else the first candidate. */
export function judge(written: Written, candidates: readonly Candidate[]): Verdict | null {
  const usable = candidates.filter((c) => !isZero(c.denominator));
  if (usable.length === 0) return null;
  let truncated: Candidate | null = null;
  for (const c of usable) {
    const n = numeratorUsed(c);
    // A formula's full value equals n / d × 100 up to floating point.
    const exact = (Number(n) / Number(c.denominator)) * 100;
    const full = Number(written.full);
    if (Math.abs(exact - full) <= 1e-9 * Math.max(1, Math.abs(full)))
      return { fit: "half-up", candidate: c };
    const fit = percentFit(n, c.denominator, written.shown, written.decimals);
    if (fit === "half-up") return { fit, candidate: c };
    if (fit === "truncate" && truncated === null) truncated = c;
  }
  if (truncated) return { fit: "truncate", candidate: truncated };
  return { fit: "none", candidate: usable[0] };
}

function ancestors(ctx: CheckContext, row: IndicatorRow): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  let p = row.parent;
  const seen = new Set<number>();
  while (p !== null && !seen.has(p)) {
    seen.add(p);
    const r = ctx.unit.rows[p];
    if (!r) break;
    out.push(r);
    p = r.parent;
  }
  return out;
}

/**
 * The count columns that may be the numerator, likeliest first: current-period columns before plan and
 * previous-period ones ("Kỳ này" before "Cùng kỳ"), then the nearest left of `col` ("Số lượng" before "Tỷ lệ").
 */
function numeratorMeasures(measures: readonly Measure[], col: number): Measure[] {
  const reference = (m: Measure): number =>
    isPlanText(m.header) || isPreviousText(m.header) ? 1 : 0;
  const distance = (m: Measure): number => (m.col < col ? col - m.col : 1000 + m.col - col);
  return countMeasures(measures).sort(
    (a, b) => reference(a) - reference(b) || distance(a) - distance(b)
  );
}

/** Other count columns of the row as denominators: plan and previous-period columns first. */
function denominatorMeasures(measures: readonly Measure[], numerator: Measure): Measure[] {
  const reference = (m: Measure): number =>
    isPlanText(m.header) || isPreviousText(m.header) ? 0 : 1;
  return countMeasures(measures)
    .filter((m) => m !== numerator)
    .sort((a, b) => reference(a) - reference(b));
}

/** A count another row holds in the same column, that a percentage of this row may be computed from. */
export interface VerticalBase {
  value: string;
  kind: BaseKind;
  name: string;
}

/**
 * Counts in column `ni` of the rows this row's percentage may be of: its parents, the wholes it is a part of,
 * the first row with a figure (the form's total) and rows labelled as totals. A row that is part of nothing
 * and whose base was not learned may also be a percentage of a plan or of an earlier figure (rows so labelled):
 * a part's share is never of those, and offering them would excuse wrong shares that happen to fit.
 */
export function verticalBases(
  ctx: CheckContext,
  row: IndicatorRow,
  ni: number,
  learned = false
): VerticalBase[] {
  const measure = ctx.unit.measures[ni];
  const out: VerticalBase[] = [];
  const add = (r: IndicatorRow | undefined, kind: BaseKind): void => {
    if (!r || r === row || isPercentCell(r, measure)) return;
    const value = exactOf(r.cells[ni]);
    if (value !== null) out.push({ value, kind, name: ctx.rowName(r.key) });
  };
  for (const a of ancestors(ctx, row)) add(a, "parent");
  for (const rel of ctx.relations) {
    if (
      (rel.kind === "partition" && rel.parts.includes(row.key)) ||
      (rel.kind === "subset" && rel.part === row.key)
    ) {
      add(ctx.row(rel.whole), "whole");
    }
  }
  const isPart = out.length > 0;
  // The form's first figure is its total, unless it is a plan or an earlier figure.
  const first = ctx.unit.rows.find(
    (r) => exactOf(r.cells[ni]) !== null && !isPercentCell(r, measure)
  );
  if (first && !isPlanText(first.label) && !isPreviousText(first.label)) add(first, "total");
  for (const r of ctx.unit.rows) if (isTotalLabel(r.label)) add(r, "total");
  if (isPart || learned) return out;
  for (const r of ctx.unit.rows) {
    if (isPlanText(r.label)) add(r, "plan");
    if (isPreviousText(r.label)) add(r, "previous");
  }
  return out;
}

/**
 * Every base the percentage in (row, measure) could have been computed from, strongest first: the learned
 * relation, other columns of the row (kỳ này / cùng kỳ, kế hoạch), the parent rows, the wholes the row is a
 * part of, total rows, plan rows and previous-period rows.
 */
export function candidatesFor(ctx: CheckContext, row: IndicatorRow, measure: Measure): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate): void => {
    const id = `${c.numerator}/${c.denominator}/${c.change ? 1 : 0}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(c);
  };
  const nameOf = (key: string, m: Measure, numeratorMeasure: string): string =>
    ctx.rowName(key) + (m.key === numeratorMeasure ? "" : ` ${m.header}`);

  for (const rel of ctx.relations) {
    if (
      rel.kind !== "percent" ||
      rel.target.row !== row.key ||
      rel.target.measure !== measure.key
    ) {
      continue;
    }
    const n = exactOf(ctx.cell(rel.numerator));
    const d = exactOf(ctx.cell(rel.denominator));
    const dm = ctx.measure(rel.denominator.measure);
    if (n !== null && d !== null && dm) {
      add({
        numerator: n,
        denominator: d,
        kind: "learned",
        base: nameOf(rel.denominator.row, dm, rel.numerator.measure),
      });
    }
  }
  // A "%" row in a count column has no numerator of its own: only a learned relation can say what it is of.
  if (measure.kind !== "percent") return out;

  const learned = out.length > 0;
  for (const nm of numeratorMeasures(ctx.unit.measures, measure.col)) {
    const ni = ctx.unit.measures.indexOf(nm);
    const n = exactOf(row.cells[ni]);
    if (n === null) continue;
    // Other columns of the row (kỳ này / cùng kỳ, kế hoạch) when no base was learned.
    for (const dm of learned ? [] : denominatorMeasures(ctx.unit.measures, nm)) {
      const d = exactOf(row.cells[ctx.unit.measures.indexOf(dm)]);
      if (d === null) continue;
      add({ numerator: n, denominator: d, kind: "column", base: dm.header });
      if (!isPlanText(dm.header)) {
        add({ numerator: n, denominator: d, kind: "column", base: dm.header, change: true });
      }
    }
    for (const b of verticalBases(ctx, row, ni, learned)) {
      add({ numerator: n, denominator: b.value, kind: b.kind, base: b.name });
      if (b.kind === "previous")
        add({ numerator: n, denominator: b.value, kind: b.kind, base: b.name, change: true });
    }
    // A total's own share is 100%.
    if (row.parent === null || isTotalLabel(row.label)) {
      add({ numerator: n, denominator: n, kind: "self", base: ctx.rowName(row.key) });
    }
  }
  return out;
}
