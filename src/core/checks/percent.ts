/**
 * Percentages against their candidate bases, shared by the percentage rules and the text-claim rule.
 * A written percentage is right when some candidate n / d × 100 rounds half up to the digits written; when
 * only cutting the digits gives it, it was rounded down (a warning); otherwise it is wrong.
 */
import { CellReading, FormRef, IndicatorRow, Measure } from "../analysis";
import { percentFit, ratio, roundHalfUp } from "../rounding";
import { CELL, CheckContext, Doubt, PercentRelation } from "./types";
import { decimalSub } from "./decimal";
import { countMeasures, exactOf, fractionDigits, isPercentCell, readingsOf } from "./context";
import { isApproxText, isPlanText, isPreviousText, isTotalLabel } from "./words";

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
  /** A figure of the candidate is a doubtful cell's, as it stands (3.412) or as it was probably meant (3412). */
  doubt?: Doubt;
  /** A figure of the candidate is an alternative asked about (see readingsOf). */
  alternative?: boolean;
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
  return full === null ? null : writtenOf(cell, full);
}

/** writtenPercent of a cell whose exactOf is `full`. */
function writtenOf(cell: CellReading, full: string): Written {
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
  return /^-?0*(\.0*)?$/.test(x);
}

/** n / d × 100 with the decimals written, half up: the value a candidate gives. */
export function expectedOf(
  c: Candidate,
  decimals: number,
  mode: "half-up" | "truncate" = "half-up"
): number {
  return Number(ratio(numeratorUsed(c), c.denominator, decimals, mode));
}

/**
 * What floating point can decide about n / d × 100 against the written value: "half-up" when it lies well
 * inside the half unit around it, "none" when it is more than two units away (rounding and truncation move it
 * by less than one), null near a boundary, where only the exact test can tell.
 */
function quickFit(n: string, d: string, written: Written): "half-up" | "none" | null {
  const x = (Number(n) / Number(d)) * 100;
  const unit = 10 ** -written.decimals;
  const eps = 1e-9 * Math.max(1, Math.abs(x));
  const off = Math.abs(x - Number(written.shown));
  if (off < unit / 2 - eps) return "half-up";
  if (off > 2 * unit + eps) return "none";
  return null;
}

/**
 * The first candidate that fits half up; else one that fits by truncation; else the first candidate.
 * Candidates are read lazily: most percentages fit their first one.
 */
export function judge(written: Written, candidates: Iterable<Candidate>): Verdict | null {
  let first: Candidate | null = null;
  let truncated: Candidate | null = null;
  const full = Number(written.full);
  for (const c of candidates) {
    if (isZero(c.denominator)) continue;
    first ??= c;
    const n = numeratorUsed(c);
    // A formula's full value equals n / d × 100 up to floating point.
    const exact = (Number(n) / Number(c.denominator)) * 100;
    if (Math.abs(exact - full) <= 1e-9 * Math.max(1, Math.abs(full)))
      return { fit: "half-up", candidate: c };
    const quick = quickFit(n, c.denominator, written);
    if (quick === "half-up") return { fit: quick, candidate: c };
    if (quick === "none") continue;
    const fit = percentFit(n, c.denominator, written.shown, written.decimals);
    if (fit === "half-up") return { fit, candidate: c };
    if (fit === "truncate" && truncated === null) truncated = c;
  }
  if (truncated) return { fit: "truncate", candidate: truncated };
  return first ? { fit: "none", candidate: first } : null;
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
  /** The row's cell is doubtful: `value` is what it holds or what it probably meant. */
  doubt?: Doubt;
  alternative?: boolean;
}

/** The rows of a unit that any percentage may be of, found once per unit. */
interface BaseRows {
  /** Per measure index: the first row with a figure that is not a percentage (the form's total). */
  first: (IndicatorRow | undefined)[];
  totals: IndicatorRow[];
  plans: IndicatorRow[];
  previous: IndicatorRow[];
}

function baseRows(ctx: CheckContext): BaseRows {
  return ctx.perUnit("percent:base-rows", () => {
    const { rows, measures } = ctx.unit;
    const { width, exact, bits } = ctx.facts();
    const first: (IndicatorRow | undefined)[] = new Array<IndicatorRow | undefined>(
      measures.length
    ).fill(undefined);
    let unset = measures.length;
    const totals: IndicatorRow[] = [];
    const plans: IndicatorRow[] = [];
    const previous: IndicatorRow[] = [];
    // One pass: each label classified once, each column's first figure that is not a percentage.
    for (let ri = 0; ri < rows.length; ri++) {
      const r = rows[ri];
      if (isTotalLabel(r.label)) totals.push(r);
      if (isPlanText(r.label)) plans.push(r);
      if (isPreviousText(r.label)) previous.push(r);
      for (let ni = 0; unset > 0 && ni < measures.length; ni++) {
        const at = ri * width + ni;
        if (first[ni] !== undefined || exact[at] === null || bits[at] & CELL.percent) continue;
        first[ni] = r;
        unset--;
      }
    }
    return { first, totals, plans, previous };
  });
}

/**
 * Counts in column `ni` of the rows this row's percentage may be of: its parents, the wholes it is a part of,
 * the first row with a figure (the form's total) and rows labelled as totals. A row that is part of nothing
 * and whose base was not learned may also be a percentage of a plan or of an earlier figure (rows so labelled):
 * a part's share is never of those, and offering them would excuse wrong shares that happen to fit.
 * Doubtful cells met are added to `doubts`.
 */
export function verticalBases(
  ctx: CheckContext,
  row: IndicatorRow,
  ni: number,
  learned = false,
  doubts?: Doubt[],
  alternatives?: ReadonlyMap<CellReading, string>
): VerticalBase[] {
  const measure = ctx.unit.measures[ni];
  const out: VerticalBase[] = [];
  const add = (r: IndicatorRow | undefined, kind: BaseKind): void => {
    if (!r || r === row || isPercentCell(r, measure)) return;
    for (const v of readingsOf(ctx, r.cells[ni], doubts, alternatives))
      out.push({
        value: v.value,
        kind,
        name: ctx.rowTitle(r.key),
        doubt: v.doubt,
        alternative: v.alternative,
      });
  };
  for (const a of ancestors(ctx, row)) add(a, "parent");
  for (const whole of ctx.wholesOf(row.key)) add(ctx.row(whole), "whole");
  const isPart = out.length > 0;
  const rows = baseRows(ctx);
  // The form's first figure is its total, unless it is a plan or an earlier figure.
  const first = rows.first[ni];
  if (first && !isPlanText(first.label) && !isPreviousText(first.label)) add(first, "total");
  for (const r of rows.totals) add(r, "total");
  if (isPart || learned) return out;
  for (const r of ctx.unit.rows) {
    if (rows.plans.length === 0 && rows.previous.length === 0) break;
    if (isPlanText(r.label)) add(r, "plan");
    if (isPreviousText(r.label)) add(r, "previous");
  }
  return out;
}

/** The unit's count columns as numerator candidates for a percentage in column `col`, found once per unit. */
function numeratorsFor(ctx: CheckContext, measure: Measure): { m: Measure; ni: number }[] {
  return ctx.perUnit(`percent:numerators:${measure.col}`, () =>
    numeratorMeasures(ctx.unit.measures, measure.col).map((m) => ({
      m,
      ni: ctx.unit.measures.indexOf(m),
    }))
  );
}

/** The other count columns of the row as denominators for numerator column `nm`, found once per unit. */
function denominatorsFor(ctx: CheckContext, nm: Measure): { m: Measure; di: number }[] {
  return ctx.perUnit(`percent:denominators:${nm.col}`, () =>
    denominatorMeasures(ctx.unit.measures, nm).map((m) => ({
      m,
      di: ctx.unit.measures.indexOf(m),
    }))
  );
}

function nameOf(ctx: CheckContext, key: string, m: Measure, numeratorMeasure: string): string {
  return ctx.rowTitle(key) + (m.key === numeratorMeasure ? "" : `, ${m.header}`);
}

/**
 * Every base the percentage in (row, measure) could have been computed from, strongest first: the learned
 * relation, other columns of the row (kỳ này / cùng kỳ, kế hoạch), the parent rows, the wholes the row is a
 * part of, total rows, plan rows and previous-period rows. Read lazily, and the same base may come twice
 * (judging it again changes nothing); the doubtful cells met on the way are added to `doubts` (a candidate
 * with a doubtful figure carries its probable meaning and the doubt).
 */
export function* candidates(
  ctx: CheckContext,
  row: IndicatorRow,
  measure: Measure,
  doubts: Doubt[] = [],
  alternatives?: ReadonlyMap<CellReading, string>
): Generator<Candidate> {
  // A base learned for this cell rules out the looser guesses, also when its figure is doubtful.
  let learned = false;
  for (const rel of ctx.percentRelations(row.key, measure.key)) {
    const before = doubts.length;
    const ns = readingsOf(ctx, ctx.cell(rel.numerator), doubts, alternatives);
    const ds = readingsOf(ctx, ctx.cell(rel.denominator), doubts, alternatives);
    const dm = ctx.measure(rel.denominator.measure);
    if (doubts.length > before) learned = true;
    if (ns.length === 0 || ds.length === 0 || !dm) continue;
    learned = true;
    const base = nameOf(ctx, rel.denominator.row, dm, rel.numerator.measure);
    for (const n of ns)
      for (const d of ds)
        yield {
          numerator: n.value,
          denominator: d.value,
          kind: "learned",
          base,
          doubt: n.doubt ?? d.doubt,
          alternative: n.alternative || d.alternative,
        };
  }
  // A "%" row in a count column has no numerator of its own: only a learned relation can say what it is of.
  if (measure.kind !== "percent") return;

  for (const { m: nm, ni } of numeratorsFor(ctx, measure)) {
    for (const n of readingsOf(ctx, row.cells[ni], doubts, alternatives)) {
      // Other columns of the row (kỳ này / cùng kỳ, kế hoạch) when no base was learned.
      for (const { m: dm, di } of learned ? [] : denominatorsFor(ctx, nm)) {
        for (const d of readingsOf(ctx, row.cells[di], doubts, alternatives)) {
          const ratio: Candidate = {
            numerator: n.value,
            denominator: d.value,
            kind: "column",
            base: dm.header,
            doubt: n.doubt ?? d.doubt,
            alternative: n.alternative || d.alternative,
          };
          yield ratio;
          if (!isPlanText(dm.header)) yield { ...ratio, change: true };
        }
      }
      for (const b of verticalBases(ctx, row, ni, learned, doubts, alternatives)) {
        const c: Candidate = {
          numerator: n.value,
          denominator: b.value,
          kind: b.kind,
          base: b.name,
          doubt: n.doubt ?? b.doubt,
          alternative: n.alternative || b.alternative,
        };
        yield c;
        if (b.kind === "previous") yield { ...c, change: true };
      }
      // A total's own share is 100%.
      if (row.parent === null || isTotalLabel(row.label)) {
        yield {
          numerator: n.value,
          denominator: n.value,
          kind: "self",
          base: ctx.rowTitle(row.key),
          doubt: n.doubt,
          alternative: n.alternative,
        };
      }
    }
  }
}

/** Every candidate, eagerly (see candidates). */
export function candidatesFor(ctx: CheckContext, row: IndicatorRow, measure: Measure): Candidate[] {
  return [...candidates(ctx, row, measure)];
}

/**
 * Whether the learned base gives the written percentage, judged in floating point where it can: most
 * percentages do, and need no list of candidates.
 */
function learnedFits(
  ctx: CheckContext,
  rels: readonly PercentRelation[],
  written: Written
): boolean {
  const full = Number(written.full);
  const { exact, bits } = ctx.facts();
  for (const rel of rels) {
    // The facts' index of each cell (ctx.cell's cell), -1 where the unit lacks it (no figure, no doubt).
    const ni = factIndex(ctx, rel.numerator);
    const di = factIndex(ctx, rel.denominator);
    if (ni < 0 || di < 0 || (bits[ni] | bits[di]) & CELL.doubtful) continue;
    const n = exact[ni];
    const d = exact[di];
    if (n === null || d === null || isZero(d)) continue;
    const x = (Number(n) / Number(d)) * 100;
    if (Math.abs(x - full) <= 1e-9 * Math.max(1, Math.abs(full))) return true;
    if (quickFit(n, d, written) === "half-up") return true;
  }
  return false;
}

/** Where ctx.cell(ref) is in the unit's facts, or -1 when the unit lacks its row or its column. */
function factIndex(ctx: CheckContext, ref: FormRef): number {
  const f = ctx.facts();
  const ri = f.rowAt.get(ref.row);
  const mi = f.measureAt.get(ref.measure);
  return ri === undefined || mi === undefined ? -1 : ri * f.width + mi;
}

/** Whether every learned base of the cell lacks a figure in this unit (its row, or its count, is absent). */
function learnedAbsent(ctx: CheckContext, row: IndicatorRow, measure: Measure): boolean {
  const rels = ctx.percentRelations(row.key, measure.key);
  return (
    rels.length > 0 &&
    rels.every(
      (rel) =>
        exactOf(ctx.cell(rel.numerator)) === null || exactOf(ctx.cell(rel.denominator)) === null
    )
  );
}

/** A percentage that no candidate gives half up, and no doubtful cell is involved in. */
export interface Mismatch {
  row: IndicatorRow;
  measure: Measure;
  cell: CellReading;
  written: Written;
  verdict: Verdict;
}

/**
 * Every percentage of the unit judged once: the ones that do not fit (as written), and the doubtful cells
 * that kept others from being judged, with the percentage cell each would have been reported at.
 */
export function percentVerdicts(ctx: CheckContext): {
  mismatches: Mismatch[];
  blocked: { doubt: Doubt; at: string }[];
} {
  return ctx.perUnit("percent:verdicts", () => {
    const mismatches: Mismatch[] = [];
    const blocked: { doubt: Doubt; at: string }[] = [];
    const { rows, measures } = ctx.unit;
    const { width, bits, exact } = ctx.facts();
    // A cell without a figure has nothing written to judge (writtenPercent is null).
    for (let ri = 0, at = 0; ri < rows.length; ri++)
      for (let mi = 0; mi < width; mi++, at++) {
        if (!(bits[at] & CELL.percent)) continue;
        const full = exact[at];
        if (full === null) continue;
        const cell = rows[ri].cells[mi];
        if (cell) judgeCell(ctx, rows[ri], measures[mi], cell, full, mismatches, blocked);
      }
    return { mismatches, blocked };
  });
}

/** Judges a percentage whose exactOf is `full`: a misfit goes to `mismatches`, or to `blocked` by a doubt. */
function judgeCell(
  ctx: CheckContext,
  row: IndicatorRow,
  measure: Measure,
  cell: CellReading,
  full: string,
  mismatches: Mismatch[],
  blocked: { doubt: Doubt; at: string }[]
): void {
  if (typeof cell.raw === "string" && isApproxText(cell.raw)) return;
  const written = writtenOf(cell, full);
  const rels = ctx.percentRelations(row.key, measure.key);
  if (rels.length > 0 && learnedFits(ctx, rels, written)) return;
  const doubts: Doubt[] = [];
  const verdict = judge(written, candidates(ctx, row, measure, doubts));
  if (verdict === null || verdict.fit === "half-up") return;
  // A doubtful figure may be the base: its own mistake is reported at it, not here again.
  if (doubts.length > 0) {
    for (const doubt of new Set(doubts)) blocked.push({ doubt, at: cell.address });
    return;
  }
  // The learned base is not there (a row the unit lacks, a figure left blank): other bases are
  // guesses, and a percentage is not called wrong on a guess; the absent figure has its own issue.
  if (learnedAbsent(ctx, row, measure)) return;
  mismatches.push({ row, measure, cell, written, verdict });
}

/** Whether the percentage fits once the cells in `alternatives` hold the values given there. */
export function fitsWith(
  ctx: CheckContext,
  m: Mismatch,
  alternatives: ReadonlyMap<CellReading, string>
): boolean {
  const v = judge(m.written, candidates(ctx, m.row, m.measure, [], alternatives));
  return v?.fit === "half-up" && v.candidate.alternative === true;
}
