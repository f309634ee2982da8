/**
 * Learning which rows add up to which and which count is each percentage's base, in this order: the "Quy tắc"
 * tab (used instead of learning when present), formulas in the template or the units, the column-number row
 * ("4 (=2*100/3)"), row codes with "gồm"/"trong đó" markers, and agreement across the units (the base that
 * gives the percentages most units wrote). A stronger source fills a slot first; weaker ones do not override.
 */
import {
  Analysis,
  CellReading,
  FormMeasure,
  FormRef,
  FormRow,
  Relation,
  SheetLayout,
} from "./analysis";
import { analysisIssue } from "./analysis-rules";
import { FNode, asLinear, asRatio, parseFormula } from "./formula";
import { OurTab, SheetModel, cellAddress, columnLetters } from "./model";
import { OUR_SIGNATURE, parseColumnNumber } from "./layout/detect";
import { percentFit } from "./rounding";
import { fold as foldText } from "./keys";
import { parseRelation, printRelation, rowRefs } from "./rules-text";
import { effectiveRelations } from "./checks/relations";

/** Fast lookups into a unit: its row index by form key and measure index by form key. */
export interface UnitIndex {
  rowByKey: Map<string, number>;
  measureByKey: Map<string, number>;
  rowBySheetRow: Map<number, number>;
  measureByCol: Map<number, number>;
}

const indexCache = new WeakMap<SheetLayout, UnitIndex>();

/** The lookups of a layout (after matching, keys are the form's). Cached; rebuild with `fresh`. */
export function unitIndex(layout: SheetLayout, fresh = false): UnitIndex {
  const hit = indexCache.get(layout);
  if (hit && !fresh) return hit;
  const idx: UnitIndex = {
    rowByKey: new Map(),
    measureByKey: new Map(),
    rowBySheetRow: new Map(),
    measureByCol: new Map(),
  };
  for (let i = 0; i < layout.rows.length; i++) {
    const r = layout.rows[i];
    idx.rowByKey.set(r.key, i);
    idx.rowBySheetRow.set(r.row, i);
  }
  layout.measures.forEach((m, i) => {
    idx.measureByKey.set(m.key, i);
    idx.measureByCol.set(m.col, i);
  });
  indexCache.set(layout, idx);
  return idx;
}

/** A unit's reading of a form cell, or undefined when the unit lacks the row or the column. */
export function cellOf(layout: SheetLayout, ref: FormRef): CellReading | undefined {
  const idx = unitIndex(layout);
  const r = idx.rowByKey.get(ref.row);
  const m = idx.measureByKey.get(ref.measure);
  if (r === undefined || m === undefined) return undefined;
  return layout.rows[r].cells[m];
}

/** What a form cell holds: a percentage, a count, an average, text. */
export function formCellKind(row: FormRow, measure: FormMeasure): FormMeasure["kind"] {
  if (measure.kind !== "count") return measure.kind;
  if (row.percent) return "percent";
  if (row.nonAdditive) return "nonAdditive";
  return "count";
}

/** The slot a relation fills: a stronger source's relation in a slot keeps weaker ones out. */
function slotOf(r: Relation): string {
  switch (r.kind) {
    case "percent":
      return `pct\u0000${r.target.row}\u0000${r.target.measure}`;
    case "average":
      return `avg\u0000${r.target.row}\u0000${r.target.measure}`;
    case "partition":
      return `sum\u0000${r.whole}`;
    case "subset":
      return `sub\u0000${r.whole}\u0000${r.part}`;
    case "columnSum":
      return `col\u0000${r.whole}`;
    case "balance":
      return `bal\u0000${r.end}`;
  }
}

/** A relation's content as text, to count the units that wrote the same one (all from formulas: one source). */
function signature(r: Relation): string {
  return JSON.stringify(r);
}

class RelationSet {
  readonly list: Relation[] = [];
  private slots = new Set<string>();
  has(slot: string): boolean {
    return this.slots.has(slot);
  }
  add(r: Relation): boolean {
    const slot = slotOf(r);
    if (this.slots.has(slot)) return false;
    // A row that sums its parts is not also a subset whole of those parts.
    this.slots.add(slot);
    this.list.push(r);
    return true;
  }
}

const BALANCE_START = /(đầu kỳ|đầu năm|kỳ trước|đầu nhiệm kỳ|năm trước chuyển sang)/u;

/** A formula text read once for all units: its tree, and as a ratio or a sum once asked (shared, read only). */
interface ParsedFormula {
  readonly node: FNode;
  ratio?: ReturnType<typeof asRatio>;
  linear?: ReturnType<typeof asLinear>;
}

/** Relations a formula states, in a layout's terms (form keys). */
function relationsOfFormula(
  layout: SheetLayout,
  rowIndex: number,
  measureIndex: number,
  formula: string,
  byKey: Map<string, FormRow>,
  measures: Map<string, FormMeasure>,
  parsed: Map<string, ParsedFormula | null>
): Relation[] {
  // Units share their formulas' text; each distinct text is parsed once, and read as a ratio or sum once.
  let p = parsed.get(formula);
  if (p === undefined) {
    const node = parseFormula(formula);
    p = node ? { node } : null;
    parsed.set(formula, p);
  }
  if (!p) return [];
  const idx = unitIndex(layout);
  const row = layout.rows[rowIndex];
  const measure = layout.measures[measureIndex];
  const formRow = byKey.get(row.key);
  const formMeasure = measures.get(measure.key);
  if (!formRow || !formMeasure) return [];
  const refOf = (r: number, c: number): FormRef | null => {
    const ri = idx.rowBySheetRow.get(r);
    const mi = idx.measureByCol.get(c);
    if (ri === undefined || mi === undefined) return null;
    return { row: layout.rows[ri].key, measure: layout.measures[mi].key };
  };
  const kind = formCellKind(formRow, formMeasure);
  if (kind === "percent") {
    const ratio = p.ratio !== undefined ? p.ratio : (p.ratio = asRatio(p.node));
    if (!ratio) return [];
    const numerator = refOf(ratio.numerator.row, ratio.numerator.col);
    const denominator = refOf(ratio.denominator.row, ratio.denominator.col);
    if (!numerator || !denominator) return [];
    return [
      {
        kind: "percent",
        target: { row: row.key, measure: measure.key },
        numerator,
        denominator,
        source: "formula",
      },
    ];
  }
  if (kind !== "count") return [];
  const terms = p.linear !== undefined ? p.linear : (p.linear = asLinear(p.node));
  if (!terms) return [];
  if (terms.every((t) => t.ref.col === measure.col && t.ref.row !== row.row)) {
    const keys: { key: string; sign: number }[] = [];
    for (const t of terms) {
      const ri = idx.rowBySheetRow.get(t.ref.row);
      if (ri === undefined) return [];
      keys.push({ key: layout.rows[ri].key, sign: t.sign });
    }
    if (keys.every((k) => k.sign > 0))
      return [
        { kind: "partition", whole: row.key, parts: keys.map((k) => k.key), source: "formula" },
      ];
    const plus = keys.filter((k) => k.sign > 0).map((k) => k.key);
    const minus = keys.filter((k) => k.sign < 0).map((k) => k.key);
    if (plus.length === 0) return [];
    const startAt = plus.findIndex((k) => BALANCE_START.test(foldText(byKey.get(k)?.label ?? "")));
    const start = plus[Math.max(0, startAt)];
    return [
      {
        kind: "balance",
        end: row.key,
        start,
        plus: plus.filter((k) => k !== start),
        minus,
        source: "formula",
      },
    ];
  }
  if (terms.every((t) => t.ref.row === row.row && t.ref.col !== measure.col && t.sign > 0)) {
    const parts: string[] = [];
    for (const t of terms) {
      const mi = idx.measureByCol.get(t.ref.col);
      if (mi === undefined) return [];
      parts.push(layout.measures[mi].key);
    }
    return [{ kind: "columnSum", whole: measure.key, parts, source: "formula" }];
  }
  return [];
}

function learnFromFormulas(
  a: Analysis,
  set: RelationSet,
  byKey: Map<string, FormRow>,
  measures: Map<string, FormMeasure>
): void {
  const fromTemplate: Relation[] = [];
  const parsed = new Map<string, ParsedFormula | null>();
  if (a.template) {
    const t = a.template;
    t.rows.forEach((row, ri) =>
      row.cells.forEach((c, mi) => {
        if (c.formula)
          fromTemplate.push(...relationsOfFormula(t, ri, mi, c.formula, byKey, measures, parsed));
      })
    );
  }
  for (const r of fromTemplate) set.add(r);
  // Units: for each slot, the formula most units wrote. (Told by their JSON texts: the native writer costs
  // less in a cold run than comparing the relations field by field in script, 53 M instructions in 100 units.)
  const votes = new Map<string, Map<string, { n: number; rel: Relation }>>();
  for (const u of a.units) {
    for (let ri = 0; ri < u.rows.length; ri++) {
      const cells = u.rows[ri].cells;
      for (let mi = 0; mi < cells.length; mi++) {
        const f = cells[mi].formula;
        if (!f) continue;
        for (const rel of relationsOfFormula(u, ri, mi, f, byKey, measures, parsed)) {
          const slot = slotOf(rel);
          let m = votes.get(slot);
          if (!m) votes.set(slot, (m = new Map()));
          const sig = signature(rel);
          const v = m.get(sig);
          if (v) v.n++;
          else m.set(sig, { n: 1, rel });
        }
      }
    }
  }
  for (const m of votes.values()) {
    let best: { n: number; rel: Relation } | null = null;
    for (const v of m.values()) if (!best || v.n > best.n) best = v;
    if (best) set.add(best.rel);
  }
}

function learnFromColumnNumbers(a: Analysis, set: RelationSet): void {
  const idToMeasure = new Map<string, string>();
  const exprs: { measure: string; expression: string }[] = [];
  for (const m of a.measures) {
    if (!m.columnNumber || m.inForm === false) continue;
    const p = parseColumnNumber(m.columnNumber);
    if (!p) continue;
    idToMeasure.set(p.id, m.key);
    if (p.expression) exprs.push({ measure: m.key, expression: p.expression });
  }
  const colOf = new Map<string, number>();
  [...idToMeasure.values()].forEach((k, i) => colOf.set(k, i));
  for (const { measure, expression } of exprs) {
    // "2*100/3" → "A1*100/B1": the ids become cells of one row, so the formula reader can read them.
    let ok = true;
    const letterOf = new Map<string, string>();
    const translated = expression.replace(/[A-Za-z]+\d*|\d+(\.\d+)?/g, (tok) => {
      const id = tok.toUpperCase();
      const key = idToMeasure.get(id);
      if (key !== undefined) {
        const L = columnLetters(colOf.get(key)!);
        letterOf.set(L, key);
        return `${L}1`;
      }
      if (/^\d+(\.\d+)?$/.test(tok)) return tok;
      ok = false;
      return tok;
    });
    if (!ok) continue;
    const node = parseFormula(translated);
    if (!node) continue;
    const target = a.measures.find((m) => m.key === measure)!;
    const keyOfCol = (col: number): string | undefined => letterOf.get(columnLetters(col));
    const ratio = asRatio(node);
    if (ratio && target.kind === "percent") {
      const num = keyOfCol(ratio.numerator.col);
      const den = keyOfCol(ratio.denominator.col);
      if (!num || !den) continue;
      for (const r of a.rows) {
        if (r.percent || r.nonAdditive) continue;
        set.add({
          kind: "percent",
          target: { row: r.key, measure },
          numerator: { row: r.key, measure: num },
          denominator: { row: r.key, measure: den },
          source: "column-numbers",
        });
      }
      continue;
    }
    const terms = asLinear(node);
    if (terms && terms.every((t) => t.sign > 0)) {
      const parts = terms.map((t) => keyOfCol(t.ref.col));
      if (parts.every((p): p is string => p !== undefined))
        set.add({ kind: "columnSum", whole: measure, parts, source: "column-numbers" });
    }
  }
}

function countMeasures(a: Analysis): FormMeasure[] {
  return a.measures.filter((m) => m.kind === "count" && m.inForm !== false);
}

function isCountRow(r: FormRow): boolean {
  return !r.percent && !r.nonAdditive;
}

function learnFromMarkers(a: Analysis, set: RelationSet, children: Map<string, FormRow[]>): void {
  for (const r of a.rows) {
    if (!r.marker || !isCountRow(r)) continue;
    const kids = (children.get(r.key) ?? []).filter((k) => k.inForm && isCountRow(k));
    // A whole may have parts ("gồm") and then items ("trong đó"): each child says which group it is in.
    const parts = kids.filter((k) => (k.under ?? r.marker) === "partition");
    const items = kids.filter((k) => (k.under ?? r.marker) === "subset");
    if (parts.length > 0)
      set.add({
        kind: "partition",
        whole: r.key,
        parts: parts.map((k) => k.key),
        source: "markers",
      });
    for (const k of items)
      set.add({ kind: "subset", whole: r.key, part: k.key, source: "markers" });
  }
}

/**
 * How many units have figures for whole `ri` and all its parts `ki` in some count column of `mj`, in how
 * many of them the parts add up to the whole in every such column, in how many none exceeds it. A function
 * of its own: optimised alone, its loops over every unit and cell no longer wait for the recompiling of the
 * whole learner (four OSR compilations of 22 ms each at 100 large units, measured with --trace-opt).
 */
function agreement(
  dense: Dense,
  M: number,
  ri: number,
  ki: readonly number[],
  mj: readonly number[]
): { withData: number; sums: number; within: number } {
  let withData = 0;
  let sums = 0;
  let within = 0;
  for (let ui = 0; ui < dense.length; ui++) {
    const u = dense[ui];
    let complete = 0;
    let equal = true;
    let le = true;
    for (let jj = 0; jj < mj.length; jj++) {
      const j = mj[jj];
      const whole = u[ri * M + j]?.value ?? null;
      if (whole === null) continue;
      let total = 0;
      let missing = false;
      let over = false;
      for (let kk = 0; kk < ki.length; kk++) {
        const p = u[ki[kk] * M + j]?.value ?? null;
        if (p === null) {
          missing = true;
          break;
        }
        total += p;
        if (p > whole + 1e-9) over = true;
      }
      if (missing) continue;
      complete++;
      if (Math.abs(total - whole) > 1e-9 * Math.max(1, Math.abs(whole))) equal = false;
      if (over) le = false;
    }
    if (complete === 0) continue;
    withData++;
    if (equal) sums++;
    if (le) within++;
  }
  return { withData, sums, within };
}

/** Rows with children and no marker: a partition where the units' figures add up, else a subset. */
function learnFromHierarchy(
  a: Analysis,
  set: RelationSet,
  children: Map<string, FormRow[]>,
  dense: () => Dense
): void {
  const counts = countMeasures(a);
  const rowIndex = new Map(a.rows.map((r, i) => [r.key, i]));
  const measureIndex = new Map(a.measures.map((m, j) => [m.key, j]));
  const M = a.measures.length;
  for (const r of a.rows) {
    if (r.marker || !isCountRow(r) || !r.inForm) continue;
    if (set.has(`sum\u0000${r.key}`)) continue;
    const kids = (children.get(r.key) ?? []).filter((k) => k.inForm && isCountRow(k));
    if (kids.length === 0) continue;
    const ri = rowIndex.get(r.key)!;
    const ki = kids.map((k) => rowIndex.get(k.key)!);
    const mj = counts.map((m) => measureIndex.get(m.key)!);
    const { withData, sums, within } = agreement(dense(), M, ri, ki, mj);
    if (withData === 0) continue;
    if (kids.length >= 2 && sums * 2 > withData) {
      set.add({
        kind: "partition",
        whole: r.key,
        parts: kids.map((k) => k.key),
        source: "hierarchy",
      });
    } else if (within * 5 >= withData * 4) {
      for (const k of kids)
        set.add({ kind: "subset", whole: r.key, part: k.key, source: "hierarchy" });
    }
  }
}

const SAMPLE = 40;
const SCREEN = 8;

/** Evenly spread sample of at most n items: consensus is decided on it, not on all of 1000 units. */
function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.floor((i * xs.length) / n)]);
  return out;
}

function fits(n: CellReading, d: CellReading, w: CellReading): boolean {
  if (n.value === null || d.value === null || w.value === null || d.value === 0) return false;
  const k = w.decimals ?? 0;
  const x = (n.value / d.value) * 100;
  const step = 10 ** -k;
  const wv = Number(w.exact ?? w.value);
  if (Math.abs(x - wv) > step + 1e-9 * Math.max(1, Math.abs(x))) return false;
  try {
    return percentFit(n.exact ?? n.value, d.exact ?? d.value, w.exact ?? w.value, k) !== "none";
  } catch {
    return false;
  }
}

type Dense = (CellReading | undefined)[][];

/** Every unit's readings laid out by form row and form measure (row × M + measure), for fast voting. */
function denseReadings(a: Analysis): Dense {
  const rowAt = new Map(a.rows.map((r, i) => [r.key, i]));
  const M = a.measures.length;
  const measureAt = new Map(a.measures.map((m, j) => [m.key, j]));
  return a.units.map((u) => {
    const out = new Array<CellReading | undefined>(a.rows.length * M);
    const mPos = u.measures.map((m) => measureAt.get(m.key) ?? -1);
    for (let ri = 0; ri < u.rows.length; ri++) {
      const row = u.rows[ri];
      const i = rowAt.get(row.key);
      if (i === undefined) continue;
      for (let k = 0; k < row.cells.length; k++)
        if (mPos[k] >= 0) out[i * M + mPos[k]] = row.cells[k];
    }
    return out;
  });
}

function learnByConsensus(
  a: Analysis,
  set: RelationSet,
  byKey: Map<string, FormRow>,
  denseOf: () => Dense
): void {
  const counts = countMeasures(a);
  const countRows = a.rows.filter((r) => isCountRow(r) && r.inForm);
  const rowIndex = new Map(a.rows.map((r, i) => [r.key, i]));
  const measureIndex = new Map(a.measures.map((m, j) => [m.key, j]));
  const M = a.measures.length;
  const at = (ref: FormRef): number => rowIndex.get(ref.row)! * M + measureIndex.get(ref.measure)!;
  const unitsTotal = a.units.length;
  const ancestors = (key: string): string[] => {
    const out: string[] = [];
    let p = byKey.get(key)?.parentKey ?? null;
    while (p) {
      out.push(p);
      p = byKey.get(p)?.parentKey ?? null;
    }
    return out;
  };
  const targets: { row: FormRow; measure: FormMeasure }[] = [];
  for (const m of a.measures) {
    if (m.inForm === false) continue;
    for (const r of a.rows) {
      if (!r.inForm) continue;
      if (formCellKind(r, m) !== "percent") continue;
      if (set.has(`pct\u0000${r.key}\u0000${m.key}`)) continue;
      targets.push({ row: r, measure: m });
    }
  }
  for (const { row, measure } of targets) {
    const dense = denseOf();
    const target: FormRef = { row: row.key, measure: measure.key };
    const t = at(target);
    const writers = dense.filter((d) => d[t]?.status === "number");
    if (writers.length === 0) continue;
    const anc = ancestors(row.key);
    const here = rowIndex.get(row.key)!;
    const priorityOf = (denRow: string): number => {
      const ai = anc.indexOf(denRow);
      return ai >= 0 ? ai : 10 + Math.abs((rowIndex.get(denRow) ?? 0) - here);
    };
    // Candidates as positions in the dense grid (row × measure), numerator and base side by side: a form of
    // 200 rows has thousands per target, too many to make an object of each.
    const nAt: number[] = [];
    const dAt: number[] = [];
    const priority: number[] = [];
    const add = (n: number, d: number, p: number): void => {
      nAt.push(n);
      dAt.push(d);
      priority.push(p);
    };
    if (measure.kind === "percent") {
      for (const nm of counts) {
        const j = measureIndex.get(nm.key)!;
        const n = here * M + j;
        for (const dr of countRows) add(n, rowIndex.get(dr.key)! * M + j, priorityOf(dr.key));
        for (const dm of counts)
          if (dm.key !== nm.key) add(n, here * M + measureIndex.get(dm.key)!, 5);
      }
    } else {
      // A "Tỷ lệ ..." row in a count column: numerator and base are other rows of the same column.
      const j = measureIndex.get(measure.key)!;
      for (const nr of countRows) {
        if (nr.key === row.key) continue;
        const ni = rowIndex.get(nr.key)!;
        const dist = Math.abs(ni - here);
        for (const dr of countRows) {
          if (dr.key === nr.key) continue;
          add(ni * M + j, rowIndex.get(dr.key)! * M + j, dist * 100 + priorityOf(dr.key));
        }
      }
    }
    const voters = sample(writers, SAMPLE);
    const votes = new Array<number>(nAt.length).fill(0);
    // The first few voters screen the candidates; the rest vote only on those some of them accepted.
    let live = nAt.map((_, i) => i);
    for (let v = 0; v < voters.length; v++) {
      if (v === SCREEN && voters.length > 2 * SCREEN) live = live.filter((i) => votes[i] > 0);
      const u = voters[v];
      const w = u[t]!;
      const wv = Number(w.exact ?? w.value);
      const unit = 10 ** -(w.decimals ?? 0);
      const tol = 1e-9 * Math.max(1, Math.abs(wv));
      for (const i of live) {
        const n = u[nAt[i]];
        const d = u[dAt[i]];
        if (!n || !d || n.value === null || d.value === null || d.value === 0) continue;
        // Floats settle all but the borderline cases; those get the exact verdict.
        const diff = Math.abs((n.value / d.value) * 100 - wv);
        if (diff > unit + tol) continue;
        if (diff < unit / 2 - tol || fits(n, d, w)) votes[i]++;
      }
    }
    let best = -1;
    for (let i = 0; i < nAt.length; i++) {
      if (votes[i] === 0) continue;
      if (
        best < 0 ||
        votes[i] > votes[best] ||
        (votes[i] === votes[best] && priority[i] < priority[best])
      )
        best = i;
    }
    const refAt = (x: number): FormRef => ({
      row: a.rows[Math.floor(x / M)].key,
      measure: a.measures[x % M].key,
    });
    const chosen = best < 0 ? null : { numerator: refAt(nAt[best]), denominator: refAt(dAt[best]) };
    const label = `“${row.label}” (${measure.header})`;
    if (voters.length >= 2 && chosen && votes[best] * 2 > voters.length) {
      set.add({ kind: "percent", target, ...chosen, source: "consensus" });
    } else if (voters.length === 1 && chosen && anc.includes(chosen.denominator.row)) {
      set.add({ kind: "percent", target, ...chosen, source: "hierarchy" });
      if (unitsTotal > 1)
        a.notLearned.push({
          vi: `Tỷ lệ ${label}: chỉ một đơn vị ghi số, cơ sở lấy theo chỉ tiêu cấp trên`,
          en: `Percentage ${label}: only one unit wrote it; base taken from the parent row`,
        });
    } else {
      a.notLearned.push(
        voters.length === 1
          ? {
              vi: `Tỷ lệ ${label}: chỉ có một đơn vị, không xác định được tỷ lệ tính trên chỉ tiêu nào`,
              en: `Percentage ${label}: a single unit gives no consensus on its base`,
            }
          : {
              vi: `Tỷ lệ ${label}: các đơn vị không thống nhất tỷ lệ tính trên chỉ tiêu nào`,
              en: `Percentage ${label}: the units do not agree on its base`,
            }
      );
    }
  }
}

const TOTAL_PREFIX = /^(tổng số|tổng|số lượng|số)\s+/u;

/**
 * The count an average row is weighted by: its parent when that holds figures, else the row its label names
 * ("Tuổi bình quân của đảng viên" → "Tổng số đảng viên").
 */
function weightRowOf(
  r: FormRow,
  byKey: Map<string, FormRow>,
  withFigures: Set<string>,
  countRows: FormRow[]
): FormRow | null {
  const parent = r.parentKey ? byKey.get(r.parentKey) : undefined;
  if (parent && isCountRow(parent) && withFigures.has(parent.key)) return parent;
  const f = foldText(r.label);
  const at = f.lastIndexOf(" của ");
  if (at < 0) return null;
  const subject = f.slice(at + 5).trim();
  const named = countRows.filter(
    (c) => withFigures.has(c.key) && foldText(c.label).replace(TOTAL_PREFIX, "") === subject
  );
  const totals = named.filter((c) => TOTAL_PREFIX.test(foldText(c.label)));
  if (totals.length === 1) return totals[0];
  return named.length === 1 ? named[0] : null;
}

function learnAverages(a: Analysis, set: RelationSet, byKey: Map<string, FormRow>): void {
  const counts = countMeasures(a);
  const targets = a.rows.filter((r) => r.nonAdditive);
  if (targets.length === 0) return;
  const countKeys = new Set(counts.map((m) => m.key));
  const withFigures = new Set<string>();
  for (const u of a.units)
    for (const row of u.rows)
      if (row.cells.some((c, i) => c.status === "number" && countKeys.has(u.measures[i].key)))
        withFigures.add(row.key);
  const countRows = a.rows.filter((r) => isCountRow(r) && r.inForm);
  for (const r of targets) {
    const w = weightRowOf(r, byKey, withFigures, countRows);
    if (!w) continue;
    for (const m of counts)
      set.add({
        kind: "average",
        target: { row: r.key, measure: m.key },
        weight: { row: w.key, measure: m.key },
        source: "hierarchy",
      });
  }
}

/** One of our tabs as the analysis gets it: its role when a marker told it, else only its name and cells. */
export interface OurSheet {
  file: string;
  sheet: SheetModel;
  role?: OurTab["role"];
}

/** Our rules tab's title, in either language (buildRulesSheet's first cell). */
const RULES_TITLES = new Set(["quy tắc kiểm tra", "check rules"]);

/**
 * Is this our rules tab? Its marker says so whatever its name; without a marker (a copy, a sheet staff made),
 * its name ("Quy tắc", "Rules") or our title and signature on it.
 */
export function isRulesTab(t: OurSheet): boolean {
  if (t.role) return t.role === "rules";
  const name = t.sheet.name;
  if (/^quy tắc/u.test(foldText(name)) || /^rules?\b/i.test(name)) return true;
  const top = t.sheet.values.slice(0, 8).flat();
  return (
    top.includes(OUR_SIGNATURE) &&
    top.some((v) => typeof v === "string" && RULES_TITLES.has(foldText(v)))
  );
}

/** Reads the rules tab(s); returns null when none holds a rule. */
function readRulesSheets(a: Analysis, ours: OurSheet[]): Relation[] | null {
  const rels: Relation[] = [];
  let any = false;
  const form = { rows: a.rows, measures: a.measures };
  const refs = rowRefs(form);
  for (const tab of ours) {
    if (!isRulesTab(tab)) continue;
    const { file, sheet } = tab;
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== "string" || !/[[{]/.test(v)) return;
        const parsed = parseRelation(v, form, "rules-sheet", refs);
        if (parsed === null) return;
        if (parsed.ok) {
          any = true;
          rels.push(parsed.relation);
        } else {
          const o = sheet.address.match(/^([A-Z]+)(\d+)$/);
          const top = o ? Number(o[2]) - 1 : 0;
          a.issues.push(
            analysisIssue("rules-sheet", "unreadable", {
              file,
              sheet: sheet.name,
              cell: cellAddress(top + r, c),
              data: { text: v, reason: parsed.reason.vi },
              text: v,
            })
          );
        }
      })
    );
  }
  return any ? rels : null;
}

/** Fills analysis.relations and analysis.notLearned: from a rules tab when one holds rules, else learned. */
export function learnRelations(a: Analysis, ours: OurSheet[]): void {
  const fromSheet = readRulesSheets(a, ours);
  const notLearned = a.notLearned.length;
  learn(a);
  if (!fromSheet) return;
  // The tab's rules are used. When they are exactly what learning finds (our own tab, unedited, over the same
  // figures), the run is the one without the tab: sources and notes as learned, so re-running changes nothing.
  const refs = rowRefs(a);
  const printed = (rels: Relation[]): string =>
    [...new Set(rels.map((r) => printRelation(r, a, refs)))].sort().join("\n");
  if (printed(fromSheet) === printed(effectiveRelations(a))) return;
  a.relations = fromSheet;
  a.notLearned.length = notLearned;
}

/** Learns the relations from the units (no rules tab): fills analysis.relations and analysis.notLearned. */
function learn(a: Analysis): void {
  const byKey = new Map(a.rows.map((r) => [r.key, r]));
  const measures = new Map(a.measures.map((m) => [m.key, m]));
  const children = new Map<string, FormRow[]>();
  for (const r of a.rows) {
    if (!r.parentKey) continue;
    const list = children.get(r.parentKey) ?? [];
    list.push(r);
    children.set(r.parentKey, list);
  }
  const set = new RelationSet();
  let dense: Dense | null = null;
  const denseOf = (): Dense => (dense ??= denseReadings(a));
  learnFromFormulas(a, set, byKey, measures);
  learnFromColumnNumbers(a, set);
  learnFromMarkers(a, set, children);
  learnFromHierarchy(a, set, children, denseOf);
  learnAverages(a, set, byKey);
  if (a.units.length === 1)
    a.notLearned.push({
      vi: "Chỉ có một đơn vị: không đối chiếu được giữa các đơn vị; quy tắc lấy từ công thức, dòng số thứ tự cột và cấu trúc chỉ tiêu",
      en: "A single unit: no agreement across units to learn from; rules come from formulas, column numbers and the row structure",
    });
  learnByConsensus(a, set, byKey, denseOf);
  a.relations = set.list;
}
