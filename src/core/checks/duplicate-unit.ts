/**
 * duplicate-unit: the same unit submitted twice: the same name, or identical figures under two names (a file
 * copied and renamed). Reported on the later of the two, so each pair is named once.
 */
import { SheetLayout } from "../analysis";
import { foldText } from "../text";
import { CheckRule } from "./types";
import { exactOf } from "./context";

/** Below this many figures in common, equal figures prove nothing (an almost empty form). */
const MIN_COMMON = 5;
const MIN_NONZERO = 3;

// Each unit is compared with every earlier one: read its figures once.
const cache = new WeakMap<SheetLayout, Map<string, string>>();

function figures(u: SheetLayout): Map<string, string> {
  const cached = cache.get(u);
  if (cached) return cached;
  const out = new Map<string, string>();
  cache.set(u, out);
  for (const r of u.rows) {
    u.measures.forEach((m, i) => {
      const e = exactOf(r.cells[i]);
      if (e !== null) out.set(`${r.key}\u0000${m.key}`, e);
    });
  }
  return out;
}

function where(u: SheetLayout): string {
  return `${u.file} / ${u.sheet.name}`;
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
    const name = foldText(unit.unitName);
    const mine = figures(unit);
    for (const other of analysis.units.slice(0, unitIndex)) {
      if (foldText(other.unitName) === name) {
        report({
          messageId: "sameName",
          data: { name: unit.unitName, other: where(other) },
          actual: unit.unitName,
        });
        return;
      }
    }
    for (const other of analysis.units.slice(0, unitIndex)) {
      const theirs = figures(other);
      let common = 0;
      let nonzero = 0;
      let equal = true;
      for (const [k, v] of mine) {
        const w = theirs.get(k);
        if (w === undefined) continue;
        common++;
        if (Number(v) !== Number(w)) {
          equal = false;
          break;
        }
        if (Number(v) !== 0) nonzero++;
      }
      if (equal && common >= MIN_COMMON && nonzero >= MIN_NONZERO && common === mine.size) {
        report({
          messageId: "sameFigures",
          data: { otherName: other.unitName, other: where(other), count: common },
          actual: unit.unitName,
          expected: null,
        });
        return;
      }
    }
  },
};
