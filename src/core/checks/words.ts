/**
 * Domain words the rules look for in labels, headers and units of measure (đơn vị tính), compared after
 * folding (NFC, lower case, one tone placement) and, where spelling varies, without diacritics.
 */
import { APPROX_WORDS } from "../numerals";
import { foldText, stripDiacritics } from "../text";

/**
 * Rules ask the same few questions about the same few labels, headers and units of measure in every unit and
 * every cell: each distinct text is folded and classified once, its answers kept as bits.
 */
const answers = new Map<string, number>();
const MAX_TEXTS = 50000;

// The text asked last and its answers: a rule asks about one row's unit of measure for each of its cells.
let lastText = "";
let lastAnswers = 0;

function has(text: string | null | undefined, bit: number): boolean {
  if (!text) return false;
  if (text === lastText) return (lastAnswers & bit) !== 0;
  let a = answers.get(text);
  if (a === undefined) {
    if (answers.size >= MAX_TEXTS) answers.clear();
    a = classify(stripDiacritics(text));
    answers.set(text, a);
  }
  lastText = text;
  lastAnswers = a;
  return (a & bit) !== 0;
}

// Matched on text without diacritics, so "kế hoạch", "ke hoach" and "KẾ HOẠCH" all match.
const PLAN = [/\bke hoach\b/, /\bchi tieu\b/, /\bnghi quyet\b/, /\bmuc tieu\b/, /\bkh\b/];
const PREVIOUS = [
  /\bcung ky\b/,
  /\bnam truoc\b/,
  /\bky truoc\b/,
  /\bdau ky\b/,
  /\bdau nam\b/,
  /\bdau nhiem ky\b/,
  /\bnhiem ky truoc\b/,
];
const GROWTH = [
  /\bso voi\b/,
  /\btang truong\b/,
  /\btoc do\b/,
  /\bvuot\b/,
  /\btang\/giam\b/,
  /\btang, giam\b/,
  /\bchenh lech\b/,
];
const TOTAL = [/^tong so\b/, /^tong cong\b/, /^tong\b/, /^toan (tinh|dang bo|don vi)\b/, /^cong\b/];
const CHANGE = [
  /\btang\/giam\b/,
  /\btang, giam\b/,
  /\btang \(giam\)/,
  /\bchenh lech\b/,
  /\bso voi\b/,
  /\bbien dong\b/,
];
const UOM_PERCENT = [/%/, /\bphan tram\b/, /\bty le\b/];
const UOM_DECIMALS = [
  /\b(dong|vnd|usd|ty|trieu|nghin dong|ha|km|m2|m3|m|kg|tan|ta|lit|tuoi|nam|thang|gio|ngay|diem|binh quan|trung binh)\b/,
];

const BIT = {
  plan: 1,
  previous: 2,
  growth: 4,
  total: 8,
  change: 16,
  uomPercent: 32,
  uomDecimals: 64,
};

function classify(bare: string): number {
  const any = (patterns: RegExp[]): boolean => patterns.some((p) => p.test(bare));
  let a = 0;
  if (any(PLAN)) a |= BIT.plan;
  if (any(PREVIOUS)) a |= BIT.previous | BIT.growth;
  if (any(GROWTH)) a |= BIT.growth;
  if (any(TOTAL)) a |= BIT.total;
  if (any(CHANGE)) a |= BIT.change;
  if (any(UOM_PERCENT)) a |= BIT.uomPercent | BIT.uomDecimals;
  if (any(UOM_DECIMALS)) a |= BIT.uomDecimals;
  return a;
}

/** A plan or target: kế hoạch, chỉ tiêu, nghị quyết, mục tiêu. */
export const isPlanText = (t: string | null | undefined): boolean => has(t, BIT.plan);
/** A previous period: cùng kỳ, năm trước, kỳ trước, đầu kỳ, đầu nhiệm kỳ. */
export const isPreviousText = (t: string | null | undefined): boolean => has(t, BIT.previous);
/** A comparison or growth (so với, tăng trưởng, vượt): such percentages may exceed 100 or be negative. */
export const isGrowthText = (t: string | null | undefined): boolean => has(t, BIT.growth);
/** A total row: Tổng số, Tổng cộng, Toàn tỉnh. */
export const isTotalLabel = (t: string | null | undefined): boolean => has(t, BIT.total);

/** A unit of measure that says the row holds percentages. */
export const uomIsPercent = (uom: string | null | undefined): boolean => has(uom, BIT.uomPercent);

/**
 * A unit of measure whose figures may have decimals (money, area, weight, age, time, averages): such rows are
 * not counts of people or bodies, so a fraction there is no typing mistake.
 */
export const uomAllowsDecimals = (uom: string | null | undefined): boolean =>
  has(uom, BIT.uomDecimals);

/** Labels whose figures are changes and may be negative (tăng/giảm, chênh lệch, so với). */
export const isChangeText = (t: string | null | undefined): boolean => has(t, BIT.change);

/** A label reduced to its words: code prefixes ("-", "+", "a)"), "trong đó:" and trailing colons removed. */
export function bareLabel(label: string): string {
  return foldText(label)
    .replace(/^[-+–•*]\s*/, "")
    .replace(/^(trong đó|gồm|chia ra|bao gồm)\s*:?\s*/, "")
    .replace(/[:.;,]+$/, "")
    .trim();
}

const APPROX_RE = new RegExp(`^\\s*(${APPROX_WORDS.join("|")})\\s`, "iu");

/** Text that states a figure only approximately ("khoảng 80", "trên 96%"). */
export function isApproxText(raw: unknown): boolean {
  return typeof raw === "string" && APPROX_RE.test(raw.normalize("NFC"));
}

/** Signs staff use for "none" or "not applicable": not numbers, but not mistakes either. */
const NIL = /^\s*(-|–|—|x|\/|k|không)\s*$/i;

/** "-", "x", "không": a sign for none where a figure would be. */
export function isNilText(text: string): boolean {
  return NIL.test(text);
}
