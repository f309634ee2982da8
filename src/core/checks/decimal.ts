/** Small exact-decimal helpers on top of rounding.ts, on plain decimal strings. */
import { decimalEquals as exactEquals, decimalSum as exactSum, toDecimal } from "../rounding";

/** −x, exact ("-0" for "0" reads back as 0). */
export function negate(x: string): string {
  return x.startsWith("-") ? x.slice(1) : `-${x}`;
}

const SMALL_INTEGER = /^-?\d{1,15}$/;

/** Exact sum of plain decimal strings; whole numbers (the usual counts) without BigInt arithmetic. */
export function decimalSum(values: readonly string[]): string {
  let total = 0;
  for (const v of values) {
    if (!SMALL_INTEGER.test(v)) return exactSum(values);
    total += Number(v);
    if (!Number.isSafeInteger(total)) return exactSum(values);
  }
  return String(total);
}

/** Exact equality of plain decimal strings (5022 and "5022.0"). */
export function decimalEquals(a: string, b: string): boolean {
  if (a === b) return true;
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return Number(a) === Number(b);
  return exactEquals(a, b);
}

/** a − b, exact. */
export function decimalSub(a: string, b: string): string {
  return decimalSum([a, negate(b)]);
}

/** Sign of a − b: -1, 0 or 1, exact. */
export function decimalCompare(a: string, b: string): -1 | 0 | 1 {
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) {
    // Under 10^15 both are exact doubles: compared as numbers, as the subtraction would decide.
    const x = Number(a);
    const y = Number(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return exactCompare(a, b);
}

/** decimalCompare through the exact difference: the reference, and the path for decimals. */
export function exactCompare(a: string, b: string): -1 | 0 | 1 {
  const d = toDecimal(decimalSub(a, b)).int;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}
