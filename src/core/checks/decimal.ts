/** Small exact-decimal helpers on top of rounding.ts, on plain decimal strings. */
import { decimalSum, toDecimal } from "../rounding";

export function negate(x: string): string {
  return x.startsWith("-") ? x.slice(1) : `-${x}`;
}

/** a − b, exact. */
export function decimalSub(a: string, b: string): string {
  return decimalSum([a, negate(b)]);
}

/** Sign of a − b: -1, 0 or 1, exact. */
export function decimalCompare(a: string, b: string): -1 | 0 | 1 {
  const d = toDecimal(decimalSub(a, b)).int;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}
