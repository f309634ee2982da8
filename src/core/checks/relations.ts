/**
 * The relations the rules check: those the analysis learned, plus, where it learned none for a row, the ones
 * the form states itself ("Gồm"/"Trong đó" markers, nam + nữ children, đầu kỳ/tăng/giảm/cuối kỳ rows).
 * A rules sheet ("Quy tắc") written by staff replaces all of this: then only its rules count.
 */
import { Analysis, FormRow, Relation } from "../analysis";
import { stripDiacritics } from "../text";
import { bareLabel } from "./words";

const SEX = new Set(["nam", "nu"]);

// The form's labels are asked about again and again (by each balance word, on every run): folded once each.
const bareCache = new Map<string, string>();

function bare(r: FormRow): string {
  let b = bareCache.get(r.label);
  if (b === undefined) {
    b = stripDiacritics(bareLabel(r.label));
    if (bareCache.size >= 50_000) bareCache.clear();
    bareCache.set(r.label, b);
  }
  return b;
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
  // Rows by parent, and the wholes that already have their parts or items: looked up, not searched.
  const children = new Map<string, FormRow[]>();
  for (const r of analysis.rows) {
    if (r.parentKey === null) continue;
    const list = children.get(r.parentKey);
    if (list) list.push(r);
    else children.set(r.parentKey, [r]);
  }
  const wholes = { partition: new Set<string>(), subset: new Set<string>() };
  for (const r of out)
    if (r.kind === "partition" || r.kind === "subset") wholes[r.kind].add(r.whole);
  for (const row of analysis.rows) {
    const kids = children.get(row.key) ?? [];
    if (kids.length === 0 || row.nonAdditive) continue;
    if (row.marker === "partition" && !wholes.partition.has(row.key)) {
      out.push({
        kind: "partition",
        whole: row.key,
        parts: kids.map((c) => c.key),
        source: "markers",
      });
      wholes.partition.add(row.key);
    } else if (row.marker === "subset" && !wholes.subset.has(row.key)) {
      for (const c of kids)
        out.push({ kind: "subset", whole: row.key, part: c.key, source: "markers" });
      wholes.subset.add(row.key);
    } else if (
      row.marker === null &&
      kids.length === 2 &&
      new Set(kids.map(bare)).size === 2 &&
      kids.every((c) => SEX.has(bare(c))) &&
      !wholes.partition.has(row.key)
    ) {
      // Nam + nữ under a total is a partition even without "gồm".
      out.push({
        kind: "partition",
        whole: row.key,
        parts: kids.map((c) => c.key),
        source: "hierarchy",
      });
      wholes.partition.add(row.key);
    }
  }
  if (!out.some((r) => r.kind === "balance")) {
    const b = inferBalance(analysis.rows);
    if (b) out.push(b);
  }
  return out;
}
