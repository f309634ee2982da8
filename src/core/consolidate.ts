/**
 * Province totals from the units: counts summed exactly, percentages recomputed from the summed counts with
 * their learned base (never summed or averaged), averages weighted by their base or left blank, and every value
 * that could not be read left out with an issue naming the unit and the cell.
 */
import { Analysis, CellReading, FormMeasure, FormRow, Relation, SheetLayout } from "./analysis";
import { packed } from "./arrays";
import { fold } from "./keys";
import { analysisIssue } from "./analysis-rules";
import { Issue, Lang, Message, formatNumber } from "./issue";
import { OutputSheet, RunOptions, TotalRow } from "./output";
import { decimalSum, numberToPlainString, ratio, roundHalfUp } from "./rounding";
import { cellOf, formCellKind, unitIndex } from "./relations";
import { buildSummarySheet } from "./summary-sheet";

/** Whole-thing units of measure: a count of these is never fractional. */
const INTEGRAL_UOM =
  /^(người|đảng viên|đồng chí|đ\/c|tổ chức|chi bộ|đảng bộ|cơ sở|đơn vị|lượt|lượt người|cuộc|hộ|xã|phường|thôn|bản|khu phố|lớp|học viên|trường hợp|vụ|tổ|cái|chiếc|quyển|cuốn)$/u;

interface Fraction {
  reading: CellReading;
  unit: SheetLayout;
  /** The unit's index in analysis.units. */
  k: number;
}

/**
 * A unit left out of a total, or of a ratio's numerator and base together, and why: its figure of `row`
 * (index into the grid's rows) in `measure` could not be read, is blank, or the unit has no such row.
 */
export interface LeftOutUnit {
  /** Index into analysis.units. */
  unit: number;
  row: number;
  measure: number;
  why: "unreadable" | "blank" | "absent";
  /** The reading left out (why "unreadable"), else null. */
  reading: CellReading | null;
}

export type TotalHow = "sum" | "percent" | "average" | "blank";

/** One computed total: how it was computed and from what, so the summary tab can write the same as a formula. */
export interface TotalCell {
  value: number | null;
  /** Plain decimal string of the value, exact. */
  exact: string | null;
  how: TotalHow;
  decimals: number;
  relation: Relation | null;
  /** Units whose figure went into a sum. */
  contributors: number;
  /**
   * Units left out: of a sum, those whose figure could not be read; of a percentage or an average, those
   * whose numerator or base could not be used, so that both come from the same units. Absent when none.
   */
  leftOut?: LeftOutUnit[];
  /** What the leftOut list means for this cell, with the numbers, for the summary tab ("tính trên 9/10 đơn vị"). */
  note?: Message;
}

/** Totals by form row (in form order) and form measure (the measures listed in `measures`). */
export interface TotalsGrid {
  rows: FormRow[];
  measures: FormMeasure[];
  cells: TotalCell[][];
  /** Unit figures read as numbers but left out of the totals (a fractional count of people). */
  leftOut: Set<CellReading>;
}

export interface Consolidation {
  totals: TotalRow[];
  /** The "Tổng hợp" tab; null when the run builds no tabs (RunOptions.tabs false). */
  sheet: OutputSheet | null;
  issues: Issue[];
  grid: TotalsGrid;
}

/** The measures that get a total: the form's own non-text columns. */
export function totalMeasures(a: Analysis): FormMeasure[] {
  return a.measures.filter((m) => m.inForm !== false && m.kind !== "text");
}

/**
 * An average's weighted sum over the units: Σ value × weight, Σ weight, how many units, and the units whose
 * weight was left out of the totals. A function of its own, so that its loop over every unit is optimised
 * alone rather than by recompiling all of computeTotals on the stack (55 ms at 1000 units, --trace-opt).
 */
function weighted(
  units: readonly SheetLayout[],
  rel: Extract<Relation, { kind: "average" }>,
  wOut: Map<number, CellReading> | undefined,
  wi: number | undefined,
  wj: number | undefined
): { num: number; den: number; n: number; gone: LeftOutUnit[] } {
  let num = 0;
  let den = 0;
  let n = 0;
  const gone: LeftOutUnit[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const idx = unitIndex(u);
    const rv = idx.rowByKey.get(rel.target.row);
    const mv = idx.measureByKey.get(rel.target.measure);
    const rw = idx.rowByKey.get(rel.weight.row);
    const mw = idx.measureByKey.get(rel.weight.measure);
    if (rv === undefined || mv === undefined || rw === undefined || mw === undefined) continue;
    const v = u.rows[rv].cells[mv];
    const w = u.rows[rw].cells[mw];
    // A weight left out of the totals (3,412 đảng viên typed for 3.412) weighs nothing here either.
    const bad = wOut?.get(k);
    if (bad) {
      if (v.status === "number")
        gone.push({ unit: k, row: wi!, measure: wj!, why: "unreadable", reading: bad });
      continue;
    }
    if (v.status !== "number" || w.status !== "number" || v.value === null || w.value === null)
      continue;
    num += v.value * w.value;
    den += w.value;
    n++;
  }
  return { num, den, n, gone };
}

/** A unit has no cell at a form cell; one without a usable figure; a usable 0; a usable figure not 0. */
const UNIT_ABSENT = 0;
const UNIT_UNUSABLE = 1;
const UNIT_ZERO = 2;
const UNIT_FIGURE = 3;

/** What a unit's reading offers a ratio, before any figure is left out of the totals. */
function usableState(c: CellReading | undefined): number {
  if (c === undefined) return UNIT_ABSENT;
  if (c.status !== "number" || c.value === null) return UNIT_UNUSABLE;
  return c.value !== 0 ? UNIT_FIGURE : UNIT_ZERO;
}

/** What the first pass over the units fills in (see computeTotals), and where. */
interface UnitSums {
  rowAt: ReadonlyMap<string, number>;
  measureAt: ReadonlyMap<string, number>;
  R: number;
  M: number;
  /** 1 where the form cell is a count, summed. */
  countAt: Uint8Array;
  written: Uint8Array;
  decimalsSeen: (Map<number, number> | undefined)[];
  contributors: Int32Array;
  intSum: Float64Array;
  fracs: (Fraction[] | null)[];
  rowsIn: Int32Array;
  colsIn: Int32Array;
  slotCells: readonly number[];
  usableAt: Uint8Array;
  /** A count that cannot be read: left out of its total, with an issue. */
  leftOutAt: (ui: number, i: number, j: number, c: CellReading) => void;
}

/**
 * Adds unit `ui`'s counts to the sums and notes what its other cells hold. A function of its own, called per
 * unit, so that it is optimised alone rather than by recompiling all of computeTotals on the stack.
 */
function sumUnit(st: UnitSums, ui: number, u: SheetLayout): void {
  const { R, M, countAt, rowsIn, colsIn } = st;
  // Positions of this unit's rows and columns in the form: one Map lookup each, then a flat loop.
  const mPos = packed(u.measures, (m) => st.measureAt.get(m.key) ?? -1);
  const rBase = ui * R;
  const cBase = ui * M;
  for (let k = 0; k < mPos.length; k++) if (mPos[k] >= 0) colsIn[cBase + mPos[k]] = k;
  for (let r = 0; r < u.rows.length; r++) {
    const row = u.rows[r];
    const i = st.rowAt.get(row.key);
    if (i === undefined) continue;
    rowsIn[rBase + i] = r;
    const cells = row.cells;
    for (let k = 0; k < cells.length; k++) {
      const j = mPos[k];
      if (j < 0) continue;
      const at = i * M + j;
      const c = cells[k];
      if (countAt[at] === 0) {
        // What percentages and averages need later: was anything written, with how many decimals.
        if (c.status === "empty") continue;
        st.written[at] = 1;
        if (c.status === "number" && c.decimals !== null) {
          const h = (st.decimalsSeen[at] ??= new Map());
          h.set(c.decimals, (h.get(c.decimals) ?? 0) + 1);
        }
        continue;
      }
      if (c.status === "number" && c.value !== null) {
        st.contributors[at]++;
        if (Number.isInteger(c.value)) st.intSum[at] += c.value;
        else (st.fracs[at] ??= []).push({ reading: c, unit: u, k: ui });
      } else if (c.status !== "empty") st.leftOutAt(ui, i, j, c);
    }
  }
  const S = st.slotCells.length;
  for (let s = 0; s < S; s++) {
    const at = st.slotCells[s];
    const r = rowsIn[rBase + Math.floor(at / M)];
    const m = colsIn[cBase + (at % M)];
    st.usableAt[ui * S + s] = usableState(r < 0 || m < 0 ? undefined : u.rows[r].cells[m]);
  }
}

/** The issue for a count that cannot be read (text, a date, an error), left out of its total. */
function unreadableIssue(u: SheetLayout, c: CellReading, row: FormRow, m: FormMeasure): Issue {
  const date = c.status === "date";
  const fraction = c.fraction ? `${c.fraction.numerator}/${c.fraction.denominator}` : "?";
  return analysisIssue("left-out", date ? "date" : "leftOut", {
    unit: u.unitName,
    file: u.file,
    sheet: u.sheet.name,
    cell: c.address,
    data: { raw: String(c.raw), label: row.label, header: m.header, fraction },
    actual: typeof c.raw === "boolean" ? String(c.raw) : c.raw,
  });
}

/** Computes every total. */
export function computeTotals(
  a: Analysis,
  opts: RunOptions = {}
): { grid: TotalsGrid; issues: Issue[] } {
  const issues: Issue[] = [];
  const rows = a.rows;
  const measures = totalMeasures(a);
  const rowAt = new Map(rows.map((r, i) => [r.key, i]));
  const measureAt = new Map(measures.map((m, j) => [m.key, j]));
  const R = rows.length;
  const M = measures.length;
  // Accumulators: integer part as a number while exact (|sum| < 2^53), decimals kept as exact strings.
  const intSum = new Float64Array(R * M);
  const fracs: (Fraction[] | null)[] = new Array<Fraction[] | null>(R * M).fill(null);
  const leftOut = new Set<CellReading>();
  // The same by grid cell (row × M + measure): unit index → its reading. Ratios over the cell leave them out.
  const outAt = new Map<number, Map<number, CellReading>>();
  const markOut = (at: number, k: number, c: CellReading): void => {
    let m = outAt.get(at);
    if (!m) outAt.set(at, (m = new Map()));
    m.set(k, c);
  };
  const contributors = new Int32Array(R * M);
  // Where each form row and column is in each unit (by unit, then form row or column; -1: absent), as
  // unitIndex and cellOf find them (the unit's last row or column with the key).
  const rowsIn = new Int32Array(a.units.length * R).fill(-1);
  const colsIn = new Int32Array(a.units.length * M).fill(-1);
  const readingOf = (k: number, i: number, j: number): CellReading | undefined => {
    const r = rowsIn[k * R + i];
    const m = colsIn[k * M + j];
    return r < 0 || m < 0 ? undefined : a.units[k].rows[r].cells[m];
  };
  const kinds = rows.map((r) => measures.map((m) => formCellKind(r, m)));
  const written = new Uint8Array(R * M);
  const decimalsSeen: (Map<number, number> | undefined)[] = new Array<
    Map<number, number> | undefined
  >(R * M);
  /** Decimals units show for a cell of the form (the most common), for averages and row percentages. */
  const shownDecimals = (i: number, j: number): number | null => {
    let best: number | null = null;
    let bestN = 0;
    for (const [d, n] of decimalsSeen[i * M + j] ?? []) if (n > bestN) [best, bestN] = [d, n];
    return best;
  };

  // The form cells that percentages divide (numerators and bases), numbered: which units can be used there is
  // noted while each unit's cells are at hand, so that ratios need not read every unit's cells again.
  const slotAt = new Int32Array(R * M).fill(-1);
  const slotCells: number[] = [];
  for (const rel of a.relations) {
    if (rel.kind !== "percent") continue;
    for (const ref of [rel.numerator, rel.denominator]) {
      const i = rowAt.get(ref.row);
      const j = measureAt.get(ref.measure);
      if (i === undefined || j === undefined || slotAt[i * M + j] >= 0) continue;
      slotAt[i * M + j] = slotCells.length;
      slotCells.push(i * M + j);
    }
  }
  const S = slotCells.length;
  // By unit and slot: UNIT_ABSENT, UNIT_UNUSABLE, UNIT_ZERO or UNIT_FIGURE (see usableState).
  const usableAt = new Uint8Array(a.units.length * S);

  const sums: UnitSums = {
    rowAt,
    measureAt,
    R,
    M,
    countAt: Uint8Array.from(kinds.flat(), (k) => (k === "count" ? 1 : 0)),
    written,
    decimalsSeen,
    contributors,
    intSum,
    fracs,
    rowsIn,
    colsIn,
    slotCells,
    usableAt,
    leftOutAt: (ui, i, j, c) => {
      markOut(i * M + j, ui, c);
      issues.push(unreadableIssue(a.units[ui], c, rows[i], measures[j]));
    },
  };
  for (let ui = 0; ui < a.units.length; ui++) sumUnit(sums, ui, a.units[ui]);

  // A count with a fractional part where the form counts whole things (people, organisations, or what the
  // other units all wrote as whole numbers) is a typing slip ("5.022" read as 5,022): left out, said so.
  for (let at = 0; at < R * M; at++) {
    const list = fracs[at];
    if (!list) continue;
    const i = Math.floor(at / M);
    const j = at % M;
    const whole = contributors[at] - list.length;
    const integral =
      INTEGRAL_UOM.test(fold(rows[i].uom ?? "")) || (whole > 0 && whole * 2 >= contributors[at]);
    if (!integral) continue;
    fracs[at] = null;
    for (const { reading: c, unit: u, k } of list) {
      contributors[at]--;
      leftOut.add(c);
      markOut(at, k, c);
      const thousand = /^-?\d+\.\d{3}$/.test(c.exact ?? "");
      issues.push(
        analysisIssue("left-out", thousand ? "thousands" : "notWhole", {
          unit: u.unitName,
          file: u.file,
          sheet: u.sheet.name,
          cell: c.address,
          data: {
            raw: c.value ?? String(c.raw),
            label: rows[i].label,
            header: measures[j].header,
            probable: thousand ? Number((c.exact ?? "").replace(".", "")) : 0,
          },
          actual: c.value,
          expected: thousand ? Number((c.exact ?? "").replace(".", "")) : null,
        })
      );
    }
  }

  const cells: TotalCell[][] = rows.map((r, i) =>
    measures.map((m, j): TotalCell => {
      const at = i * M + j;
      if (kinds[i][j] !== "count") return blank();
      if (contributors[at] === 0) return { ...blank(), how: "sum" };
      const exact = fracs[at]
        ? decimalSum([
            numberToPlainString(intSum[at]),
            ...fracs[at]!.map((f) => f.reading.exact ?? numberToPlainString(f.reading.value!)),
          ])
        : numberToPlainString(intSum[at]);
      const decimals = exact.includes(".") ? exact.length - exact.indexOf(".") - 1 : 0;
      return {
        value: Number(exact),
        exact,
        how: "sum",
        decimals,
        relation: null,
        contributors: contributors[at],
      };
    })
  );
  const say = new NoteWriter(a, rows, measures);
  // A sum is of the units that could be read: the summary says which were not.
  for (const [at, byUnit] of outAt) {
    const i = Math.floor(at / M);
    const j = at % M;
    const gone = [...byUnit].map(([k, c]): LeftOutUnit => ({
      unit: k,
      row: i,
      measure: j,
      why: "unreadable",
      reading: c,
    }));
    cells[i][j].leftOut = gone;
    cells[i][j].note = say.sum(gone);
  }
  const usable = (c: CellReading | undefined): boolean =>
    c !== undefined && c.status === "number" && c.value !== null && !leftOut.has(c);
  /**
   * Units whose numerator or base cannot be used (left out, or a part without its base): they leave the ratio
   * on both sides, so that no share comes from one set of units over another.
   */
  const ratioLeftOut = (ni: number, nj: number, di: number, dj: number): LeftOutUnit[] => {
    const out: LeftOutUnit[] = [];
    const nOut = outAt.get(ni * M + nj);
    const dOut = outAt.get(di * M + dj);
    const sn = slotAt[ni * M + nj];
    const sd = slotAt[di * M + dj];
    for (let k = 0; k < a.units.length; k++) {
      const dBad = dOut?.get(k);
      const nBad = nOut?.get(k);
      if (dBad || nBad) {
        out.push(
          dBad
            ? { unit: k, row: di, measure: dj, why: "unreadable", reading: dBad }
            : { unit: k, row: ni, measure: nj, why: "unreadable", reading: nBad! }
        );
        continue;
      }
      // usableAt is the first pass's; a figure left out since is in outAt and was taken above.
      const n = usableAt[k * S + sn];
      const d = usableAt[k * S + sd];
      if (n === UNIT_FIGURE && d < UNIT_ZERO)
        out.push({
          unit: k,
          row: di,
          measure: dj,
          why: d === UNIT_ABSENT ? "absent" : "blank",
          reading: null,
        });
      else if (n === UNIT_ABSENT && d >= UNIT_ZERO)
        out.push({ unit: k, row: ni, measure: nj, why: "absent", reading: null });
    }
    return out;
  };
  /** A total less the figures of the units left out of a ratio (those that were summed into it). */
  const without = (total: string, i: number, j: number, gone: LeftOutUnit[]): string => {
    const minus: string[] = [];
    for (const g of gone) {
      const c = readingOf(g.unit, i, j);
      if (!usable(c)) continue;
      const v = Number.isInteger(c!.value) ? numberToPlainString(c!.value!) : c!.exact!;
      minus.push(v.startsWith("-") ? v.slice(1) : `-${v}`);
    }
    return minus.length > 0 ? decimalSum([total, ...minus]) : total;
  };

  const relFor = new Map<string, Relation>();
  for (const rel of a.relations)
    if (rel.kind === "percent" || rel.kind === "average")
      relFor.set(`${rel.target.row}\u0000${rel.target.measure}`, rel);
  const totalOf = (row: string, measure: string): TotalCell | undefined => {
    const i = rowAt.get(row);
    const j = measureAt.get(measure);
    return i === undefined || j === undefined ? undefined : cells[i][j];
  };
  const anyWritten = (i: number, j: number): boolean => written[i * M + j] === 1;

  for (let i = 0; i < R; i++) {
    for (let j = 0; j < M; j++) {
      const kind = kinds[i][j];
      if (kind === "count") continue;
      const row = rows[i];
      const m = measures[j];
      const rel = relFor.get(`${row.key}\u0000${m.key}`);
      if (kind === "percent") {
        const decimals =
          opts.percentDecimals ?? (m.kind === "percent" ? m.decimals : shownDecimals(i, j)) ?? 1;
        if (!rel || rel.kind !== "percent") {
          if (anyWritten(i, j))
            issues.push(
              analysisIssue("total-blank", "percentBase", {
                data: { label: row.label, header: m.header },
              })
            );
          cells[i][j] = { ...blank(), decimals };
          continue;
        }
        const n = totalOf(rel.numerator.row, rel.numerator.measure);
        const d = totalOf(rel.denominator.row, rel.denominator.measure);
        const ni = rowAt.get(rel.numerator.row);
        const nj = measureAt.get(rel.numerator.measure);
        const di = rowAt.get(rel.denominator.row);
        const dj = measureAt.get(rel.denominator.measure);
        const gone =
          ni === undefined || nj === undefined || di === undefined || dj === undefined
            ? []
            : ratioLeftOut(ni, nj, di, dj);
        let nExact = n?.exact ?? null;
        let dExact = d?.exact ?? null;
        if (gone.length > 0 && nExact !== null && dExact !== null) {
          nExact = without(nExact, ni!, nj!, gone);
          dExact = without(dExact, di!, dj!, gone);
        }
        let exact: string | null = null;
        if (nExact !== null && dExact !== null && Number(dExact) !== 0)
          exact = ratio(nExact, dExact, decimals);
        cells[i][j] = {
          value: exact === null ? null : Number(exact),
          exact,
          how: "percent",
          decimals,
          relation: rel,
          contributors: 0,
        };
        if (gone.length > 0) {
          const note = say.percent(gone, nExact, dExact, exact, decimals);
          cells[i][j].leftOut = gone;
          cells[i][j].note = note;
          say.affects(gone, i, j, cells[i][j]);
        }
      } else if (kind === "nonAdditive") {
        // An average of whole ages still shows its tenths (47,5 tuổi).
        const decimals = Math.max(1, shownDecimals(i, j) ?? 1);
        if (!rel || rel.kind !== "average") {
          if (anyWritten(i, j))
            issues.push(
              analysisIssue("total-blank", "average", {
                data: { label: row.label, header: m.header },
              })
            );
          cells[i][j] = { ...blank(), decimals };
          continue;
        }
        const wi = rowAt.get(rel.weight.row);
        const wj = measureAt.get(rel.weight.measure);
        const wOut = wi === undefined || wj === undefined ? undefined : outAt.get(wi * M + wj);
        const { num, den, n, gone } = weighted(a.units, rel, wOut, wi, wj);
        const exact =
          n > 0 && den !== 0 ? roundHalfUp(numberToPlainString(num / den), decimals) : null;
        cells[i][j] = {
          value: exact === null ? null : Number(exact),
          exact,
          how: "average",
          decimals,
          relation: rel,
          contributors: n,
        };
        if (gone.length > 0) {
          cells[i][j].leftOut = gone;
          cells[i][j].note = say.average(gone);
          say.affects(gone, i, j, cells[i][j]);
        }
      }
    }
  }
  issues.push(...say.issues());
  return { grid: { rows, measures, cells, leftOut }, issues };
}

/** Names shown before "and N more" in a note. */
const NAMED = 3;

/** The notes that say which units a total leaves out and why, in both languages, with the numbers. */
class NoteWriter {
  /** With several count columns a row's label alone does not say which figure. */
  private readonly withHeader: boolean;
  constructor(
    private readonly a: Analysis,
    private readonly rows: FormRow[],
    private readonly measures: FormMeasure[]
  ) {
    this.withHeader = measures.filter((m) => m.kind === "count").length > 1;
  }

  sum(gone: LeftOutUnit[]): Message {
    const [used, all] = this.share(gone);
    return this.both((l) =>
      l === "vi"
        ? `Tổng của ${used}/${all} đơn vị, trừ ${this.who(gone, l, false)}`
        : `Total of ${used}/${all} units, without ${this.who(gone, l, false)}`
    );
  }

  percent(
    gone: LeftOutUnit[],
    n: string | null,
    d: string | null,
    exact: string | null,
    decimals: number
  ): Message {
    const [used, all] = this.share(gone);
    return this.both((l) => {
      const nums =
        n === null || d === null
          ? ""
          : `: ${formatNumber(Number(n), l)} / ${formatNumber(Number(d), l)}` +
            (exact === null
              ? l === "vi"
                ? ", không tính được"
                : ", cannot be computed"
              : ` = ${formatNumber(Number(exact), l, decimals)}%`);
      return l === "vi"
        ? `Tỷ lệ tính trên ${used}/${all} đơn vị, trừ ${this.who(gone, l, true)}${nums}`
        : `Percentage over ${used}/${all} units, without ${this.who(gone, l, true)}${nums}`;
    });
  }

  average(gone: LeftOutUnit[]): Message {
    const [used, all] = this.share(gone);
    return this.both((l) =>
      l === "vi"
        ? `Bình quân tính trên ${used}/${all} đơn vị, trừ ${this.who(gone, l, true)}`
        : `Average over ${used}/${all} units, without ${this.who(gone, l, true)}`
    );
  }

  // Per unit and cause, the recomputed totals it was left out of: one issue each, at the cause.
  private readonly affected = new Map<
    string,
    { g: LeftOutUnit; totals: [number, number, TotalCell][] }
  >();

  affects(gone: LeftOutUnit[], i: number, j: number, t: TotalCell): void {
    for (const g of gone) {
      const key = `${g.unit}\u0000${g.row}\u0000${g.measure}\u0000${g.why}`;
      let e = this.affected.get(key);
      if (!e) this.affected.set(key, (e = { g, totals: [] }));
      e.totals.push([i, j, t]);
    }
  }

  /** "“Tổng số đảng viên” không cộng được, nên trên trang Tổng hợp đơn vị này cũng không được tính vào: …". */
  issues(): Issue[] {
    return [...this.affected.values()].map(({ g, totals }) => {
      const u = this.a.units[g.unit];
      const list = (l: Lang): string =>
        totals
          .map(([i, j, t]) => {
            const what = this.withHeader
              ? `${this.rows[i].label} (${this.measures[j].header})`
              : this.rows[i].label;
            if (t.value === null) return what;
            const v = formatNumber(t.value, l, t.decimals);
            return `${what} (${t.how === "percent" ? `${v}%` : v})`;
          })
          .join("; ");
      const label =
        `“${this.rows[g.row].label}”` +
        (this.withHeader ? ` (${this.measures[g.measure].header})` : "");
      const cause: Message =
        g.why === "unreadable"
          ? { vi: `${label} không cộng được`, en: `${label} was left out of the totals` }
          : g.why === "blank"
            ? { vi: `${label} để trống`, en: `${label} is blank` }
            : { vi: `Không có ${label}`, en: `No ${label}` };
      return analysisIssue("total-partial", "partial", {
        unit: u.unitName,
        file: u.file,
        sheet: u.sheet.name,
        cell:
          g.reading?.address ??
          cellOf(u, { row: this.rows[g.row].key, measure: this.measures[g.measure].key })
            ?.address ??
          null,
        data: { causeVi: cause.vi, causeEn: cause.en, vi: list("vi"), en: list("en") },
      });
    });
  }

  private both(f: (l: Lang) => string): Message {
    return { vi: f("vi"), en: f("en") };
  }

  private share(gone: LeftOutUnit[]): [number, number] {
    const all = this.a.units.length;
    return [all - new Set(gone.map((g) => g.unit)).size, all];
  }

  /** "Đảng bộ huyện Tiên Yên (“Tổng số đảng viên” ghi 3,412)", a few names, then how many more. */
  private who(gone: LeftOutUnit[], l: Lang, withLabel: boolean): string {
    const named = gone
      .slice(0, NAMED)
      .map((g) => `${this.a.units[g.unit].unitName} (${this.why(g, l, withLabel)})`);
    const more = gone.length - NAMED;
    if (more > 0) named.push(l === "vi" ? `và ${more} đơn vị khác` : `and ${more} more`);
    return named.join(", ");
  }

  private why(g: LeftOutUnit, l: Lang, withLabel: boolean): string {
    const header = this.measures[g.measure].header;
    const label = `“${this.rows[g.row].label}”` + (this.withHeader ? ` (${header})` : "");
    if (g.why === "unreadable") {
      const c = g.reading!;
      const raw =
        c.status === "number" && c.value !== null
          ? formatNumber(c.value, l)
          : `“${c.fraction ? `${c.fraction.numerator}/${c.fraction.denominator}` : String(c.raw)}”`;
      const lead = withLabel ? `${label} ` : "";
      return l === "vi" ? `${lead}ghi ${raw}` : `${lead}given as ${raw}`;
    }
    if (g.why === "blank") return l === "vi" ? `${label} để trống` : `${label} left blank`;
    const hasRow = unitIndex(this.a.units[g.unit]).rowByKey.has(this.rows[g.row].key);
    if (hasRow) return l === "vi" ? `không có cột “${header}”` : `no column “${header}”`;
    return l === "vi" ? `không có dòng ${label}` : `no row ${label}`;
  }
}

function blank(): TotalCell {
  return { value: null, exact: null, how: "blank", decimals: 0, relation: null, contributors: 0 };
}

/** The totals for the JSON report: values keyed by the form's own column headers, percentages in points. */
export function totalRows(grid: TotalsGrid): TotalRow[] {
  return grid.rows.map((r, i) => {
    const values: Record<string, number | null> = {};
    grid.measures.forEach((m, j) => (values[m.header] = grid.cells[i][j].value));
    return { code: r.code, label: r.label, values };
  });
}

/** Totals, the "Tổng hợp" tab and the issues met on the way. */
export function consolidate(a: Analysis, opts: RunOptions = {}): Consolidation {
  const { grid, issues } = computeTotals(a, opts);
  const sheet = opts.tabs === false ? null : buildSummarySheet(a, grid, opts);
  return { totals: totalRows(grid), sheet, issues, grid };
}
