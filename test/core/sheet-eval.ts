/** Evaluates the few functions our summary tab writes, over the tab's own cells, as a spreadsheet would. */
import { FNode, parseFormula } from "../../src/core/formula";
import { cellAddress, parseAddress } from "../../src/core/model";
import { OutputSheet } from "../../src/core/output";
import { numberToPlainString, roundHalfUp } from "../../src/core/rounding";

export type V = number | string | boolean | null;

/** A1 address → the value a spreadsheet shows there (a formula computed, text as text, blank as null). */
export function sheetEvaluator(sheet: OutputSheet): (a1: string) => V {
  const memo = new Map<string, V>();
  const valueAt = (row: number, col: number): V => {
    const key = cellAddress(row, col);
    if (memo.has(key)) return memo.get(key)!;
    const c = sheet.cells[row]?.[col];
    let v: V = null;
    if (c?.f) {
      const node = parseFormula(c.f);
      if (!node) throw new Error(`cannot parse ${c.f}`);
      v = evalNode(node);
    } else if (c?.v !== undefined && c.v !== "") v = c.v;
    memo.set(key, v);
    return v;
  };
  // Text and blanks count as 0 in arithmetic through N(), and are skipped by SUM and SUMPRODUCT.
  const num = (v: V): number =>
    typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : 0;
  const cellsOf = (n: FNode): V[] => {
    if (n.t === "range") {
      const out: V[] = [];
      for (let r = n.top; r <= n.bottom; r++)
        for (let c = n.left; c <= n.right; c++) out.push(valueAt(r, c));
      return out;
    }
    if (n.t === "fn" && n.name === "ISNUMBER")
      return cellsOf(n.args[0]).map((v) => typeof v === "number");
    if (n.t === "neg") return cellsOf(n.a).map((v) => -num(v));
    return [evalNode(n)];
  };
  const evalNode = (n: FNode): V => {
    switch (n.t) {
      case "num":
        return n.v;
      case "str":
        return "";
      case "ref":
        return valueAt(n.row, n.col);
      case "neg":
        return -num(evalNode(n.a));
      case "bin": {
        const a = num(evalNode(n.a));
        const b = num(evalNode(n.b));
        if (n.op === "=") return a === b;
        if (n.op === "+") return a + b;
        if (n.op === "-") return a - b;
        if (n.op === "*") return a * b;
        if (n.op === "/") return a / b;
        throw new Error(n.op);
      }
      case "fn": {
        const args = n.args;
        switch (n.name) {
          case "SUM":
            return args
              .flatMap(cellsOf)
              .reduce((s: number, v) => s + (typeof v === "number" ? v : 0), 0);
          case "N":
            return num(evalNode(args[0]));
          case "IF":
            return evalNode(args[0]) ? evalNode(args[1]) : evalNode(args[2]);
          case "ROUND":
            return Number(
              roundHalfUp(numberToPlainString(num(evalNode(args[0]))), num(evalNode(args[1])))
            );
          case "SUMPRODUCT": {
            const a = cellsOf(args[0]);
            const b = cellsOf(args[1]);
            return a.reduce(
              (s: number, v, i) =>
                s +
                (typeof v === "number" || typeof v === "boolean" ? Number(v) : 0) *
                  (typeof b[i] === "number" ? (b[i] as number) : 0),
              0
            );
          }
          default:
            throw new Error(n.name);
        }
      }
      default:
        throw new Error(n.t);
    }
  };
  return (a1) => {
    const { row, col } = parseAddress(a1);
    return valueAt(row, col);
  };
}
