/**
 * Exact decimal arithmetic for percentage checks: "does n / d × 100 round half up (or truncate) to the
 * percentage written with k decimals?" Everything is done on scaled BigInts, so 46.65 rounds to 46.7 and no
 * binary floating-point error can decide a verdict.
 */

export type RoundingFit = "half-up" | "truncate" | "none";

/** An exact decimal: value = int / 10^scale. */
interface Decimal {
  int: bigint;
  scale: number;
}

/** Parses a plain decimal string ("46.65", "-3", "1e-7" via Number's own repr) or a JS number exactly. */
export function toDecimal(x: string | number): Decimal {
  let s = typeof x === "number" ? numberToPlainString(x) : x.trim();
  let sign = 1n;
  if (s.startsWith("-")) {
    sign = -1n;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) throw new Error(`Not a plain decimal: ${String(x)}`);
  const [i, f = ""] = s.split(".");
  return { int: sign * BigInt((i || "0") + f), scale: f.length };
}

/** The shortest decimal string that reads back as the same double, without exponent notation. */
export function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) throw new Error(`Unexpected number form: ${s}`);
  const [, sign, lead, frac = "", expS] = m;
  const exp = Number(expS);
  const digits = lead + frac;
  if (exp >= 0) {
    const intLen = 1 + exp;
    return (
      sign +
      (digits.length <= intLen
        ? digits.padEnd(intLen, "0")
        : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`)
    );
  }
  return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
}

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/** Scales a decimal to exactly `scale` digits (scale must not lose digits). */
function rescale(d: Decimal, scale: number): bigint {
  return d.int * pow10(scale - d.scale);
}

/** Rounds half up (half away from zero) to k decimals, exactly; returns a plain decimal string. */
export function roundHalfUp(value: string | number, decimals: number): string {
  return roundDigits(value, decimals) ?? roundHalfUpScaled(value, decimals);
}

/** roundHalfUp through scaled BigInts: the reference, and the path for what roundDigits leaves. */
export function roundHalfUpScaled(value: string | number, decimals: number): string {
  const d = toDecimal(value);
  return formatScaled(divRound(d.int, pow10(d.scale), decimals, "half-up"), decimals);
}

const PLAIN = /^([-+]?)(\d*)(?:\.(\d+))?$/;

/**
 * roundHalfUp on the decimal digits themselves, without BigInt (every cell with a % format is rounded so);
 * null where it leaves the work to the scaled path (a value it does not read, odd decimals).
 */
export function roundDigits(value: string | number, decimals: number): string | null {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) return null;
  const s = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const m = PLAIN.exec(s);
  if (!m || (m[2] === "" && m[3] === undefined)) return null;
  const frac = m[3] ?? "";
  let digits = (m[2] === "" ? "0" : m[2]) + frac.slice(0, decimals).padEnd(decimals, "0");
  if (frac.length > decimals && frac.charCodeAt(decimals) >= 53) {
    // "5" or more in the first digit dropped: up, away from zero.
    const d = digits.split("");
    let i = d.length - 1;
    while (i >= 0 && d[i] === "9") d[i--] = "0";
    if (i >= 0) d[i] = String.fromCharCode(d[i].charCodeAt(0) + 1);
    else d.unshift("1");
    digits = d.join("");
  }
  const intEnd = digits.length - decimals;
  let lead = 0;
  while (lead < intEnd - 1 && digits.charCodeAt(lead) === 48) lead++;
  const int = digits.slice(lead, intEnd);
  const body = decimals === 0 ? int : `${int}.${digits.slice(intEnd)}`;
  return (m[1] === "-" && /[1-9]/.test(body) ? "-" : "") + body;
}

/** Truncates toward zero to k decimals, exactly. */
export function truncate(value: string | number, decimals: number): string {
  const d = toDecimal(value);
  return formatScaled(divRound(d.int, pow10(d.scale), decimals, "truncate"), decimals);
}

/** num/den rounded to k decimals, as a scaled integer (value × 10^k). den must not be 0. */
function divRound(num: bigint, den: bigint, k: number, mode: "half-up" | "truncate"): bigint {
  if (den === 0n) throw new Error("Division by zero");
  const negative = num < 0n !== den < 0n && num !== 0n;
  const n = (num < 0n ? -num : num) * pow10(k);
  const d = den < 0n ? -den : den;
  const q = mode === "truncate" ? n / d : (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

function formatScaled(scaled: bigint, k: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(k + 1, "0");
  const body = k === 0 ? digits : `${digits.slice(0, -k)}.${digits.slice(-k)}`;
  return (negative && /[1-9]/.test(body) ? "-" : "") + body;
}

/** n / d × scale rounded to k decimals (half up), exact; a plain decimal string. */
export function ratio(
  numerator: string | number,
  denominator: string | number,
  decimals: number,
  mode: "half-up" | "truncate" = "half-up",
  scale = 100
): string {
  const n = toDecimal(numerator);
  const d = toDecimal(denominator);
  // (n.int / 10^ns) / (d.int / 10^ds) × scale = n.int × 10^ds × scale / (d.int × 10^ns)
  const num = n.int * pow10(d.scale) * BigInt(scale);
  const den = d.int * pow10(n.scale);
  return formatScaled(divRound(num, den, decimals, mode), decimals);
}

/** n / d × 100 rounded half up to k decimals, as a number (for reports; the verdicts use the strings). */
export function percentOf(numerator: number, denominator: number, decimals: number): number {
  return Number(ratio(numerator, denominator, decimals));
}

/**
 * Does n / d × 100 give the written percentage with k decimals? "half-up" when rounding half up gives it,
 * "truncate" when only cutting the digits gives it, "none" otherwise (or when d is 0).
 */
export function percentFit(
  numerator: number | string,
  denominator: number | string,
  written: string | number,
  decimals: number,
  scale = 100
): RoundingFit {
  if (toDecimal(denominator).int === 0n) return "none";
  const w = toDecimal(written);
  if (w.scale > decimals && w.int % pow10(w.scale - decimals) !== 0n) return "none";
  const target = w.scale > decimals ? w.int / pow10(w.scale - decimals) : rescale(w, decimals);
  const scaledOf = (mode: "half-up" | "truncate"): bigint =>
    toDecimal(ratio(numerator, denominator, decimals, mode, scale)).int;
  if (scaledOf("half-up") === target) return "half-up";
  if (scaledOf("truncate") === target) return "truncate";
  return "none";
}

/** Whole numbers a double holds exactly, written plainly: the common case, added without BigInt. */
const SMALL_INT = /^-?\d{1,15}$/;
const SUM_INT = /^-?\d{1,12}$/;

/** Exact equality of two decimals (5022 and "5022.0"). */
export function decimalEquals(a: string | number, b: string | number): boolean {
  if (typeof a === "string" && typeof b === "string" && SMALL_INT.test(a) && SMALL_INT.test(b)) {
    return Number(a) === Number(b);
  }
  const x = toDecimal(a);
  const y = toDecimal(b);
  const s = Math.max(x.scale, y.scale);
  return rescale(x, s) === rescale(y, s);
}

/** Exact sum of decimals, as a plain decimal string. */
export function decimalSum(values: readonly (string | number)[]): string {
  if (values.length < 1000 && values.every((v) => typeof v === "string" && SUM_INT.test(v))) {
    // Under 1000 parts of under 10^12 each: every partial sum stays below 2^53, exact in a double.
    let total = 0;
    for (const v of values) total += Number(v);
    return String(total + 0);
  }
  const ds = values.map(toDecimal);
  const s = Math.max(0, ...ds.map((d) => d.scale));
  const total = ds.reduce((acc, d) => acc + rescale(d, s), 0n);
  return formatScaled(total, s);
}
