import assert from "node:assert/strict";
import { CellStatus, MeasureKind } from "../../src/core/analysis";
import { fractionFromDate, readCell, readNumber, timesHundred } from "../../src/core/cells";
import { CellValue, sheetFromGrid } from "../../src/core/model";
import { numberFormatInfo } from "../../src/core/numfmt";
import { parseNumeral } from "../../src/core/numerals";

interface Case {
  name: string;
  raw: CellValue;
  kind: MeasureKind;
  fmt?: string;
  formula?: string;
  status: CellStatus;
  value?: number | null;
  exact?: string | null;
  decimals?: number | null;
  fromText?: boolean;
  fraction?: { numerator: number; denominator: number } | null;
}

const cases: Case[] = [
  {
    name: "a count",
    raw: 5022,
    kind: "count",
    fmt: "#,##0",
    status: "number",
    value: 5022,
    exact: "5022",
    decimals: 0,
  },
  {
    name: "a count as Vietnamese text",
    raw: "6.991",
    kind: "count",
    status: "number",
    value: 6991,
    exact: "6991",
    fromText: true,
    decimals: 0,
  },
  {
    name: "a count as text with spaces",
    raw: " 5.022 ",
    kind: "count",
    status: "number",
    value: 5022,
  },
  {
    name: "a percentage typed as 46.7",
    raw: 46.7,
    kind: "percent",
    fmt: "0.0",
    status: "number",
    value: 46.7,
    exact: "46.7",
    decimals: 1,
  },
  {
    name: "0.467 with a 0.0% format",
    raw: 0.467,
    kind: "percent",
    fmt: "0.0%",
    status: "number",
    value: 46.7,
    exact: "46.7",
    decimals: 1,
  },
  {
    name: "0.4667 with 0.0% shows 46.7",
    raw: 0.4667,
    kind: "percent",
    fmt: "0.0%",
    status: "number",
    value: 46.67,
    exact: "46.7",
    decimals: 1,
  },
  {
    name: "0.5 with 0% is 50",
    raw: 0.5,
    kind: "percent",
    fmt: "0%",
    status: "number",
    value: 50,
    exact: "50",
    decimals: 0,
  },
  {
    name: "text 46,7%",
    raw: "46,7%",
    kind: "percent",
    status: "number",
    value: 46.7,
    exact: "46.7",
    decimals: 1,
    fromText: true,
  },
  {
    name: "text 46,7 in a percentage column",
    raw: "46,7",
    kind: "percent",
    status: "number",
    value: 46.7,
    decimals: 1,
  },
  {
    name: "text 46.7 in a percentage column",
    raw: "46.7",
    kind: "percent",
    status: "number",
    value: 46.7,
    decimals: 1,
  },
  {
    name: "text 2.34 in a count column is ambiguous",
    raw: "2.34",
    kind: "count",
    status: "ambiguous",
    value: null,
  },
  {
    name: "text 5,022 is ambiguous",
    raw: "5,022",
    kind: "count",
    status: "ambiguous",
    value: null,
  },
  {
    name: "a formula's cached value, shown to the format's decimals",
    raw: 46.67463162086818,
    kind: "percent",
    fmt: "0.0",
    formula: "=D12/D10*100",
    status: "number",
    exact: "46.7",
    decimals: 1,
  },
  {
    name: "a General formula result loses binary noise",
    raw: 0.1 + 0.2,
    kind: "count",
    formula: "=A1+A2",
    status: "number",
    value: 0.3,
    exact: "0.3",
  },
  { name: "#DIV/0!", raw: "#DIV/0!", kind: "percent", status: "error", value: null },
  { name: "#N/A in a count", raw: "#N/A", kind: "count", status: "error" },
  { name: "an empty cell", raw: "", kind: "count", status: "empty", value: null },
  { name: "words", raw: "không có", kind: "count", status: "text", value: null },
  {
    name: "an estimate is not a figure",
    raw: "khoảng 80",
    kind: "count",
    status: "text",
    value: null,
    fromText: true,
  },
  {
    name: "a fraction typed as text",
    raw: "60/61",
    kind: "count",
    status: "text",
    value: null,
    fraction: { numerator: 60, denominator: 61 },
  },
  {
    name: "9/10 turned into 10 September by English Excel",
    raw: 45910, // 10 Sep 2025
    kind: "count",
    fmt: "d-mmm",
    status: "date",
    value: null,
    fraction: { numerator: 9, denominator: 10 },
  },
  {
    name: "9/10 turned into 9 October by Vietnamese Excel",
    raw: 45939, // 9 Oct 2025
    kind: "percent",
    fmt: "dd/mm/yyyy",
    status: "date",
    fraction: { numerator: 9, denominator: 10 },
  },
  {
    name: "a date format in a text column is just a value",
    raw: 45910,
    kind: "text",
    fmt: "d-mmm",
    status: "number",
  },
  { name: "a boolean is not a figure", raw: true, kind: "count", status: "text" },
  {
    name: "a count with decimals (5.022 typed in English Excel)",
    raw: 5.022,
    kind: "count",
    fmt: "#,##0",
    status: "number",
    value: 5.022,
    exact: "5.022",
    decimals: 0,
  },
  { name: "a negative count", raw: -3, kind: "count", status: "number", value: -3 },
];

describe("readCell: the figure a unit meant", () => {
  for (const c of cases) {
    it(c.name, () => {
      const sheet = sheetFromGrid("x", [["", c.raw]], {
        numberFormat: [["General", c.fmt ?? "General"]],
        formulas: [["", c.formula ?? c.raw]],
      });
      const r = readCell(sheet, 0, 1, c.kind);
      assert.equal(r.status, c.status);
      assert.equal(r.address, "B1");
      if (c.value !== undefined) assert.equal(r.value, c.value);
      if (c.exact !== undefined) assert.equal(r.exact, c.exact);
      if (c.decimals !== undefined) assert.equal(r.decimals, c.decimals);
      if (c.fromText !== undefined) assert.equal(r.fromText, c.fromText);
      if (c.fraction !== undefined) assert.deepEqual(r.fraction, c.fraction);
      assert.equal(r.formula, c.formula ?? null);
    });
  }

  it("honours the used range's origin", () => {
    const sheet = sheetFromGrid("x", [[1, 2]], { address: "C5" });
    assert.equal(readCell(sheet, 4, 3, "count").value, 2);
    assert.equal(readCell(sheet, 4, 3, "count").address, "D5");
    assert.equal(readCell(sheet, 0, 0, "count").status, "empty");
  });

  it("shifts percentages exactly", () => {
    assert.equal(timesHundred("0.467"), "46.7");
    assert.equal(timesHundred("0.5"), "50");
    assert.equal(timesHundred("1"), "100");
    assert.equal(timesHundred("0.00001"), "0.001");
    assert.equal(timesHundred("-0.25"), "-25");
  });

  it("reads dates back to day and month", () => {
    assert.deepEqual(fractionFromDate(45910), { numerator: 9, denominator: 10 });
    assert.deepEqual(fractionFromDate(45658), { numerator: 1, denominator: 1 }); // 1 Jan 2025
    assert.equal(fractionFromDate(-1), null);
  });
});

describe("number formats", () => {
  const table: [string, { percent: boolean; date: boolean; decimals: number | null }][] = [
    ["General", { percent: false, date: false, decimals: null }],
    ["#,##0", { percent: false, date: false, decimals: 0 }],
    ["#,##0.00", { percent: false, date: false, decimals: 2 }],
    ["0.0%", { percent: true, date: false, decimals: 1 }],
    ["0%", { percent: true, date: false, decimals: 0 }],
    ["0.0", { percent: false, date: false, decimals: 1 }],
    ['#,##0" người"', { percent: false, date: false, decimals: 0 }],
    ["d-mmm", { percent: false, date: true, decimals: null }],
    ["dd/mm/yyyy", { percent: false, date: true, decimals: null }],
    ["[$-409]m/d/yy h:mm AM/PM", { percent: false, date: true, decimals: null }],
    ['_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', { percent: false, date: false, decimals: 0 }],
    ["[Red]0.00", { percent: false, date: false, decimals: 2 }],
  ];
  for (const [fmt, want] of table) {
    it(fmt, () => {
      const info = numberFormatInfo(fmt);
      assert.equal(info.percent, want.percent);
      assert.equal(info.date, want.date);
      assert.equal(info.decimals, want.decimals);
    });
  }
});

describe("readCell reads a repeated text once (memoised), and every cell alike every time", () => {
  const numbers = [
    46.7, 0.467, 0.46674, 46.66666666666667, 1e-7, 12.5, -0.25, 3.412, 7, 0, 1234567.891,
  ];
  const texts = [
    "46,7",
    "6.991",
    "5,022",
    "46.7",
    "khoảng 80",
    "60/61",
    "abc",
    "1.234.567,5",
    "46.7%",
  ];
  const formats = ["General", "0.0", "0.0%", "0%", "#,##0.00", "0.000"];
  const kinds: MeasureKind[] = ["count", "percent", "nonAdditive"];
  const grid = formats.map(() => [...numbers, ...texts]);
  const sheet = sheetFromGrid("x", grid, {
    numberFormat: formats.map((f) => grid[0].map(() => f)),
  });
  const readAll = (order: number[]) =>
    order.map((i) => {
      const row = Math.floor(i / (grid[0].length * kinds.length));
      const col = Math.floor(i / kinds.length) % grid[0].length;
      return { i, reading: readCell(sheet, row, col, kinds[i % kinds.length]) };
    });
  const all = [...Array(formats.length * grid[0].length * kinds.length).keys()];

  it("gives the same reading in any order, and what readNumber and parseNumeral say", () => {
    const first = new Map(readAll(all).map((x) => [x.i, x.reading]));
    // Reversed and interleaved: a key that missed the format or the column kind would mix readings up.
    const shuffled = all.slice().reverse();
    for (let k = 0; k < shuffled.length; k += 2) shuffled.push(shuffled[k]);
    for (const { i, reading } of readAll(shuffled)) {
      assert.deepEqual(reading, first.get(i));
      const row = Math.floor(i / (grid[0].length * kinds.length));
      const raw = reading.raw;
      if (typeof raw === "number" && (raw !== Math.trunc(raw) || formats[row].includes("%"))) {
        const n = readNumber(
          raw,
          numberFormatInfo(formats[row]),
          kinds[i % kinds.length] === "percent"
        );
        assert.deepEqual(
          [reading.value, reading.exact, reading.decimals],
          [n.value, n.exact, n.decimals]
        );
      }
      if (typeof raw === "string") {
        const p = parseNumeral(raw, "auto");
        assert.equal(reading.fromText, p.ok || (!p.ok && p.reason === "ambiguous"));
        if (p.ok && p.numeral.kind !== "fraction" && !p.numeral.approx)
          assert.equal(reading.exact, p.numeral.exact);
      }
    }
    // Different formats and kinds do read differently: the table is not all alike.
    const pctFmt = first.get(
      all.find((i) => Math.floor(i / (grid[0].length * kinds.length)) === 2)!
    );
    const plain = first.get(0);
    assert.notDeepEqual(pctFmt?.exact, plain?.exact);
  });
});
