import assert from "node:assert/strict";
import {
  RULES,
  buildFlags,
  buildIssuesSheet,
  runChecks,
  summarizeIssues,
} from "../../../src/core/checks";
import { Issue } from "../../../src/core/issue";
import { FLAG_FILL, OutCell, RunOptions, estimateRowHeights } from "../../../src/core/output";
import { parseRange } from "../../../src/core/model";
import { UnitSpec, buildAnalysis } from "./build";

const unit = (
  name: string,
  [orgs, dbcs, cbcs]: [number, number, number],
  members: number,
  [women, pct]: [number, number | string]
): UnitSpec => ({
  name,
  file: `${name}.xlsx`,
  sheet: name,
  rows: [
    {
      code: "1",
      label: "Tổng số tổ chức cơ sở đảng",
      uom: "Tổ chức",
      values: [orgs, ""],
      marker: "partition",
    },
    { code: "1.1", label: "Đảng bộ cơ sở", uom: "Tổ chức", values: [dbcs, ""] },
    { code: "1.2", label: "Chi bộ cơ sở", uom: "Tổ chức", values: [cbcs, ""] },
    { code: "2", label: "Tổng số đảng viên", uom: "Người", values: [members, 100] },
    { code: "2.1", label: "Đảng viên nữ", uom: "Người", values: [women, pct] },
  ],
});

function analysis() {
  const d = unit("Xã D", [10, 6, 4], 7, [3, 42.8]); // 3 / 7 = 42,857: cut to 42,8
  return buildAnalysis([
    unit("Xã A", [61, 37, 24], 5022, [2344, 46.7]),
    unit("Xã B", [40, 25, 15], 3000, [1431, 47.9]), // 1.431 / 3.000 = 47,7
    unit("Xã C", [20, 12, 8], 1200, [500.5, 41.7]), // half a person
    { ...d, rows: d.rows.filter((r) => r.code !== "1.2") },
  ]);
}

const text = (c: OutCell | undefined): string => (c?.v === undefined ? "" : String(c.v));

describe("runChecks", () => {
  const result = runChecks(analysis());

  it("every rule id is unique", () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 14);
  });

  it("finds the planted problems, sorted by unit then row", () => {
    const got = result.issues.map((i) => `${i.unit} ${i.cell ?? "-"} ${i.rule} ${i.severity}`);
    assert.deepEqual(got, [
      "Xã B E6 percent-mismatch error",
      "Xã C D6 count-not-integer error",
      "Xã D - missing-indicator error",
      "Xã D E5 percent-mismatch warning",
    ]);
  });

  it("the issues tab: counts per rule and severity, then one row per issue with a link", () => {
    const sheet = result.sheets.find((s) => s.role === "issues");
    assert.ok(sheet);
    assert.equal(sheet.name, "Kiểm tra");
    const rows = sheet.cells.map((r) => r.map(text));
    // The counts stand in columns D–H: rule ids over the list's rule column, descriptions over its messages.
    const countRow = rows.find((r) => r[3] === "percent-mismatch");
    assert.deepEqual(
      [0, 1, 2].map((k) => countRow?.[k]),
      [undefined, undefined, undefined]
    );
    assert.deepEqual(countRow?.slice(5), ["1", "1", "0"]);
    assert.match(countRow?.[4] ?? "", /Tỷ lệ không khớp/);
    const total = rows.find((r) => r[3] === "Tổng cộng");
    assert.deepEqual(total?.slice(5), ["3", "1", "0"]);
    const header = rows.findIndex((r) => r[0] === "Mức độ");
    assert.equal(rows[header][3], "Quy tắc");
    assert.equal(rows[header][4], "Nội dung");
    assert.ok(sheet.columnWidths[3] > "count-not-integer".length);
    assert.ok(sheet.columnWidths[4] >= 60);
    assert.ok(header > 0);
    assert.equal(sheet.freeze.rows, header + 1);
    assert.equal(sheet.autoFilter, `A${header + 1}:I${header + 1 + result.issues.length}`);
    const first = sheet.cells[header + 1];
    assert.equal(text(first[0]), "Lỗi");
    assert.equal(first[0].fill, FLAG_FILL.error);
    assert.equal(text(first[1]), "Xã B");
    assert.deepEqual(first[2].link, { sheet: "Xã B", cell: "E6" });
    assert.equal(text(first[3]), "percent-mismatch");
    assert.match(text(first[4]), /Tỷ lệ 47,9% không khớp: 1\.431 \/ 3\.000 = 47,7%/);
    assert.equal(first[5].v, 47.9);
    assert.equal(first[6].v, 47.7);
    // A sheet-level issue links to the sheet's first cell.
    const missing = sheet.cells[header + 3];
    assert.deepEqual(missing[2].link, { sheet: "Xã D", cell: "A1" });
    assert.ok(sheet.columnWidths.length >= 7 && sheet.columnWidths.every((w) => w >= 8));
    assert.doesNotThrow(() => parseRange(sheet.autoFilter ?? ""));
  });

  it("writes the tab in English with --lang en, and maps sheet names for links", () => {
    const en = runChecks(analysis(), { lang: "en", sheetName: (_f, s) => `${s} (2)` });
    const sheet = en.sheets.find((s) => s.role === "issues");
    const rows = sheet?.cells.map((r) => r.map(text)) ?? [];
    const header = rows.findIndex((r) => r[0] === "Severity");
    assert.ok(header > 0);
    assert.match(rows[header + 1][4], /Percentage 47\.9% does not match: 1,431 \/ 3,000 = 47\.7%/);
    assert.deepEqual(sheet?.cells[header + 1][2].link, { sheet: "Xã B (2)", cell: "E6" });
  });

  it("the rules tab lists the relations used, in the editable form", () => {
    const sheet = result.sheets.find((s) => s.role === "rules");
    assert.ok(sheet);
    assert.equal(sheet.name, "Quy tắc");
    const lines = sheet.cells.map((r) => text(r[0]));
    assert.ok(lines.includes("[1] = [1.1] + [1.2]"), lines.join("\n"));
  });

  it("flags: one per cell, error and warning in their colours, info not flagged", () => {
    const flags = result.flags;
    assert.deepEqual(
      flags.map((f) => `${f.sheet}!${f.cell} ${f.severity}`),
      ["Xã B!E6 error", "Xã C!D6 error", "Xã D!E5 warning"]
    );
    const info: Issue = { ...result.issues[0], severity: "info" };
    assert.equal(buildFlags([info]).length, 0);
    const twice = buildFlags([
      result.issues[0],
      { ...result.issues[0], severity: "warning", message: { vi: "khác", en: "other" } },
    ]);
    assert.equal(twice.length, 1);
    assert.equal(twice[0].severity, "error");
    assert.match(twice[0].message, /khác/);
  });

  it("takes the engine's RunOptions as they are (lang, only)", () => {
    const a = analysis();
    a.issues.push({
      ...runChecks(a).issues[0],
      rule: "unmatched-row",
      file: "other.xlsx",
      sheet: "Other",
    });
    const opts: RunOptions = {
      lang: "en",
      only: [{ file: "Xã B.xlsx", sheet: "Xã B" }],
      percentDecimals: 1,
    };
    const r = runChecks(a, opts);
    assert.ok(!r.issues.some((i) => i.rule === "unmatched-row"));
    assert.ok(r.sheets[0].cells.some((row) => row[0]?.v === "Severity"));
  });

  it("a rule can be turned off or given another severity", () => {
    const r = runChecks(analysis(), {
      severity: { "percent-mismatch": "off", "count-not-integer": "warning" },
    });
    assert.ok(!r.issues.some((i) => i.rule === "percent-mismatch"));
    assert.equal(r.issues.find((i) => i.rule === "count-not-integer")?.severity, "warning");
  });

  it("the analysis's own issues come first in their unit and can be left out", () => {
    const a = analysis();
    a.issues.push({
      ...runChecks(a).issues[0],
      rule: "unmatched-row",
      cell: "B2",
      severity: "warning",
    });
    assert.equal(runChecks(a).issues[0].rule, "unmatched-row");
    assert.ok(
      !runChecks(a, { includeAnalysisIssues: false }).issues.some((i) => i.rule === "unmatched-row")
    );
  });

  it("a rule that throws becomes an issue, not a crash", () => {
    const broken = {
      meta: { ...RULES[0].meta, id: "broken" },
      check: () => {
        throw new Error("boom");
      },
    };
    const r = runChecks(analysis(), { rules: [broken] });
    assert.equal(r.issues.filter((i) => i.rule === "check-failed").length, 4);
    assert.match(r.issues[0].message.vi, /broken.*boom/);
  });
});

describe("summarizeIssues", () => {
  it("lists units with the most errors first", () => {
    const issues = runChecks(analysis()).issues;
    assert.deepEqual(summarizeIssues(issues, "vi"), [
      "Kiểm tra: 3 lỗi, 1 cảnh báo, 0 thông tin ở 3 đơn vị.",
      "  Xã D: 1 lỗi, 1 cảnh báo, 0 thông tin",
      "  Xã B: 1 lỗi, 0 cảnh báo, 0 thông tin",
      "  Xã C: 1 lỗi, 0 cảnh báo, 0 thông tin",
    ]);
    assert.equal(
      summarizeIssues(issues, "en")[0],
      "Checks: 3 errors, 1 warning, 0 info in 3 units."
    );
  });
  it("ends with the rules that could not be learned", () => {
    const lines = summarizeIssues([], "en", [
      { vi: "Một đơn vị", en: "A single unit: no consensus" },
    ]);
    assert.deepEqual(lines.slice(1), ["Rules not learned:", "  - A single unit: no consensus"]);
  });
  it("says so when there is nothing", () => {
    assert.deepEqual(summarizeIssues([], "vi"), [
      "Kiểm tra: 0 lỗi, 0 cảnh báo, 0 thông tin ở 0 đơn vị.",
    ]);
  });
});

describe("the Kiểm tra tab's counts", () => {
  it("describe what understanding, consolidation and the runner report too (regression: blank descriptions)", () => {
    const a = analysis();
    const issue = (rule: string): Issue => ({
      rule,
      severity: "warning",
      unit: "Xã C",
      file: "Xã C.xlsx",
      sheet: "Xã C",
      cell: "D6",
      line: null,
      column: null,
      text: null,
      message: { vi: "x", en: "x" },
      expected: null,
      actual: null,
    });
    a.issues.push(issue("left-out"));
    const tab = runChecks(a, { lang: "en" }).sheets.find((s) => s.role === "issues")!;
    // The counts block: the rows above the issue list's header.
    const counts = (cells: OutCell[][]) =>
      cells.slice(
        0,
        cells.findIndex((r) => r[4]?.bold && r[0]?.bold)
      );
    const described = new Map(counts(tab.cells).map((r) => [text(r[3]), text(r[4])]));
    assert.equal(
      described.get("left-out"),
      "A value that is not a readable number is left out of the total"
    );
    const other = buildIssuesSheet([issue("checks-skipped"), issue("check-failed")], {
      lang: "vi",
    });
    const words = new Map(counts(other.cells).map((r) => [text(r[3]), text(r[4])]));
    assert.match(words.get("checks-skipped") ?? "", /bỏ qua/);
    assert.match(words.get("check-failed") ?? "", /bị lỗi/);
  });

  it("wraps what does not fit its column: long written text left-aligned, short text right with the numbers", () => {
    const issue = (actual: string | number): Issue => ({
      rule: "extra-indicator",
      severity: "warning",
      unit: "Đảng bộ thị xã Quảng Yên",
      file: "examples/quang-yen.xlsx",
      sheet: "Biểu 02",
      cell: "B29",
      line: null,
      column: null,
      text: null,
      message: { vi: "x", en: "x" },
      expected: null,
      actual,
    });
    const tab = buildIssuesSheet([
      issue("3. Đảng viên được tặng Huy hiệu Đảng trong năm"),
      issue("khoảng 80"),
      issue(47.6),
    ]);
    const rows = tab.cells.slice(-3);
    assert.deepEqual(
      rows.map((r) => [r[5].wrap, r[5].align, r[5].fmt]),
      [
        [true, "left", undefined],
        [true, "right", undefined],
        [undefined, undefined, "#,##0.0"],
      ]
    );
    // Unit, message, file and sheet wrap; the heights give them their lines.
    assert.deepEqual(
      rows[0].map((c) => c.wrap === true),
      [false, true, false, false, true, true, false, true, true]
    );
    const heights = estimateRowHeights(tab);
    assert.ok(heights[tab.cells.length - 3] >= 45, JSON.stringify(heights));
  });
});
