/**
 * Rules made faster must say exactly what they said before: each is run beside its earlier version (kept in
 * ./reference) on the validation fixture set, on the bench's generated units (both forms, with their planted
 * mistakes) and on a few small edge sets, and the issues must be equal.
 */
import assert from "node:assert/strict";
import { Analysis } from "../../../src/core/analysis";
import { CheckRule, runRule, sortIssues } from "../../../src/core/checks";
import { analyze } from "../../../src/core/match";
import { readXlsxSync } from "../../../src/xlsx/fast-read";
import { WorkbookModel } from "../../../src/core/model";
import { unitWorkbook } from "../../../bench/generate";
import { validationSet } from "../../fixtures/validation-units";
import { rule as blankRequired } from "../../../src/core/checks/blank-required";
import { rule as blankRequiredBefore } from "./reference/blank-required";

function benchUnits(form: "small" | "large", from: number, count: number): WorkbookModel[] {
  const out: WorkbookModel[] = [];
  for (let i = from; i < from + count; i++) {
    const r = readXlsxSync(unitWorkbook(form, i), `don-vi-${i}.xlsx`);
    assert.ok(r.workbook);
    out.push(r.workbook);
  }
  return out;
}

/** The sets compared on, built once. */
function sets(): { name: string; analysis: Analysis }[] {
  const small = benchUnits("small", 0, 60);
  const validation = validationSet().workbooks;
  return [
    { name: "validation fixture set", analysis: analyze(validation) },
    { name: "60 small bench units", analysis: analyze(small) },
    { name: "3 large bench units", analysis: analyze(benchUnits("large", 0, 3)) },
    { name: "one unit", analysis: analyze(small.slice(5, 6)) },
    { name: "two units", analysis: analyze(validation.slice(0, 2)) },
    { name: "three units", analysis: analyze([...validation.slice(3, 5), small[7]]) },
  ];
}

const PAIRS: [CheckRule, CheckRule][] = [[blankRequired, blankRequiredBefore]];

describe("faster rules say what their earlier versions said", () => {
  const all = sets();
  for (const [now, before] of PAIRS) {
    it(`${now.meta.id}: the same issues as before on every set`, () => {
      let seen = 0;
      for (const { name, analysis } of all) {
        const got = sortIssues(runRule(now, analysis), analysis);
        const want = sortIssues(runRule(before, analysis), analysis);
        assert.deepEqual(got, want, name);
        seen += want.length;
      }
      // The sets must give the rule something to say, or the comparison proves nothing.
      assert.ok(seen > 0, `${now.meta.id} reported nothing on any set`);
    });
  }
});
