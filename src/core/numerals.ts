/**
 * Numerals written the Vietnamese way ("5.022", "46,7", "1.234.567,5", "46,7%") and the English way
 * ("5,022", "1,234.5"), fractions ("60/61") and approximations ("trên 96%", "gần 1.400").
 * Strict by design: a thousands separator is followed by exactly three digits, and a form that two
 * conventions read differently is reported as ambiguous with both readings, never guessed.
 */
import { roundHalfUp } from "./rounding";

export type NumeralKind = "number" | "percent" | "fraction";

export interface Numeral {
  kind: NumeralKind;
  /** number: its value; percent: percent points (46.7 for "46,7%"); fraction: numerator / denominator. */
  value: number;
  /** Digits written after the decimal separator ("46,7" → 1, "5.022" → 0). */
  decimals: number;
  /** The value as written, as a plain decimal string ("46.7", "5022", "-3.50"): for exact arithmetic. */
  exact: string;
  numerator?: number;
  denominator?: number;
  /** An approximation word before the figure ("trên", "hơn", "gần", "khoảng", "xấp xỉ", "dưới", ...). */
  approx: string | null;
  /** The text matched. */
  text: string;
}

export type NumeralResult =
  | { ok: true; numeral: Numeral }
  | {
      ok: false;
      reason: "empty" | "not-a-number" | "ambiguous";
      text: string;
      candidates: number[];
    };

/** Which convention to read separators by: Vietnamese, English, or decide from the form (default). */
export type NumeralLocale = "vi" | "en" | "auto";

export const APPROX_WORDS = [
  "gần như",
  "chưa đến",
  "chưa tới",
  "xấp xỉ",
  "khoảng",
  "trên",
  "hơn",
  "gần",
  "dưới",
  "ước",
  "ước tính",
  "ít nhất",
  "tối thiểu",
  "tối đa",
];
const APPROX_RE = new RegExp(
  `^(${APPROX_WORDS.slice()
    .sort((a, b) => b.length - a.length)
    .join("|")})\\s+`,
  "iu"
);

/** Reading of a plain body (no sign, %, words) into a decimal string, per convention. */
type BodyReading = { exact: string; decimals: number } | null;

const VI_GROUPED = /^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/;
const VI_PLAIN_DECIMAL = /^\d+,\d+$/;
const EN_GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const EN_PLAIN_DECIMAL = /^\d+\.\d+$/;
const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/;

function readVi(body: string): BodyReading {
  if (/^\d+$/.test(body)) return { exact: body, decimals: 0 };
  if (VI_GROUPED.test(body) || VI_PLAIN_DECIMAL.test(body)) {
    const [i, f = ""] = body.replace(/\./g, "").split(",");
    return { exact: f ? `${i}.${f}` : i, decimals: f.length };
  }
  return null;
}

function readEn(body: string): BodyReading {
  if (/^\d+$/.test(body)) return { exact: body, decimals: 0 };
  if (EN_GROUPED.test(body) || EN_PLAIN_DECIMAL.test(body)) {
    const [i, f = ""] = body.replace(/,/g, "").split(".");
    return { exact: f ? `${i}.${f}` : i, decimals: f.length };
  }
  return null;
}

function readSpaced(body: string): BodyReading {
  if (!SPACE_GROUPED.test(body)) return null;
  const [i, f = ""] = body.replace(/ /g, "").split(/[.,]/);
  return { exact: f ? `${i}.${f}` : i, decimals: f.length };
}

function normaliseExact(exact: string): string {
  const [i, f] = exact.split(".");
  const int = i.replace(/^0+(?=\d)/, "");
  return f === undefined ? int : `${int}.${f}`;
}

function result(
  kind: NumeralKind,
  negative: boolean,
  reading: { exact: string; decimals: number },
  approx: string | null,
  text: string
): NumeralResult {
  const exact = (negative ? "-" : "") + normaliseExact(reading.exact);
  return {
    ok: true,
    numeral: { kind, value: Number(exact), decimals: reading.decimals, exact, approx, text },
  };
}

/**
 * Parses a whole string (a cell's text, a token) as one numeral. Surrounding spaces, an approximation word in
 * front, a sign and a trailing "%" (or "phần trăm") are allowed; nothing else is.
 */
export function parseNumeral(input: string, locale: NumeralLocale = "auto"): NumeralResult {
  const text = input;
  let s = input
    .normalize("NFC")
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .trim();
  if (s === "") return { ok: false, reason: "empty", text, candidates: [] };
  const fail = (
    reason: "not-a-number" | "ambiguous",
    candidates: number[] = []
  ): NumeralResult => ({
    ok: false,
    reason,
    text,
    candidates,
  });

  let approx: string | null = null;
  const am = APPROX_RE.exec(s);
  if (am) {
    approx = am[1].toLocaleLowerCase("vi");
    s = s.slice(am[0].length);
  }

  let kind: NumeralKind = "number";
  const pm = /\s*(%|phần trăm)$/iu.exec(s);
  if (pm) {
    kind = "percent";
    s = s.slice(0, pm.index).trim();
  }

  let negative = false;
  if (/^[-−–]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) s = s.slice(1).trim();

  const fm = /^(\d{1,3}(?:\.\d{3})+|\d+)\s*\/\s*(\d{1,3}(?:\.\d{3})+|\d+)$/.exec(s);
  if (fm && kind === "number") {
    // "45.012/46.972": Vietnamese grouping on either side.
    const numerator = Number(fm[1].replace(/\./g, ""));
    const denominator = Number(fm[2].replace(/\./g, ""));
    const r = result("fraction", negative, { exact: "0", decimals: 0 }, approx, text);
    if (!r.ok) return r;
    return {
      ok: true,
      numeral: {
        ...r.numeral,
        value: denominator === 0 ? NaN : (negative ? -numerator : numerator) / denominator,
        exact: denominator === 0 ? "NaN" : `${negative ? "-" : ""}${numerator}/${denominator}`,
        numerator: negative ? -numerator : numerator,
        denominator,
      },
    };
  }

  if (!/^\d[\d.,  ]*$/.test(s) || !/\d$/.test(s)) return fail("not-a-number");

  const spaced = readSpaced(s);
  if (spaced) return result(kind, negative, spaced, approx, text);

  const vi = readVi(s);
  const en = readEn(s);
  if (locale === "vi") {
    return vi
      ? result(kind, negative, vi, approx, text)
      : fail("not-a-number", en ? [Number(en.exact)] : []);
  }
  if (locale === "en") {
    return en
      ? result(kind, negative, en, approx, text)
      : fail("not-a-number", vi ? [Number(vi.exact)] : []);
  }

  if (vi && en) {
    if (vi.exact === en.exact) return result(kind, negative, vi, approx, text);
    // "5.022" is five thousand twenty-two in this domain (Vietnamese grouping), the reading the forms use.
    if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) return result(kind, negative, vi, approx, text);
    // "5,022": a Vietnamese decimal or an English thousand. Both readings are plausible; do not guess.
    const sign = negative ? -1 : 1;
    return fail("ambiguous", [sign * Number(vi.exact), sign * Number(en.exact)]);
  }
  if (vi) return result(kind, negative, vi, approx, text);
  // "1,234,567" and "1,234.5" can only be English.
  if (en && s.includes(",")) return result(kind, negative, en, approx, text);
  // "2.34" or "46.7": an English decimal, or a Vietnamese grouping typed wrong. Say so instead of guessing.
  if (en) return fail("ambiguous", [(negative ? -1 : 1) * Number(en.exact)]);
  return fail("not-a-number");
}

/** A numeral found in running text, with its position (UTF-16 offsets into the text). */
export type FoundNumeral = Numeral & { index: number; end: number };

// A figure in prose: digits with . , or space groups, an optional % (or "phần trăm"), or a fraction a/b.
const TOKEN_RE =
  /(?<![\p{L}\p{N}.,/:])([-−]?\d+(?:[.,]\d+)*(?: \d{3}(?![\d]))*)(\s*\/\s*\d+(?:\.\d{3})*(?![.,]?\d))?(\s?(?:%|phần trăm))?/giu;
const APPROX_BEFORE_RE = new RegExp(
  `(?:^|[^\\p{L}])(${APPROX_WORDS.slice()
    .sort((a, b) => b.length - a.length)
    .join("|")})\\s+$`,
  "iu"
);

/**
 * Scans prose written the Vietnamese way and returns its figures. Dates ("01/02/2020"), times ("11:20") and
 * figures glued to letters or codes ("11-NQ/TU", "F0") are not figures. Forms that are ambiguous in
 * Vietnamese prose ("2.34") are left out rather than guessed.
 */
export function findNumerals(text: string): FoundNumeral[] {
  const found: FoundNumeral[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const index = m.index ?? 0;
    let raw = m[0];
    const after = text.slice(index + raw.length, index + raw.length + 2);
    // Dates, times and document codes: 01/02/2020, 11:20, 11-NQ/TU, 2020-2025 handled as two figures.
    if (/^[/:]\d/.test(after) || /^-[\p{L}]/u.test(after)) continue;
    if (m[2] && /^\d{1,2}\s*\/\s*\d{1,2}$/.test(m[1] + m[2]) && /^\/\d/.test(after)) continue;
    // Trailing separators belong to the sentence ("5.022." at a sentence end).
    raw = raw.replace(/[.,]+$/, "");
    let approx: string | null = null;
    const before = text.slice(Math.max(0, index - 20), index);
    const am = APPROX_BEFORE_RE.exec(before);
    if (am) approx = am[1].toLocaleLowerCase("vi");
    const r = parseNumeral(raw, "vi");
    if (!r.ok) continue;
    found.push({ ...r.numeral, approx, text: raw, index, end: index + raw.length });
  }
  return found;
}

/** The digits of a number rounded half up to k decimals, exact: for showing a recomputed percentage. */
export function roundedExact(value: number | string, decimals: number): string {
  return roundHalfUp(value, decimals);
}
