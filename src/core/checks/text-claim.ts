/**
 * text-claim: figures written in a cell's text ("2.344 đảng viên (đạt 46,7%)" in Ghi chú, in a comment, or in
 * a figure column as text) checked against the other figures of the same text and of the row: a percentage
 * must be given by some base after rounding half up; a fraction "a/b" must have a ≤ b.
 *
 * The claim reading is a `ClaimChecker`, so the narrative claim checker can take the built-in one's place.
 */
import { Message, Severity, formatNumber } from "../issue";
import { FoundNumeral, findNumerals } from "../numerals";
import { CheckContext, CheckRule } from "./types";
import { exactOf, isCountCell } from "./context";
import {
  Candidate,
  VerticalBase,
  expectedOf,
  judge,
  numeratorUsed,
  verticalBases,
} from "./percent";
import { isGrowthText, isPlanText } from "./words";

/** A figure from the cell's row or around it that a claim in the text may be of. */
export interface ClaimFigure {
  value: string;
  /** How a message names it: "[3]", "Số lượng". */
  name: string;
  /** own: this row's count; the rest are bases (parent, whole, total, plan, previous). */
  kind: "own" | VerticalBase["kind"];
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

const WINDOW = 60;

/** The count a percentage is of: the nearest figure before it in the same clause, not itself a percentage. */
function numeratorBefore(found: FoundNumeral[], i: number, text: string): FoundNumeral | null {
  for (let j = i - 1; j >= 0; j--) {
    const f = found[j];
    if (f.kind === "percent") return null;
    if (found[i].index - f.end > WINDOW) return null;
    if (/[;.]\s/.test(text.slice(f.end, found[i].index))) return null;
    if (f.kind === "number" && f.approx === null) return f;
  }
  return null;
}

/** The built-in claim reader: percentages and fractions, judged with the rules' own rounding. */
export const builtinClaimChecker: ClaimChecker = (text, figures) => {
  const found = findNumerals(text);
  const out: ClaimFinding[] = [];
  const own = figures.filter((f) => f.kind === "own");
  const bases = figures.filter((f) => f.kind !== "own");
  found.forEach((p, i) => {
    if (p.kind === "fraction") {
      const a = p.numerator ?? 0;
      const b = p.denominator ?? 0;
      if (b > 0 && a > b) {
        out.push({
          severity: "error",
          index: p.index,
          end: p.end,
          message: {
            vi: `"${p.text}": tử số ${a} lớn hơn mẫu số ${b}`,
            en: `"${p.text}": numerator ${a} is larger than denominator ${b}`,
          },
          expected: `≤ ${b}`,
          actual: p.text,
        });
      }
      return;
    }
    if (p.kind !== "percent" || p.approx !== null) return;
    // Percentages of a plan or against an earlier period need a figure the text rarely gives: leave them.
    const around = text.slice(Math.max(0, p.index - 40), Math.min(text.length, p.end + 40));
    if (isPlanText(around) || isGrowthText(around)) return;
    const n = numeratorBefore(found, i, text);
    const numerators = n
      ? [{ value: n.exact, name: n.text }]
      : own.map((f) => ({ value: f.value, name: f.name }));
    const inText = found
      .filter((f) => f.kind === "number" && f !== n && f.approx === null)
      .map((f) => ({ value: f.exact, name: f.text }));
    const candidates: Candidate[] = [];
    for (const num of numerators) {
      for (const d of [...inText, ...bases, ...(n ? own : [])]) {
        if (d.value === num.value) continue;
        candidates.push({
          numerator: num.value,
          denominator: d.value,
          kind: "learned",
          base: d.name,
        });
      }
    }
    const written = { full: p.exact, shown: p.exact, decimals: p.decimals };
    const verdict = judge(written, candidates);
    if (!verdict || verdict.fit === "half-up") return;
    const c = verdict.candidate;
    const expected = expectedOf(c, p.decimals);
    const actual = p.value;
    const nums = (lang: "vi" | "en"): [string, string, string, string] => {
      const fmt = (x: number): string => formatNumber(x, lang);
      return [
        fmt(Number(numeratorUsed(c))),
        fmt(Number(c.denominator)),
        fmt(expected),
        fmt(actual),
      ];
    };
    const [nv, dv, ev, av] = nums("vi");
    const [ne, de, ee, ae] = nums("en");
    out.push({
      severity: verdict.fit === "truncate" ? "warning" : "error",
      index: p.index,
      end: p.end,
      message:
        verdict.fit === "truncate"
          ? {
              vi: `"${p.text}" bị làm tròn xuống: ${nv} / ${dv} = ${ev}%`,
              en: `"${p.text}" is rounded down: ${ne} / ${de} = ${ee}%`,
            }
          : {
              vi: `"${p.text}" không khớp: ${nv} / ${dv} = ${ev}%, không phải ${av}%`,
              en: `"${p.text}" does not match: ${ne} / ${de} = ${ee}%, not ${ae}%`,
            },
      expected,
      actual,
    });
  });
  return out;
};

/** The figures of a row for its text cells: its own counts and the counts its percentages may be of. */
export function rowFigures(ctx: CheckContext, rowIndex: number): ClaimFigure[] {
  const row = ctx.unit.rows[rowIndex];
  const out: ClaimFigure[] = [];
  ctx.unit.measures.forEach((m, i) => {
    if (!isCountCell(row, m)) return;
    const v = exactOf(row.cells[i]);
    if (v !== null) out.push({ value: v, name: m.header, kind: "own" });
    for (const b of verticalBases(ctx, row, i)) out.push(b);
  });
  return out;
}

/** The texts of a unit to read: text cells in any column, and cell comments, each with its row. */
function textsOf(ctx: CheckContext): { text: string; cell: string; rowIndex: number }[] {
  const out: { text: string; cell: string; rowIndex: number }[] = [];
  const byRow = new Map(ctx.unit.rows.map((r, i) => [r.row, i]));
  ctx.unit.rows.forEach((row, ri) => {
    row.cells.forEach((c) => {
      if (typeof c.raw === "string" && c.status !== "number" && /\d/.test(c.raw)) {
        out.push({ text: c.raw, cell: c.address, rowIndex: ri });
      }
    });
  });
  for (const [address, text] of Object.entries(ctx.unit.sheet.comments)) {
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
        for (const f of checker(t.text, rowFigures(ctx, t.rowIndex))) {
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

export const rule: CheckRule = textClaimRule(builtinClaimChecker);
