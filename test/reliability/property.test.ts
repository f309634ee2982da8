/**
 * Issue 8, property tests (fast-check): the layout detector, the whole engine and the number parser never
 * throw and stay within a time bound, on random grids (strings, numbers, booleans, error values, merges,
 * hidden rows) and random strings, and on long strings made to trip a backtracking regular expression.
 *
 * Time is bounded twice: on average (a regression shows there) and per call (a runaway input shows there),
 * both with room for a shared machine, whose pauses reach tens of milliseconds. Measured: a random 60 × 20 grid
 * is detected in about 2 ms, the engine runs over three of them in about 20 ms, a string parses in microseconds.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzeWorkbooks, consolidate, validate } from "../../src/core/engine";
import { classifySheet, detectLayout } from "../../src/core/layout/detect";
import { CellValue, SheetModel, cellAddress, sheetFromGrid } from "../../src/core/model";
import { Numeral, findNumerals, parseNumeral } from "../../src/core/numerals";
import { unitGrid } from "../excel/fixtures";

const DETECT = { mean: 25, max: 1000 };
const ENGINE = { mean: 250, max: 5000 };
const PARSE = { mean: 1, max: 500 };

/** Collects call times; `check` asserts the mean and the largest against a bound. */
function clock(bound: { mean: number; max: number }) {
  const times: number[] = [];
  return {
    add(ms: number) {
      times.push(ms);
      assert.ok(ms < bound.max, `${ms} ms (bound ${bound.max} ms)`);
    },
    check() {
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      assert.ok(mean < bound.mean, `mean ${mean.toFixed(2)} ms (bound ${bound.mean} ms)`);
    },
  };
}

/** Words of real forms, so that random grids reach the detector's header, row and marker paths. */
const WORDS = [
  "STT",
  "TT",
  "Chỉ tiêu",
  "Nội dung",
  "Đơn vị tính",
  "ĐVT",
  "Số lượng",
  "Tỷ lệ (%)",
  "Tỷ lệ %",
  "Kỳ này",
  "Cùng kỳ năm trước",
  "% so với cùng kỳ",
  "Ghi chú",
  "Tổng số",
  "Nam",
  "Nữ",
  "A",
  "B",
  "C",
  "1",
  "2",
  "3",
  "4 (=2*100/3)",
  "2 (=3+4)",
  "I",
  "II",
  "1.1",
  "1.2",
  "a",
  "-",
  "+",
  "Gồm:",
  "Trong đó:",
  "Chia ra:",
  "Tổng số đảng viên",
  "Đảng viên nữ",
  "Tuổi bình quân",
  "Người",
  "Tổ chức",
  "%",
  "Đơn vị báo cáo: Đảng bộ xã Tiên Lãng",
  "Kỳ báo cáo: Năm 2024",
  "BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN",
  "Người lập biểu",
  "T/M BAN THƯỜNG VỤ",
  "ngày 15 tháng 01 năm 2025",
  "5.022",
  "46,7",
  "46,7%",
  "60/61",
  "khoảng 80",
  "trên 96%",
  "=1+1",
  "Lập bằng công cụ Tổng hợp báo cáo (tong-hop)",
];

const ERRORS = ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS) }
);

interface SheetSpec {
  grid: CellValue[][];
  merges: string[];
  hiddenRows: number[];
  top: number;
  left: number;
}

function toSheet(name: string, s: SheetSpec): SheetModel {
  const width = Math.max(1, ...s.grid.map((r) => r.length));
  return sheetFromGrid(name, s.grid, {
    address: cellAddress(s.top, s.left),
    merges: s.merges,
    hiddenRows: s.hiddenRows,
    visibility: s.hiddenRows.length % 3 === 2 ? "Hidden" : "Visible",
    formulas: s.grid.map((r) => {
      const row = r.map((v) => (typeof v === "number" && v > 99999 ? "=1/0" : v));
      while (row.length < width) row.push("");
      return row;
    }),
  });
}

/** A merge inside a grid of rows × cols placed at (top, left); may overlap others, as a damaged file's may. */
const mergeArb = (rows: number, cols: number, top: number, left: number) =>
  fc
    .tuple(
      fc.nat({ max: rows - 1 }),
      fc.nat({ max: cols - 1 }),
      fc.nat({ max: 3 }),
      fc.nat({ max: 5 })
    )
    .map(
      ([r, c, h, w]) =>
        `${cellAddress(top + r, left + c)}:${cellAddress(top + Math.min(rows - 1, r + h), left + Math.min(cols - 1, c + w))}`
    );

/** A random grid up to 60 × 20, anywhere on the sheet. */
const randomSheet: fc.Arbitrary<SheetSpec> = fc
  .record({ rows: fc.integer({ min: 1, max: 60 }), cols: fc.integer({ min: 1, max: 20 }) })
  .chain(({ rows, cols }) =>
    fc.record({ top: fc.nat({ max: 10 }), left: fc.nat({ max: 5 }) }).chain(({ top, left }) =>
      fc.record({
        grid: fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
        merges: fc.array(mergeArb(rows, cols, top, left), { maxLength: 6 }),
        hiddenRows: fc.array(fc.nat({ max: top + rows }), { maxLength: 4 }),
        top: fc.constant(top),
        left: fc.constant(left),
      })
    )
  );

/** A real form (the fixtures' unit report) with random cells changed, rows dropped or repeated. */
const mutatedForm: fc.Arbitrary<SheetSpec> = fc
  .record({
    k: fc.nat({ max: 20 }),
    changes: fc.array(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 5 }), cellArb), {
      maxLength: 15,
    }),
    drop: fc.array(fc.nat({ max: 9 }), { maxLength: 3 }),
    repeat: fc.option(fc.nat({ max: 9 })),
    merges: fc.array(mergeArb(10, 6, 0, 0), { maxLength: 4 }),
    hiddenRows: fc.array(fc.nat({ max: 10 }), { maxLength: 3 }),
  })
  .map(({ k, changes, drop, repeat, merges, hiddenRows }) => {
    const grid = unitGrid(`Đảng bộ xã số ${k}`, k);
    for (const [r, c, v] of changes) grid[r][c] = v;
    if (repeat !== null) grid.splice(repeat, 0, grid[repeat].slice());
    const kept = grid.filter((_, i) => !drop.includes(i));
    return { grid: kept.length ? kept : [[""]], merges, hiddenRows, top: 0, left: 0 };
  });

const anySheet = fc.oneof(randomSheet, mutatedForm);

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe("reliability: the layout detector and the engine on random grids", function () {
  this.timeout(120000);

  it("detectLayout and classifySheet never throw, and stay within their time bound", () => {
    const time = clock(DETECT);
    let found = 0;
    fc.assert(
      fc.property(anySheet, (spec) => {
        const sheet = toSheet("Biểu", spec);
        const { ms } = timed(() => {
          const layout = detectLayout("f.xlsx", sheet);
          if (layout) {
            found++;
            // What it returns stays inside the sheet.
            for (const r of layout.rows) {
              assert.ok(r.row >= spec.top && r.row < spec.top + spec.grid.length);
              assert.equal(r.cells.length, layout.measures.length);
            }
          }
          classifySheet("f.xlsx", sheet);
        });
        time.add(ms);
      }),
      { numRuns: 400 }
    );
    time.check();
    // The grids reach the detector's row reading, not only its "no table here" answer.
    assert.ok(found > 100, `${found} of 400 grids had a table`);
  });

  it("analyze, consolidate and validate never throw on 1-3 random sheets, within their time bound", () => {
    const time = clock(ENGINE);
    fc.assert(
      fc.property(fc.array(anySheet, { minLength: 1, maxLength: 3 }), (specs) => {
        const workbooks = specs.map((s, i) => ({
          file: `don-vi-${i}.xlsx`,
          sheets: [toSheet(`Biểu ${i}`, s)],
        }));
        const { value, ms } = timed(() => {
          analyzeWorkbooks(workbooks);
          const v = validate(workbooks);
          return { c: consolidate(workbooks), v };
        });
        time.add(ms);
        // Every issue is whole: a rule, a severity, a message in both languages on one line.
        for (const i of [...value.c.issues, ...value.v.issues]) {
          assert.ok(i.rule && i.severity && i.message.vi && i.message.en, JSON.stringify(i));
          assert.ok(!/\n/.test(i.message.vi + i.message.en), i.message.vi);
        }
        for (const t of value.c.totals)
          for (const x of Object.values(t.values)) assert.ok(x === null || Number.isFinite(x));
      }),
      { numRuns: 120 }
    );
    time.check();
  });
});

const NUMERAL_PIECES = [
  "0",
  "1",
  "5",
  "9",
  "022",
  ".",
  ",",
  " ",
  "\u00a0",
  "%",
  "/",
  "-",
  "−",
  "+",
  "(",
  ")",
  "e",
  "phần trăm",
  "khoảng ",
  "trên ",
  "gần ",
  "đạt ",
  "đảng viên",
];

/** A value is a finite number, but for a fraction over 0 ("5/0"), NaN by design (the fraction rule says so). */
function finiteOrZeroDenominator(n: Numeral): boolean {
  if (n.kind === "fraction" && n.denominator === 0) return Number.isNaN(n.value);
  return Number.isFinite(n.value);
}

const numeralText = fc
  .array(fc.constantFrom(...NUMERAL_PIECES), { maxLength: 60 })
  .map((p) => p.join(""));

describe("reliability: the number parser on random strings", function () {
  this.timeout(60000);

  it("parseNumeral never throws, in each locale, and reads back what it says it read", () => {
    const time = clock(PARSE);
    fc.assert(
      fc.property(
        fc.oneof(
          numeralText,
          fc.string({ maxLength: 80 }),
          fc.string({ unit: "grapheme", maxLength: 40 })
        ),
        fc.constantFrom("vi" as const, "en" as const, "auto" as const),
        (s, locale) => {
          const { value: r, ms } = timed(() => parseNumeral(s, locale));
          time.add(ms);
          if (r.ok) {
            assert.ok(finiteOrZeroDenominator(r.numeral), s);
            assert.ok(Number.isInteger(r.numeral.decimals) && r.numeral.decimals >= 0);
            if (r.numeral.kind !== "fraction")
              assert.equal(Number(r.numeral.exact), r.numeral.value, s);
          } else {
            for (const c of r.candidates) assert.ok(Number.isFinite(c));
          }
        }
      ),
      { numRuns: 3000 }
    );
    time.check();
  });

  it("findNumerals never throws; what it finds lies in the text at the offsets it gives", () => {
    const time = clock(PARSE);
    fc.assert(
      fc.property(fc.oneof(numeralText, fc.string({ maxLength: 200 })), (s) => {
        const { value: found, ms } = timed(() => findNumerals(s));
        time.add(ms);
        for (const n of found) {
          assert.ok(n.index >= 0 && n.end <= s.length && n.index < n.end);
          assert.equal(s.slice(n.index, n.end), n.text);
          assert.ok(finiteOrZeroDenominator(n), n.text);
        }
      }),
      { numRuns: 3000 }
    );
    time.check();
  });

  it("long strings made to make a regular expression backtrack are parsed in linear time", () => {
    const attacks = [
      "1.".repeat(20000),
      "1,".repeat(20000),
      "1.000".repeat(10000) + "x",
      "9".repeat(100000),
      "1 000".repeat(10000) + ",5x",
      "1/".repeat(20000),
      "(".repeat(20000) + "5",
      "khoảng ".repeat(5000) + "5",
      " ".repeat(50000) + "%",
      "-".repeat(50000) + "1",
      "5,022 ".repeat(10000) + "phần trăm",
    ];
    for (const a of attacks) {
      const calls: (() => unknown)[] = [
        () => parseNumeral(a),
        () => parseNumeral(a, "en"),
        () => findNumerals(a),
      ];
      for (const f of calls) {
        const { ms } = timed(f);
        assert.ok(ms < 1000, `${ms} ms on ${JSON.stringify(a.slice(0, 20))}… (${a.length} chars)`);
      }
    }
  });
});
