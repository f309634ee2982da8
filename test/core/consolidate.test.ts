import assert from "node:assert/strict";
import { analyzeWorkbooks, consolidate } from "../../src/core/engine";
import { TotalRow } from "../../src/core/output";
import {
  EXTRA_LINE,
  FORM,
  Figures,
  UNITS,
  oneWorkbook,
  pctTenths,
  unitWorkbooks,
} from "../fixtures/units";

/** The truth, computed from the fixture's figures without the engine: sums, recomputed percentages. */
function expectedTotals(units = UNITS): Map<string, { count: number | null; pct: number | null }> {
  const out = new Map<string, { count: number | null; pct: number | null }>();
  const sum = (fn: (f: Figures) => number): number => units.reduce((s, u) => s + fn(u.figures), 0);
  for (const line of FORM) {
    if (!line.value) {
      out.set(line.code, { count: null, pct: null });
      continue;
    }
    let count: number;
    if (line.average) {
      // Average age weighted by the number of party members, in tenths, rounded half up.
      const num = units.reduce((s, u) => s + u.figures.tuoi10 * u.figures.dv, 0);
      const den = sum((f) => f.dv);
      count = Math.floor((2 * num + den) / (2 * den)) / 10;
    } else count = sum(line.value);
    let pct: number | null = null;
    if (line.pctOf) {
      const base = sum(FORM.find((l) => l.code === line.pctOf)!.value!);
      pct = pctTenths(count, base) / 10;
    }
    out.set(line.code, { count, pct });
  }
  const extra = units.filter((u) => u.extraRow).length;
  if (extra > 0) out.set(EXTRA_LINE.code, { count: 35 * extra, pct: null });
  return out;
}

function byCode(totals: TotalRow[]): Map<string, TotalRow> {
  return new Map(totals.map((t) => [t.code ?? t.label, t]));
}

describe("consolidation of 12 units written 12 ways", () => {
  const result = consolidate(unitWorkbooks());
  const totals = byCode(result.totals);
  const expected = expectedTotals();

  it("names every unit from its “Đơn vị báo cáo:” line", () => {
    assert.deepEqual(
      result.units.map((u) => u.name),
      UNITS.map((u) => u.name)
    );
  });

  it("has the form's rows once each, in the form's order, plus the one unit's extra row", () => {
    assert.deepEqual(
      result.totals.map((t) => t.code),
      [
        "I",
        "1",
        "1.1",
        "1.2",
        "2",
        "II",
        "3",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "4",
        "4.1",
        "5",
        "5.1",
        "5.2",
      ]
    );
  });

  for (const [code, want] of expected) {
    it(`row ${code}: count ${String(want.count)}, percentage ${String(want.pct)}`, () => {
      const got = totals.get(code);
      assert.ok(got, `row ${code} missing`);
      assert.equal(got.values["Số lượng"], want.count);
      assert.equal(got.values["Tỷ lệ (%)"], want.pct);
    });
  }

  it("keeps the extra column out of the totals and says so", () => {
    for (const t of result.totals)
      assert.deepEqual(Object.keys(t.values), ["Số lượng", "Tỷ lệ (%)"]);
    assert.ok(
      result.issues.some((i) => i.rule === "extra-column" && i.unit === "Đảng ủy phường Hạ Long")
    );
  });

  it("recomputes each percentage: not the sum nor the average of the units' percentages", () => {
    let compared = 0;
    for (const line of FORM) {
      if (!line.pctOf) continue;
      const unitPcts = UNITS.map(
        (u) =>
          pctTenths(
            line.value!(u.figures),
            FORM.find((l) => l.code === line.pctOf)!.value!(u.figures)
          ) / 10
      );
      const sumOf = Math.round(unitPcts.reduce((s, p) => s + p, 0) * 10) / 10;
      const avgOf = Math.round((unitPcts.reduce((s, p) => s + p, 0) / unitPcts.length) * 10) / 10;
      const got = totals.get(line.code)!.values["Tỷ lệ (%)"];
      assert.notEqual(got, sumOf);
      if (avgOf !== expected.get(line.code)!.pct) {
        assert.notEqual(got, avgOf, `row ${line.code} took the average`);
        compared++;
      }
    }
    assert.ok(compared >= 4, `only ${compared} rows where the average differs`);
  });

  it("gives the same totals from 10 files as from one workbook of 10 sheets", () => {
    const ten = UNITS.slice(0, 10);
    const fromFiles = consolidate(unitWorkbooks(ten)).totals;
    const fromSheets = consolidate([oneWorkbook(ten)]).totals;
    assert.deepEqual(fromSheets, fromFiles);
    const want = expectedTotals(ten);
    assert.equal(byCode(fromFiles).get("3")!.values["Số lượng"], want.get("3")!.count);
  });

  it("matches every unit's rows to the form (no unit row left unmatched but the extra one)", () => {
    const a = analyzeWorkbooks(unitWorkbooks());
    const extra = a.rows.filter((r) => !r.inForm);
    assert.deepEqual(
      extra.map((r) => [r.code, r.unitCount]),
      [["3.4", 1]]
    );
    for (const r of a.rows.filter((x) => x.inForm)) assert.equal(r.unitCount, UNITS.length, r.key);
  });
});
