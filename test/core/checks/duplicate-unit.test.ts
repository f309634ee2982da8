import assert from "node:assert/strict";
import { rule } from "../../../src/core/checks/duplicate-unit";
import { makeContext, shareRun } from "../../../src/core/checks/context";
import { rowRefs } from "../../../src/core/rules-text";
import { testRule } from "./tester";
import { UnitSpec, buildAnalysis } from "./build";

const unit = (name: string, base: number, file?: string): UnitSpec => ({
  name,
  file,
  rows: [
    { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", values: [base, ""] },
    { code: "2", label: "Tổng số đảng viên", uom: "Người", values: [base * 80, ""] },
    { code: "3", label: "Đảng viên nữ", uom: "Người", values: [base * 30, 37.5] },
    { code: "4", label: "Đảng viên mới kết nạp", uom: "Người", values: [base * 2, ""] },
    { code: "5", label: "Đảng viên bị kỷ luật", uom: "Người", values: [0, ""] },
  ],
});

testRule(rule, {
  valid: [
    { name: "different units", units: [unit("Xã A", 10), unit("Xã B", 12), unit("Xã C", 14)] },
    {
      name: "equal figures on an almost empty form prove nothing",
      units: [
        { name: "Xã A", rows: [{ code: "1", label: "Tổng số", uom: "Người", values: [5, ""] }] },
        { name: "Xã B", rows: [{ code: "1", label: "Tổng số", uom: "Người", values: [5, ""] }] },
      ],
    },
  ],
  invalid: [
    {
      name: "the same name twice",
      units: [unit("Xã A", 10, "a.xlsx"), unit("Xã B", 12), unit("xã  a", 11, "a-copy.xlsx")],
      errors: [{ unit: "xã  a", cell: null, vi: ["“xã  a” có hai lần", "a.xlsx"] }],
    },
    {
      name: "old and new tone placement name the same unit",
      units: [unit("Đảng ủy xã Hoà Bình", 10), unit("Đảng ủy xã Hòa Bình", 11)],
      errors: [{ unit: "Đảng ủy xã Hòa Bình" }],
    },
    {
      name: "identical figures under two names",
      units: [unit("Xã A", 10), unit("Xã B", 12), unit("Xã C", 10)],
      errors: [
        { unit: "Xã C", vi: ["giống hệt đơn vị “Xã A”", "6 ô"], en: ["identical to unit “Xã A”"] },
      ],
    },
  ],
});

describe("rule duplicate-unit, units checked out of order", () => {
  // Each unit's figures come from the facts its own rules share, as the runner goes unit by unit; a unit
  // whose check was skipped or comes later is read from its cells, and finds the same.
  it("reports what it reports in order", () => {
    const analysis = buildAnalysis([
      unit("Xã A", 10),
      unit("Xã B", 12),
      unit("Xã C", 10),
      unit("Xã D", 12),
      unit("Xã E", 12),
    ]);
    const found = (order: number[]): string[] => {
      const run = shareRun(analysis, analysis.relations, rowRefs(analysis));
      const out: string[] = [];
      for (const i of order)
        rule.check(makeContext(run, i), (r) => out.push(`${i}: ${String(r.data?.otherName)}`));
      return out.sort();
    };
    const inOrder = found([0, 1, 2, 3, 4]);
    assert.deepEqual(inOrder, ["2: Xã A", "3: Xã B", "4: Xã B"]);
    assert.deepEqual(found([4, 2, 0, 3, 1]), inOrder);
    assert.deepEqual(found([3, 4]), ["3: Xã B", "4: Xã B"]);
  });
});
