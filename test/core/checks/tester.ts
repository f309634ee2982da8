/**
 * A RuleTester in the manner of ESLint's: a rule, a table of valid cases (no issue at all) and invalid cases
 * (exactly these issues, in sorted order). Cases are small analyses built by ./build.
 */
import assert from "node:assert/strict";
import { Issue, Severity } from "../../../src/core/issue";
import { CheckRule } from "../../../src/core/checks/types";
import { runRule, sortIssues } from "../../../src/core/checks";
import { AnalysisSpec, RelationSpec, UnitSpec, buildAnalysis } from "./build";

export interface Case {
  name: string;
  units: UnitSpec[];
  relations?: RelationSpec[];
  template?: UnitSpec;
}

export interface Expect {
  cell?: string | null;
  severity?: Severity;
  unit?: string;
  /** Substrings (or patterns) the Vietnamese message must contain. */
  vi?: (string | RegExp)[];
  en?: (string | RegExp)[];
  expected?: number | string | null;
  actual?: number | string | null;
}

export interface InvalidCase extends Case {
  errors: Expect[];
}

function show(issues: Issue[]): string {
  return issues.map((i) => `  ${i.severity} ${i.unit} ${i.cell}: ${i.message.vi}`).join("\n");
}

function matches(text: string, p: string | RegExp): boolean {
  return typeof p === "string" ? text.includes(p) : p.test(text);
}

export function run(rule: CheckRule, c: Case): Issue[] {
  const spec: AnalysisSpec = { relations: c.relations, template: c.template };
  const analysis = buildAnalysis(c.units, spec);
  return sortIssues(runRule(rule, analysis), analysis);
}

export function testRule(rule: CheckRule, table: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    it("declares its messages in Vietnamese and English", () => {
      assert.ok(rule.meta.description.vi && rule.meta.description.en);
      for (const m of Object.values(rule.meta.messages)) assert.ok(m.vi && m.en);
    });
    for (const c of table.valid) {
      it(`valid: ${c.name}`, () => {
        const issues = run(rule, c);
        assert.equal(issues.length, 0, `expected no issue, got:\n${show(issues)}`);
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, () => {
        const issues = run(rule, c);
        assert.equal(
          issues.length,
          c.errors.length,
          `expected ${c.errors.length} issue(s), got:\n${show(issues)}`
        );
        c.errors.forEach((e, n) => {
          const i = issues[n];
          assert.equal(i.rule, rule.meta.id);
          if (e.cell !== undefined) assert.equal(i.cell, e.cell, `cell of issue ${n}`);
          assert.equal(
            i.severity,
            e.severity ?? rule.meta.defaultSeverity,
            `severity of issue ${n}`
          );
          if (e.unit !== undefined) assert.equal(i.unit, e.unit);
          for (const p of e.vi ?? [])
            assert.ok(matches(i.message.vi, p), `"${i.message.vi}" lacks ${String(p)}`);
          for (const p of e.en ?? [])
            assert.ok(matches(i.message.en, p), `"${i.message.en}" lacks ${String(p)}`);
          if (e.expected !== undefined)
            assert.equal(i.expected, e.expected, `expected value of issue ${n}`);
          if (e.actual !== undefined)
            assert.equal(i.actual, e.actual, `actual value of issue ${n}`);
        });
      });
    }
  });
}

/** One unit with the default columns (Số lượng, Tỷ lệ (%)). */
export function one(rows: UnitSpec["rows"], extra: Partial<UnitSpec> = {}): UnitSpec[] {
  return [{ name: "Đảng bộ xã Tiên Yên", rows, ...extra }];
}
