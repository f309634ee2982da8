/**
 * The claim checker: finds the figures written in Vietnamese prose ("2.344 đảng viên (đạt 46,7%)",
 * "gồm 37 ... và 24 ...", "60/61 chi, đảng bộ", "tăng 1.529 so với đầu nhiệm kỳ (5.462)") and checks each
 * against the other figures of its paragraph (for a cell: its text, then its row).
 *
 *   checkText(text, opts)            a text file's content (decode bytes first with decodeText)
 *   checkCellText(text, rowFigures)  a text cell of a workbook, with the figures of its row
 */
import { Issue, Severity } from "../issue";
import type { DecodedText } from "../text-decode";
import { claimsOfParagraph } from "./extract";
import { analyseParagraph } from "./tokens";
import { CheckTextOptions, Claim, RowFigure } from "./types";

export type { Claim, ClaimKind, Verdict, RowFigure, CheckTextOptions } from "./types";
export { CLAIM_RULES, TEXT_PERCENT, TEXT_SUM, TEXT_FRACTION, TEXT_CHANGE } from "./rules";
export { decodeText } from "../text-decode";
export type { DecodedText } from "../text-decode";

export interface CheckTextResult {
  /** Every claim found, in text order, whatever its verdict (for a verbose `--all` listing). */
  claims: Claim[];
  /** Errors (wrong), warnings (truncated), and infos (unverifiable, when asked for). */
  issues: Issue[];
}

const SEVERITY: Record<Claim["verdict"], Severity | null> = {
  wrong: "error",
  truncated: "warning",
  unverifiable: "info",
  consistent: null,
};

/** NFC text of a line and, for each of its offsets, the offset in the line as given. */
function nfcWithMap(line: string): { text: string; toOriginal: (i: number) => number } {
  const nfc = line.normalize("NFC");
  if (nfc === line) return { text: line, toOriginal: (i) => i };
  // Normalise per base letter and its marks, so that offsets can be mapped back.
  const map: number[] = [];
  let text = "";
  const re = /\P{M}\p{M}*|\p{M}+/gu;
  for (const m of line.matchAll(re)) {
    const seg = m[0].normalize("NFC");
    for (let k = 0; k < seg.length; k++) map.push(m.index ?? 0);
    text += seg;
  }
  map.push(line.length);
  return { text, toOriginal: (i) => map[Math.min(i, map.length - 1)] };
}

/** Turns a claim into an issue, or null when it is consistent (or unverifiable and not asked for). */
export function claimIssue(
  claim: Claim,
  place: Partial<Issue> = {},
  reportUnverifiable = false
): Issue | null {
  const severity = SEVERITY[claim.verdict];
  if (severity === null || (severity === "info" && !reportUnverifiable)) return null;
  return {
    rule: claim.rule,
    severity,
    unit: place.unit ?? null,
    file: place.file ?? null,
    sheet: place.sheet ?? null,
    cell: place.cell ?? null,
    line: claim.line,
    column: claim.column,
    text: claim.text,
    message: claim.message,
    expected: claim.expected,
    actual: claim.actual,
  };
}

/**
 * Checks the claims of a text. Paragraphs are separated by line breaks; a claim is checked against the
 * figures of its own paragraph. Lines and columns are 1-based; columns count UTF-16 code units of the line.
 */
export function checkText(text: string, opts: CheckTextOptions = {}): CheckTextResult {
  const claims: Claim[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let offset = 0;
  lines.forEach((raw, i) => {
    const lineStart = offset;
    offset += raw.length + 1;
    if (!/\d/.test(raw)) return;
    const { text: line, toOriginal } = nfcWithMap(raw);
    for (const c of claimsOfParagraph(analyseParagraph(line))) {
      const start = toOriginal(c.index);
      const end = toOriginal(c.end);
      claims.push({
        ...c,
        line: i + 1,
        column: start + 1,
        index: lineStart + start,
        end: lineStart + end,
        text: raw.slice(start, end),
      });
    }
  });
  const issues = claims
    .map((c) => claimIssue(c, { file: opts.file ?? null }, opts.reportUnverifiable))
    .filter((x): x is Issue => x !== null);
  return { claims, issues };
}

/**
 * Checks a text cell: its own figures first, then the figures of its row (passed in by the caller, as
 * numbers or with their column labels). Line and column are within the cell's text.
 */
export function checkCellText(
  text: string,
  rowFigures: readonly (number | RowFigure)[] = [],
  opts: CheckTextOptions & { place?: Partial<Issue> } = {}
): CheckTextResult {
  const row: RowFigure[] = rowFigures
    .map((r) => (typeof r === "number" ? { value: r } : r))
    .filter((r) => Number.isFinite(r.value));
  const { text: nfc, toOriginal } = nfcWithMap(text);
  // A cell is one paragraph even when it has line breaks (Alt+Enter).
  const flat = nfc.replace(/\r\n|\r|\n/g, " ");
  const claims = claimsOfParagraph(analyseParagraph(flat), row).map((c) => {
    const start = toOriginal(c.index);
    const end = toOriginal(c.end);
    const before = text.slice(0, start);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = start - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
    return { ...c, line, column, index: start, end, text: text.slice(start, end) };
  });
  const issues = claims
    .map((c) => claimIssue(c, { file: opts.file ?? null, ...opts.place }, opts.reportUnverifiable))
    .filter((x): x is Issue => x !== null);
  return { claims, issues };
}

/**
 * What decoding a text file has to tell the user, as an issue of rule "text-encoding": an info when legacy
 * TCVN3/VNI text was converted, a warning when the bytes were neither UTF-8 nor a known legacy encoding.
 */
export function encodingIssue(decoded: DecodedText, file: string | null = null): Issue | null {
  if (!decoded.note) return null;
  return {
    rule: "text-encoding",
    severity: decoded.legacy ? "info" : "warning",
    unit: null,
    file,
    sheet: null,
    cell: null,
    line: null,
    column: null,
    text: null,
    message: decoded.note,
    expected: null,
    actual: decoded.legacy ?? decoded.encoding,
  };
}
