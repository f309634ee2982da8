/**
 * Output cells turned into what Range.formulas and Range.numberFormat take, and their styles grouped into
 * runs so that a tab is formatted with a few range operations instead of one per cell.
 */
import { CellValue } from "../core/model";
import { OutCell, OutputSheet } from "../core/output";
import { quoteSheet } from "./address";

/**
 * Excel parses what is written to a cell as if typed: "=…", "+…", "-…", "@…" become formulas, "5.022",
 * "1.1", "9/10", "TRUE", "Mar 5" become numbers, dates or booleans. A leading apostrophe is Excel's own
 * escape (the quote prefix, not part of the value), so such strings are written as "'" + text.
 */
const MONTH_DATE =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)[\s\-/.,]+\d/i;

export function needsTextEscape(s: string): boolean {
  return /^[=+\-@'#\s\d.,(%$€£¥₫]/.test(s) || /^(true|false)$/i.test(s) || MONTH_DATE.test(s);
}

/** The input for one cell: a formula as a formula, a string always as text, numbers and booleans as such. */
export function cellInput(cell: OutCell | undefined): CellValue {
  if (!cell) return "";
  if (cell.f) return cell.f.startsWith("=") ? cell.f : "=" + cell.f;
  const v = cell.v;
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v !== "" && needsTextEscape(v) ? "'" + v : v;
  return v;
}

/** HYPERLINK formula to a cell, for Excel versions without Range.hyperlink (ExcelApi 1.7). */
export function hyperlinkFormula(sheet: string, cell: string, text: string): string {
  const target = `#${quoteSheet(sheet)}!${cell}`.replace(/"/g, '""');
  return `=HYPERLINK("${target}","${text.replace(/"/g, '""')}")`;
}

/** Width of a sheet's grid: its longest row. */
export function gridWidth(sheet: OutputSheet): number {
  return Math.max(0, ...sheet.cells.map((r) => r.length));
}

/** The formulas and number formats of rows [from, to) as full rectangles of the sheet's width. */
export function inputRows(
  sheet: OutputSheet,
  from: number,
  to: number
): { formulas: CellValue[][]; formats: string[][] } {
  const width = gridWidth(sheet);
  const formulas: CellValue[][] = [];
  const formats: string[][] = [];
  for (let r = from; r < to; r++) {
    const row = sheet.cells[r] ?? [];
    const f: CellValue[] = [];
    const n: string[] = [];
    for (let c = 0; c < width; c++) {
      f.push(cellInput(row[c]));
      n.push(row[c]?.fmt ?? "General");
    }
    formulas.push(f);
    formats.push(n);
  }
  return { formulas, formats };
}

export type StyleKey = "bold" | "italic" | "fill" | "color" | "wrap" | "align" | "border";
const STYLE_KEYS: StyleKey[] = ["bold", "italic", "fill", "color", "wrap", "align", "border"];

/** A style applied to cells row, c0..c1 (inclusive, 0-based). */
export interface StyleRun {
  row: number;
  c0: number;
  c1: number;
  key: StyleKey;
  value: string | boolean;
}

/** Consecutive cells of a row with the same value of one style, for each style that is set. */
export function styleRuns(sheet: OutputSheet): StyleRun[] {
  const runs: StyleRun[] = [];
  sheet.cells.forEach((row, r) => {
    for (const key of STYLE_KEYS) {
      let start = -1;
      let value: string | boolean | undefined;
      for (let c = 0; c <= row.length; c++) {
        const v = c < row.length ? styleValue(row[c], key) : undefined;
        if (v !== value) {
          if (value !== undefined) runs.push({ row: r, c0: start, c1: c - 1, key, value });
          start = c;
          value = v;
        }
      }
    }
  });
  return runs;
}

function styleValue(cell: OutCell | undefined, key: StyleKey): string | boolean | undefined {
  const v = cell?.[key];
  // A false flag is the default look: nothing to apply.
  return v === false ? undefined : v;
}

/** Column width in characters to points (Excel: 8.43 characters = 64 px = 48 pt). */
export function widthToPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}
