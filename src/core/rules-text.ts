/**
 * The rules as staff read and edit them on the "Quy tắc" tab, one per line:
 *   [3] = [3.1] + [3.2]                 gồm/chia ra: the parts add up to the whole (every count column)
 *   [5.1] <= [5]                        trong đó: the part is at most the whole
 *   Tỷ lệ [5] = [5] / [3]               a percentage and its base (× 100 implied)
 *   [5 | Cùng kỳ] ...                   a row in a column other than the form's first count column
 *   [8] = [6] + [7] - [9]               cuối kỳ = đầu kỳ + tăng − giảm
 *   Cột [Số lượng] = [Nam] + [Nữ]       a column that is the sum of others, in every row ({Nam} also reads)
 *   [3.3] bình quân theo [3]            an average weighted by a count
 * A row is written [code] (unique code), [II.1] (section and item), or [label]; a column by its header after
 * "|" in the brackets or in front of them. A column name may be left out where it is the form's first count
 * column, and a percentage column may be called "Tỷ lệ" when the form has one.
 */
import { FormMeasure, FormRef, FormRow, Relation, RelationSource } from "./analysis";
import { Message } from "./issue";
import { normalizeLabel } from "./text";
import { measureLooseKey } from "./keys";

export interface FormShape {
  rows: FormRow[];
  measures: FormMeasure[];
}

const SYMBOL_CODES = new Set(["-", "+", "*"]);
const SECTION_CODE = /^([IVXLC]+|[A-Z])$/;

/** How each row is written between brackets, unique within the form. */
export function rowRefs(form: FormShape): Map<string, string> {
  const byKey = new Map<string, FormRow>();
  for (const r of form.rows) byKey.set(r.key, r);
  const codeCount = new Map<string, number>();
  const labelCount = new Map<string, number>();
  for (const r of form.rows) {
    if (r.code && !SYMBOL_CODES.has(r.code))
      codeCount.set(r.code, (codeCount.get(r.code) ?? 0) + 1);
    const l = normalizeLabel(r.label);
    labelCount.set(l, (labelCount.get(l) ?? 0) + 1);
  }
  const used = new Set<string>();
  const out = new Map<string, string>();
  const tryUse = (key: string, ref: string): boolean => {
    if (used.has(ref) || /[[\]{}]/.test(ref)) return false;
    used.add(ref);
    out.set(key, ref);
    return true;
  };
  // Unique codes first, so that a label never takes a name a code needs.
  for (const r of form.rows)
    if (r.code && !SYMBOL_CODES.has(r.code) && codeCount.get(r.code) === 1) tryUse(r.key, r.code);
  for (const r of form.rows) {
    if (out.has(r.key)) continue;
    // An item numbered again in each section: "II.1" is item 1 of section II.
    let section = r.parentKey ? byKey.get(r.parentKey) : undefined;
    while (section && !(section.code && SECTION_CODE.test(section.code)))
      section = section.parentKey ? byKey.get(section.parentKey) : undefined;
    if (r.code && !SYMBOL_CODES.has(r.code) && section?.code) {
      if (tryUse(r.key, `${section.code}.${r.code}`)) continue;
    }
    if (labelCount.get(normalizeLabel(r.label)) === 1 && tryUse(r.key, r.label)) continue;
    tryUse(r.key, r.key);
  }
  return out;
}

function defaultCount(form: FormShape): FormMeasure | undefined {
  return (
    form.measures.find((m) => m.kind === "count" && m.inForm !== false) ??
    form.measures.find((m) => m.kind === "count")
  );
}

function measureHeader(form: FormShape, key: string): string {
  return form.measures.find((m) => m.key === key)?.header ?? key;
}

/** Writes a relation as a line of the rules tab. */
export function printRelation(rel: Relation, form: FormShape, refs = rowRefs(form)): string {
  const row = (key: string): string => `[${refs.get(key) ?? key}]`;
  const dflt = defaultCount(form)?.key;
  const percents = form.measures.filter((m) => m.kind === "percent" && m.inForm !== false);
  const cell = (ref: FormRef): string => {
    if (ref.measure === dflt) return row(ref.row);
    const m = form.measures.find((x) => x.key === ref.measure);
    // "Tỷ lệ [5]" when the form has one percentage column called so; else the header in the brackets.
    if (m && percents.length === 1 && percents[0] === m && measureLooseKey(m.header) === "ty le")
      return `Tỷ lệ ${row(ref.row)}`;
    return `[${refs.get(ref.row) ?? ref.row} | ${measureHeader(form, ref.measure)}]`;
  };
  switch (rel.kind) {
    case "partition":
      return `${row(rel.whole)} = ${rel.parts.map(row).join(" + ")}`;
    case "subset":
      return `${row(rel.part)} <= ${row(rel.whole)}`;
    case "percent":
      return `${cell(rel.target)} = ${cell(rel.numerator)} / ${cell(rel.denominator)}`;
    case "average":
      return `${cell(rel.target)} bình quân theo ${cell(rel.weight)}`;
    case "columnSum":
      return `Cột [${measureHeader(form, rel.whole)}] = ${rel.parts
        .map((p) => `[${measureHeader(form, p)}]`)
        .join(" + ")}`;
    case "balance":
      return `${row(rel.end)} = ${[row(rel.start), ...rel.plus.map(row)].join(" + ")}${rel.minus
        .map((m) => ` - ${row(m)}`)
        .join("")}`;
  }
}

export type ParsedRule = { ok: true; relation: Relation } | { ok: false; reason: Message };

interface Term {
  kind: "row" | "column";
  /** Row ref text or column header. */
  ref: string;
  /** Column name written before a row ref, or "". */
  measure: string;
}

const OPS = /^(<=|≤|>=|≥|=|\+|-|−|\/|bình quân theo|weighted by)/iu;

/** Splits a rule line into terms and operators; null when the line holds no bracket (not a rule). */
function lex(
  text: string
): { terms: Term[]; ops: string[]; trailing: string } | { error: string } | null {
  const s = text.normalize("NFC").trim();
  if (!/[[{]/.test(s)) return null;
  const terms: Term[] = [];
  const ops: string[] = [];
  let i = 0;
  let between = "";
  let columns = false;
  while (i < s.length) {
    const ch = s[i];
    if (ch === "[" || ch === "{") {
      const close = s.indexOf(ch === "[" ? "]" : "}", i);
      if (close < 0) return { error: "thiếu dấu đóng ngoặc" };
      const inner = s.slice(i + 1, close).trim();
      let gap = between.trim();
      if (terms.length > 0) {
        const m = OPS.exec(gap);
        if (!m) return { error: `thiếu phép tính trước “${inner}”` };
        ops.push(m[1].toLowerCase().replace("≤", "<=").replace("≥", ">=").replace("−", "-"));
        gap = gap.slice(m[0].length).trim();
      }
      if (ch === "{" && gap !== "") return { error: `thừa “${gap}”` };
      if (terms.length === 0 && ch === "[" && /^(cột|cot|column)$/iu.test(gap)) {
        columns = true;
        gap = "";
      }
      if (ch === "{" || columns) {
        terms.push({ kind: "column", ref: inner, measure: "" });
      } else {
        const bar = inner.indexOf("|");
        if (bar >= 0 && gap !== "") return { error: `cột ghi hai lần ở “${inner}”` };
        terms.push(
          bar >= 0
            ? { kind: "row", ref: inner.slice(0, bar).trim(), measure: inner.slice(bar + 1).trim() }
            : { kind: "row", ref: inner, measure: gap }
        );
      }
      between = "";
      i = close + 1;
    } else {
      between += ch;
      i++;
    }
  }
  return { terms, ops, trailing: between.trim() };
}

/** Reads a rule line. null: the line is not a rule (a title, an explanation); an error says why it fails. */
export function parseRelation(
  text: string,
  form: FormShape,
  source: RelationSource = "rules-sheet",
  refs = rowRefs(form)
): ParsedRule | null {
  const lexed = lex(text);
  if (lexed === null) return null;
  const fail = (vi: string, en: string): ParsedRule => ({ ok: false, reason: { vi, en } });
  if ("error" in lexed) return fail(lexed.error, "unreadable line");
  const { terms, ops, trailing } = lexed;
  if (trailing !== "" && !/^[*×x]\s*100$/i.test(trailing))
    return fail(`thừa “${trailing}” ở cuối`, `unexpected “${trailing}” at the end`);
  if (terms.length < 2) return fail("cần ít nhất hai vế", "needs two sides");

  const byRef = new Map<string, string>();
  for (const [key, ref] of refs) byRef.set(normalizeLabel(ref), key);
  for (const r of form.rows) {
    const l = normalizeLabel(r.label);
    if (!byRef.has(l)) byRef.set(l, r.key);
    if (!byRef.has(r.key)) byRef.set(r.key, r.key);
  }
  const rowKey = (t: Term): string | null => byRef.get(normalizeLabel(t.ref)) ?? null;
  const measureKey = (name: string): string | null => {
    const n = normalizeLabel(name);
    const l = measureLooseKey(name);
    const m =
      form.measures.find((x) => x.key === n) ??
      form.measures.find((x) => normalizeLabel(x.header) === n) ??
      form.measures.find((x) => measureLooseKey(x.header) === l);
    return m ? m.key : null;
  };
  for (const t of terms) {
    if (t.kind === "row" && rowKey(t) === null)
      return fail(`không có chỉ tiêu [${t.ref}] trong biểu`, `no row [${t.ref}] in the form`);
    if (t.kind === "column" && measureKey(t.ref) === null)
      return fail(`không có cột {${t.ref}} trong biểu`, `no column {${t.ref}} in the form`);
    if (t.kind === "row" && t.measure !== "" && measureKey(t.measure) === null)
      return fail(`không có cột “${t.measure}” trong biểu`, `no column “${t.measure}” in the form`);
  }
  const dflt = defaultCount(form);
  const cell = (t: Term, fallback: FormMeasure | undefined): FormRef | null => {
    const m = t.measure !== "" ? measureKey(t.measure) : (fallback?.key ?? null);
    const r = rowKey(t);
    return m && r ? { row: r, measure: m } : null;
  };

  if (terms.every((t) => t.kind === "column")) {
    if (ops[0] !== "=" || ops.slice(1).some((o) => o !== "+"))
      return fail("cột chỉ viết dạng {A} = {B} + {C}", "columns only as {A} = {B} + {C}");
    return {
      ok: true,
      relation: {
        kind: "columnSum",
        whole: measureKey(terms[0].ref)!,
        parts: terms.slice(1).map((t) => measureKey(t.ref)!),
        source,
      },
    };
  }
  if (terms.some((t) => t.kind === "column"))
    return fail("không trộn {cột} với [dòng]", "do not mix {columns} and [rows]");

  const op = ops[0];
  if (op === "<=" || op === ">=") {
    if (terms.length !== 2)
      return fail("so sánh chỉ giữa hai chỉ tiêu", "a comparison takes two rows");
    const [part, whole] = op === "<=" ? terms : [terms[1], terms[0]];
    return {
      ok: true,
      relation: { kind: "subset", whole: rowKey(whole)!, part: rowKey(part)!, source },
    };
  }
  if (op === "bình quân theo" || op === "weighted by") {
    if (terms.length !== 2) return fail("bình quân theo một chỉ tiêu", "weighted by one row");
    const target = cell(terms[0], dflt);
    const weight = cell(terms[1], dflt);
    if (!target || !weight) return fail("thiếu cột số lượng", "no count column");
    return { ok: true, relation: { kind: "average", target, weight, source } };
  }
  if (op !== "=") return fail(`vế trái phải theo sau bởi “=”`, `expected “=” after the left side`);
  const rest = ops.slice(1);
  if (rest.length === 1 && rest[0] === "/" && terms.length === 3) {
    const targetRow = form.rows.find((r) => r.key === rowKey(terms[0]));
    const firstPercent = form.measures.find((m) => m.kind === "percent" && m.inForm !== false);
    const targetFallback = targetRow?.percent ? dflt : (firstPercent ?? dflt);
    const target = cell(terms[0], targetFallback);
    const numerator = cell(terms[1], dflt);
    const denominator = cell(terms[2], dflt);
    if (!target || !numerator || !denominator) return fail("thiếu cột", "missing column");
    return { ok: true, relation: { kind: "percent", target, numerator, denominator, source } };
  }
  if (rest.some((o) => o !== "+" && o !== "-"))
    return fail("chỉ dùng + và - trong tổng", "sums use + and - only");
  if (terms.some((t) => t.measure !== ""))
    return fail(
      "tổng các chỉ tiêu áp dụng cho mọi cột, không ghi tên cột",
      "row sums apply to every column"
    );
  const whole = rowKey(terms[0])!;
  const keys = terms.slice(1).map((t) => rowKey(t)!);
  if (rest.every((o) => o === "+"))
    return { ok: true, relation: { kind: "partition", whole, parts: keys, source } };
  const signs = ["+", ...rest];
  const plus = keys.filter((_, i) => signs[i] === "+");
  const minus = keys.filter((_, i) => signs[i] === "-");
  if (plus.length === 0) return fail("cần ít nhất một số hạng cộng", "needs a term added");
  return {
    ok: true,
    relation: { kind: "balance", end: whole, start: plus[0], plus: plus.slice(1), minus, source },
  };
}
