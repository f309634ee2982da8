import assert from "node:assert/strict";
import { asLinear, asRatio, parseFormula } from "../../src/core/formula";

describe("formula shapes", () => {
  // [formula, numerator A1-ish (row,col), denominator, scale] — rows/cols 0-based.
  const ratios: [string, [number, number], [number, number], number][] = [
    ["=D12/D10*100", [11, 3], [9, 3], 100],
    ["=D12*100/D10", [11, 3], [9, 3], 100],
    ["=100*D12/D10", [11, 3], [9, 3], 100],
    ["=(D12/D10)*100", [11, 3], [9, 3], 100],
    ["=D12/D10", [11, 3], [9, 3], 1],
    ["=ROUND(D12/D10*100,1)", [11, 3], [9, 3], 100],
    ["=ROUND(D12/D10*100;1)", [11, 3], [9, 3], 100],
    ["=IF(D10=0,0,D12/D10*100)", [11, 3], [9, 3], 100],
    ['=IF($D$10=0,"",ROUND($D$12/$D$10*100,2))', [11, 3], [9, 3], 100],
    ["=IFERROR(E5/D5,0)", [4, 4], [4, 3], 1],
  ];
  for (const [f, n, d, scale] of ratios) {
    it(`${f} is a ratio`, () => {
      const node = parseFormula(f);
      assert.ok(node);
      const r = asRatio(node);
      assert.deepEqual(r, {
        numerator: { row: n[0], col: n[1] },
        denominator: { row: d[0], col: d[1] },
        scale,
      });
    });
  }

  const notRatios = [
    "=D12/D10*1000",
    "=D12+D10",
    "=D12/(D10+D11)*100",
    "=Sheet2!D12/D10",
    "=VLOOKUP(A1,B:C,2,0)",
    "=5",
  ];
  for (const f of notRatios) {
    it(`${f} is not a ratio we learn from`, () => {
      const node = parseFormula(f);
      assert.equal(node ? asRatio(node) : null, null);
    });
  }

  it("reads sums of rows and columns, with signs", () => {
    const sum = asLinear(parseFormula("=SUM(D6:D8)")!);
    assert.deepEqual(
      sum!.map((t) => [t.ref.row, t.ref.col, t.sign]),
      [
        [5, 3, 1],
        [6, 3, 1],
        [7, 3, 1],
      ]
    );
    const bal = asLinear(parseFormula("=D5+D6-D7")!);
    assert.deepEqual(
      bal!.map((t) => t.sign),
      [1, 1, -1]
    );
    const cols = asLinear(parseFormula("=SUM(E5,F5)")!);
    assert.deepEqual(
      cols!.map((t) => t.ref.col),
      [4, 5]
    );
    assert.equal(asLinear(parseFormula("=D5*2")!), null);
    assert.equal(asLinear(parseFormula("=D5")!), null);
  });

  it("rejects what it cannot read", () => {
    assert.equal(parseFormula("=SUM(D5:D"), null);
    assert.equal(parseFormula("=[1]Sheet1!A1"), null);
    assert.equal(parseFormula("=A1 B2"), null);
  });
});
