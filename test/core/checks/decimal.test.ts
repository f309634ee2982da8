import assert from "node:assert/strict";
import fc from "fast-check";
import { decimalCompare, exactCompare } from "../../../src/core/checks/decimal";

describe("decimalCompare: whole numbers as numbers, the same sign as the exact difference", () => {
  const cases: [string, string, -1 | 0 | 1][] = [
    ["702", "1490", -1],
    ["1490", "702", 1],
    ["5022", "5022", 0],
    ["-0", "0", 0],
    ["-3", "-2", -1],
    ["999999999999999", "999999999999998", 1], // 15 digits: still exact as doubles
    ["9999999999999999", "9999999999999998", 1], // 16 digits: the exact path
    ["46.7", "46.70", 0],
    ["0.1", "0.09", 1],
  ];
  for (const [a, b, want] of cases)
    it(`${a} vs ${b} → ${want}`, () => {
      assert.equal(decimalCompare(a, b), want);
      assert.equal(exactCompare(a, b), want);
    });

  it("agrees with the exact difference on any pair of plain decimals", () => {
    const plain = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,17}$/),
        fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined })
      )
      .map(([neg, i, f]) => `${neg ? "-" : ""}${i}${f === undefined ? "" : `.${f}`}`);
    fc.assert(
      fc.property(plain, plain, (a, b) => decimalCompare(a, b) === exactCompare(a, b)),
      { numRuns: 20_000 }
    );
  });
});
