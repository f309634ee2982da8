/**
 * text-claim: figures written in a cell's text ("2.344 đảng viên (đạt 46,7%)" in Ghi chú, in a comment, or in
 * a figure column as text) checked against the other figures of the same text and of the row, by the
 * narrative claim checker. The reading is a `ClaimChecker` (text and row figures in, findings out), so the
 * engine can hand in another one.
 */
import { Message, Severity } from "../issue";
import { Claim, RowFigure, checkCellText } from "../claims";
import { findNumerals, parseNumeral } from "../numerals";
import { percentFit } from "../rounding";
import { CheckContext, CheckRule, Doubt } from "./types";
import { isCountCell, readingsOf } from "./context";
import { VerticalBase, verticalBases } from "./percent";

/** A figure from the cell's row or around it that a claim in the text may be of. */
export interface ClaimFigure {
  value: string;
  /** How a message names it: "[3]", "Số lượng". */
  name: string;
  /** own: this row's count; the rest are bases (parent, whole, total, plan, previous). */
  kind: "own" | VerticalBase["kind"];
  /** The figure is a doubtful cell's, as it stands or as it was probably meant. */
  doubt?: Doubt;
}

/** One claim of the text that is wrong or doubtful. Offsets are UTF-16 positions in the text. */
export interface ClaimFinding {
  severity: Severity;
  index: number;
  end: number;
  /** Rendered message in both languages; it names the numbers. */
  message: Message;
  expected: number | string | null;
  actual: number | string | null;
}

/** Reads the claims of a text and judges them against the text's own figures and the given ones. */
export type ClaimChecker = (text: string, figures: readonly ClaimFigure[]) => ClaimFinding[];

const ROLE: Record<ClaimFigure["kind"], RowFigure["role"]> = {
  own: "count",
  learned: "total",
  column: "total",
  parent: "total",
  whole: "total",
  total: "total",
  self: "total",
  plan: "target",
  previous: "previous",
};

const SEVERITY: Partial<Record<Claim["verdict"], Severity>> = {
  wrong: "error",
  truncated: "warning",
};

/** Claims that state n / d × 100 (not a change against d). */
const RATIOS = new Set<Claim["kind"]>(["share", "target", "ratio"]);

/**
 * Whether some pair of figures in reach gives the written percentage after rounding half up: then the claim
 * is not called wrong, whatever nouns go with the figures (a cell's text is short and its row is its context).
 */
function someRatioGives(written: string, figures: readonly string[]): boolean {
  const r = parseNumeral(written.replace(/^[^\d]*/, ""));
  if (!r.ok || r.numeral.kind !== "percent") return false;
  const { exact, decimals } = r.numeral;
  return figures.some((n) =>
    figures.some(
      (d) => n !== d && Number(d) !== 0 && percentFit(n, d, exact, decimals) === "half-up"
    )
  );
}

/**
 * The narrative claim checker (src/core/claims) reading a cell: percentages with their verbs (đạt, chiếm;
 * of a plan; so với), fractions, "gồm" lists, changes. Wrong claims are errors, truncated ones warnings;
 * claims nothing in reach can confirm are left alone.
 */
export const proseClaimChecker: ClaimChecker = (text, figures) => {
  const row: RowFigure[] = figures.map((f) => ({
    value: Number(f.value),
    exact: f.value,
    label: f.name,
    role: ROLE[f.kind],
  }));
  const out: ClaimFinding[] = [];
  // The figures in reach, read only for a wrong ratio: reading them for every note cost about 0.06 ms.
  let inReach: string[] | null = null;
  const figuresInReach = (): string[] =>
    (inReach ??= [
      ...findNumerals(text)
        .filter((f) => f.kind === "number" && f.approx === null)
        .map((f) => f.exact),
      ...figures.map((f) => f.value),
    ]);
  for (const c of checkCellText(text, row).claims) {
    const severity = SEVERITY[c.verdict];
    if (!severity) continue;
    if (severity === "error" && RATIOS.has(c.kind) && someRatioGives(c.written, figuresInReach()))
      continue;
    out.push({
      severity,
      index: c.index,
      end: c.end,
      message: c.message,
      expected: c.expected,
      actual: c.actual,
    });
  }
  return out;
};

/**
 * The figures of a row for its text cells: its own counts and the counts its percentages may be of. The
 * doubtful cells met are added to `doubts`.
 */
export function rowFigures(
  ctx: CheckContext,
  rowIndex: number,
  doubts: Doubt[] = []
): ClaimFigure[] {
  const row = ctx.unit.rows[rowIndex];
  const out: ClaimFigure[] = [];
  ctx.unit.measures.forEach((m, i) => {
    if (!isCountCell(row, m)) return;
    for (const v of readingsOf(ctx, row.cells[i], doubts))
      out.push({ value: v.value, name: m.header, kind: "own", doubt: v.doubt });
    for (const b of verticalBases(ctx, row, i, false, doubts)) out.push(b);
  });
  return out;
}

/**
 * What the checker finds in a text. With doubtful figures in reach, a finding stands only if the figures
 * without them give it too: a probable meaning may clear a claim, never condemn one.
 */
function findingsOf(
  ctx: CheckContext,
  checker: ClaimChecker,
  text: string,
  at: string,
  rowIndex: number
): ClaimFinding[] {
  const doubts: Doubt[] = [];
  const figures = rowFigures(ctx, rowIndex, doubts);
  const found = checker(text, figures);
  if (doubts.length === 0 || found.length === 0) return found;
  const id = (f: ClaimFinding): string => `${f.index}:${f.end}:${f.severity}`;
  const foundIds = new Set(found.map(id));
  // Reported as the figures without the doubtful ones give it, so no probable meaning is named.
  const kept = checker(
    text,
    figures.filter((f) => !f.doubt)
  ).filter((f) => foundIds.has(id(f)));
  if (kept.length < found.length) for (const d of new Set(doubts)) ctx.skip(d, at);
  return kept;
}

/** The texts of a unit to read: text cells in any column, and cell comments, each with its row. */
function textsOf(ctx: CheckContext): { text: string; cell: string; rowIndex: number }[] {
  const out: { text: string; cell: string; rowIndex: number }[] = [];
  const rows = ctx.unit.rows;
  for (let ri = 0; ri < rows.length; ri++) {
    for (const c of rows[ri].cells) {
      // Most cells are numbers or empty (""): no pattern is run on them.
      if (typeof c.raw === "string" && c.raw !== "" && c.status !== "number" && /\d/.test(c.raw)) {
        out.push({ text: c.raw, cell: c.address, rowIndex: ri });
      }
    }
  }
  const comments = Object.entries(ctx.unit.sheet.comments);
  // Most sheets have no comment: no row index to build then.
  if (comments.length === 0) return out;
  const byRow = new Map(rows.map((r, i) => [r.row, i]));
  for (const [address, text] of comments) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    const ri = m ? byRow.get(Number(m[2]) - 1) : undefined;
    if (ri !== undefined && /\d/.test(text)) out.push({ text, cell: address, rowIndex: ri });
  }
  return out;
}

/** The rule, reading claims with `checker`. */
export function textClaimRule(checker: ClaimChecker): CheckRule {
  return {
    meta: {
      id: "text-claim",
      defaultSeverity: "error",
      description: {
        vi: "Số liệu ghi bằng chữ trong ô (ghi chú, chú thích) không khớp với số của nó",
        en: "Figures written as text in a cell (notes, comments) that do not match their numbers",
      },
      messages: {
        claim: { vi: "{vi}", en: "{en}" },
      },
    },
    check(ctx, report) {
      for (const t of textsOf(ctx)) {
        for (const f of findingsOf(ctx, checker, t.text, t.cell, t.rowIndex)) {
          report({
            messageId: "claim",
            severity: f.severity,
            cell: t.cell,
            text: t.text.slice(f.index, f.end),
            data: { vi: f.message.vi, en: f.message.en },
            expected: f.expected,
            actual: f.actual,
          });
        }
      }
    },
  };
}

export const rule: CheckRule = textClaimRule(proseClaimChecker);
