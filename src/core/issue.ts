/**
 * The issue model: every problem the tool finds, whatever found it (a file reader, a check rule, the claim
 * checker). Plain data, easy to flatten into rows, in the manner of frictionless reports.
 */

export type Severity = "error" | "warning" | "info";
export type Lang = "vi" | "en";

/** A text in both languages. Templates use {name} placeholders filled from the report's data. */
export interface Message {
  vi: string;
  en: string;
}

export interface Issue {
  rule: string;
  severity: Severity;
  /** The unit (đơn vị) the issue belongs to, when known. */
  unit: string | null;
  file: string | null;
  sheet: string | null;
  /** A1 address without sheet or `$`. */
  cell: string | null;
  /** For text inputs: 1-based line and column, and the fragment holding the claim. */
  line: number | null;
  column: number | null;
  text: string | null;
  message: Message;
  expected: number | string | null;
  actual: number | string | null;
}

/** What a rule declares about itself (ESLint style): id, default severity, description, its messages. */
export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  description: Message;
  messages: Record<string, Message>;
}

/** What a rule reports; the engine renders the message and fills in the place. */
export interface Report {
  messageId: string;
  data?: Record<string, number | string>;
  severity?: Severity;
  unit?: string | null;
  file?: string | null;
  sheet?: string | null;
  cell?: string | null;
  line?: number | null;
  column?: number | null;
  text?: string | null;
  expected?: number | string | null;
  actual?: number | string | null;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const FORMATTERS = new Map<string, Intl.NumberFormat>();

/** Formats a number the way the language writes it: vi "5.022" and "46,7"; en "5,022" and "46.7". */
export function formatNumber(n: number, lang: Lang, decimalsWanted?: number): string {
  // Intl accepts 0..100 fraction digits; more than 10 is never worth showing.
  const decimals =
    decimalsWanted === undefined ? undefined : Math.max(0, Math.min(10, decimalsWanted));
  return plainFormat(n, lang, decimals) ?? intlFormat(n, lang, decimals);
}

function intlFormat(n: number, lang: Lang, decimals: number | undefined): string {
  // Building an Intl.NumberFormat costs far more than using one: keep one per language and decimals.
  const id = `${lang}:${decimals ?? ""}`;
  let fmt = FORMATTERS.get(id);
  if (!fmt) {
    const opts: Intl.NumberFormatOptions =
      decimals === undefined
        ? { maximumFractionDigits: 10, useGrouping: true }
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true };
    fmt = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", opts);
    FORMATTERS.set(id, fmt);
  }
  return fmt.format(n);
}

/**
 * What Intl.NumberFormat writes (vi-VN or en-US, grouping, at most `decimals` or 10 fraction digits), made
 * from the number's shortest decimal digits, rounded half away from zero as ICU rounds them; null for what
 * it leaves to Intl (exponents, -0, infinities, a figure that rounds to 0). The first Intl.NumberFormat of a
 * process loads ICU's number data: 15 to 45 ms measured here, for a CLI that only needs plain figures.
 */
export function plainFormat(n: number, lang: Lang, decimals?: number): string | null {
  if (!Number.isFinite(n) || Object.is(n, -0)) return null;
  if (decimals !== undefined && !Number.isInteger(decimals)) return null;
  const s = String(n < 0 ? -n : n);
  if (s.includes("e")) return null;
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  const max = decimals ?? 10;
  const min = decimals ?? 0;
  if (frac.length > max) {
    const up = frac.charCodeAt(max) >= 53; // "5" or more: half away from zero
    frac = frac.slice(0, max);
    if (up) {
      const digits = (int + frac).split("");
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === "9") digits[i--] = "0";
      if (i >= 0) digits[i] = String.fromCharCode(digits[i].charCodeAt(0) + 1);
      else digits.unshift("1");
      const all = digits.join("");
      int = all.slice(0, all.length - frac.length);
      frac = all.slice(all.length - frac.length);
    }
  }
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end).padEnd(min, "0");
  if (n !== 0 && /^0*$/.test(int) && /^0*$/.test(frac)) return null;
  const group = lang === "vi" ? "." : ",";
  let grouped = int;
  if (int.length > 3) {
    grouped = int.slice(0, ((int.length - 1) % 3) + 1);
    for (let i = grouped.length; i < int.length; i += 3) grouped += group + int.slice(i, i + 3);
  }
  const sign = n < 0 ? "-" : "";
  return frac === "" ? sign + grouped : sign + grouped + (lang === "vi" ? "," : ".") + frac;
}

/**
 * Fills {name} placeholders; numbers are written in the language's own way. {name:2} writes exactly two
 * decimals, and {name:key} as many decimals as data[key] says (a percentage keeps the digits it was written
 * with: "43,0%", not "43%").
 */
export function renderTemplate(
  template: string,
  data: Record<string, number | string>,
  lang: Lang
): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (whole, key: string, digits?: string) => {
    const v = data[key];
    if (v === undefined) return whole;
    if (typeof v !== "number") return v;
    const d =
      digits === undefined ? undefined : /^\d+$/.test(digits) ? Number(digits) : data[digits];
    return formatNumber(v, lang, typeof d === "number" ? d : undefined);
  });
}

/** Turns a rule's report into an issue: message rendered in both languages, place filled in. */
export function makeIssue(meta: RuleMeta, report: Report, place: Partial<Issue> = {}): Issue {
  const template = meta.messages[report.messageId];
  if (!template) throw new Error(`Rule ${meta.id} has no message ${report.messageId}`);
  const data = report.data ?? {};
  return {
    rule: meta.id,
    severity: report.severity ?? meta.defaultSeverity,
    unit: report.unit ?? place.unit ?? null,
    file: report.file ?? place.file ?? null,
    sheet: report.sheet ?? place.sheet ?? null,
    cell: report.cell ?? place.cell ?? null,
    line: report.line ?? place.line ?? null,
    column: report.column ?? place.column ?? null,
    text: report.text ?? place.text ?? null,
    message: {
      vi: renderTemplate(template.vi, data, "vi"),
      en: renderTemplate(template.en, data, "en"),
    },
    expected: report.expected ?? null,
    actual: report.actual ?? null,
  };
}

/** Counts per rule and severity, for summaries and the top of the issues tab. */
export function countIssues(issues: readonly Issue[]): {
  bySeverity: Record<Severity, number>;
  byRule: Record<string, Record<Severity, number>>;
} {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, Record<Severity, number>> = {};
  for (const i of issues) {
    bySeverity[i.severity]++;
    (byRule[i.rule] ??= { error: 0, warning: 0, info: 0 })[i.severity]++;
  }
  return { bySeverity, byRule };
}
