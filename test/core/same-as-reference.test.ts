/**
 * Rules and totals made faster must give exactly what they gave before: each is run beside its earlier version
 * (kept in ./reference) on the validation fixture set, on the bench's generated units (both forms, with their
 * planted mistakes) and on a few small edge sets, and the results must be equal.
 */
import assert from "node:assert/strict";
import { Analysis } from "../../src/core/analysis";
import { CheckRule, runRule, sortIssues } from "../../src/core/checks";
import { analyze } from "../../src/core/match";
import { readXlsxSync } from "../../src/xlsx/fast-read";
import { WorkbookModel } from "../../src/core/model";
import { unitWorkbook } from "../../bench/generate";
import { validationSet } from "../fixtures/validation-units";
import { Line, workbooksOf } from "./build";
import { sheetFromGrid } from "../../src/core/model";
import { rule as blankRequired } from "../../src/core/checks/blank-required";
import { rule as blankRequiredBefore } from "./reference/blank-required";
import { rule as percentMismatch } from "../../src/core/checks/percent-mismatch";
import { rule as percentMismatchBefore } from "./reference/percent-mismatch";
import { rule as percentOver100 } from "../../src/core/checks/percent-over-100";
import { rule as percentOver100Before } from "./reference/percent-over-100";
import { rule as textClaim } from "../../src/core/checks/text-claim";
import { rule as textClaimBefore } from "./reference/text-claim";
import { rule as duplicateUnit } from "../../src/core/checks/duplicate-unit";
import { rule as duplicateUnitBefore } from "./reference/duplicate-unit";
import { rule as subsetExceeds } from "../../src/core/checks/subset-exceeds";
import { rule as subsetExceedsBefore } from "./reference/subset-exceeds";
import { computeTotals } from "../../src/core/consolidate";
import { OUR_TAB_NAMES, unitSheetNames } from "../../src/core/summary-sheet";
import { copySheetNames } from "../../src/core/sheetnames";
import fc from "fast-check";
import { hasFraction } from "../../src/core/checks/context";
import { computeTotals as computeTotalsBefore } from "./reference/consolidate";

function benchUnits(form: "small" | "large", from: number, count: number): WorkbookModel[] {
  const out: WorkbookModel[] = [];
  for (let i = from; i < from + count; i++) {
    const r = readXlsxSync(unitWorkbook(form, i), `don-vi-${i}.xlsx`);
    assert.ok(r.workbook);
    out.push(r.workbook);
  }
  return out;
}

/** Units whose figures under percentages are left out, blank, words or absent (consolidate-left-out's form). */
function leftOutUnits(): WorkbookModel[] {
  const rules = sheetFromGrid("Quy tắc", [
    ["Quy tắc kiểm tra"],
    ["Quy tắc", "Nguồn"],
    ["[1] = [1.1] + [1.2]"],
    ["Tỷ lệ [1.1] = [1.1] / [1]"],
    ["Tỷ lệ [2] = [2] / [1]"],
    ["[3] bình quân theo [1]"],
  ]);
  // `drop`: the row the unit lacks ("1" Tổng số or "2" nữ).
  const unit = (name: string, total: unknown, nu: unknown, drop = "") => {
    const lines: Line[] = [
      ["1", "Tổng số đảng viên", "Người", total as number, ""],
      ["1.1", "Đảng viên chính thức", "Người", 90, ""],
      ["1.2", "Đảng viên dự bị", "Người", 10, ""],
      ["2", "Đảng viên nữ", "Người", nu as number, ""],
      ["3", "Tuổi bình quân của đảng viên", "Tuổi", 44, ""],
    ];
    return { name, lines: lines.filter((l) => l[0] !== drop) };
  };
  return workbooksOf(
    [
      unit("Đảng ủy xã A", 100, 40),
      unit("Đảng ủy xã B", 3.412, 50),
      unit("Đảng ủy xã C", "", 30),
      unit("Đảng ủy xã D", 100, "khoảng 30"),
      unit("Đảng ủy xã E", 100, 0),
      unit("Đảng ủy xã F", 100, 20, "1"),
      unit("Đảng ủy xã H", 0, 20, "2"),
      unit("Đảng ủy xã I", 100, 20, "2"),
      unit("Đảng ủy xã G", 0, ""),
    ],
    [rules]
  );
}

/** The sets compared on, built once. */
function sets(): { name: string; analysis: Analysis }[] {
  const small = benchUnits("small", 0, 60);
  const validation = validationSet().workbooks;
  return [
    { name: "validation fixture set", analysis: analyze(validation) },
    { name: "60 small bench units", analysis: analyze(small) },
    { name: "3 large bench units", analysis: analyze(benchUnits("large", 0, 3)) },
    { name: "left-out figures", analysis: analyze(leftOutUnits()) },
    { name: "one unit", analysis: analyze(small.slice(5, 6)) },
    { name: "two units", analysis: analyze(validation.slice(0, 2)) },
    { name: "three units", analysis: analyze([...validation.slice(3, 5), small[7]]) },
  ];
}

const PAIRS: [CheckRule, CheckRule][] = [
  [blankRequired, blankRequiredBefore],
  [percentMismatch, percentMismatchBefore],
  [percentOver100, percentOver100Before],
  [textClaim, textClaimBefore],
  [duplicateUnit, duplicateUnitBefore],
  [subsetExceeds, subsetExceedsBefore],
];

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

  it("computeTotals: the same totals, notes and issues as before on every set", () => {
    let leftOut = 0;
    for (const { name, analysis } of all) {
      for (const opts of [{}, { percentDecimals: 2 }]) {
        const got = computeTotals(analysis, opts);
        const want = computeTotalsBefore(analysis, opts);
        assert.deepEqual(got, want, name);
        leftOut += want.grid.cells.flat().filter((c) => c.leftOut).length;
      }
    }
    // Ratios that leave units out are what changed: the sets must have some.
    assert.ok(leftOut > 0);
  });

  it("unitSheetNames: a kept answer is what copySheetNames gives now, and a caller's edits do not stick", () => {
    const units = all[1].analysis.units;
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
