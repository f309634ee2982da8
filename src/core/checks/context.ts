/**
 * Builds the context a rule sees for one unit, and the small readers rules share: a cell's number as an
 * exact decimal string, which cells are counts and which are percentages.
 */
import {
  Analysis,
  CellReading,
  FormRow,
  IndicatorRow,
  Measure,
  Relation,
  SheetLayout,
} from "../analysis";
import { intString as sharedIntString } from "../cells";
import { numberToPlainString, roundHalfUp } from "../rounding";
import { CELL, CheckContext, Doubt, PercentRelation, UnitFacts } from "./types";
import { isApproxText, isChangeText, isNilText, uomAllowsDecimals, uomIsPercent } from "./words";

// Asked for every cell: kept here once rather than looked up on the other module at each call (CommonJS
// loaders, as the tests' and the bench's, turn every imported name into a getter).
const intString = sharedIntString;

/** What the contexts of one run share: the relations indexed once, the form's rows by key, memos. */
export interface RunShared {
  analysis: Analysis;
  relations: readonly Relation[];
  refs: ReadonlyMap<string, string>;
  formRows: Map<string, FormRow>;
  /** Percentage relations by target row, then target measure. */
  percentByTarget: Map<string, Map<string, PercentRelation[]>>;
  wholesByPart: Map<string, string[]>;
  /** file, sheet and cell of the values consolidation left out of the totals. */
  leftOut: Set<string>;
  memo: Map<string, unknown>;
}

const cellId = (file: string | null, sheet: string | null, cell: string | null): string =>
  `${file}\u0000${sheet}\u0000${cell}`;

/** Indexes the relations and the form once per run; `refs` names rows as the rules tab does (rowRefs). */
export function shareRun(
  analysis: Analysis,
  relations: readonly Relation[],
  refs: ReadonlyMap<string, string>
): RunShared {
  const percentByTarget = new Map<string, Map<string, PercentRelation[]>>();
  const wholesByPart = new Map<string, string[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const rel of relations) {
    if (rel.kind === "percent") {
      let byMeasure = percentByTarget.get(rel.target.row);
      if (!byMeasure) percentByTarget.set(rel.target.row, (byMeasure = new Map()));
      push(byMeasure, rel.target.measure, rel);
    } else if (rel.kind === "partition")
      for (const p of rel.parts) push(wholesByPart, p, rel.whole);
    else if (rel.kind === "subset") push(wholesByPart, rel.part, rel.whole);
  }
  const leftOut = new Set<string>();
  for (const i of analysis.issues)
    if (i.rule === "left-out" && i.cell) leftOut.add(cellId(i.file, i.sheet, i.cell));
  return {
    analysis,
    relations,
    refs,
    formRows: new Map(analysis.rows.map((r) => [r.key, r])),
    percentByTarget,
    wholesByPart,
    leftOut,
    memo: new Map(),
  };
}

/** 3412 for a count stored as 3.412 (typed "3.412" in an English-locale Excel); else null. */
export function thousandsMeant(exact: string): string | null {
  const m = /^(-?)(\d+)\.(\d{3})$/.exec(exact);
  return m ? `${m[1]}${m[2]}${m[3]}`.replace(/^(-?)0+(?=\d)/, "$1") : null;
}

/** A figure of a cell to relate to others; `doubt` when the cell is doubtful. */
export interface Reading {
  value: string;
  doubt?: Doubt;
  /** The value is an alternative asked about (what another check says the cell should hold). */
  alternative?: boolean;
}

/**
 * The figures a cell may stand for in a check relating it to others: its number; for a doubtful cell its
 * number as it stands and its probable meaning, either of which may clear a check (the doubt also goes to
 * `doubts`, so the caller knows that a failing check rests on it). None for a cell without a number. A cell
 * in `alternatives` also reads as the value given there.
 */
export function readingsOf(
  ctx: CheckContext,
  cell: CellReading | undefined,
  doubts?: Doubt[],
  alternatives?: ReadonlyMap<CellReading, string>
): Reading[] {
  const doubt = ctx.doubt(cell);
  if (!doubt) {
    const value = exactOf(cell);
    const other = cell && alternatives?.get(cell);
    if (other !== undefined && other !== value) {
      const out: Reading[] = value === null ? [] : [{ value }];
      out.push({ value: other, alternative: true });
      return out;
    }
    return value === null ? [] : [{ value }];
  }
  doubts?.push(doubt);
  const out: Reading[] = [];
  const value = exactOf(cell);
  if (value !== null) out.push({ value, doubt });
  if (doubt.corrected !== null && doubt.corrected !== value)
    out.push({ value: doubt.corrected, doubt });
  return out;
}

/** Reads a cell's figure for a check: as it stands, or as a doubtful cell probably meant it. */
export type Read = (cell: CellReading | undefined) => string | null;

const asWritten: Read = exactOf;

/**
 * A check relating `cells`: `evaluate` reads their figures with the reader it is given and returns what is
 * wrong, "holds", or null when it cannot tell. With doubtful cells among them, nothing is reported: the
 * check is cleared when it holds with the figures as they stand or as meant, else it is noted as left out
 * (with `at`, where it would have reported) against each doubtful cell.
 */
export function checkRelation<T>(
  ctx: CheckContext,
  cells: readonly (CellReading | undefined)[],
  at: string | null,
  evaluate: (read: Read) => T | "holds" | null
): T | null {
  const doubts = new Set<Doubt>();
  for (const c of cells) {
    const d = ctx.doubt(c);
    if (d) doubts.add(d);
  }
  if (doubts.size === 0) {
    const found = evaluate(asWritten);
    return found === "holds" ? null : found;
  }
  const asMeant: Read = (c) => {
    const d = ctx.doubt(c);
    return d ? d.corrected : exactOf(c);
  };
  if (evaluate(asWritten) === "holds" || evaluate(asMeant) === "holds") return null;
  for (const d of doubts) ctx.skip(d, at);
  return null;
}

/** A label short enough for a message: its first words up to about 40 characters, colons dropped. */
export function shortLabel(label: string): string {
  const s = label
    .replace(/\s+/g, " ")
    .replace(/[:;,.]+$/, "")
    .trim();
  if (s.length <= 40) return s;
  const cut = s.slice(0, 40);
  const space = cut.lastIndexOf(" ");
  return `${(space > 20 ? cut.slice(0, space) : cut).trim()}…`;
}

/** A count that count-negative reports when below 0: not a change (tăng/giảm, chênh lệch, so với). */
export function isNegativeCount(row: IndicatorRow, measure: Measure): boolean {
  return isCountCell(row, measure) && !isChangeText(row.label) && !isChangeText(measure.header);
}

/** A plain decimal string with a non-zero fractional part. */
export function hasFraction(exact: string): boolean {
  const dot = exact.indexOf(".");
  if (dot < 0) return false;
  // A digit 1-9 after the point, looked for in place: no substring made.
  for (let i = dot + 1; i < exact.length; i++) {
    const c = exact.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

/**
 * The context of unit `unitIndex` in a run; `onSkip` hears of every check a rule left out because of a
 * doubtful cell.
 */
export function makeContext(
  shared: RunShared,
  unitIndex: number,
  onSkip: (doubt: Doubt, at: string | null) => void = () => undefined
): CheckContext {
  const { analysis, relations, refs, formRows } = shared;
  const unit = analysis.units[unitIndex];
  // The index of the unit's (first) row with each key.
  const rowAt = new Map<string, number>();
  unit.rows.forEach((r, i) => {
    if (!rowAt.has(r.key)) rowAt.set(r.key, i);
  });
  const rowOf = (key: string): IndicatorRow | undefined => {
    const i = rowAt.get(key);
    return i === undefined ? undefined : unit.rows[i];
  };
  const measureIndex = new Map<string, number>();
  unit.measures.forEach((m, i) => {
    if (!measureIndex.has(m.key)) measureIndex.set(m.key, i);
  });
  // A row's title for messages, made once per unit: the percentage bases name the same rows for every note.
  const titles = new Map<string, string>();
  const unitMemo = new Map<string, unknown>();
  let read: { facts: UnitFacts; doubts: Map<CellReading, Doubt> } | null = null;
  const unitRead = () => (read ??= readUnit(shared, unit, rowAt, measureIndex));
  const none: readonly never[] = [];
  const ctx: CheckContext = {
    analysis,
    unit,
    unitIndex,
    relations,
    row: rowOf,
    measure: (key) => {
      const i = measureIndex.get(key);
      return i === undefined ? undefined : unit.measures[i];
    },
    cell: (ref) => {
      const i = measureIndex.get(ref.measure);
      return i === undefined ? undefined : rowOf(ref.row)?.cells[i];
    },
    formRow: (key) => formRows.get(key),
    rowName: (key) => `[${refs.get(key) ?? rowOf(key)?.label ?? key}]`,
    rowTitle: (key) => {
      let title = titles.get(key);
      if (title === undefined) {
        const ref = refs.get(key) ?? rowOf(key)?.label ?? key;
        const label = (rowOf(key)?.label ?? formRows.get(key)?.label ?? "").trim();
        title = label === "" || label === ref ? `[${ref}]` : `“${shortLabel(label)}” [${ref}]`;
        titles.set(key, title);
      }
      return title;
    },
    percentRelations: (row, measure) => shared.percentByTarget.get(row)?.get(measure) ?? none,
    wholesOf: (row) => shared.wholesByPart.get(row) ?? none,
    perRun: <T>(key: string, build: () => T): T => {
      if (!shared.memo.has(key)) shared.memo.set(key, build());
      return shared.memo.get(key) as T;
    },
    perUnit: <T>(key: string, build: () => T): T => {
      if (!unitMemo.has(key)) unitMemo.set(key, build());
      return unitMemo.get(key) as T;
    },
    doubt: (cell) => (cell ? unitRead().doubts.get(cell) : undefined),
    skip: onSkip,
    facts: () => unitRead().facts,
  };
  return ctx;
}

/**
 * The answers to what rules ask of each cell of a unit, and the cells with a mistake of their own (doubts),
 * in one pass over its cells.
 */
function readUnit(
  shared: RunShared,
  unit: SheetLayout,
  rowAt: ReadonlyMap<string, number>,
  measureAt: ReadonlyMap<string, number>
): { facts: UnitFacts; doubts: Map<CellReading, Doubt> } {
  const { rows, measures } = unit;
  const width = measures.length;
  const exact = new Array<string | null>(rows.length * width).fill(null);
  const bits = new Uint8Array(rows.length * width);
  const value = new Float64Array(rows.length * width);
  const doubts = new Map<CellReading, Doubt>();
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    const cells = row.cells;
    // isCountCell and isPercentCell, with what depends on the row alone asked once.
    const percentRow = isPercentRow(row);
    const countRow = !row.nonAdditive && !percentRow;
    const decimalsAllowed = uomAllowsDecimals(row.uom);
    for (let mi = 0, at = ri * width; mi < width; mi++, at++) {
      const measure = measures[mi];
      const kind = measure.kind;
      let b = 0;
      if (kind === "count" && countRow) b |= CELL.count;
      if (kind === "percent" || (kind === "count" && percentRow)) b |= CELL.percent;
      if (kind !== "text") b |= CELL.number;
      const cell = cells[mi];
      if (!cell || cell.status === "empty") b |= CELL.blank;
      const e = exactOf(cell);
      exact[at] = e;
      if (e !== null) {
        const v = cell!.value!;
        if (Number.isInteger(v) && Math.abs(v) < 1e15 && e === intString(v)) {
          b |= CELL.whole;
          value[at] = v;
        } else if (hasFraction(e)) b |= CELL.fractional;
      }
      if (cell && kind !== "text" && cell.status !== "empty") {
        const doubt = doubtOf(
          shared,
          unit,
          row,
          measure,
          cell,
          e,
          decimalsAllowed,
          (b & CELL.count) !== 0
        );
        if (doubt) {
          doubts.set(cell, doubt);
          b |= CELL.doubtful;
        }
      }
      bits[at] = b;
    }
  }
  return {
    facts: { width, exact, bits, value, rowAt, measureAt, anyDoubt: doubts.size > 0 },
    doubts,
  };
}

/** The cell's own mistake, if it has one (see CheckContext.doubt); `e` is its exactOf, `count` isCountCell. */
function doubtOf(
  shared: RunShared,
  unit: SheetLayout,
  row: IndicatorRow,
  measure: Measure,
  cell: CellReading,
  e: string | null,
  decimalsAllowed: boolean,
  count: boolean
): Doubt | null {
  // The common case, a whole number typed as a number: nothing to doubt.
  const v = cell.value;
  if (cell.status === "number" && typeof cell.raw === "number" && Number.isInteger(v) && v! >= 0)
    return null;
  if (cell.status !== "number") {
    // A fraction ("60/61") or a sign for none ("-", "x") is no mistake; text and error values are.
    if (cell.fraction || (cell.status === "text" && isNilText(String(cell.raw)))) return null;
    return { cell, corrected: null };
  }
  if (e === null) return null;
  if (isApproxText(cell.raw)) return { cell, corrected: e };
  const fractionalCount = !decimalsAllowed && !cell.fraction && count && hasFraction(e);
  const leftOut =
    !fractionalCount &&
    shared.leftOut.size > 0 &&
    shared.leftOut.has(cellId(unit.file, unit.sheet.name, cell.address));
  if (leftOut || fractionalCount) return { cell, corrected: thousandsMeant(e) };
  if (e.startsWith("-") && Number(e) !== 0 && isNegativeCount(row, measure))
    return { cell, corrected: e.slice(1) };
  return null;
}

/**
 * Whether the figures at flat indexes `parts` (blanks as 0) add up to the one at `whole`, decided in numbers
 * for the usual cells (whole numbers, none doubtful); false when that is not so or cannot be told that way.
 * What it calls adding up, the exact decimal checks (decimalSum, decimalEquals) call so too.
 */
export function addsUp(f: UnitFacts, whole: number, parts: readonly number[]): boolean {
  const { bits, value } = f;
  if ((bits[whole] & (CELL.whole | CELL.doubtful)) !== CELL.whole) return false;
  let total = 0;
  let numbers = 0;
  for (const p of parts) {
    const b = bits[p];
    if (b & CELL.doubtful) return false;
    if (b & CELL.whole) {
      total += value[p];
      if (!Number.isSafeInteger(total)) return false;
      numbers++;
    } else if (!(b & CELL.blank)) return false;
  }
  return numbers > 0 && total === value[whole];
}

/** Floating-point noise from a stored fraction (0.467 × 100 = 46.699999999999996) is not what was written. */
function denoise(s: string): string {
  const dot = s.indexOf(".");
  if (dot < 0 || s.length - dot - 1 < 12) return s;
  return roundHalfUp(s, 10).replace(/\.?0+$/, "");
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** A cell's number as an exact decimal string (counts as they are, percentages in percent points), or null. */
export function exactOf(cell: CellReading | undefined): string | null {
  if (!cell || cell.status !== "number" || cell.value === null || !Number.isFinite(cell.value)) {
    return null;
  }
  const v = cell.value;
  const e = cell.exact;
  if (e !== null) {
    // The common case, a whole count read as it was written.
    if (Number.isInteger(v) && Math.abs(v) < 1e15 && e === intString(v)) return e;
    if (PLAIN_DECIMAL.test(e)) {
      // Trust the written digits unless they are on another scale than the value (0.467 beside 46.7).
      if (Math.abs(Number(e) - v) <= 1e-9 * Math.max(1, Math.abs(v))) return denoise(e);
    }
  }
  return denoise(numberToPlainString(v));
}

/** Number(exactOf(cell)), or null: a whole number read as written needs no string parsed. */
export function figureOf(cell: CellReading | undefined): number | null {
  if (cell === undefined || cell.status !== "number") return null;
  const v = cell.value;
  if (v !== null && Number.isInteger(v) && v >= 0 && v < 1e15 && cell.exact === intString(v))
    return v;
  const e = exactOf(cell);
  return e === null ? null : Number(e);
}

/** Digits after the decimal point of an exact decimal string. */
export function fractionDigits(exact: string): number {
  const dot = exact.indexOf(".");
  return dot < 0 ? 0 : exact.length - dot - 1;
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
