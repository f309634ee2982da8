/**
 * Answers the engine now keeps or works out in place, equal to what it worked out before: the copies' sheet
 * names (unitSheetNames keeps its last answer) and hasFraction (no pattern, no substring). The rules and totals
 * made faster are compared as a whole with the snapshot of test/core/engine-golden.test.ts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { hasFraction } from "../../src/core/checks/context";
import { analyze } from "../../src/core/match";
import { copySheetNames } from "../../src/core/sheetnames";
import { OUR_TAB_NAMES, unitSheetNames } from "../../src/core/summary-sheet";
import { benchUnits } from "./golden-sets";

describe("kept and in-place answers equal the ones worked out before", () => {
  it("unitSheetNames: a kept answer is what copySheetNames gives now, and a caller's edits do not stick", () => {
    const units = analyze(benchUnits("small", 0, 60)).units;
    const fresh = () =>
      copySheetNames(
        units.map((u) => ({ sheet: u.sheet.name, name: u.unitName })),
        OUR_TAB_NAMES
      );
    const first = unitSheetNames(units);
    assert.deepEqual(first, fresh());
    first[0] = "edited";
    assert.deepEqual(unitSheetNames(units), fresh());
    // Another unit name (same sheets): answered anew.
    const renamed = units.map((u, i) => (i === 2 ? { ...u, unitName: units[3].unitName } : u));
    assert.deepEqual(
      unitSheetNames(renamed),
      copySheetNames(
        renamed.map((u) => ({ sheet: u.sheet.name, name: u.unitName })),
        OUR_TAB_NAMES
      )
    );
    assert.notDeepEqual(unitSheetNames(renamed), unitSheetNames(units));
  });

  it("hasFraction: what the earlier pattern test said, for decimal strings and any text", () => {
    const before = (exact: string): boolean => {
      const dot = exact.indexOf(".");
      return dot >= 0 && /[1-9]/.test(exact.slice(dot + 1));
    };
    const table = ["5022", "5022.0", "46.7", "0.00", "-3.412", "1.", ".5", "12.000001", "x.y9", ""];
    for (const t of table) assert.equal(hasFraction(t), before(t), t);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.double().map(String), fc.stringMatching(/^-?\d{0,6}\.\d{0,6}$/)),
        (t) => hasFraction(t) === before(t)
      )
    );
  });
});
