/**
 * A paragraph as tokens: figures (from findNumerals), words, punctuation; each with its parenthesis depth
 * and sentence. Then each figure understood: a count and its noun, a percentage, a fraction, or a year or
 * code that is no claim at all; and what its clause says about it (a target, an earlier value, a total).
 */
import { APPROX_WORDS, findNumerals, FoundNumeral } from "../numerals";
import { fold as foldText } from "../keys";
import {
  CODE_BEFORE,
  NOT_NOUNS,
  PREVIOUS_WORDS,
  TARGET_MARKERS,
  TIME_WORDS,
  matchNoun,
} from "./lexicon";

export type TokenType = "num" | "word" | "punct" | "code";

export interface Token {
  /** Position in the paragraph's token array. */
  i: number;
  type: TokenType;
  text: string;
  /** Folded text (words), the character itself (punctuation). */
  fold: string;
  index: number;
  end: number;
  /** Parenthesis depth; "(" and ")" carry the outer depth. */
  depth: number;
  sentence: number;
  numeral: FoundNumeral | null;
}

export type FigureKind = "count" | "bare" | "percent" | "fraction" | "year" | "code";

export interface Noun {
  /** Folded words of the noun phrase head ("đảng viên", "chi , đảng bộ"). */
  words: string;
  /** Compatibility groups; unknown nouns get "word:<first word>". */
  groups: string[];
  /** Index of the last token of the head noun. */
  endToken: number;
  /** Index of the last word of the phrase after the figure (up to 8 words): for showing fragments. */
  phraseEnd: number;
}

export interface Figure {
  token: Token;
  /** Position in the paragraph's list of figures. */
  order: number;
  kind: FigureKind;
  value: number;
  exact: string;
  decimals: number;
  approx: string | null;
  numerator: number | null;
  denominator: number | null;
  noun: Noun | null;
  /** Its clause names a target: "chỉ tiêu ... là 200". */
  target: boolean;
  /** Earlier-value words in its clause or sentence head ("cùng kỳ", "đầu nhiệm kỳ"). */
  previous: string[];
  /** Years named in its clause or sentence head ("Năm 2015, ... có 49 chi bộ"). */
  years: number[];
  /** Preceded by "với" (a nested count: "với 1.251 chi bộ trực thuộc"), not a part of a list. */
  nested: boolean;
  /** Preceded by "tổng số", "tổng cộng" or "có": a stated whole. */
  whole: boolean;
  /** Preceded by "lên" / "còn" ("nâng tổng số lên 6.991"): the new value of a change. */
  newValue: boolean;
  /** Preceded by "từ" and followed within the clause by "lên/xuống/còn N": the old value. */
  fromValue: boolean;
}

export interface Paragraph {
  text: string;
  tokens: Token[];
  /** Figures by token index. */
  figures: Map<number, Figure>;
  /** Figures in order. */
  list: Figure[];
}

const GAP_RE = /[\p{L}\p{M}]+|\d+|[^\s\p{L}\p{M}\d]/gu;
const ABBREVIATIONS = new Set(["tp", "tt", "ths", "ts", "pgs", "gs", "đ/c", "đc", "tx"]);

function pushGap(tokens: Token[], text: string, from: number, to: number): void {
  const gap = text.slice(from, to);
  for (const m of gap.matchAll(GAP_RE)) {
    const s = m[0];
    const index = from + (m.index ?? 0);
    const isWord = /^[\p{L}\p{M}]/u.test(s);
    const isDigit = /^\d/.test(s);
    tokens.push({
      i: tokens.length,
      type: isWord ? "word" : isDigit ? "code" : "punct",
      text: s,
      fold: isWord ? foldText(s) : s,
      index,
      end: index + s.length,
      depth: 0,
      sentence: 0,
      numeral: null,
    });
  }
}

/** Splits a paragraph into tokens, with depth and sentence numbers. Linear in the text. */
/**
 * Fractions with grouped digits ("45.012/46.972 đảng viên"), which findNumerals leaves out: Vietnamese
 * grouping on both sides, not part of a date ("15/3/2024") or a longer chain.
 */
const GROUPED_FRACTION_RE =
  /(?<![\p{L}\p{N}.,/:])(\d{1,3}(?:\.\d{3})+|\d+)\s?\/\s?(\d{1,3}(?:\.\d{3})+|\d+)(?![\p{N}/]|[.,]\d)/gu;
const APPROX_TAIL_RE = new RegExp(
  `(?:^|[^\\p{L}])(${[...APPROX_WORDS].sort((a, b) => b.length - a.length).join("|")})\\s+$`,
  "iu"
);

function groupedFractions(text: string): FoundNumeral[] {
  const out: FoundNumeral[] = [];
  if (!text.includes("/")) return out;
  for (const m of text.matchAll(GROUPED_FRACTION_RE)) {
    if (!m[1].includes(".") && !m[2].includes(".")) continue; // plain ones are findNumerals' own
    const numerator = Number(m[1].replace(/\./g, ""));
    const denominator = Number(m[2].replace(/\./g, ""));
    const index = m.index ?? 0;
    const approx = APPROX_TAIL_RE.exec(text.slice(Math.max(0, index - 20), index));
    out.push({
      kind: "fraction",
      value: denominator === 0 ? NaN : numerator / denominator,
      decimals: 0,
      exact: `${numerator}/${denominator}`,
      numerator,
      denominator,
      approx: approx ? approx[1].toLocaleLowerCase("vi") : null,
      text: m[0],
      index,
      end: index + m[0].length,
    });
  }
  return out;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const numerals = findNumerals(text);
  const extra = groupedFractions(text);
  if (extra.length > 0) {
    // keep findNumerals' figures that do not overlap a grouped fraction
    const kept = numerals.filter((n) => !extra.some((f) => n.index < f.end && f.index < n.end));
    numerals.splice(0, numerals.length, ...[...kept, ...extra].sort((a, b) => a.index - b.index));
  }
  for (const n of numerals) {
    if (n.index < pos) continue;
    pushGap(tokens, text, pos, n.index);
    tokens.push({
      i: tokens.length,
      type: "num",
      text: n.text,
      fold: n.text,
      index: n.index,
      end: n.end,
      depth: 0,
      sentence: 0,
      numeral: n,
    });
    pos = n.end;
  }
  pushGap(tokens, text, pos, text.length);

  let depth = 0;
  let sentence = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.text === ")" || t.text === "]") depth = Math.max(0, depth - 1);
    t.depth = depth;
    t.sentence = sentence;
    if (t.text === "(" || t.text === "[") depth++;
    if (isSentenceEnd(tokens, k, text)) {
      sentence++;
      depth = 0;
    }
  }
  return tokens;
}

function isSentenceEnd(tokens: Token[], k: number, text: string): boolean {
  const t = tokens[k];
  if (t.type !== "punct" || !".!?…".includes(t.text)) return false;
  const nextChar = text[t.end];
  if (nextChar !== undefined && !/\s/.test(nextChar)) return false;
  const prev = tokens[k - 1];
  if (t.text === "." && prev && prev.type === "word" && ABBREVIATIONS.has(prev.fold)) return false;
  return true;
}

/** Is token k a clause boundary for looking back ("," ";" ":" "(" or a sentence end)? */
export function isBoundary(t: Token): boolean {
  return t.type === "punct" && ",;:(".includes(t.text);
}

/** Folded words of tokens [from, to), joined by spaces (punctuation included as itself). */
export function foldedSpan(tokens: readonly Token[], from: number, to: number): string {
  const parts: string[] = [];
  for (let k = Math.max(0, from); k < Math.min(tokens.length, to); k++) parts.push(tokens[k].fold);
  return parts.join(" ");
}

/** Whether `phrase` (folded words separated by spaces) occurs in `span` on word boundaries. */
export function hasPhrase(span: string, phrase: string): boolean {
  const at = span.indexOf(phrase);
  if (at < 0) return false;
  const before = at === 0 ? " " : span[at - 1];
  const after = span[at + phrase.length] ?? " ";
  if (before === " " && after === " ") return true;
  // a later occurrence may be on boundaries
  return hasPhrase(span.slice(at + 1), phrase);
}

const MAX_NOUN_TOKENS = 8;

function nounAfter(tokens: readonly Token[], k: number): Noun | null {
  const words: string[] = [];
  for (let j = k + 1; j < tokens.length && words.length < MAX_NOUN_TOKENS; j++) {
    const t = tokens[j];
    if (t.type === "word" || (t.type === "punct" && t.text === "," && words.length > 0)) {
      words.push(t.fold);
    } else break;
  }
  if (words.length === 0 || words[0] === "," || NOT_NOUNS.has(words[0])) return null;
  let phraseEnd = k;
  for (let j = k + 1; j < tokens.length && j - k <= 8 && tokens[j].type === "word"; j++)
    phraseEnd = j;
  const m = matchNoun(words);
  if (m) {
    return {
      words: m.words,
      groups: m.groups,
      endToken: k + m.length,
      phraseEnd: Math.max(phraseEnd, k + m.length),
    };
  }
  return { words: words[0], groups: [`word:${words[0]}`], endToken: k + 1, phraseEnd };
}

function classify(tokens: readonly Token[], k: number, text: string): Figure {
  const t = tokens[k];
  const n = t.numeral as FoundNumeral;
  const prev = tokens[k - 1];
  const prev2 = tokens[k - 2];
  const base: Figure = {
    token: t,
    order: 0,
    kind: "bare",
    value: n.value,
    exact: n.exact,
    decimals: n.decimals,
    approx: n.approx,
    numerator: n.numerator ?? null,
    denominator: n.denominator ?? null,
    noun: null,
    target: false,
    previous: [],
    years: [],
    nested: false,
    whole: false,
    newValue: false,
    fromValue: false,
  };
  if (n.kind === "percent") return { ...base, kind: "percent" };
  // Parts of dates and codes: 16-5-2018, 2015-2020, 6-2019, 18- NQ/TW.
  const after = text.slice(t.end, t.end + 3);
  const before = text.slice(Math.max(0, t.index - 2), t.index);
  if (/^\s?[-–/]\s?\d/.test(after) || /\d\s?[-–/]\s?$/.test(before) || /^-\s?\p{Lu}/u.test(after)) {
    return { ...base, kind: "code" };
  }
  if (n.kind === "fraction") {
    return { ...base, kind: "fraction", noun: nounAfter(tokens, k) };
  }
  if (/^(1[89]|20)\d\d$/.test(n.text)) return { ...base, kind: "year" };
  const noun = nounAfter(tokens, k);
  if (noun && TIME_WORDS.has(noun.words)) return { ...base, kind: "code", noun };
  const codeBefore =
    prev?.type === "word" &&
    CODE_BEFORE.has(prev.fold) &&
    !(prev.fold === "số" && prev2?.fold === "tổng");
  const isCodeNo = prev?.type === "word" && prev.fold === "số" && prev2?.fold !== "tổng";
  if ((codeBefore || isCodeNo) && (!noun || noun.groups[0].startsWith("word:"))) {
    return { ...base, kind: "code" };
  }
  return { ...base, kind: noun ? "count" : "bare", noun };
}

/** The clause before token k: back to a boundary or the previous figure, as folded words. */
function clauseBefore(
  tokens: readonly Token[],
  k: number,
  isFigure: (j: number) => boolean
): string {
  const sentence = tokens[k].sentence;
  let j = k - 1;
  for (; j >= 0 && k - j <= 25; j--) {
    const t = tokens[j];
    if (t.sentence !== sentence || isBoundary(t) || isFigure(j)) break;
  }
  return foldedSpan(tokens, j + 1, k);
}

/** The first words of each sentence ("Năm 2015", "Đầu nhiệm kỳ") and the years in them, by sentence. */
function sentenceHeads(tokens: readonly Token[]): Map<number, { words: string; years: number[] }> {
  const heads = new Map<number, { words: string; years: number[] }>();
  for (let j = 0; j < tokens.length; j++) {
    const sentence = tokens[j].sentence;
    if (heads.has(sentence)) continue;
    const years: number[] = [];
    const head: string[] = [];
    for (let m = j; m < tokens.length && m < j + 6 && tokens[m].sentence === sentence; m++) {
      const t = tokens[m];
      if (t.type === "punct" && t.text === ",") break;
      head.push(t.fold);
      if (t.type === "num" && /^(1[89]|20)\d\d$/.test(t.text)) years.push(Number(t.text));
    }
    heads.set(sentence, { words: head.join(" "), years });
  }
  return heads;
}

/** Tokens and understood figures of one paragraph. */
export function analyseParagraph(text: string): Paragraph {
  const tokens = tokenize(text);
  const figures = new Map<number, Figure>();
  const list: Figure[] = [];
  for (const t of tokens) {
    if (t.type !== "num") continue;
    const f = classify(tokens, t.i, text);
    f.order = list.length;
    figures.set(t.i, f);
    list.push(f);
  }
  const heads = sentenceHeads(tokens);
  const isClaimFigure = (j: number): boolean => {
    const f = figures.get(j);
    return f !== undefined && f.kind !== "year" && f.kind !== "code";
  };
  for (const f of list) {
    if (f.kind === "year" || f.kind === "code") continue;
    const k = f.token.i;
    const clause = clauseBefore(tokens, k, isClaimFigure);
    const head = heads.get(f.token.sentence) ?? { words: "", years: [] };
    f.target = TARGET_MARKERS.some((w) => hasPhrase(clause, w));
    // "từ đầu nhiệm kỳ đến nay" is a period up to now, not the value at the start.
    const periodToNow = ["từ đầu nhiệm kỳ", "từ đầu năm"].some(
      (w) => hasPhrase(clause, w) || hasPhrase(head.words, w)
    );
    f.previous = periodToNow
      ? []
      : PREVIOUS_WORDS.filter((w) => hasPhrase(clause, w) || hasPhrase(head.words, w));
    const yearsInClause: number[] = [];
    for (let j = k - 1; j >= 0 && k - j <= 25; j--) {
      const t = tokens[j];
      if (t.sentence !== f.token.sentence || isBoundary(t) || isClaimFigure(j)) break;
      if (t.type === "num" && figures.get(j)?.kind === "year") yearsInClause.push(Number(t.text));
    }
    f.years = [...yearsInClause, ...head.years];
    const prev = tokens[k - 1];
    const prev2 = tokens[k - 2];
    f.nested =
      prev?.fold === "với" ||
      (prev?.fold === "số" && prev2?.fold === "tổng" && tokens[k - 3]?.fold === "với");
    f.whole =
      (prev?.fold === "số" && prev2?.fold === "tổng") ||
      (prev?.fold === "cộng" && prev2?.fold === "tổng") ||
      prev?.fold === "có";
    f.newValue = prev?.fold === "lên" || prev?.fold === "còn" || prev?.fold === "xuống";
    f.fromValue = prev?.fold === "từ";
  }
  return { text, tokens, figures, list };
}
