/**
 * xs.map(f) built by pushing: an array of one element kind whichever tier of V8 makes it. Array.prototype.map
 * gives packed arrays before its caller is optimised and holey ones after; loops reading them then meet a
 * second array shape, and their optimised code is thrown away and compiled again (--trace-deopt: the row
 * reader twice; sumUnit, filledCounts, figuresOf, blank-required and parts-sum once each).
 */
export function packed<T, U>(xs: readonly T[], f: (x: T) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]));
  return out;
}
