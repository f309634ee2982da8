/**
 * The validation fixture set through the whole engine path: sheets built with sheetFromGrid, understood by
 * analyze(), checked by runChecks(). Every planted error is reported at its cell (or, for a sheet-level one,
 * names what it is about); no clean unit, in whatever representation, gets an error.
 */
import assert from "node:assert/strict";
import { analyze } from "../../../src/core/match";
import { effectiveRelations, runChecks, summarizeIssues } from "../../../src/core/checks";
import { printRelation } from "../../../src/core/rules-text";
import { sheetFromGrid } from "../../../src/core/model";
import { Issue } from "../../../src/core/issue";
import { validationSet } from "../../fixtures/validation-units";

describe("validation fixture set (analyze → runChecks)", () => {
  const set = validationSet();
  const analysis = analyze(set.workbooks);
  const { issues, flags, sheets } = runChecks(analysis);
  const show = (xs: Issue[]): string =>
    xs.map((i) => `  ${i.severity} ${i.unit} ${i.cell} ${i.rule}: ${i.message.vi}`).join("\n");

  it("has at least 12 kinds of planted error among at least 6 clean units", () => {
    assert.ok(new Set(set.planted.map((p) => p.kind)).size >= 12);
    assert.ok(new Set(set.planted.map((p) => p.rule)).size >= 12);
    assert.ok(set.clean.length >= 6);
    assert.equal(analysis.units.length, set.clean.length + set.planted.length);
  });

  for (const p of set.planted) {
    it(`reports ${p.kind} in ${p.unit} (${p.rule} at ${p.cell ?? "the sheet"})`, () => {
      const mine = issues.filter((i) => i.unit === p.unit);
      const hit = mine.find(
        (i) =>
          i.rule === p.rule &&
          i.severity === p.severity &&
          i.cell === p.cell &&
          (p.mentions === undefined || i.message.vi.includes(p.mentions))
      );
      assert.ok(hit, `not reported; the unit's issues:\n${show(mine)}`);
      if (p.cell) {
        assert.ok(
          flags.some((f) => f.sheet === hit.sheet && f.cell === p.cell && f.severity === p.severity)
        );
      }
    });
  }

  it("no planted unit gets an error it was not planted with, except on the planted row", () => {
    for (const p of set.planted) {
      const row = p.cell?.replace(/^[A-Z]+/, "");
      const stray = issues.filter(
        (i) =>
          i.unit === p.unit &&
          i.severity === "error" &&
          i.rule !== p.rule &&
          (row === undefined || i.cell?.replace(/^[A-Z]+/, "") !== row)
      );
      assert.deepEqual(stray, [], `stray errors:\n${show(stray)}`);
    }
  });

  for (const name of set.clean) {
    it(`clean unit ${name} has no error`, () => {
      const errors = issues.filter((i) => i.unit === name && i.severity === "error");
      assert.deepEqual(errors, [], show(errors));
    });
  }

  it("the summary lists the units with issues, most errors first, and no clean unit", () => {
    const lines = summarizeIssues(issues, "vi");
    assert.match(lines[0], /lỗi/);
    for (const name of set.clean) assert.ok(!lines.some((l) => l.includes(`${name}:`)), name);
    const counts = lines.slice(1).map((l) => Number(/: (\d+) lỗi/.exec(l)?.[1]));
    assert.deepEqual(
      counts,
      counts.slice().sort((a, b) => b - a)
    );
  });

  it("the rules tab shows what was learned: the partition, the subsets, the percentage bases, the balance", () => {
    const rules = sheets.find((s) => s.role === "rules");
    const lines = (rules?.cells ?? []).map((r) => String(r[0]?.v ?? ""));
    for (const want of ["[1] = [1.1] + [1.2]", "[6.1] <= [6]", "[6] = [3] + [4] - [5]"]) {
      assert.ok(lines.includes(want), `${want} not in:\n${lines.join("\n")}`);
    }
    assert.ok(
      lines.some((l) => /^Tỷ lệ.*\[6\.3\] = \[6\.3\] \/ \[6\]$/.test(l)),
      lines.join("\n")
    );
  });

  it("the rules tab reads back: the same rules, then the same findings", () => {
    const rules = sheets.find((s) => s.role === "rules");
    assert.ok(rules);
    const grid = rules.cells.map((r) => r.map((c) => c.v ?? ""));
    const tab = sheetFromGrid(rules.name, grid, { position: 1 });
    const [first, ...rest] = set.workbooks;
    const again = analyze([{ ...first, sheets: [...first.sheets, tab] }, ...rest]);
    assert.ok(again.relations.length > 0);
    // Unedited, the tab holds what learning finds: the run is the one without it, sources and all.
    assert.deepEqual(again.relations, analysis.relations);
    const printed = (a: typeof analysis): string[] =>
      effectiveRelations(a)
        .map((r) => printRelation(r, a))
        .sort();
    assert.deepEqual(printed(again), printed(analysis));
    const key = (i: Issue): string => `${i.unit} ${i.cell} ${i.rule} ${i.severity}`;
    assert.deepEqual(runChecks(again).issues.map(key), issues.map(key));
  });
});

describe("validation fixture set, one file at a time (no consensus)", () => {
  const set = validationSet();
  // Rules that compare units need more than one; the rest must work on a single submitted file.
  const needOthers = new Set([
    "duplicate-unit",
    "missing-indicator",
    "extra-indicator",
    "blank-required",
  ]);
  const alone = (unit: string): Issue[] => {
    const wb = set.workbooks.find((w) =>
      w.sheets.some((s) => s.values.some((r) => r[0] === `Đơn vị báo cáo: ${unit}`))
    );
    assert.ok(wb, unit);
    const analysis = analyze([wb]);
    assert.ok(analysis.notLearned.length > 0, "a single unit says what could not be learned");
    return runChecks(analysis).issues;
  };
  for (const name of set.clean) {
    it(`clean unit ${name} alone has no error`, () => {
      const errors = alone(name).filter((i) => i.severity === "error");
      assert.deepEqual(
        errors,
        [],
        errors.map((i) => `${i.cell} ${i.rule}: ${i.message.vi}`).join("\n")
      );
    });
  }
  for (const p of set.planted.filter((x) => !needOthers.has(x.rule))) {
    it(`${p.kind} in ${p.unit} alone is still reported (${p.rule} at ${p.cell})`, () => {
      const issues = alone(p.unit);
      assert.ok(
        issues.some((i) => i.rule === p.rule && i.cell === p.cell && i.severity === p.severity),
        issues.map((i) => `${i.cell} ${i.rule}: ${i.message.vi}`).join("\n")
      );
    });
  }
});
