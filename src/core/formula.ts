/**
 * A small reader of the formulas report forms use (=C5/C3*100, =ROUND(C5*100/C3;1), =IF(C3=0;0;C5/C3),
 * =SUM(C6:C8), =C6+C7-C8) into their shape: a ratio of two cells, or a signed sum of cells. Anything else
 * (other sheets, lookups, constants) yields nothing: we learn only from formulas we fully understand.
 */
import { parseAddress } from "./model";

export type FNode =
  | { t: "num"; v: number }
  | { t: "str" }
  | { t: "ref"; row: number; col: number }
  | { t: "range"; top: number; left: number; bottom: number; right: number }
  | { t: "bin"; op: string; a: FNode; b: FNode }
  | { t: "neg"; a: FNode }
  | { t: "fn"; name: string; args: FNode[] };

type Token =
  | { k: "num"; v: number }
  | { k: "ref"; s: string }
  | { k: "fn"; s: string }
  | { k: "op"; s: string }
  | { k: "str" };

const TOKEN =
  /\s*(?:(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(!])|(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?%?)|([A-Za-z_][\w.]*)\s*\(|("[^"]*")|(<=|>=|<>|[-+*/^(),;=<>&]))/y;

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) return null;
    pos = TOKEN.lastIndex;
    if (m[1]) out.push({ k: "ref", s: m[1] });
    else if (m[2]) {
      const pct = m[2].endsWith("%");
      const v = Number(pct ? m[2].slice(0, -1) : m[2]);
      out.push({ k: "num", v: pct ? v / 100 : v });
    } else if (m[3]) out.push({ k: "fn", s: m[3].toUpperCase() });
    else if (m[4]) out.push({ k: "str" });
    else out.push({ k: "op", s: m[5] === ";" ? "," : m[5] });
  }
  return out;
}

/** Parses a formula ("=..." or a bare expression); null when it uses anything we do not read. */
export function parseFormula(formula: string): FNode | null {
  const src = formula.trim().replace(/^=/, "");
  if (src.includes("!") || src.includes("[")) return null;
  const tokens = tokenize(src);
  if (!tokens || tokens.length === 0) return null;
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (s: string): boolean => {
    const t = peek();
    return t !== undefined && t.k === "op" && t.s === s;
  };
  const fail = (): never => {
    throw new SyntaxError("formula");
  };
  const primary = (): FNode => {
    const t = tokens[i++];
    if (!t) return fail();
    if (t.k === "num") return { t: "num", v: t.v };
    if (t.k === "str") return { t: "str" };
    if (t.k === "ref") {
      const [a, b] = t.s.split(":");
      const p = parseAddress(a);
      if (!b) return { t: "ref", row: p.row, col: p.col };
      const q = parseAddress(b);
      return {
        t: "range",
        top: Math.min(p.row, q.row),
        left: Math.min(p.col, q.col),
        bottom: Math.max(p.row, q.row),
        right: Math.max(p.col, q.col),
      };
    }
    if (t.k === "fn") {
      const args: FNode[] = [];
      if (isOp(")")) {
        i++;
        return { t: "fn", name: t.s, args };
      }
      for (;;) {
        args.push(comparison());
        if (isOp(",")) i++;
        else if (isOp(")")) {
          i++;
          break;
        } else fail();
      }
      return { t: "fn", name: t.s, args };
    }
    if (t.s === "(") {
      const e = comparison();
      if (!isOp(")")) fail();
      i++;
      return e;
    }
    if (t.s === "-") return { t: "neg", a: unary() };
    if (t.s === "+") return unary();
    return fail();
  };
  const unary = (): FNode => primary();
  const power = (): FNode => {
    let a = unary();
    while (isOp("^")) {
      i++;
      a = { t: "bin", op: "^", a, b: unary() };
    }
    return a;
  };
  const term = (): FNode => {
    let a = power();
    while (isOp("*") || isOp("/")) {
      const op = (tokens[i++] as { s: string }).s;
      a = { t: "bin", op, a, b: power() };
    }
    return a;
  };
  const sum = (): FNode => {
    let a = term();
    while (isOp("+") || isOp("-") || isOp("&")) {
      const op = (tokens[i++] as { s: string }).s;
      a = { t: "bin", op, a, b: term() };
    }
    return a;
  };
  const comparison = (): FNode => {
    let a = sum();
    for (;;) {
      const t = peek();
      if (t && t.k === "op" && ["=", "<>", "<", ">", "<=", ">="].includes(t.s)) {
        i++;
        a = { t: "bin", op: t.s, a, b: sum() };
      } else return a;
    }
  };
  try {
    const node = comparison();
    return i === tokens.length ? node : null;
  } catch {
    return null;
  }
}

const TRANSPARENT = new Set(["ROUND", "ROUNDUP", "ROUNDDOWN", "TRUNC", "INT", "ABS", "FIXED"]);

/** Strips wrappers that do not change what a formula relates: ROUND(x;1), IFERROR(x;0), IF(d=0;0;x). */
export function unwrap(node: FNode): FNode {
  let n = node;
  for (;;) {
    if (n.t === "fn" && TRANSPARENT.has(n.name) && n.args.length >= 1) n = n.args[0];
    else if (n.t === "fn" && n.name === "IFERROR" && n.args.length >= 1) n = n.args[0];
    else if (n.t === "fn" && n.name === "IF" && n.args.length === 3) {
      const live = [n.args[1], n.args[2]].filter((a) => hasRef(a));
      if (live.length !== 1) return n;
      n = live[0];
    } else return n;
  }
}

function hasRef(n: FNode): boolean {
  switch (n.t) {
    case "ref":
    case "range":
      return true;
    case "bin":
      return hasRef(n.a) || hasRef(n.b);
    case "neg":
      return hasRef(n.a);
    case "fn":
      return n.args.some(hasRef);
    default:
      return false;
  }
}

export interface CellRef {
  row: number;
  col: number;
}

/** numerator / denominator × scale, when the formula is exactly that (scale 100 or 1). */
export function asRatio(
  node: FNode
): { numerator: CellRef; denominator: CellRef; scale: number } | null {
  const num: FNode[] = [];
  const den: FNode[] = [];
  let scale = 1;
  let ok = true;
  const walk = (n: FNode, inverted: boolean): void => {
    const u = unwrap(n);
    if (u.t === "bin" && u.op === "*") {
      walk(u.a, inverted);
      walk(u.b, inverted);
    } else if (u.t === "bin" && u.op === "/") {
      walk(u.a, inverted);
      walk(u.b, !inverted);
    } else if (u.t === "num") {
      scale = inverted ? scale / u.v : scale * u.v;
    } else if (u.t === "ref") (inverted ? den : num).push(u);
    else if (u.t === "fn" && u.name === "SUM" && u.args.length === 1 && u.args[0].t === "ref")
      (inverted ? den : num).push(u.args[0]);
    else ok = false;
  };
  walk(node, false);
  if (!ok || num.length !== 1 || den.length !== 1) return null;
  if (scale !== 100 && scale !== 1) return null;
  const a = num[0] as CellRef;
  const b = den[0] as CellRef;
  return { numerator: { row: a.row, col: a.col }, denominator: { row: b.row, col: b.col }, scale };
}

/** A signed sum of cells (=SUM(C6:C8), =C6+C7-C8), ranges expanded; null for anything else. */
export function asLinear(node: FNode): { ref: CellRef; sign: 1 | -1 }[] | null {
  const out: { ref: CellRef; sign: 1 | -1 }[] = [];
  let ok = true;
  const addRange = (
    r: { top: number; left: number; bottom: number; right: number },
    sign: 1 | -1
  ): void => {
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 2000) {
      ok = false;
      return;
    }
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) out.push({ ref: { row, col }, sign });
  };
  const walk = (n: FNode, sign: 1 | -1): void => {
    const u = unwrap(n);
    if (u.t === "bin" && (u.op === "+" || u.op === "-")) {
      walk(u.a, sign);
      walk(u.b, u.op === "-" ? (-sign as 1 | -1) : sign);
    } else if (u.t === "neg") walk(u.a, -sign as 1 | -1);
    else if (u.t === "ref") out.push({ ref: { row: u.row, col: u.col }, sign });
    else if (u.t === "range") addRange(u, sign);
    else if (u.t === "fn" && u.name === "SUM") {
      for (const a of u.args) {
        if (a.t === "ref") out.push({ ref: { row: a.row, col: a.col }, sign });
        else if (a.t === "range") addRange(a, sign);
        else walk(a, sign);
      }
    } else ok = false;
  };
  walk(node, 1);
  return ok && out.length >= 2 ? out : null;
}
