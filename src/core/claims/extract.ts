/**
 * Finds the claims of one paragraph (or one cell's text plus its row) and judges each against the figures
 * in scope. Every search is bounded by a constant number of tokens, so a paragraph is checked in linear time.
 */
import { RuleMeta } from "../issue";
import { decimalEquals, decimalSum, numberToPlainString, percentFit, ratio } from "../rounding";
import {
  APPROX_ABOVE,
  APPROX_AROUND,
  APPROX_BELOW,
  APPROX_NEAR_BELOW,
  CLASSIFICATION_WORDS,
  LINK_WORDS,
  MOVEMENT_WORDS,
  PERCENT_VERBS,
  PREVIOUS_WORDS,
  TARGET_WORDS,
  matchNoun,
} from "./lexicon";
import {
  Formula,
  MessageData,
  Shown,
  TEXT_CHANGE,
  TEXT_FRACTION,
  TEXT_PERCENT,
  TEXT_SUM,
  formatNumber,
  renderMessage,
} from "./rules";
import { Figure, Paragraph, hasPhrase } from "./tokens";
import { Claim, ClaimKind, RowFigure, Verdict } from "./types";

/** A figure a claim can be checked against: from the text, or from the cell's row. */
interface Operand {
  value: number;
  exact: string;
  decimals: number;
  /** Noun groups; null when unknown (row figures, bare numbers): compatible with any. */
  groups: string[] | null;
  figure: Figure | null;
  target: boolean;
  previous: string[];
  years: number[];
  fromValue: boolean;
  approx: string | null;
  /** Position for "nearest first"; row figures come last. */
  index: number;
  sentence: number;
}

interface Scope {
  par: Paragraph;
  row: Operand[];
  /** Checking a cell: the row's figures are trusted context, so a bare part can be wrong. */
  cell: boolean;
}

/** How many candidates a claim is checked against at most (nearest first), to keep time linear. */
const MAX_CANDIDATES = 48;
/** How far (in tokens) a walk may go from a claim's figure. */
const MAX_WALK = 40;

function operandOf(f: Figure): Operand {
  return {
    value: f.value,
    exact: f.exact,
    decimals: f.decimals,
    groups: f.noun ? f.noun.groups : null,
    figure: f,
    target: f.target,
    previous: f.previous,
    years: f.years,
    fromValue: f.fromValue,
    approx: f.approx,
    index: f.token.index,
    sentence: f.token.sentence,
  };
}

const ROW_TARGET = /kế hoạch|chỉ tiêu|mục tiêu|dự toán|nghị quyết/iu;
const ROW_PREVIOUS = /cùng kỳ|năm trước|kỳ trước|đầu kỳ|đầu năm|đầu nhiệm kỳ/iu;

export function rowOperand(r: RowFigure, i: number): Operand {
  const exact =
    r.exact !== undefined && /^-?\d+(\.\d+)?$/.test(r.exact)
      ? r.exact
      : numberToPlainString(r.value);
  const label = r.label ?? "";
  return {
    value: r.value,
    exact,
    decimals: exact.includes(".") ? exact.split(".")[1].length : 0,
    groups: null,
    figure: null,
    target: r.role === "target" || ROW_TARGET.test(label),
    previous: r.role === "previous" || ROW_PREVIOUS.test(label) ? ["row"] : [],
    years: [],
    fromValue: false,
    approx: null,
    index: Number.MAX_SAFE_INTEGER - 1000 + i,
    sentence: -1,
  };
}

function compatible(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return true;
  return a.some((g) => b.includes(g));
}

const PEOPLE = new Set(["person", "member", "cadre", "student", "candidate", "member-mass"]);

/**
 * Comparable as whole and part of a "trong đó" list: compatible, both people of any kind (an đảng viên can
 * be a đoàn viên), or at least one side unknown ("word:..." nouns are not in the lexicon).
 */
function loosely(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null || a[0].startsWith("word:") || b[0].startsWith("word:")) return true;
  if (a.some((g) => PEOPLE.has(g)) && b.some((g) => PEOPLE.has(g))) return true;
  return compatible(a, b);
}

function nearestFirst(cands: Operand[], pos: number): Operand[] {
  return cands
    .sort((x, y) => Math.abs(x.index - pos) - Math.abs(y.index - pos))
    .slice(0, MAX_CANDIDATES);
}

function negate(exact: string): string {
  return exact.startsWith("-") ? exact.slice(1) : `-${exact}`;
}

function minus(a: string, b: string): string {
  return decimalSum([a, negate(b)]);
}

function shownOf(o: { value: number; decimals: number }, percent = false): Shown {
  return { value: o.value, decimals: o.decimals, percent };
}

// ---------------------------------------------------------------------------------------------------
// Approximations: checked only where clearly contradicted.

/** Is `actual` clearly contradicted by "approx written"? */
function approxContradicted(approx: string, actual: number, written: number): boolean {
  if (APPROX_ABOVE.has(approx)) return actual < written;
  if (APPROX_BELOW.has(approx)) return actual > written;
  if (APPROX_NEAR_BELOW.has(approx) || approx === "gần như") {
    return actual > written || actual < written * 0.9;
  }
  if (APPROX_AROUND.has(approx)) return Math.abs(actual - written) > Math.abs(written) * 0.1;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Percentages.

type PercentMode = "ratio" | "up" | "down";

interface PercentEval {
  verdict: Verdict;
  base: Operand | null;
  /** The recomputed value at the written decimals, exact string. */
  computed: string | null;
  /** A more precise value, for truncation messages. */
  precise: string | null;
}

function numeratorFor(part: Operand, base: Operand, mode: PercentMode): string {
  if (mode === "ratio") return part.exact;
  return mode === "up" ? minus(part.exact, base.exact) : minus(base.exact, part.exact);
}

/** Checks a written percentage against candidate bases: any half-up fit wins, then truncation. */
function evalPercent(
  part: Operand,
  bases: Operand[],
  written: Figure,
  mode: PercentMode
): PercentEval {
  let truncated: PercentEval | null = null;
  let closest: { base: Operand; num: string } | null = null;
  let closestDistance = Infinity;
  // Exact decimal arithmetic only where floating point says the value is within a step of the written one.
  const step = 10 ** -written.decimals;
  for (const base of bases) {
    if (base.value === 0) continue;
    const num = numeratorFor(part, base, mode);
    const estimate = (Number(num) / base.value) * 100;
    const distance = Math.abs(estimate - written.value);
    if (distance < closestDistance) {
      closestDistance = distance;
      closest = { base, num };
    }
    if (written.approx) {
      if (!approxContradicted(written.approx, estimate, written.value)) {
        return evaluated(base, num, written, "consistent");
      }
      continue;
    }
    if (distance > 2 * step + 1e-9 * Math.abs(written.value) || Number(num) < 0) continue;
    const fit = percentFit(num, base.exact, written.exact, written.decimals);
    if (fit === "half-up") return evaluated(base, num, written, "consistent");
    if (fit === "truncate" && !truncated) truncated = evaluated(base, num, written, "truncated");
  }
  if (truncated) return truncated;
  if (closest) return evaluated(closest.base, closest.num, written, "wrong");
  return { verdict: "unverifiable", base: null, computed: null, precise: null };
}

function evaluated(base: Operand, num: string, written: Figure, verdict: Verdict): PercentEval {
  return {
    verdict,
    base,
    computed: ratio(num, base.exact, written.decimals),
    precise: ratio(num, base.exact, written.decimals + 3),
  };
}

interface AfterInfo {
  target: boolean;
  previous: string[];
  years: number[];
  /** "so với đầu nhiệm kỳ (5.462)": the earlier value written right there. */
  explicit: Figure | null;
  /** Base noun named after the percentage ("46,7% đảng viên", "chiếm 46,7% tổng số đảng viên"). */
  baseGroups: string[] | null;
  end: number;
}

/** What follows a figure: "kế hoạch", "so với cùng kỳ", "so với năm 2023 (200)", "tổng số đảng viên". */
function readAfter(scope: Scope, k: number): AfterInfo {
  const { tokens, figures } = scope.par;
  const start = tokens[k];
  const info: AfterInfo = {
    target: false,
    previous: [],
    years: [],
    explicit: null,
    baseGroups: null,
    end: k,
  };
  const words: string[] = [];
  let last = k;
  for (let j = k + 1; j < tokens.length && j - k <= 14; j++) {
    const t = tokens[j];
    if (t.sentence !== start.sentence) break;
    if (t.type === "punct") {
      if (t.text === ";" || t.depth < start.depth) break;
      if (t.text === "," && words.length > 0) break;
      if (t.text === "(" && tokens[j + 1]?.type === "num") {
        // "so với đầu nhiệm kỳ (5.462)", "(60 đảng viên)": the earlier value, right there
        const f = figures.get(j + 1);
        let close = j + 2;
        while (close < tokens.length && close - j <= 6 && tokens[close].type === "word") close++;
        if (f && (f.kind === "count" || f.kind === "bare") && tokens[close]?.text === ")") {
          info.explicit = f;
          last = close;
        }
        break;
      }
      if (t.text === ")") break;
      continue;
    }
    if (t.type === "num") {
      const f = figures.get(j);
      if (f?.kind === "year") {
        info.years.push(f.value);
        words.push(t.text);
        last = j;
        continue;
      }
      break;
    }
    if (t.type === "word") {
      if (words.length > 0 && (PERCENT_VERBS.has(t.fold) || t.fold === "và") && t.fold !== "là")
        break;
      words.push(t.fold);
      last = j;
    }
  }
  info.end = last;
  const span = words.join(" ");
  info.target = TARGET_WORDS.some((w) => hasPhrase(span, w));
  info.previous = PREVIOUS_WORDS.filter((w) => hasPhrase(span, w));
  if (info.years.length > 0 && !info.target) info.previous.push("năm");
  const totalAt = words.indexOf("số");
  const nounWords = totalAt > 0 && words[totalAt - 1] === "tổng" ? words.slice(totalAt + 1) : words;
  // "46,7% đảng viên", "so với tổng số đảng viên": the whole the percentage is of
  info.baseGroups = matchNoun(nounWords)?.groups ?? null;
  return info;
}

/** The verb nearest before a percentage ("đạt", "chiếm", "tăng", "tỷ lệ"), skipping approximation words. */
function verbBefore(scope: Scope, k: number): string | null {
  const { tokens } = scope.par;
  for (let j = k - 1; j >= 0 && k - j <= 5; j--) {
    const t = tokens[j];
    if (t.sentence !== tokens[k].sentence) return null;
    if (t.type === "word") {
      if (t.fold === "lệ" && tokens[j - 1]?.fold === "tỷ") return "tỷ lệ";
      if (PERCENT_VERBS.has(t.fold)) return t.fold;
      if (LINK_WORDS.has(t.fold)) continue;
      return null;
    }
    if (t.type === "punct" && "(,:".includes(t.text)) continue;
    return null;
  }
  return null;
}

const CHANGE_VERBS = new Set(["tăng", "giảm", "vượt"]);

/** A figure right after "bình quân" / "trung bình": an average, never a subject nor a part. */
function isAverage(scope: Scope, f: Figure): boolean {
  const { tokens } = scope.par;
  const a = tokens[f.token.i - 1]?.fold;
  const b = tokens[f.token.i - 2]?.fold;
  return (a === "quân" && b === "bình") || (a === "bình" && b === "trung");
}

/** A figure right after "tăng/giảm/vượt (thêm)": the amount of a change, not a subject. */
function isDelta(scope: Scope, f: Figure): string | null {
  const { tokens } = scope.par;
  let j = f.token.i - 1;
  if (tokens[j]?.fold === "thêm") j--;
  const t = tokens[j];
  return t && t.type === "word" && CHANGE_VERBS.has(t.fold) ? t.fold : null;
}

/**
 * The figure a percentage (or a change) is about: walk back from the verb over link words, then over the
 * noun phrase, to the nearest count in the same sentence. Amounts of changes are stepped over; reaching
 * another percentage takes its subject ("866 đảng viên, đạt 69,28% ... và đạt 64,15% ...").
 */
function subjectBefore(scope: Scope, k: number, memo: Map<number, Figure | null>): Figure | null {
  if (memo.has(k)) return memo.get(k) ?? null;
  memo.set(k, null);
  const { tokens, figures } = scope.par;
  const sentence = tokens[k].sentence;
  let linking = true;
  let words = 0;
  let result: Figure | null = null;
  for (let j = k - 1; j >= 0 && k - j <= MAX_WALK; j--) {
    const t = tokens[j];
    if (t.sentence !== sentence) break;
    if (t.type === "punct") {
      if (t.text === ";") break;
      if (t.text === ")") {
        // step over a parenthesis: "2.344 đảng viên (trong đó có 939 ...), chiếm ..."
        let d = 0;
        let m = j;
        for (; m >= 0 && j - m <= MAX_WALK; m--) {
          if (tokens[m].text === ")") d++;
          if (tokens[m].text === "(") d--;
          if (d === 0) break;
        }
        if (d !== 0) break;
        j = m;
        linking = false;
        continue;
      }
      continue;
    }
    if (t.type === "word") {
      if (t.fold === "đó" && tokens[j - 1]?.fold === "trong") break;
      if (t.fold === "gồm") break;
      if (linking && (LINK_WORDS.has(t.fold) || t.fold === "so")) continue;
      if (!linking && t.fold === "lệ" && tokens[j - 1]?.fold === "tỷ") break;
      if (!linking && (t.fold === "chiếm" || t.fold === "bằng")) break;
      linking = false;
      if (++words > 16) break;
      continue;
    }
    if (t.type === "num") {
      const f = figures.get(j);
      if (!f || f.kind === "year" || f.kind === "code") continue;
      if (f.kind === "percent") {
        result = subjectBefore(scope, j, memo);
        break;
      }
      if (isDelta(scope, f) || isAverage(scope, f)) {
        linking = false;
        continue;
      }
      result = f;
      break;
    }
  }
  memo.set(k, result);
  return result;
}

/** "46,7% (2.344 đảng viên)" or "98,4% (60/61)": the subject written after the percentage. */
function subjectAfter(scope: Scope, k: number): Figure | null {
  const { tokens, figures } = scope.par;
  let j = k + 1;
  while (tokens[j]?.type === "word" && j - k <= 3 && !PERCENT_VERBS.has(tokens[j].fold)) j++;
  if (tokens[j]?.text !== "(") return null;
  const f = figures.get(j + 1);
  if (f && (f.kind === "count" || f.kind === "fraction")) return f;
  return null;
}

/** How many figures around a claim are looked at for its bases: the nearest first, a constant. */
const MAX_EXAMINED = 400;

/** The figures of the paragraph nearest to `center` (by order) first, at most MAX_EXAMINED of them. */
function* nearby(scope: Scope, center: Figure | null): Generator<Figure> {
  const list = scope.par.list;
  const at = center ? center.order : 0;
  let given = 0;
  for (let d = 0; given < MAX_EXAMINED && (at - d >= 0 || at + d < list.length); d++) {
    if (at - d >= 0) {
      given++;
      yield list[at - d];
    }
    if (d > 0 && at + d < list.length) {
      given++;
      yield list[at + d];
    }
  }
}

function shareBases(scope: Scope, part: Operand, groups: string[] | null): Operand[] {
  const out: Operand[] = [];
  for (const f of nearby(scope, part.figure)) {
    if (out.length >= MAX_CANDIDATES) break;
    if (f.kind !== "count" || f.approx || f.target || f === part.figure) continue;
    if (f.value < part.value || f.value <= 0) continue;
    if (!compatible(groups, f.noun?.groups ?? null)) continue;
    if (groups === null && !scope.cell) continue;
    out.push(operandOf(f));
  }
  for (const r of scope.row) if (r.value >= part.value && r.value > 0 && !r.target) out.push(r);
  return nearestFirst(out, part.index);
}

function targetBases(scope: Scope, part: Operand): Operand[] {
  const out: Operand[] = [];
  for (const f of nearby(scope, part.figure)) {
    if (out.length >= MAX_CANDIDATES) break;
    if ((f.kind !== "count" && f.kind !== "bare") || !f.target || f.approx || f === part.figure)
      continue;
    if (!compatible(part.groups, f.noun?.groups ?? null)) continue;
    out.push(operandOf(f));
  }
  for (const r of scope.row) if (r.target) out.push(r);
  return nearestFirst(out, part.index);
}

function previousBases(scope: Scope, part: Operand, after: AfterInfo): Operand[] {
  if (after.explicit) return [operandOf(after.explicit)];
  const out: Operand[] = [];
  for (const f of nearby(scope, part.figure)) {
    if (out.length >= MAX_CANDIDATES) break;
    if ((f.kind !== "count" && f.kind !== "bare") || f.approx || f === part.figure) continue;
    if (!compatible(part.groups, f.noun?.groups ?? null)) continue;
    if (f.kind === "bare" && !f.fromValue) continue;
    const sameYear = after.years.length > 0 && f.years.some((y) => after.years.includes(y));
    const sameWords = f.previous.some((w) => after.previous.includes(w));
    const from = f.fromValue && f.token.sentence === part.sentence;
    if (sameYear || sameWords || from) out.push(operandOf(f));
  }
  for (const r of scope.row) if (r.previous.length > 0) out.push(r);
  return nearestFirst(out, part.index);
}

// ---------------------------------------------------------------------------------------------------
// Building claims.

function makeClaim(
  scope: Scope,
  kind: ClaimKind,
  verdict: Verdict,
  meta: RuleMeta,
  messageId: string,
  data: MessageData,
  span: [number, number],
  written: string,
  figures: number[],
  expected: number | string | null,
  actual: number | string | null
): Claim {
  const [index, end] = span;
  return {
    kind,
    verdict,
    rule: meta.id,
    index,
    end,
    line: 1,
    column: index + 1,
    text: scope.par.text.slice(index, end),
    written,
    figures,
    expected,
    actual,
    message: renderMessage(meta, messageId, data),
  };
}

/** The fragment from token a to token b, closing a parenthesis opened inside it. */
function spanOf(scope: Scope, from: number, to: number): [number, number] {
  const { tokens } = scope.par;
  let open = 0;
  for (let j = from; j <= to; j++) {
    if (tokens[j].text === "(") open++;
    if (tokens[j].text === ")") open = Math.max(0, open - 1);
  }
  let last = to;
  for (let j = to + 1; open > 0 && j < tokens.length && j - to <= 3; j++) {
    if (tokens[j].text === ")") {
      last = j;
      open--;
    }
  }
  return [tokens[from].index, tokens[last].end];
}

function nounEnd(f: Figure): number {
  return f.noun ? f.noun.endToken : f.token.i;
}

const UNVERIFIABLE_REASON = {
  noSubject: { vi: "không rõ số liệu nào được tính", en: "no count it is a share of" },
  noBase: { vi: "không có tổng phù hợp", en: "no compatible total" },
  noTarget: { vi: "không nêu chỉ tiêu, kế hoạch", en: "no target or plan stated" },
  noPrevious: { vi: "không nêu số liệu kỳ so sánh", en: "no earlier figure stated" },
  over100: {
    vi: "trên 100% nên không phải tỷ lệ của một tổng",
    en: "over 100%, so not a share of a whole",
  },
  maybeTarget: {
    vi: "có thể là tỷ lệ so với chỉ tiêu chưa nêu",
    en: "it may be a share of a target not stated",
  },
  bare: { vi: "số liệu không rõ đơn vị", en: "the count has no noun" },
};

function percentClaims(scope: Scope, used: Set<number>): Claim[] {
  const claims: Claim[] = [];
  const memo = new Map<number, Figure | null>();
  const { tokens } = scope.par;
  for (const p of scope.par.list) {
    if (p.kind !== "percent") continue;
    const k = p.token.i;
    const verb = verbBefore(scope, k);
    const after = readAfter(scope, k);
    let kind: ClaimKind;
    let mode: PercentMode = "ratio";
    if (verb === "tăng" || verb === "giảm") {
      kind = "change-percent";
      mode = verb === "tăng" ? "up" : "down";
    } else if (verb === "vượt") {
      kind = "excess";
      mode = "up";
    } else if (after.target) kind = "target";
    else if (after.previous.length > 0) kind = "ratio";
    else kind = "share";

    let subject = subjectBefore(scope, k, memo);
    if (!subject || subject.kind === "percent") subject = subjectAfter(scope, k);
    const writtenShown = shownOf(p, true);
    const pctText = p.token.text;
    const verbStart = (() => {
      let j = k;
      while (
        j > 0 &&
        k - j < 5 &&
        tokens[j - 1].type === "word" &&
        LINK_WORDS.has(tokens[j - 1].fold)
      )
        j--;
      return j;
    })();

    const unverifiable = (reason: keyof typeof UNVERIFIABLE_REASON, from = verbStart): void => {
      claims.push(
        makeClaim(
          scope,
          kind,
          "unverifiable",
          TEXT_PERCENT,
          "unverifiable",
          { written: writtenShown, reason: UNVERIFIABLE_REASON[reason] },
          spanOf(scope, Math.min(from, verbStart), Math.max(k, after.end)),
          pctText,
          [],
          null,
          p.value
        )
      );
    };

    // A percentage beside a fraction: "60/61 (98,4%)", "đạt 98,4% (60/61)".
    if (subject && subject.kind === "fraction") {
      used.add(subject.token.i);
      claims.push(fractionPercentClaim(scope, subject, p));
      continue;
    }

    if (!subject) {
      if (scope.row.length >= 2 || (scope.row.length >= 1 && kind !== "share")) {
        claims.push(rowPairClaim(scope, p, kind, mode, verbStart, after));
      } else unverifiable("noSubject");
      continue;
    }
    const part = operandOf(subject);
    const from = subject.token.i;
    let bases: Operand[];
    if (kind === "share") {
      if (p.value > 100) {
        unverifiable("over100", from);
        continue;
      }
      bases = shareBases(scope, part, after.baseGroups ?? part.groups);
    } else if (after.explicit && (kind === "target" || after.target)) {
      // "đạt 106% chỉ tiêu (200 đảng viên)": the target written right there
      bases = [operandOf(after.explicit)];
    } else if (kind === "target" || (kind === "excess" && after.previous.length === 0)) {
      bases = targetBases(scope, part);
    } else if (after.target) {
      bases = targetBases(scope, part);
    } else {
      bases = previousBases(scope, part, after);
    }
    if (bases.length === 0) {
      const reason =
        kind === "share" ? "noBase" : kind === "target" || after.target ? "noTarget" : "noPrevious";
      unverifiable(reason, from);
      continue;
    }
    // An approximate subject ("hơn 2.300 đảng viên, chiếm 46%") is checked like an approximation.
    const res = evalPercent(
      part,
      bases,
      part.approx && !p.approx ? { ...p, approx: "khoảng" } : p,
      mode
    );
    const verdict = res.verdict;
    if (verdict === "wrong" && !scope.cell) {
      if (part.groups === null) {
        unverifiable("bare", from);
        continue;
      }
      // "kết nạp 180 đảng viên, đạt 90%": an achievement, most likely against a plan that is not stated.
      if (kind === "share" && verb === "đạt" && achievementBefore(scope, subject)) {
        const targets = targetBases(scope, part);
        if (targets.length === 0 || evalPercent(part, targets, p, mode).verdict !== "wrong") {
          unverifiable("maybeTarget", from);
          continue;
        }
      }
    }
    const base = res.base as Operand;
    const formula: Formula =
      mode === "ratio"
        ? { op: "/", terms: [shownOf(part), shownOf(base)] }
        : mode === "up"
          ? { op: "(−)/", terms: [shownOf(part), shownOf(base), shownOf(base)] }
          : { op: "(−)/", terms: [shownOf(base), shownOf(part), shownOf(base)] };
    const computed = Number(res.computed);
    const data: MessageData = {
      written: writtenShown,
      formula,
      computed: { value: computed, decimals: p.decimals, percent: true },
      precise: { value: Number(res.precise), decimals: p.decimals + 3, percent: true },
      approx: p.approx ?? "",
    };
    const messageId =
      verdict === "consistent"
        ? "consistent"
        : verdict === "truncated"
          ? "truncated"
          : p.approx
            ? "approx"
            : "wrong";
    claims.push(
      makeClaim(
        scope,
        kind,
        verdict,
        TEXT_PERCENT,
        messageId,
        data,
        spanOf(scope, Math.min(from, verbStart), Math.max(k, after.end)),
        pctText,
        [part.value, base.value],
        computed,
        p.value
      )
    );
  }
  return claims;
}

const ACHIEVEMENTS = [
  "kết nạp",
  "thực hiện",
  "hoàn thành",
  "đào tạo",
  "bồi dưỡng",
  "giải quyết",
  "thu",
  "nộp",
  "mở",
];

/** The subject's clause is an achievement ("kết nạp được 180 đảng viên"): a bare "đạt X%" may be of a plan. */
function achievementBefore(scope: Scope, subject: Figure): boolean {
  const { tokens } = scope.par;
  const k = subject.token.i;
  let j = k - 1;
  while (j >= 0 && k - j <= 8 && tokens[j].type === "word") j--;
  const span = tokens
    .slice(j + 1, k)
    .map((t) => t.fold)
    .join(" ");
  return ACHIEVEMENTS.some((w) => hasPhrase(span, w));
}

/** A percentage in a cell with no count in its text: try the row's figures pairwise. */
function rowPairClaim(
  scope: Scope,
  p: Figure,
  kind: ClaimKind,
  mode: PercentMode,
  verbStart: number,
  after: AfterInfo
): Claim {
  const textCounts = [...nearby(scope, p)]
    .filter((f) => f.kind === "count" || f.kind === "bare")
    .map(operandOf);
  const pool = [...textCounts, ...scope.row].slice(0, MAX_CANDIDATES);
  let best: { part: Operand; res: PercentEval } | null = null;
  const rank: Record<Verdict, number> = { consistent: 0, truncated: 1, wrong: 2, unverifiable: 3 };
  for (const part of pool) {
    let bases: Operand[];
    if (kind === "target" || kind === "excess" || after.target)
      bases = pool.filter((b) => b !== part && b.target);
    else if (kind === "share")
      bases = pool.filter((b) => b !== part && !b.target && b.value >= part.value);
    else bases = pool.filter((b) => b !== part && b.previous.length > 0);
    if (part.target || bases.length === 0) continue;
    const res = evalPercent(part, bases, p, mode);
    if (!best || rank[res.verdict] < rank[best.res.verdict]) best = { part, res };
    if (res.verdict === "consistent") break;
  }
  const span = spanOf(scope, verbStart, Math.max(p.token.i, after.end));
  if (!best || !best.res.base) {
    return makeClaim(
      scope,
      kind,
      "unverifiable",
      TEXT_PERCENT,
      "unverifiable",
      { written: shownOf(p, true), reason: UNVERIFIABLE_REASON.noBase },
      span,
      p.token.text,
      [],
      null,
      p.value
    );
  }
  const { part, res } = best;
  const base = res.base as Operand;
  const formula: Formula =
    mode === "ratio"
      ? { op: "/", terms: [shownOf(part), shownOf(base)] }
      : mode === "up"
        ? { op: "(−)/", terms: [shownOf(part), shownOf(base), shownOf(base)] }
        : { op: "(−)/", terms: [shownOf(base), shownOf(part), shownOf(base)] };
  const computed = Number(res.computed);
  return makeClaim(
    scope,
    kind,
    res.verdict,
    TEXT_PERCENT,
    res.verdict === "consistent"
      ? "consistent"
      : res.verdict === "truncated"
        ? "truncated"
        : p.approx
          ? "approx"
          : "wrong",
    {
      written: shownOf(p, true),
      formula,
      computed: { value: computed, decimals: p.decimals, percent: true },
      precise: { value: Number(res.precise), decimals: p.decimals + 3, percent: true },
      approx: p.approx ?? "",
    },
    span,
    p.token.text,
    [part.value, base.value],
    computed,
    p.value
  );
}

function fractionPercentClaim(scope: Scope, fr: Figure, p: Figure): Claim {
  const num = fr.numerator ?? 0;
  const den = fr.denominator ?? 0;
  const from = Math.min(fr.token.i, p.token.i);
  const to = Math.max(nounEnd(fr), p.token.i);
  const span = spanOf(scope, from, to);
  const formula: Formula = { op: "/", terms: [{ value: num }, { value: den }] };
  if (den === 0) {
    return makeClaim(
      scope,
      "fraction",
      "wrong",
      TEXT_FRACTION,
      "over",
      { written: fr.token.text, numerator: num, denominator: den },
      span,
      fr.token.text,
      [num, den],
      null,
      fr.token.text
    );
  }
  const fit = p.approx
    ? approxContradicted(p.approx, Number(ratio(num, den, p.decimals + 3)), p.value)
      ? "none"
      : "half-up"
    : percentFit(num, den, p.exact, p.decimals);
  const computed = Number(ratio(num, den, p.decimals));
  const verdict: Verdict =
    fit === "half-up" ? "consistent" : fit === "truncate" ? "truncated" : "wrong";
  const data: MessageData = {
    written: fr.token.text,
    percent: shownOf(p, true),
    formula,
    computed: { value: computed, decimals: p.decimals, percent: true },
    precise: {
      value: Number(ratio(num, den, p.decimals + 3)),
      decimals: p.decimals + 3,
      percent: true,
    },
    detail: {
      vi: `: ${formatNumber(num, "vi")} / ${formatNumber(den, "vi")} = ${shownText(computed, p.decimals, "vi")}%`,
      en: `: ${formatNumber(num, "en")} / ${formatNumber(den, "en")} = ${shownText(computed, p.decimals, "en")}%`,
    },
  };
  const id =
    verdict === "consistent" ? "consistent" : verdict === "truncated" ? "truncated" : "percent";
  return makeClaim(
    scope,
    "fraction",
    verdict,
    TEXT_FRACTION,
    id,
    data,
    span,
    `${fr.token.text} (${p.token.text})`,
    [num, den],
    computed,
    p.value
  );
}

function shownText(value: number, decimals: number, lang: "vi" | "en"): string {
  return formatNumber(value, lang, decimals);
}

// ---------------------------------------------------------------------------------------------------
// Fractions alone.

function fractionClaims(scope: Scope, used: Set<number>): Claim[] {
  const claims: Claim[] = [];
  for (const f of scope.par.list) {
    if (f.kind !== "fraction" || used.has(f.token.i) || !f.noun) continue;
    const num = f.numerator ?? 0;
    const den = f.denominator ?? 0;
    const span = spanOf(scope, f.token.i, nounEnd(f));
    if (num > den || den === 0) {
      claims.push(
        makeClaim(
          scope,
          "fraction",
          "wrong",
          TEXT_FRACTION,
          "over",
          { written: f.token.text, numerator: num, denominator: den },
          span,
          f.token.text,
          [num, den],
          den,
          num
        )
      );
      continue;
    }
    // A stated total of exactly the same noun ("có 10 xã, thị trấn ... 9/11 xã, thị trấn") must be the denominator.
    const totals = [...nearby(scope, f)].filter(
      (g) => g.kind === "count" && g.whole && !g.approx && g.noun?.words === f.noun?.words
    );
    if (totals.length === 1 && totals[0].value !== den && totals[0].value >= num) {
      const t = totals[0];
      claims.push(
        makeClaim(
          scope,
          "fraction",
          "wrong",
          TEXT_FRACTION,
          "denominator",
          { written: f.token.text, denominator: den, total: shownOf(t) },
          span,
          f.token.text,
          [num, den, t.value],
          t.value,
          den
        )
      );
      continue;
    }
    claims.push(
      makeClaim(
        scope,
        "fraction",
        "consistent",
        TEXT_FRACTION,
        "consistent",
        { written: f.token.text, detail: "" },
        span,
        f.token.text,
        [num, den],
        null,
        null
      )
    );
  }
  return claims;
}

// ---------------------------------------------------------------------------------------------------
// Partitions and subsets.

/** A count a list can be about: a count or a bare number, not a year, code, percent or fraction. */
function isListFigure(f: Figure | undefined): f is Figure {
  return f !== undefined && (f.kind === "count" || f.kind === "bare");
}

/** The whole a list belongs to: walk back from token k to the nearest count (commas allowed). */
function wholeBefore(
  scope: Scope,
  k: number,
  crossSentence: boolean,
  maxWords: number
): Figure | null {
  const { tokens, figures } = scope.par;
  let sentence = tokens[k].sentence;
  let crossed = false;
  let words = 0;
  const depth = tokens[k].depth;
  for (let j = k - 1; j >= 0 && k - j <= MAX_WALK + 20; j--) {
    const t = tokens[j];
    if (t.sentence !== sentence) {
      if (!crossSentence || crossed) return null;
      crossed = true;
      sentence = t.sentence;
    }
    if (t.type === "punct") {
      if (t.text === ";" && !crossed) return null;
      continue;
    }
    if (t.depth > depth) continue;
    if (t.type === "word") {
      if (++words > maxWords) return null;
      continue;
    }
    if (t.type === "num") {
      const f = figures.get(j);
      if (!f || f.kind === "year" || f.kind === "code") continue;
      if (isListFigure(f) && !isDelta(scope, f)) return f;
      if (f.kind === "percent") continue;
      return null;
    }
  }
  return null;
}

interface ListScan {
  parts: Figure[];
  lastToken: number;
  /** Words seen in the list region (folded), for classification markers. */
  words: string[];
  movement: boolean;
}

/**
 * The parts of a list starting after token k, at k's depth: counts (and bare figures after "là"/"có"),
 * separated by commas, semicolons and "và"; nested parentheses and "với ..." counts are not parts.
 * Ends at the sentence's end, at the closing parenthesis, at a new "trong đó", or at the boundary after the
 * part that follows "và" when `closeAfterAnd`.
 */
function scanList(scope: Scope, k: number, depth: number, closeAfterAnd: boolean): ListScan {
  const { tokens, figures } = scope.par;
  const scan: ListScan = { parts: [], lastToken: k, words: [], movement: false };
  const sentence = tokens[k].sentence;
  let sawAnd = false;
  let partAfterAnd = false;
  for (let j = k + 1; j < tokens.length && j - k <= 160; j++) {
    const t = tokens[j];
    if (t.sentence !== sentence) break;
    if (t.depth < depth) break;
    if (t.depth > depth) {
      scan.lastToken = j;
      continue;
    }
    if (t.type === "punct") {
      if (closeAfterAnd && partAfterAnd && (t.text === "," || t.text === ";")) break;
      continue;
    }
    if (t.type === "word") {
      if (t.fold === "đó" && tokens[j - 1]?.fold === "trong") break;
      if (t.fold === "và") sawAnd = true;
      if (t.fold === "từ") {
        for (let m = j + 1; m < tokens.length && m - j <= 5; m++) {
          if (tokens[m].type === "word" && MOVEMENT_WORDS.has(tokens[m].fold)) scan.movement = true;
          if (tokens[m].type !== "word") break;
        }
      }
      scan.words.push(t.fold);
      continue;
    }
    if (t.type === "num") {
      const f = figures.get(j);
      if (!isListFigure(f) || f.nested || isDelta(scope, f) || isAverage(scope, f)) continue;
      const prev = tokens[j - 1]?.fold;
      if (f.kind === "bare" && prev !== "là" && prev !== "có") continue;
      scan.parts.push(f);
      scan.lastToken = Math.max(j, f.noun ? f.noun.phraseEnd : j);
      if (sawAnd) partAfterAnd = true;
    }
  }
  return scan;
}

function sumClaim(
  scope: Scope,
  whole: Figure,
  scan: ListScan,
  exhaustive: boolean,
  isSubsetList: boolean
): Claim | null {
  const parts = scan.parts;
  if (parts.length === 0) return null;
  const sum = decimalSum(parts.map((p) => p.exact));
  const sumValue = Number(sum);
  const span = spanOf(scope, whole.token.i, scan.lastToken);
  const formula: Formula = { op: "+", terms: parts.map((p) => shownOf(p)) };
  const written = shownOf(whole);
  const figs = [...parts.map((p) => p.value), whole.value];
  const base = { written, formula, computed: { value: sumValue }, approx: whole.approx ?? "" };
  const claim = (kind: ClaimKind, verdict: Verdict, id: string, data: MessageData = base): Claim =>
    makeClaim(
      scope,
      kind,
      verdict,
      TEXT_SUM,
      id,
      data,
      span,
      whole.token.text,
      figs,
      sumValue,
      whole.value
    );

  if (isSubsetList && !exhaustive) {
    // Only parts of a comparable noun are compared with the whole ("2.302 doanh nghiệp, trong đó có 1 tổ chức
    // đảng" compares nothing); an unknown noun might be comparable.
    const comparable = parts.filter((p) =>
      loosely(whole.noun?.groups ?? null, p.noun?.groups ?? null)
    );
    if (comparable.length === 0) return null;
    const tooBig = comparable.find((p) =>
      whole.approx
        ? !APPROX_ABOVE.has(whole.approx) && p.value > whole.value * 1.1
        : p.value > whole.value
    );
    if (tooBig) return claim("subset", "wrong", "partTooBig", { ...base, part: shownOf(tooBig) });
    if (parts.length > 1 && !whole.approx && decimalEquals(sum, whole.exact)) {
      return claim("partition", "consistent", "consistent");
    }
    if (parts.length > 1 && sumValue > whole.value && !whole.approx) {
      return claim("subset", "unverifiable", "overlap");
    }
    return claim("subset", "consistent", "subset");
  }
  if (parts.length < 2) return null;
  if (whole.approx) {
    const bad = approxContradicted(whole.approx, sumValue, whole.value);
    return bad
      ? claim("partition", "wrong", "approx")
      : claim("partition", "consistent", "consistent");
  }
  if (decimalEquals(sum, whole.exact)) return claim("partition", "consistent", "consistent");
  return claim("partition", "wrong", "wrong");
}

function partitionClaims(scope: Scope): Claim[] {
  const claims: Claim[] = [];
  const { tokens, figures } = scope.par;
  const seenWholes = new Set<number>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // "gồm", "bao gồm", "chia ra": a partition of the count before.
    const isGom =
      t.type === "word" &&
      (t.fold === "gồm" || (t.fold === "ra" && tokens[k - 1]?.fold === "chia"));
    if (isGom) {
      const whole = wholeBefore(scope, k, false, 14);
      if (!whole || seenWholes.has(whole.token.i) || !listFollows(scope, whole, k)) continue;
      const scan = scanList(scope, k, t.depth, true);
      const c = sumClaim(scope, whole, scan, true, false);
      if (c) {
        seenWholes.add(whole.token.i);
        claims.push(c);
      }
      continue;
    }
    // "trong đó": a subset list, or a classification (loại hình, từ ... về ...) that must add up.
    if (t.type === "word" && t.fold === "đó" && tokens[k - 1]?.fold === "trong") {
      const trong = tokens[k - 1];
      const startsSentence = k - 1 === 0 || tokens[k - 2].sentence !== trong.sentence;
      const whole = wholeBefore(scope, k - 1, startsSentence, 40);
      if (!whole || seenWholes.has(whole.token.i)) continue;
      const scan = scanList(scope, k, t.depth, false);
      const exhaustive =
        scan.movement || CLASSIFICATION_WORDS.some((w) => hasPhrase(scan.words.join(" "), w));
      const c = sumClaim(scope, whole, scan, exhaustive, true);
      if (c) {
        seenWholes.add(whole.token.i);
        claims.push(c);
      }
      continue;
    }
    // "71 doanh nghiệp (57 tổ chức công đoàn; 14 tổ chức đoàn thanh niên)": parts in parentheses.
    if (t.type === "punct" && t.text === "(") {
      const first = figures.get(k + 1);
      if (!isListFigure(first) || first.kind !== "count") continue;
      const whole = wholeBefore(scope, k, false, 10);
      if (!whole || seenWholes.has(whole.token.i) || whole.token.depth !== t.depth) continue;
      if (!noCommaBetween(scope, whole.token.i, k)) continue;
      const scan = scanList(scope, k, t.depth + 1, false);
      if (scan.parts.length < 2) continue;
      const c = sumClaim(scope, whole, scan, true, false);
      if (c) {
        seenWholes.add(whole.token.i);
        claims.push(c);
      }
    }
  }
  return claims;
}

/**
 * "61 tổ chức cơ sở đảng trực thuộc (gồm", "426 đồng chí, chia ra:": the keyword follows the whole's phrase
 * closely, so "Đảng bộ có 61 tổ chức, Ban Chấp hành gồm 35 đồng chí" is not read as a partition of 61.
 */
function listFollows(scope: Scope, whole: Figure, k: number): boolean {
  const { tokens } = scope.par;
  let end = k - 1;
  while (end > whole.token.i && ["bao", "chia", ",", ":", "(", "có"].includes(tokens[end].fold))
    end--;
  let words = 0;
  for (let j = nounEnd(whole) + 1; j <= end; j++) {
    const t = tokens[j];
    if (t.type === "punct" && (t.text === "," || t.text === ";")) return false;
    if (t.type === "word") words++;
  }
  return words <= 6;
}

function noCommaBetween(scope: Scope, a: number, b: number): boolean {
  for (let j = a + 1; j < b; j++) {
    const t = scope.par.tokens[j];
    if (t.type === "punct" && (t.text === "," || t.text === ";")) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Changes in absolute numbers: "lên 6.991 đảng viên, tăng 1.529 đảng viên so với đầu nhiệm kỳ (5.462)".

function changeClaims(scope: Scope): Claim[] {
  const claims: Claim[] = [];
  const memo = new Map<number, Figure | null>();
  const { tokens } = scope.par;
  for (const d of scope.par.list) {
    if (d.kind !== "count" && d.kind !== "bare") continue;
    const verb = isDelta(scope, d);
    // "tăng 2 lần" multiplies (and writers differ on by how much): not an amount to subtract.
    if (!verb || d.noun?.words === "lần") continue;
    const verbToken = tokens[d.token.i - 1].fold === "thêm" ? d.token.i - 2 : d.token.i - 1;
    const after = readAfter(scope, nounEnd(d));
    let subject = subjectBefore(scope, verbToken, memo);
    if (subject && subject.kind !== "count" && subject.kind !== "bare") subject = null;
    const verbMsg =
      verb === "tăng"
        ? { vi: "tăng", en: "increase" }
        : verb === "giảm"
          ? { vi: "giảm", en: "decrease" }
          : { vi: "vượt", en: "excess" };
    const span = spanOf(
      scope,
      subject ? subject.token.i : verbToken,
      Math.max(nounEnd(d), after.end)
    );
    const written = shownOf(d);
    // Pairs (new value, earlier value): from the text, or for a cell with no subject, from its row.
    type Pair = { part: Operand; base: Operand };
    let pairs: Pair[] = [];
    const part: Operand | null = subject ? operandOf(subject) : null;
    if (part) {
      const bases =
        verb === "vượt" || after.target
          ? targetBases(scope, part)
          : previousBases(scope, part, after);
      pairs = bases.filter((b) => b.figure !== d).map((base) => ({ part, base }));
    } else if (scope.cell) {
      const isBase = (o: Operand): boolean =>
        verb === "vượt" || after.target ? o.target : o.previous.length > 0;
      const news = scope.row.filter((o) => !o.target && o.previous.length === 0);
      for (const base of scope.row.filter(isBase))
        for (const n of news) pairs.push({ part: n, base });
    }
    if (pairs.length === 0) {
      if (!part) continue;
      const implied =
        verb === "giảm" ? decimalSum([part.exact, d.exact]) : minus(part.exact, d.exact);
      const impliedShown: Shown = { value: Number(implied), decimals: part.decimals };
      const op = verb === "giảm" ? "+" : "−";
      claims.push(
        makeClaim(
          scope,
          "change",
          "unverifiable",
          TEXT_CHANGE,
          "unverifiable",
          {
            verb: verbMsg,
            written,
            implied: {
              vi: ` (suy ra kỳ trước: ${fmt(part, "vi")} ${op} ${fmt(d, "vi")} = ${fmt(impliedShown, "vi")})`,
              en: ` (implied earlier value: ${fmt(part, "en")} ${op} ${fmt(d, "en")} = ${fmt(impliedShown, "en")})`,
            },
          },
          span,
          d.token.text,
          [part.value, d.value],
          Number(implied),
          null
        )
      );
      continue;
    }
    let best: { part: Operand; base: Operand; diff: string } | null = null;
    let ok: { part: Operand; base: Operand; diff: string } | null = null;
    for (const { part: p, base: b } of pairs.slice(0, MAX_CANDIDATES)) {
      const diff = verb === "giảm" ? minus(b.exact, p.exact) : minus(p.exact, b.exact);
      const fits = d.approx
        ? !approxContradicted(d.approx, Number(diff), d.value)
        : decimalEquals(diff, d.exact);
      if (fits) {
        ok = { part: p, base: b, diff };
        break;
      }
      if (!best || Math.abs(Number(diff) - d.value) < Math.abs(Number(best.diff) - d.value))
        best = { part: p, base: b, diff };
    }
    const chosen = (ok ?? best) as { part: Operand; base: Operand; diff: string };
    const formula: Formula =
      verb === "giảm"
        ? { op: "−", terms: [shownOf(chosen.base), shownOf(chosen.part)] }
        : { op: "−", terms: [shownOf(chosen.part), shownOf(chosen.base)] };
    const computed = Number(chosen.diff);
    const verdict: Verdict = ok ? "consistent" : "wrong";
    claims.push(
      makeClaim(
        scope,
        "change",
        verdict,
        TEXT_CHANGE,
        ok ? "consistent" : d.approx ? "approx" : "wrong",
        {
          verb: verbMsg,
          written,
          formula,
          computed: {
            value: computed,
            decimals: Math.max(chosen.part.decimals, chosen.base.decimals),
          },
          approx: d.approx ?? "",
        },
        span,
        d.token.text,
        [chosen.part.value, chosen.base.value],
        computed,
        d.value
      )
    );
  }
  return claims;
}

function fmt(s: { value: number; decimals?: number }, lang: "vi" | "en"): string {
  return shownText(s.value, s.decimals ?? 0, lang);
}

/** All claims of one paragraph, in text order. */
export function claimsOfParagraph(par: Paragraph, row: RowFigure[] = []): Claim[] {
  const scope: Scope = { par, row: row.map(rowOperand), cell: row.length > 0 };
  const used = new Set<number>();
  const claims = [...percentClaims(scope, used), ...changeClaims(scope), ...partitionClaims(scope)];
  claims.push(...fractionClaims(scope, used));
  return claims.sort((a, b) => a.index - b.index || a.end - b.end);
}
