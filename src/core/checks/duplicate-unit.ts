/**
 * duplicate-unit: the same unit submitted twice: the same name, or identical figures under two names (a file
 * copied and renamed). Reported on the later of the two, so each pair is named once.
 */
import { Analysis, SheetLayout } from "../analysis";
import { packed } from "../arrays";
import { fold } from "../keys";
import { CELL, CheckRule, UnitFacts } from "./types";
import { figureOf } from "./context";

/** Below this many figures in common, equal figures prove nothing (an almost empty form). */
const MIN_COMMON = 5;
const MIN_NONZERO = 3;

/**
 * A unit's figures: form cells by number (ascending, each once) and their values, 5022 and "5022.0" alike.
 * In typed arrays: a thousand units' figures are millions of numbers that the garbage collector need not visit.
 */
interface Figures {
  ids: Float64Array;
  values: Float64Array;
}

/** Figures put in ascending order of form cell; of a cell given twice (a repeated row), the later one. */
function sortedFigures(ids: Float64Array, values: Float64Array): Figures {
  const order = Array.from(ids, (_, k) => k).sort((a, b) => ids[a] - ids[b] || a - b);
  const outIds = new Float64Array(ids.length);
  const outValues = new Float64Array(ids.length);
  let n = 0;
  for (const k of order) {
    if (n > 0 && outIds[n - 1] === ids[k]) outValues[n - 1] = values[k];
    else {
      outIds[n] = ids[k];
      outValues[n] = values[k];
      n++;
    }
  }
  return { ids: outIds.subarray(0, n), values: outValues.subarray(0, n) };
}

/**
 * Kept through a run, so that each unit is compared only with the earlier units that could equal it, not
 * with all of them: the first unit of each name, the figures of the units checked so far (each read from the
 * facts its own rules share), and for the form cells asked about, which units hold which value there.
 */
interface DuplicateIndex {
  firstByName: Map<string, number>;
  /** Figures of units 0 to figures.length − 1. */
  figures: Figures[];
  holders: Map<number, Map<number, number[]>>;
  rowIds: Map<string, number>;
  measureIds: Map<string, number>;
}

function newIndex(analysis: Analysis): DuplicateIndex {
  const firstByName = new Map<string, number>();
  analysis.units.forEach((u, ui) => {
    const name = fold(u.unitName);
    if (!firstByName.has(name)) firstByName.set(name, ui);
  });
  return { firstByName, figures: [], holders: new Map(), rowIds: new Map(), measureIds: new Map() };
}

function idOf(m: Map<string, number>, k: string): number {
  let id = m.get(k);
  if (id === undefined) m.set(k, (id = m.size));
  return id;
}

/**
 * A unit's figures: Number(exactOf) of each cell, from the unit's facts when given (the unit being checked),
 * else from its cells (a unit the rule has not seen checked).
 */
function figuresOf(index: DuplicateIndex, u: SheetLayout, facts: UnitFacts | null): Figures {
  const mids = packed(u.measures, (m) => idOf(index.measureIds, m.key));
  const ids = new Float64Array(u.rows.length * mids.length);
  const values = new Float64Array(ids.length);
  let n = 0;
  let ascending = true;
  for (let ri = 0; ri < u.rows.length; ri++) {
    // A cell of the form is (row, column); Excel has 16.384 columns, so this numbering never collides.
    const base = idOf(index.rowIds, u.rows[ri].key) * 16384;
    const cells = u.rows[ri].cells;
    for (let mi = 0; mi < mids.length; mi++) {
      let v: number | null;
      if (facts) {
        const at = ri * facts.width + mi;
        const e = facts.exact[at];
        if (e === null) continue;
        v = facts.bits[at] & CELL.whole ? facts.value[at] : Number(e);
      } else {
        v = figureOf(cells[mi]);
        if (v === null) continue;
      }
      const id = base + mids[mi];
      if (n > 0 && id <= ids[n - 1]) ascending = false;
      ids[n] = id;
      values[n] = v;
      n++;
    }
  }
  const f = { ids: ids.subarray(0, n), values: values.subarray(0, n) };
  return ascending ? f : sortedFigures(f.ids, f.values);
}

/** Adds the next unit's figures, and its values at the form cells already gathered. */
function addUnit(index: DuplicateIndex, f: Figures): void {
  const ui = index.figures.length;
  index.figures.push(f);
  for (const [id, byValue] of index.holders) {
    const at = find(f, id);
    if (at < 0) continue;
    const list = byValue.get(f.values[at]);
    if (list) list.push(ui);
    else byValue.set(f.values[at], [ui]);
  }
}

/** Where form cell `id` is among a unit's figures, or -1. */
function find(f: Figures, id: number): number {
  let lo = 0;
  let hi = f.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (f.ids[mid] === id) return mid;
    if (f.ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The units (ascending) that hold each value at form cell `id`, gathered the first time it is asked for. */
function holdersAt(index: DuplicateIndex, id: number): Map<number, number[]> {
  let byValue = index.holders.get(id);
  if (byValue) return byValue;
  byValue = new Map();
  index.figures.forEach((f, ui) => {
    const at = find(f, id);
    if (at < 0) return;
    const list = byValue!.get(f.values[at]);
    if (list) list.push(ui);
    else byValue!.set(f.values[at], [ui]);
  });
  index.holders.set(id, byValue);
  return byValue;
}

/** The earlier unit whose figures include all of unit `ui`'s, equal, if there is one worth naming. */
function sameFigures(index: DuplicateIndex, ui: number): { unit: number; common: number } | null {
  const mine = index.figures[ui];
  let nonzero = 0;
  let first = -1; // my first non-zero figure
  for (let k = 0; k < mine.values.length; k++) {
    if (mine.values[k] === 0) continue;
    if (first < 0) first = k;
    nonzero++;
  }
  if (mine.ids.length < MIN_COMMON || nonzero < MIN_NONZERO) return null;
  // Only units holding every one of my figures qualify: those holding my first non-zero one are enough to
  // try. Units of one form mostly share their first cell, so few form cells are ever gathered.
  const candidates = holdersAt(index, mine.ids[first]).get(mine.values[first]) ?? [];
  for (const other of candidates) {
    if (other >= ui) break;
    const theirs = index.figures[other];
    let equal = true;
    for (let k = 0, at = 0; k < mine.ids.length && equal; k++) {
      // Both lists ascend: walk theirs forward to each of mine.
      while (at < theirs.ids.length && theirs.ids[at] < mine.ids[k]) at++;
      equal =
        at < theirs.ids.length &&
        theirs.ids[at] === mine.ids[k] &&
        theirs.values[at] === mine.values[k];
    }
    if (equal) return { unit: other, common: mine.ids.length };
  }
  return null;
}

function where(u: SheetLayout): string {
  return `${u.file}, ${u.sheet.name}`;
}

export const rule: CheckRule = {
  meta: {
    id: "duplicate-unit",
    defaultSeverity: "error",
    description: {
      vi: "Một đơn vị được nộp hai lần (trùng tên hoặc trùng số liệu)",
      en: "The same unit submitted twice (same name or identical figures)",
    },
    messages: {
      sameName: {
        vi: "Đơn vị “{name}” có hai lần: cũng ở {other}",
        en: "Unit “{name}” appears twice: also in {other}",
      },
      sameFigures: {
        vi: "Số liệu giống hệt đơn vị “{otherName}” ({other}): cả {count} ô đều trùng",
        en: "Figures identical to unit “{otherName}” ({other}): all {count} cells equal",
      },
    },
  },
  check(ctx, report) {
    const { analysis, unitIndex, unit } = ctx;
    const index = ctx.perRun("duplicate-unit", () => newIndex(analysis));
    // Units are checked in order; one that was not is read from its cells.
    for (let k = index.figures.length; k < unitIndex; k++)
      addUnit(index, figuresOf(index, analysis.units[k], null));
    if (index.figures.length === unitIndex) addUnit(index, figuresOf(index, unit, ctx.facts()));
    const first = index.firstByName.get(fold(unit.unitName));
    if (first !== undefined && first < unitIndex) {
      report({
        messageId: "sameName",
        data: { name: unit.unitName, other: where(analysis.units[first]) },
        actual: unit.unitName,
      });
      return;
    }
    const same = sameFigures(index, unitIndex);
    if (same) {
      const other = analysis.units[same.unit];
      report({
        messageId: "sameFigures",
        data: { otherName: other.unitName, other: where(other), count: same.common },
        actual: unit.unitName,
        expected: null,
      });
    }
  },
};
