import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decimalEquals,
  decimalSum,
  numberToPlainString,
  percentFit,
  ratio,
  roundHalfUp,
  truncate,
} from "../../src/core/rounding";

describe("rounding: exact half-up and truncation", () => {
  const halfUp: [string | number, number, string][] = [
    ["46.65", 1, "46.7"], // toFixed gives 46.6 here: the trap this module exists for
    [46.65, 1, "46.7"],
    [1.005, 2, "1.01"],
    [93.75, 1, "93.8"],
    [42.85, 1, "42.9"],
    [2.5, 0, "3"],
    [-2.5, 0, "-3"],
    [0.04, 1, "0.0"],
    [99.95, 1, "100.0"],
    ["46.7", 0, "47"],
    [1e21, 0, "1000000000000000000000"],
    [1e-7, 7, "0.0000001"],
  ];
  for (const [v, k, want] of halfUp) {
    it(`roundHalfUp(${String(v)}, ${k}) = ${want}`, () => assert.equal(roundHalfUp(v, k), want));
  }
  it("truncates toward zero", () => {
    assert.equal(truncate("42.857", 2), "42.85");
    assert.equal(truncate(-3.99, 0), "-3");
  });
  it("ratio is exact: 2344/5022 = 46.7%, 3/7 = 42.86% (42.85 truncated)", () => {
    assert.equal(ratio(2344, 5022, 1), "46.7");
    assert.equal(ratio(3, 7, 2), "42.86");
    assert.equal(ratio(3, 7, 2, "truncate"), "42.85");
    assert.equal(ratio(60, 61, 1), "98.4");
  });

  const fits: [number, number, string | number, number, string][] = [
    [2344, 5022, "46.7", 1, "half-up"],
    [2344, 5022, "47.6", 1, "none"],
    [933, 2000, "46.65", 2, "half-up"],
    [9333, 20000, 46.7, 1, "half-up"], // 46.665 → 46.7
    [15, 16, "93.8", 1, "half-up"], // 93.75 → 93.8
    [15, 16, "93.7", 1, "truncate"],
    [3, 7, "42.85", 2, "truncate"],
    [3, 7, "42.86", 2, "half-up"],
    [3, 7, "43", 0, "half-up"],
    [3, 7, "42", 0, "truncate"],
    [106, 100, "106", 0, "half-up"],
    [5, 0, "0", 0, "none"],
    [1, 3, "33.33", 1, "none"], // more digits written than asked: not the k-decimal value
    [1, 3, "33.30", 1, "half-up"], // a trailing zero is the same value
  ];
  for (const [n, d, w, k, want] of fits) {
    it(`percentFit(${n}/${d}, ${String(w)}, ${k}) is ${want}`, () =>
      assert.equal(percentFit(n, d, w, k), want));
  }

  it("decimal helpers", () => {
    assert.ok(decimalEquals(5022, "5022.0"));
    assert.ok(!decimalEquals(0.1 + 0.2, 0.3));
    assert.equal(decimalSum([0.1, 0.2, "0.30"]), "0.60");
    assert.equal(numberToPlainString(1.5e-7), "0.00000015");
    assert.equal(numberToPlainString(2.5e22), "25000000000000000000000");
  });

  it("property: half-up of n/d agrees with a BigInt reference for random counts", () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (n, d, k) => {
          const scaled = (BigInt(n) * 100n * 10n ** BigInt(k) * 2n + BigInt(d)) / (2n * BigInt(d));
          const s = scaled.toString().padStart(k + 1, "0");
          const want = k === 0 ? s : `${s.slice(0, -k)}.${s.slice(-k)}`;
          assert.equal(ratio(n, d, k), want);
          assert.equal(percentFit(n, d, want, k), "half-up");
        }
      )
    );
  });
});
