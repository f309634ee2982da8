/**
 * What the engine hands to a writer: our own tabs as grids of cells (values, formulas, formats, links), the
 * cell flags for unit sheets, and the run's findings. The xlsx writer (ExcelJS) and the Excel writer
 * (Office JavaScript API) both write exactly this, so the two outputs agree.
 */
import { CellValue, SheetModel, columnLetters, sheetOrigin } from "./model";
import { Issue, Lang, Severity } from "./issue";
import { sheetRef } from "./sheetnames";

/** The roles of our own tabs; each tab carries a marker so that re-running replaces ours and only ours. */
export type OutputRole = "summary" | "issues" | "rules";

/** Name of the marker (a workbook-level custom property or defined name) that says a tab is ours. */
export const OUTPUT_MARKER = "tong-hop-output";

export interface OutCell {
  /** A constant. Strings are always written as text, never interpreted (even when they start with = + - @). */
  v?: CellValue;
  /** A formula ("=SUM(D6:M6)"), written as a formula, with `v` as its cached value. */
  f?: string;
  /** Number format ("#,##0", "0.0"). */
  fmt?: string;
  /** An internal hyperlink to a cell of a sheet in the same workbook. */
  link?: { sheet: string; cell: string };
  bold?: boolean;
  italic?: boolean;
  /** Fill colour, hex "#RRGGBB". */
  fill?: string;
  /** Font colour, hex "#RRGGBB". */
  color?: string;
  wrap?: boolean;
  align?: "left" | "center" | "right";
  border?: boolean;
}

export interface OutputSheet {
  role: OutputRole;
  /** Wanted name ("Tổng hợp", "Kiểm tra", "Quy tắc"); a writer picks another if a user's sheet has it. */
  name: string;
  /** Rows from A1. */
  cells: OutCell[][];
  merges: string[];
  /** Column widths in characters, from column A. */
  columnWidths: number[];
  /** Rows and columns to freeze (0 = none). */
  freeze: { rows: number; cols: number };
  /** A1 range for an autofilter, or null. */
  autoFilter: string | null;
  landscape: boolean;
  fitToWidth: boolean;
}

/** A highlight on a unit sheet's cell; removable (the writer keeps the previous fill to restore it). */
export interface Flag {
  file: string;
  sheet: string;
  cell: string;
  severity: Severity;
  /** Short reason shown as the cell's note/tooltip where the writer supports it. */
  message: string;
}

export const FLAG_FILL: Record<Severity, string> = {
  error: "#F8B4B4",
  warning: "#FFE699",
  info: "#DDEBF7",
};

export type SheetKind = "unit" | "template" | "other" | "ours";

export interface SheetInfo {
  file: string;
  sheet: string;
  kind: SheetKind;
  /** The unit's name ("Đảng bộ huyện Đầm Hà") for unit sheets, else null. */
  unitName: string | null;
  /** Why the sheet was classified so, one short line per language. */
  reason: string;
}

export interface UnitInfo {
  name: string;
  file: string;
  sheet: string;
}

/** One row of the province totals, values keyed by the form's own column headers. */
export interface TotalRow {
  code: string | null;
  label: string;
  values: Record<string, number | null>;
}

export interface RunOptions {
  lang?: Lang;
  /** Decimals for recomputed percentages; null = as the form shows them. */
  percentDecimals?: number | null;
  /** Unit column headers link to the unit's sheet. */
  linkToSources?: boolean;
  /** Restrict to these sheets (file + sheet); default: every sheet detected as a unit report. */
  only?: { file: string; sheet: string }[];
  /** Called with progress 0..1 during long runs. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Build our tabs and the cell flags (RunResult.sheets, flags). Default true; false where nothing is written
   * into a workbook (the command line with only its JSON report): units, totals and issues are the same.
   */
  tabs?: boolean;
}

export interface RunResult {
  units: UnitInfo[];
  totals: TotalRow[];
  issues: Issue[];
  /** Our tabs to write: "Tổng hợp" (consolidate only), "Kiểm tra", "Quy tắc". */
  sheets: OutputSheet[];
  flags: Flag[];
}

/** Points per line of 11-pt text, and the line count above which a row is capped (a long message scrolls). */
const LINE_HEIGHT = 15;
const MAX_LINES = 6;

/**
 * Row heights (in points, by 0-based row) that show the wrapped text of a tab whole. Writers of .xlsx need
 * them: files carry no autofit, and LibreOffice and older Excel keep the default height, so wrapped text
 * overlaps the next row. Merged cells are left out (their text spans several columns). Estimated from the
 * column widths in characters; bold text counts a little wider.
 */
export function estimateRowHeights(sheet: OutputSheet): Record<number, number> {
  const merged = new Set<string>();
  for (const m of sheet.merges) {
    const [a] = m.split(":");
    merged.add(a);
  }
  const heights: Record<number, number> = {};
  sheet.cells.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, c) => {
      if (!cell?.wrap || cell.v === undefined || cell.v === "") return;
      if (merged.has(columnLetters(c) + String(r + 1))) return;
      const width = Math.max(4, (sheet.columnWidths[c] ?? 9) - 1) / (cell.bold ? 1.1 : 1);
      const text = String(cell.v);
      const need = text
        .split("\n")
        .reduce((n, part) => n + Math.max(1, Math.ceil(part.length / width)), 0);
      lines = Math.max(lines, need);
    });
    if (lines > 1) heights[r] = Math.min(lines, MAX_LINES) * LINE_HEIGHT;
  });
  return heights;
}

/** Excel's longest string constant inside a formula. */
const FORMULA_STRING_MAX = 255;

/**
 * An internal link written as a formula, =HYPERLINK("#'Sheet'!A1","text"), for the .xlsx writers; null when
 * the text cannot be a formula's string constant (over Excel's 255 characters, or a control character), and
 * the writer falls back to a hyperlink element. Why a formula: LibreOffice draws a cell carrying a hyperlink
 * element as a link field on one line, its wrap ignored, so the unit names heading the summary's narrow
 * columns were cut off ("Đảng bộ huyệ"); a HYPERLINK formula cell wraps, in Excel and LibreOffice alike.
 */
export function linkFormula(sheet: string, cell: string, text: string): string | null {
  const target = `#${sheetRef(sheet, cell.replace(/\$/g, ""))}`;
  if (text.length > FORMULA_STRING_MAX || target.length > FORMULA_STRING_MAX) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return null;
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `=HYPERLINK(${quote(target)},${quote(text)})`;
}

/** Characters across a portrait A4 page at 100% (Calibri 11, default margins), and the least scale to print at. */
const PORTRAIT_CHARS = 94;
const MIN_SCALE = 0.72;

/**
 * How a copied unit sheet prints: one page wide (as report forms are printed), landscape when its columns
 * are wider than portrait A4 holds at a readable scale. `columnWidths` in characters by 0-based column
 * (absent: the default 9); hidden columns do not print.
 */
export function copyPrintSetup(
  sheet: SheetModel,
  columnWidths: Record<number, number>
): { landscape: boolean } {
  let columns = 0;
  for (const row of sheet.values) if (row.length > columns) columns = row.length;
  columns += sheetOrigin(sheet).col;
  const hidden = new Set(sheet.hiddenColumns);
  let total = 0;
  for (let c = 0; c < columns; c++) if (!hidden.has(c)) total += columnWidths[c] ?? 9;
  return { landscape: total * MIN_SCALE > PORTRAIT_CHARS };
}
