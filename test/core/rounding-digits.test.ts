import assert from "node:assert/strict";
import fc from "fast-check";
import { roundDigits, roundHalfUp, roundHalfUpScaled } from "../../src/core/rounding";

describe("roundHalfUp on digits gives what the scaled BigInt path gives", () => {
  const cases: [string | number, number, string][] = [
    ["46.65", 1, "46.7"],
    ["46.649", 1, "46.6"],
    ["99.95", 1, "100.0"],
    ["9.999", 0, "10"],
    ["-0.04", 1, "0.0"], // rounds to zero: no sign
    ["-0.05", 1, "-0.1"],
    [".5", 0, "1"],
    ["+2.5", 0, "3"],
    ["007.25", 1, "7.3"],
    ["46.7", 3, "46.700"],
    [" 12.345 ", 2, "12.35"],
    [0.1 + 0.2, 2, "0.30"],
    [1e-7, 6, "0.000000"],
    [123456789012.5, 0, "123456789013"],
  ];
  for (const [v, k, want] of cases)
    it(`${JSON.stringify(v)} to ${k} → ${want}`, () => {
      assert.equal(roundHalfUp(v, k), want);
      assert.equal(roundHalfUpScaled(v, k), want);
    });

  it("leaves to the scaled path what it does not read, which fails there as before", () => {
    for (const v of ["", "-", "5.", "1e5", "abc", "1.2.3"]) {
      assert.equal(roundDigits(v, 1), null, v);
      assert.throws(() => roundHalfUp(v, 1));
    }
    assert.equal(roundDigits("1.5", 1.5), null);
    assert.equal(roundDigits("1.5", -1), null);
  });

  it("agrees with the scaled path on any plain decimal and any number", () => {
    const plain = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.stringMatching(/^\d{0,14}$/),
        fc.option(fc.stringMatching(/^\d{1,14}$/), { nil: undefined })
      )
      .filter(([, i, f]) => i !== "" || f !== undefined)
      .map(([s, i, f]) => `${s}${i}${f === undefined ? "" : `.${f}`}`);
    const value = fc.oneof(plain, fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 12 }), (v, k) => {
        assert.equal(roundHalfUp(v, k), roundHalfUpScaled(v, k));
      }),
      { numRuns: 20_000 }
    );
  });
});
