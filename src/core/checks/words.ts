/**
 * Domain words the rules look for in labels, headers and units of measure (đơn vị tính), compared after
 * folding (NFC, lower case, one tone placement) and, where spelling varies, without diacritics.
 */
import { APPROX_WORDS } from "../numerals";
import { foldText, stripDiacritics } from "../text";

// Rules ask about the same few labels for every cell: fold each once.
const folded = new Map<string, string>();
function plain(text: string): string {
  let f = folded.get(text);
  if (f === undefined) {
    if (folded.size > 20000) folded.clear();
    f = stripDiacritics(text);
    folded.set(text, f);
  }
  return f;
}

function has(text: string | null | undefined, patterns: RegExp[]): boolean {
  if (!text) return false;
  const bare = plain(text);
  return patterns.some((p) => p.test(bare));
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

/** A test on texts that remembers its answers (rules ask about the same few labels for every cell). */
function remembered(test: (t: string) => boolean): (t: string | null | undefined) => boolean {
  const answers = new Map<string, boolean>();
  return (t) => {
    if (!t) return false;
    let a = answers.get(t);
    if (a === undefined) {
      if (answers.size > 20000) answers.clear();
      a = test(t);
      answers.set(t, a);
    }
    return a;
  };
}

/** A plan or target: kế hoạch, chỉ tiêu, nghị quyết, mục tiêu. */
export const isPlanText = remembered((t) => has(t, PLAN));
/** A previous period: cùng kỳ, năm trước, kỳ trước, đầu kỳ, đầu nhiệm kỳ. */
export const isPreviousText = remembered((t) => has(t, PREVIOUS));
/** A comparison or growth (so với, tăng trưởng, vượt): such percentages may exceed 100 or be negative. */
export const isGrowthText = remembered((t) => has(t, GROWTH) || isPreviousText(t));
/** A total row: Tổng số, Tổng cộng, Toàn tỉnh. */
export const isTotalLabel = remembered((t) => has(t, TOTAL));

/** A unit of measure that says the row holds percentages. */
export const uomIsPercent = remembered((uom) => {
  const f = plain(uom);
  return /%/.test(f) || /\bphan tram\b/.test(f) || /\bty le\b/.test(f);
});

/**
 * A unit of measure whose figures may have decimals (money, area, weight, age, time, averages): such rows are
 * not counts of people or bodies, so a fraction there is no typing mistake.
 */
export const uomAllowsDecimals = remembered((uom) => {
  const f = plain(uom);
  return (
    uomIsPercent(uom) ||
    /\b(dong|vnd|usd|ty|trieu|nghin dong|ha|km|m2|m3|m|kg|tan|ta|lit|tuoi|nam|thang|gio|ngay|diem|binh quan|trung binh)\b/.test(
      f
    )
  );
});

/** Labels whose figures are changes and may be negative (tăng/giảm, chênh lệch, so với). */
const CHANGE = [
  /\btang\/giam\b/,
  /\btang, giam\b/,
  /\btang \(giam\)/,
  /\bchenh lech\b/,
  /\bso voi\b/,
  /\bbien dong\b/,
];
export const isChangeText = remembered((t) => has(t, CHANGE));

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
