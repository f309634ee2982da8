/**
 * The relations the rules check: those the analysis learned, plus, where it learned none for a row, the ones
 * the form states itself ("Gồm"/"Trong đó" markers, nam + nữ children, đầu kỳ/tăng/giảm/cuối kỳ rows).
 * A rules sheet ("Quy tắc") written by staff replaces all of this: then only its rules count.
 */
import { Analysis, FormRow, Relation } from "../analysis";
import { stripDiacritics } from "../text";
import { bareLabel } from "./words";

const SEX = new Set(["nam", "nu"]);

function childrenOf(rows: readonly FormRow[], key: string): FormRow[] {
  return rows.filter((r) => r.parentKey === key);
}

function bare(r: FormRow): string {
  return stripDiacritics(bareLabel(r.label));
}

function hasWhole(
  relations: readonly Relation[],
  kind: "partition" | "subset",
  whole: string
): boolean {
  return relations.some((r) => r.kind === kind && r.whole === whole);
}

/** Balance rows by their words: số đầu kỳ, tăng..., giảm..., số cuối kỳ. */
function inferBalance(rows: readonly FormRow[]): Relation | null {
  const find = (re: RegExp): FormRow[] => rows.filter((r) => !r.nonAdditive && re.test(bare(r)));
  const starts = find(/\b(dau ky|dau nam|dau nhiem ky)\b/);
  const ends = find(/\b(cuoi ky|cuoi nam|hien co)\b/);
  const moves = (re: RegExp): FormRow[] => {
    const found = find(re);
    // Keep the top-most: "Tăng" with its own parts "kết nạp", "chuyển đến" counts once.
    return found.filter((r) => !found.some((o) => o.key === r.parentKey));
  };
  // "Số đảng viên tăng trong kỳ", "Giảm": a movement, not a comparison ("tăng/giảm so với", "tăng trưởng").
  const comparison = /\b(so voi|tang truong)\b|\btang\b.*\bgiam\b|\bgiam\b.*\btang\b/;
  const plus = moves(/\btang\b/).filter((r) => !comparison.test(bare(r)));
  const minus = moves(/\bgiam\b/).filter((r) => !comparison.test(bare(r)));
  if (starts.length !== 1 || ends.length !== 1 || plus.length + minus.length === 0) return null;
  if (starts[0].key === ends[0].key) return null;
  return {
    kind: "balance",
    end: ends[0].key,
    start: starts[0].key,
    plus: plus.map((r) => r.key),
    minus: minus.map((r) => r.key),
    source: "markers",
  };
}

/** Relations for the rules: learned first; the form's own markers fill in what learning left out. */
export function effectiveRelations(analysis: Analysis): Relation[] {
  if (analysis.relations.some((r) => r.source === "rules-sheet")) return analysis.relations.slice();
  const out = analysis.relations.slice();
  for (const row of analysis.rows) {
    const children = childrenOf(analysis.rows, row.key);
    if (children.length === 0 || row.nonAdditive) continue;
    if (row.marker === "partition" && !hasWhole(out, "partition", row.key)) {
      out.push({
        kind: "partition",
        whole: row.key,
        parts: children.map((c) => c.key),
        source: "markers",
      });
    } else if (row.marker === "subset" && !hasWhole(out, "subset", row.key)) {
      for (const c of children)
        out.push({ kind: "subset", whole: row.key, part: c.key, source: "markers" });
    } else if (
      row.marker === null &&
      children.length === 2 &&
      new Set(children.map(bare)).size === 2 &&
      children.every((c) => SEX.has(bare(c))) &&
      !hasWhole(out, "partition", row.key)
    ) {
      // Nam + nữ under a total is a partition even without "gồm".
      out.push({
        kind: "partition",
        whole: row.key,
        parts: children.map((c) => c.key),
        source: "hierarchy",
      });
    }
  }
  if (!out.some((r) => r.kind === "balance")) {
    const b = inferBalance(analysis.rows);
    if (b) out.push(b);
  }
  return out;
}
