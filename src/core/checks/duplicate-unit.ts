/**
 * duplicate-unit: the same unit submitted twice: the same name, or identical figures under two names (a file
 * copied and renamed). Reported on the later of the two, so each pair is named once.
 */
import { Analysis, SheetLayout } from "../analysis";
import { foldText } from "../text";
import { CheckRule } from "./types";
import { exactOf } from "./context";

/** Below this many figures in common, equal figures prove nothing (an almost empty form). */
const MIN_COMMON = 5;
const MIN_NONZERO = 3;

// Each unit is compared with every earlier one: read its figures once.
const cache = new WeakMap<SheetLayout, Map<string, string>>();

// The same (row, column) keys recur in every unit: make each key string once.
const cellKeys = new Map<string, Map<string, string>>();
function cellKey(row: string, measure: string): string {
  let byMeasure = cellKeys.get(row);
  if (!byMeasure) {
    if (cellKeys.size > 50000) cellKeys.clear();
    cellKeys.set(row, (byMeasure = new Map()));
  }
  let k = byMeasure.get(measure);
  if (k === undefined) byMeasure.set(measure, (k = `${row}\u0000${measure}`));
  return k;
}

function figures(u: SheetLayout): Map<string, string> {
  const cached = cache.get(u);
  if (cached) return cached;
  const out = new Map<string, string>();
  cache.set(u, out);
  for (const r of u.rows) {
    u.measures.forEach((m, i) => {
      const e = exactOf(r.cells[i]);
      if (e !== null) out.set(cellKey(r.key, m.key), e);
    });
  }
  return out;
}

function where(u: SheetLayout): string {
  return `${u.file} / ${u.sheet.name}`;
}

/**
 * Lookups over all units of a run, built once, so that each unit meets only the earlier units that could be
 * its twin (comparing every pair took seconds at a thousand units): the first unit of each folded name; each
 * unit's probe (its largest figure, the one least likely to be equal by chance); and, for each cell used as a
 * probe, the units by the value they hold there. A twin holds every figure of the unit, the probe included.
 */
interface Index {
  firstByName: Map<string, number>;
  names: string[];
  probes: ({ key: string; value: number } | null)[];
  holders: Map<string, Map<number, number[]>>;
}

const indexes = new WeakMap<Analysis, Index>();

function probeOf(mine: Map<string, string>): { key: string; value: number } | null {
  let best: { key: string; value: number } | null = null;
  for (const [key, v] of mine) {
    const value = Number(v);
    if (value !== 0 && (!best || Math.abs(value) > Math.abs(best.value))) best = { key, value };
  }
  return best;
}

function indexOf(analysis: Analysis): Index {
  const hit = indexes.get(analysis);
  if (hit) return hit;
  const idx: Index = { firstByName: new Map(), names: [], probes: [], holders: new Map() };
  analysis.units.forEach((u, i) => {
    const name = foldText(u.unitName);
    idx.names.push(name);
    if (!idx.firstByName.has(name)) idx.firstByName.set(name, i);
    const probe = probeOf(figures(u));
    idx.probes.push(probe);
    if (probe && !idx.holders.has(probe.key)) idx.holders.set(probe.key, new Map());
  });
  for (const [key, byValue] of idx.holders) {
    analysis.units.forEach((u, j) => {
      const v = figures(u).get(key);
      if (v === undefined) return;
      const value = Number(v);
      const list = byValue.get(value);
      if (list) list.push(j);
      else byValue.set(value, [j]);
    });
  }
  indexes.set(analysis, idx);
  return idx;
}

/** Whether every figure of `mine` is in `theirs` with the same value, and enough of them to mean it. */
function sameFigures(mine: Map<string, string>, theirs: Map<string, string>): boolean {
  let nonzero = 0;
  for (const [k, v] of mine) {
    const w = theirs.get(k);
    if (w === undefined || Number(v) !== Number(w)) return false;
    if (Number(v) !== 0) nonzero++;
  }
  return mine.size >= MIN_COMMON && nonzero >= MIN_NONZERO;
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
        vi: 'Đơn vị "{name}" có hai lần: cũng ở {other}',
        en: 'Unit "{name}" appears twice: also in {other}',
      },
      sameFigures: {
        vi: 'Số liệu giống hệt đơn vị "{otherName}" ({other}): {count} ô trùng nhau',
        en: 'Figures identical to unit "{otherName}" ({other}): {count} cells equal',
      },
    },
  },
  check(ctx, report) {
    const { analysis, unitIndex, unit } = ctx;
    const idx = indexOf(analysis);
    const first = idx.firstByName.get(idx.names[unitIndex]);
    if (first !== undefined && first < unitIndex) {
      report({
        messageId: "sameName",
        data: { name: unit.unitName, other: where(analysis.units[first]) },
        actual: unit.unitName,
      });
      return;
    }
    const mine = figures(unit);
    const p = idx.probes[unitIndex];
    const probe = p ? (idx.holders.get(p.key)?.get(p.value) ?? []) : [];
    for (const j of probe) {
      if (j >= unitIndex) break;
      const other = analysis.units[j];
      if (sameFigures(mine, figures(other))) {
        report({
          messageId: "sameFigures",
          data: { otherName: other.unitName, other: where(other), count: mine.size },
          actual: unit.unitName,
          expected: null,
        });
        return;
      }
    }
  },
};
