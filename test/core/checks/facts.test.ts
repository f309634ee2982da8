/**
 * The per-unit answers every rule shares (ctx.facts()): worked out once per unit instead of once per rule and
 * cell, they must say exactly what the per-cell helpers say, for any cell; and the numeric "adds up" shortcut
 * of parts-sum must never call a sum right that the exact decimal check calls wrong.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { CellValue } from "../../../src/core/model";
import {
  addsUp,
  exactOf,
  hasFraction,
  isCountCell,
  isNumberCell,
  isPercentCell,
  makeContext,
  shareRun,
} from "../../../src/core/checks/context";
import { decimalEquals, decimalSum } from "../../../src/core/checks/decimal";
import { CELL, CheckContext } from "../../../src/core/checks/types";
import { rowRefs } from "../../../src/core/rules-text";
import { CellSpec, MeasureSpec, RowSpec, buildAnalysis } from "./build";

const MEASURES: MeasureSpec[] = [
  { header: "Số lượng", kind: "count" },
  { header: "Nữ", kind: "count" },
  { header: "Tỷ lệ (%)", kind: "percent", decimals: 1 },
  { header: "Ghi chú", kind: "text" },
];

/** Whatever units write: counts, decimals, slips, text, signs for none, errors, fractions, blanks. */
const cellArb: fc.Arbitrary<CellValue | CellSpec> = fc.oneof(
  fc.integer({ min: -5, max: 5000 }),
  fc.constantFrom(0, 1e15, 2 ** 53, -0, 3.412, 46.7, 0.5, 1e-7, 12345678901234.5),
  fc.constantFrom(
    "",
    "",
    "6.991",
    "5,022",
    "46,7",
    "khoảng 80",
    "x",
    "-",
    "#DIV/0!",
    "60/61",
    "9/10"
  ),
  fc.constantFrom<CellSpec>(
    { v: 0.467, fmt: "0.0%" },
    { v: 5022, fmt: "#,##0" },
    { v: 45910, fmt: "d-mmm" }
  )
);

const rowArb: fc.Arbitrary<RowSpec> = fc.record({
  label: fc.constantFrom(
    "Tổng số",
    "Nam",
    "Nữ",
    "Tỷ lệ đảng viên",
    "Tuổi bình quân",
    "Tăng/giảm so với cùng kỳ"
  ),
  uom: fc.constantFrom(null, "Người", "%", "đồng", "Tổ chức"),
  nonAdditive: fc.boolean(),
  values: fc.array(cellArb, { minLength: 4, maxLength: 4 }),
});

/** Units of 1 to 8 rows with distinct labels, so that every row is its own form row. */
const unitsArb = fc.array(
  fc
    .array(rowArb, { minLength: 1, maxLength: 8 })
    .map((rows) =>
      rows.map((r, i) => ({ ...r, code: String(i + 1), label: `${r.label} ${i + 1}` }))
    ),
  { minLength: 1, maxLength: 3 }
);

function contexts(units: RowSpec[][]): CheckContext[] {
  const analysis = buildAnalysis(
    units.map((rows, i) => ({ name: `Đơn vị ${i + 1}`, measures: MEASURES, rows }))
  );
  const shared = shareRun(analysis, analysis.relations, rowRefs(analysis));
  return analysis.units.map((_, i) => makeContext(shared, i));
}

const SMALL_INTEGER = /^-?\d{1,15}$/;

describe("facts: what the rules ask of each cell, answered once per unit", () => {
  it("say of every cell what exactOf, isCountCell, isPercentCell, isNumberCell and ctx.doubt say", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        for (const ctx of contexts(units)) {
          const f = ctx.facts();
          assert.equal(f.width, ctx.unit.measures.length);
          ctx.unit.rows.forEach((row, ri) => {
            assert.equal(f.rowAt.get(row.key), ri);
            ctx.unit.measures.forEach((m, mi) => {
              const at = ri * f.width + mi;
              const cell = row.cells[mi];
              const b = f.bits[at];
              const e = exactOf(cell);
              assert.equal(f.exact[at], e);
              assert.equal((b & CELL.count) !== 0, isCountCell(row, m));
              assert.equal((b & CELL.percent) !== 0, isPercentCell(row, m));
              assert.equal((b & CELL.number) !== 0, isNumberCell(m));
              assert.equal((b & CELL.blank) !== 0, !cell || cell.status === "empty");
              assert.equal((b & CELL.doubtful) !== 0, ctx.doubt(cell) !== undefined);
              assert.equal((b & CELL.fractional) !== 0, e !== null && hasFraction(e));
              if (b & CELL.whole) {
                assert.ok(e !== null && SMALL_INTEGER.test(e), `whole, but exact ${e}`);
                // The same number (0 and -0 alike: both add up as 0).
                assert.ok(f.value[at] === Number(e), `value ${f.value[at]}, exact ${e}`);
              }
            });
          });
        }
      }),
      { numRuns: 300 }
    );
  });

  it("add parts up in numbers only where the exact decimal check agrees", () => {
    const partArb = fc.oneof(
      fc.integer({ min: -3, max: 60 }),
      fc.constantFrom<CellValue>("", "", 3.412, 0.5, "6.991", "x", "#N/A", "60/61", 1e15, -0)
    );
    fc.assert(
      fc.property(
        fc.array(partArb, { minLength: 1, maxLength: 5 }),
        fc.oneof(fc.constant<"sum">("sum"), partArb),
        (partValues, wholeSpec) => {
          // Mostly a whole that is the sum of the parts' numbers, so that sums do add up.
          const sum = partValues.reduce<number>((t, v) => t + (typeof v === "number" ? v : 0), 0);
          const whole = wholeSpec === "sum" ? sum : wholeSpec;
          const rows: RowSpec[] = [whole, ...partValues].map((v, i) => ({
            code: String(i + 1),
            label: i === 0 ? "Tổng số" : `Phần ${i}`,
            uom: "Người",
            values: [v],
          }));
          const [ctx] = contexts([rows]);
          const f = ctx.facts();
          const cells = ctx.unit.rows.map((r) => r.cells[0]);
          const quick = addsUp(
            f,
            0,
            partValues.map((_, k) => (k + 1) * f.width)
          );
          // The exact check parts-sum makes without doubtful cells: blanks are 0; a part that is no number,
          // or no number at all among the parts, decides nothing.
          const doubtful = cells.some((c) => ctx.doubt(c));
          const w = exactOf(cells[0]);
          const parts = cells.slice(1).map((c) => (c.status === "empty" ? "0" : exactOf(c)));
          const numbers = cells.slice(1).filter((c) => c.status !== "empty").length;
          const decided = !doubtful && w !== null && !parts.includes(null) && numbers > 0;
          const holds = decided && decimalEquals(decimalSum(parts as string[]), w);
          if (quick)
            assert.ok(holds, `added up in numbers, not exactly: ${w} = ${parts.join(" + ")}`);
          // Whole numbers and blanks only, none doubtful: the shortcut decides every such sum.
          const plain = cells.every(
            (c, k) => (f.bits[k * f.width] & CELL.whole) !== 0 || (k > 0 && c.status === "empty")
          );
          if (plain && !doubtful) assert.equal(quick, holds);
        }
      ),
      { numRuns: 1000 }
    );
  });
});
