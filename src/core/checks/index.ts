/**
 * The check rules and their runner: every rule on every unit sheet, issues rendered and sorted by unit then
 * row, the "Kiểm tra" tab (counts per rule and severity, then one row per issue with a link to its cell),
 * the "Quy tắc" tab (the relations the checks used, readable and editable), and the cell flags.
 */
import { Analysis, Relation, RelationSource } from "../analysis";
import {
  Issue,
  Lang,
  Message,
  RuleMeta,
  SEVERITY_ORDER,
  Severity,
  countIssues,
  makeIssue,
} from "../issue";
import { parseAddress } from "../model";
import { ANALYSIS_RULES } from "../analysis-rules";
import { NO_FORM } from "../no-form";
import { OUR_SIGNATURE } from "../layout/detect";
import { FLAG_FILL, Flag, OutCell, OutputSheet } from "../output";
import { makeContext, shareRun } from "./context";
import { effectiveRelations } from "./relations";
import { printRelation, rowRefs } from "../rules-text";
import { CheckContext, CheckRule, Doubt } from "./types";
import { ClaimChecker, textClaimRule } from "./text-claim";
import { rule as percentMismatch } from "./percent-mismatch";
import { rule as percentOver100 } from "./percent-over-100";
import { rule as partsSum } from "./parts-sum";
import { rule as subsetExceeds } from "./subset-exceeds";
import { rule as balance } from "./balance";
import { rule as fraction } from "./fraction";
import { rule as countNotInteger } from "./count-not-integer";
import { rule as countNegative } from "./count-negative";
import { rule as notANumber } from "./not-a-number";
import { rule as blankRequired } from "./blank-required";
import { rule as missingIndicator } from "./missing-indicator";
import { rule as extraIndicator } from "./extra-indicator";
import { rule as duplicateUnit } from "./duplicate-unit";
import { rule as hiddenData } from "./hidden-data";
import { rule as textClaim } from "./text-claim";

export type { CheckContext, CheckRule, ReportFn } from "./types";
export type { ClaimChecker, ClaimFigure, ClaimFinding } from "./text-claim";
export { effectiveRelations } from "./relations";

/** Every rule, in the order the issues tab lists them. */
export const RULES: readonly CheckRule[] = [
  percentMismatch,
  percentOver100,
  partsSum,
  subsetExceeds,
  balance,
  fraction,
  countNotInteger,
  countNegative,
  notANumber,
  blankRequired,
  missingIndicator,
  extraIndicator,
  duplicateUnit,
  hiddenData,
  textClaim,
];

export interface CheckOptions {
  /** Language of the tabs and flag notes (issues always carry both). Default "vi". */
  lang?: Lang;
  /** The rules to run; default RULES. */
  rules?: readonly CheckRule[];
  /** Per rule id: another severity, or "off". */
  severity?: Record<string, Severity | "off">;
  /** Reads claims in cell text for the text-claim rule (the narrative claim checker); default built-in. */
  claimChecker?: ClaimChecker;
  /** The name the unit's sheet has in the output workbook, for links; default the input sheet name. */
  sheetName?: (file: string, sheet: string) => string;
  /** Put the analysis's own issues (unreadable cells, unmatched rows) in the result too. Default true. */
  includeAnalysisIssues?: boolean;
  /** Build the "Kiểm tra" and "Quy tắc" tabs and the flags; default true (false: sheets and flags empty). */
  tabs?: boolean;
  /** A run restricted to these sheets (RunOptions.only): the analysis's issues of other sheets are left out. */
  only?: { file: string; sheet: string }[];
}

export interface CheckResult {
  issues: Issue[];
  sheets: OutputSheet[];
  flags: Flag[];
}

/** Where a relation came from, as the rules tab says it. */
const SOURCE_NAMES: Record<RelationSource, Message> = {
  "rules-sheet": { vi: "Trang Quy tắc", en: "Rules sheet" },
  formula: { vi: "Công thức", en: "Formula" },
  "column-numbers": { vi: "Dòng đánh số cột", en: "Column-number row" },
  markers: { vi: "Gồm / Trong đó", en: "Gồm / Trong đó markers" },
  hierarchy: { vi: "Mã dòng", en: "Row codes" },
  consensus: { vi: "Đa số đơn vị", en: "Most units agree" },
};

const FAILED: RuleMeta = {
  id: "check-failed",
  defaultSeverity: "warning",
  description: { vi: "Một quy tắc kiểm tra bị lỗi", en: "A check rule failed" },
  messages: {
    failed: {
      vi: "Quy tắc {rule} không chạy được trên đơn vị này: {error}",
      en: "Rule {rule} could not run on this unit: {error}",
    },
  },
};

/** Checks left out because of a doubtful cell: which rule, and where it would have reported. */
interface SkippedCheck {
  rule: string;
  at: string | null;
}

const SKIPPED: RuleMeta = {
  id: "checks-skipped",
  defaultSeverity: "info",
  description: {
    vi: "Kiểm tra tạm bỏ qua vì dựa vào một ô có lỗi riêng",
    en: "Checks left out because they rely on a cell with a mistake of its own",
  },
  messages: {
    skipped: {
      vi: "Chưa kiểm tra {checksVi} vì dựa vào số ở ô này; sửa ô này rồi chạy lại",
      en: "Not checked, as they rely on this cell's figure: {checksEn}; correct the cell and run again",
    },
  },
};

/** How the skipped-checks note names each rule's checks. */
const CHECK_NAMES: Record<string, Message> = {
  "percent-mismatch": { vi: "tỷ lệ", en: "percentages" },
  "percent-over-100": { vi: "tỷ lệ trên 100%", en: "percentages above 100%" },
  "parts-sum": { vi: "tổng các phần", en: "sums of parts" },
  "subset-exceeds": { vi: "mục “trong đó”", en: "“of which” items" },
  balance: { vi: "cân đối đầu kỳ – cuối kỳ", en: "period balance" },
  fraction: { vi: "phân số", en: "fractions" },
  "text-claim": { vi: "số liệu ghi trong chữ", en: "figures in text" },
};

/** "E21, E22, E24–E27": cells of one column in consecutive rows written as a range. */
export function compactCells(cells: readonly string[]): string {
  const parsed = [...new Set(cells)].map((c) => ({ c, ...parseAddress(c) }));
  parsed.sort((a, b) => a.col - b.col || a.row - b.row);
  const out: string[] = [];
  for (let i = 0; i < parsed.length;) {
    let j = i;
    while (
      j + 1 < parsed.length &&
      parsed[j + 1].col === parsed[i].col &&
      parsed[j + 1].row === parsed[j].row + 1
    )
      j++;
    out.push(j - i >= 2 ? `${parsed[i].c}–${parsed[j].c}` : parsed[i].c);
    if (j - i === 1) out.push(parsed[j].c);
    i = j + 1;
  }
  return out.join(", ");
}

/** The info at a doubtful cell listing the checks left out because of it, by rule. */
function skippedIssue(ctx: CheckContext, doubt: Doubt, checks: readonly SkippedCheck[]): Issue {
  const byRule = new Map<string, string[]>();
  for (const c of checks) {
    const cells = byRule.get(c.rule) ?? [];
    if (c.at) cells.push(c.at);
    byRule.set(c.rule, cells);
  }
  const list = (lang: Lang): string =>
    [...byRule]
      .map(([rule, cells]) => {
        const name = CHECK_NAMES[rule]?.[lang] ?? rule;
        return cells.length > 0 ? `${name} (${compactCells(cells)})` : name;
      })
      .join(", ");
  return makeIssue(
    SKIPPED,
    {
      messageId: "skipped",
      cell: doubt.cell.address,
      data: { checksVi: list("vi"), checksEn: list("en") },
    },
    placeOf(ctx)
  );
}

/** Runs one rule on every unit of the analysis; issues in rule order, not yet sorted. */
export function runRule(
  rule: CheckRule,
  analysis: Analysis,
  relations: readonly Relation[] = effectiveRelations(analysis)
): Issue[] {
  const shared = shareRun(analysis, relations, rowRefs(analysis));
  const out: Issue[] = [];
  analysis.units.forEach((_, i) => runOn(rule, makeContext(shared, i), out));
  return out;
}

function placeOf(ctx: CheckContext): Partial<Issue> {
  return { unit: ctx.unit.unitName, file: ctx.unit.file, sheet: ctx.unit.sheet.name };
}

/** One rule on one unit, its issues added to `out`; a rule that throws becomes an issue itself. */
function runOn(rule: CheckRule, ctx: CheckContext, out: Issue[], severity?: Severity): void {
  const place = placeOf(ctx);
  try {
    rule.check(ctx, (report) => {
      const issue = makeIssue(rule.meta, report, place);
      out.push(severity ? { ...issue, severity } : issue);
    });
  } catch (e) {
    // One rule's bug must not hide every other finding.
    const error = e instanceof Error ? e.message : String(e);
    out.push(
      makeIssue(FAILED, { messageId: "failed", data: { rule: rule.meta.id, error } }, place)
    );
  }
}

/** Orders issues by unit (input order), then row and column of the cell, then severity and rule. */
export function sortIssues(
  issues: readonly Issue[],
  analysis: Analysis,
  rules: readonly CheckRule[] = RULES
): Issue[] {
  const unitOrder = new Map(analysis.units.map((u, i) => [`${u.file}\u0000${u.sheet.name}`, i]));
  const ruleOrder = new Map(rules.map((r, i) => [r.meta.id, i]));
  const key = (i: Issue): [number, number, number, number, number] => {
    const u = unitOrder.get(`${i.file}\u0000${i.sheet}`) ?? -1;
    let row = -1;
    let col = -1;
    if (i.cell) {
      try {
        ({ row, col } = parseAddress(i.cell));
      } catch {
        // A malformed address sorts first in its unit.
      }
    }
    // At one cell the error comes first, then what else is said about it.
    return [u, row, col, SEVERITY_ORDER[i.severity], ruleOrder.get(i.rule) ?? -1];
  };
  const keyed = issues.map((issue, n) => ({ issue, k: key(issue), n }));
  keyed.sort((a, b) => {
    for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return a.k[j] - b.k[j];
    return a.n - b.n;
  });
  return keyed.map((x) => x.issue);
}

/** Runs the checks over the analysis and builds the issues tab, the rules tab and the flags. */
export function runChecks(analysis: Analysis, opts: CheckOptions = {}): CheckResult {
  const lang = opts.lang ?? "vi";
  let rules = opts.rules ?? RULES;
  if (opts.claimChecker) {
    const replaced = textClaimRule(opts.claimChecker);
    rules = rules.map((r) => (r.meta.id === replaced.meta.id ? replaced : r));
  }
  const relations = effectiveRelations(analysis);
  const shared = shareRun(analysis, relations, rowRefs(analysis));
  const active = rules.filter((r) => opts.severity?.[r.meta.id] !== "off");
  const found: Issue[] = [];
  // Unit by unit, every rule on one context: what a unit's rules share is built once and dropped after it.
  analysis.units.forEach((_, i) => {
    let current = "";
    const skipped = new Map<Doubt, SkippedCheck[]>();
    const ctx = makeContext(shared, i, (doubt, at) => {
      const list = skipped.get(doubt);
      const entry = { rule: current, at };
      if (list) list.push(entry);
      else skipped.set(doubt, [entry]);
    });
    for (const rule of active) {
      current = rule.meta.id;
      const setting = opts.severity?.[rule.meta.id];
      runOn(rule, ctx, found, setting === "off" ? undefined : setting);
    }
    for (const [doubt, checks] of skipped) found.push(skippedIssue(ctx, doubt, checks));
  });
  const only = opts.only;
  const own =
    opts.includeAnalysisIssues === false
      ? []
      : analysis.issues.filter(
          (i) =>
            !only || i.sheet === null || only.some((o) => o.file === i.file && o.sheet === i.sheet)
        );
  const all = [...own, ...found];
  const issues = sortIssues(all, analysis, rules);
  if (opts.tabs === false) return { issues, sheets: [], flags: [] };
  return {
    issues,
    sheets: [
      buildIssuesSheet(issues, { lang, rules, sheetName: opts.sheetName }),
      buildRulesSheet(analysis, relations, lang),
    ],
    flags: buildFlags(issues, lang),
  };
}

const SEVERITY_NAMES: Record<Severity, Message> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Thông tin", en: "Info" },
};

const ISSUE_HEADERS: Message[] = [
  { vi: "Mức độ", en: "Severity" },
  { vi: "Đơn vị", en: "Unit" },
  { vi: "Ô", en: "Cell" },
  { vi: "Quy tắc", en: "Rule" },
  { vi: "Nội dung", en: "Message" },
  { vi: "Số ghi", en: "Written" },
  { vi: "Số tính lại", en: "Computed" },
  { vi: "Tệp", en: "File" },
  { vi: "Trang tính", en: "Sheet" },
];
const ISSUE_WIDTHS = [11, 32, 8, 20, 80, 14, 14, 30, 20];
/** Issue columns whose text wraps: unit, message, file, sheet. */
const ISSUE_WRAP = [false, true, false, false, true, false, false, true, true];
/**
 * The counts block stands over the issue list's columns D–H, where the widths suit it: rule ids over the list's
 * rule column, descriptions over its (wide) message column, the three counts after them.
 */
const COUNTS_COL = 3;

/** A written or computed value as a cell: numbers stay numbers, with as many decimals as they have. */
function valueCell(v: number | string | null, width: number): OutCell {
  if (v === null) return {};
  // Text ("khoảng 80", a row's label) wraps; short text stays right, level with the numbers.
  if (typeof v === "string")
    return { v, wrap: true, align: v.length < width - 1 ? "right" : "left" };
  const decimals = Math.min(4, (String(v).split(".")[1] ?? "").length);
  return { v, fmt: decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}` };
}

/** The "Kiểm tra" tab. */
export function buildIssuesSheet(
  issues: readonly Issue[],
  opts: {
    lang?: Lang;
    rules?: readonly CheckRule[];
    sheetName?: (file: string, sheet: string) => string;
    /** Other reporters' metas (a file reader's), for the descriptions in the counts. */
    metas?: readonly RuleMeta[];
  } = {}
): OutputSheet {
  const lang = opts.lang ?? "vi";
  const rules = opts.rules ?? RULES;
  const sheetName = opts.sheetName ?? ((_file: string, sheet: string) => sheet);
  const { bySeverity, byRule } = countIssues(issues);
  // The rules', then what understanding, consolidation and the runner report: every count gets its words.
  const metas = [
    ...rules.map((r) => r.meta),
    ...Object.values(ANALYSIS_RULES),
    NO_FORM,
    SKIPPED,
    FAILED,
    ...(opts.metas ?? []),
  ];
  const descriptions = new Map<string, string>();
  for (const m of metas) if (!descriptions.has(m.id)) descriptions.set(m.id, m.description[lang]);
  const units = new Set(issues.map((i) => i.unit ?? i.file ?? ""));
  const t = (m: Message): string => m[lang];
  const cells: OutCell[][] = [];

  cells.push([{ v: t({ vi: "Kết quả kiểm tra số liệu", en: "Validation results" }), bold: true }]);
  cells.push([
    {
      v:
        lang === "vi"
          ? `${bySeverity.error} lỗi, ${bySeverity.warning} cảnh báo, ${bySeverity.info} thông tin ở ${units.size} đơn vị`
          : `${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} infos in ${units.size} units`,
      italic: true,
    },
  ]);
  // The signature the summary tab carries: a renamed copy of this tab is still known as ours.
  cells.push([{ v: OUR_SIGNATURE, italic: true, color: "#7F7F7F" }]);
  cells.push([]);
  // Columns A–C of the block are left out (holes, not cells): nothing is written there.
  const counts = (row: OutCell[]): OutCell[] => {
    const out: OutCell[] = [];
    row.forEach((cell, k) => (out[COUNTS_COL + k] = cell));
    return out;
  };
  const countHeader = [
    t({ vi: "Quy tắc", en: "Rule" }),
    t({ vi: "Mô tả", en: "Description" }),
    t(SEVERITY_NAMES.error),
    t(SEVERITY_NAMES.warning),
    t(SEVERITY_NAMES.info),
  ];
  cells.push(
    counts(
      countHeader.map((v, k) => ({
        v,
        bold: true,
        border: true,
        fill: "#D9E1F2",
        ...(k >= 2 ? { align: "right" as const } : {}),
      }))
    )
  );
  const ruleIds = [
    ...rules.map((r) => r.meta.id).filter((id) => byRule[id]),
    ...Object.keys(byRule).filter((id) => !rules.some((r) => r.meta.id === id)),
  ];
  for (const id of ruleIds) {
    const c = byRule[id];
    cells.push(
      counts([
        { v: id, border: true },
        { v: descriptions.get(id) ?? "", border: true, wrap: true },
        { v: c.error, border: true, fmt: "#,##0" },
        { v: c.warning, border: true, fmt: "#,##0" },
        { v: c.info, border: true, fmt: "#,##0" },
      ])
    );
  }
  cells.push(
    counts([
      { v: t({ vi: "Tổng cộng", en: "Total" }), bold: true, border: true },
      { border: true },
      { v: bySeverity.error, bold: true, border: true, fmt: "#,##0" },
      { v: bySeverity.warning, bold: true, border: true, fmt: "#,##0" },
      { v: bySeverity.info, bold: true, border: true, fmt: "#,##0" },
    ])
  );
  cells.push([]);

  const headerRow = cells.length;
  cells.push(
    ISSUE_HEADERS.map((h) => ({ v: t(h), bold: true, border: true, fill: "#D9E1F2", wrap: true }))
  );
  const text = (v: string, c: number): OutCell => (ISSUE_WRAP[c] ? { v, wrap: true } : { v });
  for (const i of issues) {
    const linkSheet = i.file !== null && i.sheet !== null ? sheetName(i.file, i.sheet) : null;
    cells.push([
      { v: t(SEVERITY_NAMES[i.severity]), fill: FLAG_FILL[i.severity] },
      text(i.unit ?? "", 1),
      // A sheet-level issue links by the sheet's name, which wraps in the narrow cell column.
      linkSheet
        ? {
            v: i.cell ?? linkSheet,
            link: { sheet: linkSheet, cell: i.cell ?? "A1" },
            color: "#0563C1",
            ...(i.cell ? {} : { wrap: true }),
          }
        : { v: i.cell ?? "" },
      { v: i.rule },
      text(i.message[lang], 4),
      valueCell(i.actual, ISSUE_WIDTHS[5]),
      valueCell(i.expected, ISSUE_WIDTHS[6]),
      text(i.file ?? "", 7),
      text(i.sheet ?? "", 8),
    ]);
  }
  const lastRow = cells.length;
  return {
    role: "issues",
    name: "Kiểm tra",
    cells,
    merges: ["A1:E1", "A2:E2"],
    columnWidths: ISSUE_WIDTHS,
    freeze: { rows: headerRow + 1, cols: 0 },
    autoFilter: `A${headerRow + 1}:I${Math.max(lastRow, headerRow + 1)}`,
    landscape: true,
    fitToWidth: true,
  };
}

/** The "Quy tắc" tab: one relation per row in the editable text form, where it came from; then what was not learned. */
export function buildRulesSheet(
  analysis: Analysis,
  relations: readonly Relation[],
  lang: Lang = "vi"
): OutputSheet {
  const t = (m: Message): string => m[lang];
  const cells: OutCell[][] = [];
  cells.push([{ v: t({ vi: "Quy tắc kiểm tra", en: "Check rules" }), bold: true }]);
  cells.push([
    {
      v: t({
        vi: "Sửa hoặc thêm quy tắc ở cột A rồi chạy lại: khi có trang này, các quy tắc ở đây được dùng thay cho việc tự học.",
        en: "Edit or add rules in column A and run again: when this sheet exists, its rules are used instead of learning.",
      }),
      italic: true,
      wrap: true,
    },
  ]);
  cells.push([{ v: OUR_SIGNATURE, italic: true, color: "#7F7F7F" }]);
  cells.push([]);
  const headerRow = cells.length;
  cells.push(
    [t({ vi: "Quy tắc", en: "Rule" }), t({ vi: "Nguồn", en: "Source" })].map((v) => ({
      v,
      bold: true,
      border: true,
      fill: "#D9E1F2",
    }))
  );
  const refs = rowRefs(analysis);
  for (const rel of relations) {
    cells.push([
      // A rule names its rows by label: long ones wrap rather than run under the source column.
      { v: printRelation(rel, analysis, refs), border: true, wrap: true },
      { v: t(SOURCE_NAMES[rel.source]), border: true },
    ]);
  }
  if (analysis.notLearned.length > 0) {
    cells.push([]);
    cells.push([{ v: t({ vi: "Chưa học được", en: "Not learned" }), bold: true }]);
    for (const n of analysis.notLearned) cells.push([{ v: n[lang], italic: true, wrap: true }]);
  }
  return {
    role: "rules",
    name: "Quy tắc",
    cells,
    merges: ["A1:B1"],
    columnWidths: [80, 24],
    freeze: { rows: headerRow + 1, cols: 0 },
    autoFilter: null,
    landscape: false,
    fitToWidth: true,
  };
}

/** One flag per flagged cell of a unit sheet: the worst severity, its messages as the note. Info is not flagged. */
export function buildFlags(issues: readonly Issue[], lang: Lang = "vi"): Flag[] {
  const flags = new Map<string, Flag>();
  for (const i of issues) {
    if (i.severity === "info" || !i.file || !i.sheet || !i.cell) continue;
    const k = `${i.file}\u0000${i.sheet}\u0000${i.cell}`;
    const f = flags.get(k);
    if (!f) {
      flags.set(k, {
        file: i.file,
        sheet: i.sheet,
        cell: i.cell,
        severity: i.severity,
        message: i.message[lang],
      });
      continue;
    }
    if (SEVERITY_ORDER[i.severity] < SEVERITY_ORDER[f.severity]) f.severity = i.severity;
    if (!f.message.includes(i.message[lang])) f.message += `\n${i.message[lang]}`;
  }
  return [...flags.values()];
}

/**
 * The CLI's human summary: a total line, then one line per unit with issues, most errors first (then most
 * warnings, then name); then the rules that could not be learned (analysis.notLearned), if given.
 */
export function summarizeIssues(
  issues: readonly Issue[],
  lang: Lang = "vi",
  notLearned: readonly Message[] = []
): string[] {
  const { bySeverity } = countIssues(issues);
  const perUnit = new Map<string, Record<Severity, number>>();
  for (const i of issues) {
    const name = i.unit ?? i.file ?? (lang === "vi" ? "(chung)" : "(general)");
    const c = perUnit.get(name) ?? { error: 0, warning: 0, info: 0 };
    c[i.severity]++;
    perUnit.set(name, c);
  }
  const counts = (c: Record<Severity, number>): string =>
    lang === "vi"
      ? `${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} thông tin`
      : `${c.error} error${c.error === 1 ? "" : "s"}, ${c.warning} warning${c.warning === 1 ? "" : "s"}, ${c.info} info`;
  const lines = [
    lang === "vi"
      ? `Kiểm tra: ${counts(bySeverity)} ở ${perUnit.size} đơn vị.`
      : `Checks: ${counts(bySeverity)} in ${perUnit.size} units.`,
  ];
  const ordered = [...perUnit.entries()].sort(
    ([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || a.localeCompare(b, "vi")
  );
  for (const [name, c] of ordered) lines.push(`  ${name}: ${counts(c)}`);
  if (notLearned.length > 0) {
    lines.push(lang === "vi" ? "Quy tắc chưa học được:" : "Rules not learned:");
    for (const m of notLearned) lines.push(`  - ${m[lang]}`);
  }
  return lines;
}
