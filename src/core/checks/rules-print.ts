/**
 * Prints relations in the "Quy tắc" format staff read and edit: `[3] = [3.1] + [3.2]`, `[5.1] <= [5]`,
 * `Tỷ lệ [5] = [5] / [3]`, `[Cuối kỳ] = [Đầu kỳ] + [Tăng] - [Giảm]`, `Cột [Tổng số] = [Nam] + [Nữ]`.
 * A row is named by its code when the code is unique, else by its label; a measure other than the form's
 * first count column is named after the row: `[5 | Cùng kỳ]`.
 */
import { Analysis, FormRef, Relation, RelationSource } from "../analysis";

export const SOURCE_NAMES: Record<RelationSource, { vi: string; en: string }> = {
  "rules-sheet": { vi: "Trang Quy tắc", en: "Rules sheet" },
  formula: { vi: "Công thức", en: "Formula" },
  "column-numbers": { vi: "Dòng đánh số cột", en: "Column-number row" },
  markers: { vi: "Gồm / Trong đó", en: "Gồm / Trong đó markers" },
  hierarchy: { vi: "Mã dòng", en: "Row codes" },
  consensus: { vi: "Đa số đơn vị", en: "Most units agree" },
};

export function rowNamer(analysis: Analysis): (key: string) => string {
  const count = new Map<string, number>();
  for (const r of analysis.rows) if (r.code) count.set(r.code, (count.get(r.code) ?? 0) + 1);
  const byKey = new Map(analysis.rows.map((r) => [r.key, r]));
  return (key) => {
    const r = byKey.get(key);
    if (!r) return key;
    if (r.code && /[\p{L}\p{N}]/u.test(r.code) && count.get(r.code) === 1) return r.code;
    return r.label;
  };
}

/** One relation as a line of the rules tab (keywords stay Vietnamese so the tab reads back the same). */
export function printRelation(rel: Relation, analysis: Analysis): string {
  const row = rowNamer(analysis);
  const firstCount = analysis.measures.find((m) => m.kind === "count")?.key;
  const header = (key: string): string =>
    analysis.measures.find((m) => m.key === key)?.header ?? key;
  const ref = (r: FormRef): string =>
    r.measure === firstCount ? `[${row(r.row)}]` : `[${row(r.row)} | ${header(r.measure)}]`;
  switch (rel.kind) {
    case "partition":
      return `[${row(rel.whole)}] = ${rel.parts.map((p) => `[${row(p)}]`).join(" + ")}`;
    case "subset":
      return `[${row(rel.part)}] <= [${row(rel.whole)}]`;
    case "percent": {
      const target =
        analysis.measures.find((m) => m.key === rel.target.measure)?.kind === "percent"
          ? `Tỷ lệ [${row(rel.target.row)}]`
          : ref(rel.target);
      return `${target} = ${ref(rel.numerator)} / ${ref(rel.denominator)}`;
    }
    case "columnSum": {
      return `Cột [${header(rel.whole)}] = ${rel.parts.map((p) => `[${header(p)}]`).join(" + ")}`;
    }
    case "balance":
      return (
        `[${row(rel.end)}] = [${row(rel.start)}]` +
        rel.plus.map((p) => ` + [${row(p)}]`).join("") +
        rel.minus.map((m) => ` - [${row(m)}]`).join("")
      );
  }
}
