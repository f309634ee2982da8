/**
 * The run's findings in the two forms the command gives them: the JSON report (a contract other tools read:
 * every field always present) and a short human summary in the chosen language, units with most errors first.
 */
import { Issue, Lang, SEVERITY_ORDER, Severity, countIssues, formatNumber } from "../core/issue";
import { TotalRow, UnitInfo } from "../core/output";

export interface JsonIssue {
  rule: string;
  severity: Severity;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  line: number | null;
  column: number | null;
  text: string | null;
  message: string;
  expected: number | string | null;
  actual: number | string | null;
}

export interface JsonReport {
  version: 1;
  units: UnitInfo[];
  totals: TotalRow[];
  issues: JsonIssue[];
}

/** "$E$18" or "'Sheet'!E18" → "E18". */
function plainCell(cell: string | null): string | null {
  if (cell === null) return null;
  return cell.replace(/^.*!/, "").replace(/\$/g, "");
}

export function jsonIssue(i: Issue, lang: Lang): JsonIssue {
  return {
    rule: i.rule,
    severity: i.severity,
    file: i.file,
    sheet: i.sheet,
    cell: plainCell(i.cell),
    line: i.line,
    column: i.column,
    text: i.text,
    message: i.message[lang],
    expected: i.expected,
    actual: i.actual,
  };
}

export function jsonReport(
  units: readonly UnitInfo[],
  totals: readonly TotalRow[],
  issues: readonly Issue[],
  lang: Lang
): JsonReport {
  return {
    version: 1,
    units: units.map((u) => ({ name: u.name, file: u.file, sheet: u.sheet })),
    totals: totals.map((t) => ({ code: t.code, label: t.label, values: { ...t.values } })),
    issues: issues.map((i) => jsonIssue(i, lang)),
  };
}

const T = {
  vi: {
    consolidate: "Tổng hợp",
    validate: "Kiểm tra",
    "check-text": "Kiểm tra văn bản",
    units: (n: string, files: string) => `${n} đơn vị từ ${files} tệp`,
    texts: (n: string) => `${n} tệp văn bản`,
    counts: (e: string, w: string, i: string) => `Lỗi: ${e} · Cảnh báo: ${w} · Thông tin: ${i}`,
    worst: "Đơn vị có nhiều lỗi nhất:",
    unitLine: (e: string, w: string) => `${e} lỗi, ${w} cảnh báo`,
    files: "Tệp có vấn đề:",
    other: "Vấn đề khác:",
    more: (n: string) => `… và ${n} vấn đề nữa (xem báo cáo đầy đủ)`,
    moreUnits: (n: string) => `… và ${n} đơn vị nữa`,
    noIssue: "Không phát hiện vấn đề nào.",
    wrote: "Đã ghi tệp tổng hợp:",
    json: "Báo cáo JSON:",
    noOut: "Chưa ghi tệp Excel (thêm --out TỆP.xlsx để ghi).",
  },
  en: {
    consolidate: "Consolidation",
    validate: "Validation",
    "check-text": "Text check",
    units: (n: string, files: string) =>
      `${n} unit${n === "1" ? "" : "s"} from ${files} file${files === "1" ? "" : "s"}`,
    texts: (n: string) => `${n} text file${n === "1" ? "" : "s"}`,
    counts: (e: string, w: string, i: string) => `Errors: ${e} · Warnings: ${w} · Info: ${i}`,
    worst: "Units with most errors:",
    unitLine: (e: string, w: string) =>
      `${e} error${e === "1" ? "" : "s"}, ${w} warning${w === "1" ? "" : "s"}`,
    files: "Files with problems:",
    other: "Other problems:",
    more: (n: string) => `… and ${n} more (see the full report)`,
    moreUnits: (n: string) => `… and ${n} more units`,
    noIssue: "No problems found.",
    wrote: "Consolidated workbook written:",
    json: "JSON report:",
    noOut: "No Excel file written (add --out FILE.xlsx to write one).",
  },
} as const;

export interface SummaryInput {
  command: "consolidate" | "validate" | "check-text";
  lang: Lang;
  units: readonly UnitInfo[];
  issues: readonly Issue[];
  /** Files read (workbooks or text files). */
  fileCount: number;
  out: string | null;
  json: string | null;
}

const MAX_UNITS = 8;
const MAX_PER_UNIT = 3;

function where(i: Issue): string {
  const parts = [i.sheet, i.cell ?? (i.line !== null ? `${i.line}:${i.column ?? 1}` : null)].filter(
    Boolean
  );
  return parts.length ? parts.join("!") + ": " : "";
}

function byImportance(a: Issue, b: Issue): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** The short human summary printed on stdout. */
export function summary(s: SummaryInput): string {
  const t = T[s.lang];
  const n = (x: number) => formatNumber(x, s.lang);
  const lines: string[] = [];
  const what =
    s.command === "check-text"
      ? t.texts(n(s.fileCount))
      : t.units(n(s.units.length), n(s.fileCount));
  lines.push(`${t[s.command]}: ${what}.`);
  const { bySeverity } = countIssues(s.issues);
  lines.push(t.counts(n(bySeverity.error), n(bySeverity.warning), n(bySeverity.info)));

  const unitKey = (file: string | null, sheet: string | null) => `${file}\u0000${sheet}`;
  const perUnit = new Map<string, Issue[]>();
  for (const u of s.units) perUnit.set(unitKey(u.file, u.sheet), []);
  const fileIssues: Issue[] = [];
  for (const i of s.issues) {
    const list = perUnit.get(unitKey(i.file, i.sheet));
    if (list) list.push(i);
    else fileIssues.push(i);
  }
  const ranked = s.units
    .map((u, index) => {
      const list = perUnit.get(unitKey(u.file, u.sheet)) ?? [];
      const c = countIssues(list).bySeverity;
      return { u, index, list, errors: c.error, warnings: c.warning };
    })
    .filter((x) => x.errors + x.warnings > 0)
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.index - b.index);
  if (ranked.length) {
    lines.push("", t.worst);
    for (const x of ranked.slice(0, MAX_UNITS)) {
      lines.push(
        `  ${x.u.name} (${x.u.file}, ${x.u.sheet}): ${t.unitLine(n(x.errors), n(x.warnings))}`
      );
      const shown = x.list.filter((i) => i.severity !== "info").sort(byImportance);
      for (const i of shown.slice(0, MAX_PER_UNIT))
        lines.push(`    ${where(i)}${i.message[s.lang]}`);
      if (shown.length > MAX_PER_UNIT) lines.push(`    ${t.more(n(shown.length - MAX_PER_UNIT))}`);
    }
    if (ranked.length > MAX_UNITS) lines.push(`  ${t.moreUnits(n(ranked.length - MAX_UNITS))}`);
  }
  const rest = fileIssues
    .filter((i) => i.severity !== "info" || i.file !== null)
    .sort(byImportance);
  if (rest.length) {
    lines.push("", s.command === "check-text" ? t.other : t.files);
    const shown = rest.slice(0, MAX_UNITS * MAX_PER_UNIT);
    for (const i of shown) {
      const file = i.file ? `${i.file}: ` : "";
      lines.push(`  ${file}${where(i)}${i.message[s.lang]}`);
    }
    if (rest.length > shown.length) lines.push(`  ${t.more(n(rest.length - shown.length))}`);
  }
  if (s.issues.length === 0) lines.push(t.noIssue);
  lines.push("");
  if (s.command === "consolidate") lines.push(s.out ? `${t.wrote} ${s.out}` : t.noOut);
  if (s.json) lines.push(`${t.json} ${s.json}`);
  return lines.join("\n").replace(/\n+$/, "") + "\n";
}
