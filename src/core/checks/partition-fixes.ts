/**
 * What "gồm" parts that do not add up to their whole say each of their cells would have to hold for them to
 * add up: the whole, the sum of the parts; a part, itself plus the gap. A percentage that fits with one of
 * those values shows which cell is the mistake: parts-sum reports it there, and percent-mismatch does not
 * report the percentage as a second mistake.
 */
import { CellReading } from "../analysis";
import { CheckContext } from "./types";
import { exactOf, isCountCell } from "./context";
import { decimalEquals, decimalSub, decimalSum } from "./decimal";
import { fitsWith, percentVerdicts } from "./percent";

/** For each cell of the whole and the parts, the value that would close the gap. */
export function gapFixes(
  whole: CellReading,
  parts: readonly (CellReading | undefined)[],
  wholeValue: string,
  sum: string
): Map<CellReading, string> {
  const gap = decimalSub(wholeValue, sum);
  const fixes = new Map<CellReading, string>([[whole, sum]]);
  for (const p of parts) {
    if (!p) continue;
    const meant = decimalSum([exactOf(p) ?? "0", gap]);
    if (!meant.startsWith("-")) fixes.set(p, meant);
  }
  return fixes;
}

/** Every cell of the unit's partitions that do not add up, with the value that would close its gap. */
export function partitionFixes(ctx: CheckContext): Map<CellReading, string> {
  return ctx.perUnit("partition-fixes", () => {
    const out = new Map<CellReading, string>();
    for (const rel of ctx.relations) {
      if (rel.kind !== "partition") continue;
      const whole = ctx.row(rel.whole);
      const parts = rel.parts.map((k) => ctx.row(k));
      if (!whole || parts.some((p) => p === undefined)) continue;
      ctx.unit.measures.forEach((m, mi) => {
        if (!isCountCell(whole, m)) return;
        const cells = parts.map((p) => p?.cells[mi]);
        if ([whole.cells[mi], ...cells].some((c) => ctx.doubt(c))) return;
        const w = exactOf(whole.cells[mi]);
        const values = cells.map((c) => (!c || c.status === "empty" ? "0" : exactOf(c)));
        if (w === null || values.some((v) => v === null)) return;
        const sum = decimalSum(values as string[]);
        if (decimalEquals(sum, w)) return;
        for (const [cell, v] of gapFixes(whole.cells[mi], cells, w, sum))
          if (!out.has(cell)) out.set(cell, v);
      });
    }
    return out;
  });
}

/**
 * The cell of a partition that does not add up that the unit's percentages point at: the one whose closing
 * value makes the most of them fit (with the percentages it explains); null when none or a tie.
 */
export function culprit(
  ctx: CheckContext,
  fixes: ReadonlyMap<CellReading, string>
): { cell: CellReading; meant: string; percents: string[] } | null {
  const { mismatches } = percentVerdicts(ctx);
  if (mismatches.length === 0) return null;
  let best: { cell: CellReading; meant: string; percents: string[] } | null = null;
  let tie = false;
  for (const [cell, meant] of fixes) {
    const one = new Map([[cell, meant]]);
    const percents = mismatches.filter((m) => fitsWith(ctx, m, one)).map((m) => m.cell.address);
    if (percents.length === 0) continue;
    if (best === null || percents.length > best.percents.length) {
      best = { cell, meant, percents };
      tie = false;
    } else if (percents.length === best.percents.length) tie = true;
  }
  return tie ? null : best;
}
