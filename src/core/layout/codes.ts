/**
 * Row codes of report forms: sections I, II (or A, B), items 1, 2, sub-items 1.1 or a, b, and the "-" and "+"
 * rows below them; a code written in its own column or in front of the label ("1. Tổng số đảng viên").
 */

export type CodeKind = "roman" | "upper" | "number" | "lower" | "symbol";

export interface RowCode {
  /** Normalised: no trailing "." or ")", symbols unified ("–" → "-"). */
  code: string;
  kind: CodeKind;
  /** Levels of a numbered code: 1 for "2", 2 for "2.1". */
  levels?: number;
}

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** Reads a code cell ("I", "II.", "1", "1.1", "a)", "-", "+"); null when it is not a code. */
export function parseCode(text: string): RowCode | null {
  const t = text
    .trim()
    .replace(/[.)]+$/, "")
    .replace(/^\(/, "");
  if (t === "") return null;
  if (/^[-–—•]$/.test(t)) return { code: "-", kind: "symbol" };
  if (/^[+*]$/.test(t)) return { code: t, kind: "symbol" };
  if (/^\d{1,3}(\.\d{1,3})*$/.test(t))
    return { code: t, kind: "number", levels: t.split(".").length };
  if (ROMAN.test(t)) return { code: t, kind: "roman" };
  if (/^[A-Z]$/.test(t)) return { code: t, kind: "upper" };
  if (/^[a-zđ]$/.test(t)) return { code: t, kind: "lower" };
  return null;
}

const PREFIX: [RegExp, (m: RegExpExecArray) => RowCode][] = [
  [/^([IVXL]{1,5})[.)]\s*/u, (m) => ({ code: m[1], kind: "roman" })],
  [/^([A-Z])[.)]\s+/u, (m) => ({ code: m[1], kind: "upper" })],
  // "1. ", "1.1 ", "2) "; a bare number only before a capital ("30 năm tuổi đảng" is a label).
  [/^(\d{1,2}(?:\.\d{1,2})+)\.?\s+/u, (m) => ({ code: m[1], kind: "number" })],
  [/^(\d{1,2})[.)]\s*(?!\d)/u, (m) => ({ code: m[1], kind: "number" })],
  [/^(\d{1,2})\s+(?=\p{Lu})/u, (m) => ({ code: m[1], kind: "number" })],
  [/^([a-zđ])[.)]\s+/u, (m) => ({ code: m[1], kind: "lower" })],
  [/^([-–—•])\s*/u, () => ({ code: "-", kind: "symbol" })],
  [/^([+*])\s*/u, (m) => ({ code: m[1], kind: "symbol" })],
];

/** Splits a code written in front of a label: "1.1 Đảng viên nữ" → code 1.1, label "Đảng viên nữ". */
export function splitCode(label: string): { code: RowCode | null; label: string } {
  const s = label.trim();
  for (const [re, make] of PREFIX) {
    const m = re.exec(s);
    if (m && m[0].length < s.length) {
      const rest = s.slice(m[0].length).trim();
      if (rest !== "" && /\p{L}/u.test(rest)) return { code: make(m), label: rest };
    }
  }
  return { code: null, label: s };
}

/** Walks rows in order and gives each its depth from its code and what came before. */
export class DepthTracker {
  private structural = 0;
  private dash: number | null = null;
  private number = 0;
  private hasStructure = false;

  depthOf(code: RowCode | null): number {
    if (!code) return this.hasStructure ? this.structural + 1 : 1;
    let d: number;
    switch (code.kind) {
      case "roman":
      case "upper":
        d = 0;
        break;
      case "number":
        d = code.levels ?? code.code.split(".").length;
        this.number = d;
        break;
      case "lower":
        d = (this.number || 1) + 1;
        break;
      case "symbol":
        if (code.code === "-") {
          d = this.structural + 1;
          this.dash = d;
        } else d = (this.dash ?? this.structural) + 1;
        return d;
    }
    if (code.kind === "roman" || code.kind === "upper") this.number = 0;
    this.structural = d;
    this.dash = null;
    this.hasStructure = true;
    return d;
  }
}
