/**
 * The sheet model: what the Office JavaScript API returns for a worksheet's used range (Range.values, formulas, numberFormat,
 * valueTypes as 2-D arrays plus the range's top-left address), and a few sheet facts Office exposes elsewhere.
 * The Excel adapter copies these arrays as they come; the xlsx adapter produces the same shape.
 */

/** A cell value as Range.values gives it: "" for an empty cell, error values as their text ("#DIV/0!"). */
export type CellValue = string | number | boolean;

/** Range.valueTypes. */
export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error" | "Unknown";

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface SheetModel {
  name: string;
  /** Top-left cell of the used range, A1 style, no sheet name, no `$` ("A1", "B3"). */
  address: string;
  /** Rows of the used range; every row has the same length. */
  values: CellValue[][];
  /** Range.formulas: "=SUM(C5:C9)" where a formula is, otherwise the constant (same as values). */
  formulas: CellValue[][];
  /** Range.numberFormat: "General", "#,##0", "0.0%", ... */
  numberFormat: string[][];
  valueTypes: ValueType[][];
  /** Merged areas, A1 ranges within the sheet ("A1:F1"). */
  merges: string[];
  visibility: SheetVisibility;
  /** Absolute 0-based indexes of hidden rows and columns. */
  hiddenRows: number[];
  hiddenColumns: number[];
  /** Font names of cells whose font is not the workbook default, by A1 address (".VnTime", "VNI-Times"). */
  fonts: Record<string, string>;
  /** Cell notes/comments by A1 address. */
  comments: Record<string, string>;
  /** Position of the sheet in its workbook (0-based). */
  position: number;
}

export interface WorkbookModel {
  /** The input path as given (joined with the path inside a given folder), or the workbook's name in Excel. */
  file: string;
  sheets: SheetModel[];
  /**
   * Our own tabs that a reader found by their markers (defined names, which follow a renamed tab) and read,
   * kept apart from `sheets`: the "Quy tắc" tab staff edit, whatever they named it.
   */
  ours?: OurTab[];
}

/** One of our tabs in a workbook, by its role ("summary", "issues", "rules"), and its cells. */
export interface OurTab {
  role: "summary" | "issues" | "rules";
  sheet: SheetModel;
}

/** 0-based column index to letters: 0 → "A", 26 → "AA". */
export function columnLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Absolute 0-based row and column to an A1 address ("E18"). */
export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/** "E18" or "$E$18" → { row: 17, col: 4 }. Throws on anything else. */
export function parseAddress(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new Error(`Bad cell address: ${a1}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "A1:C3" → corners (0-based, inclusive). A single cell gives equal corners. */
export function parseRange(a1: string): {
  top: number;
  left: number;
  bottom: number;
  right: number;
} {
  const [a, b] = a1.split(":");
  const p = parseAddress(a);
  const q = b ? parseAddress(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** The sheet's origin: absolute 0-based row and column of values[0][0]. */
export function sheetOrigin(sheet: SheetModel): { row: number; col: number } {
  return parseAddress(sheet.address);
}

/** A cell of the sheet by absolute 0-based position, or undefined outside the used range. */
export function cellAt(sheet: SheetModel, row: number, col: number): CellValue | undefined {
  const o = sheetOrigin(sheet);
  return sheet.values[row - o.row]?.[col - o.col];
}

/** Builds a sheet model from a grid of values (tests, fixtures, generated sheets). Formulas equal values. */
export function sheetFromGrid(
  name: string,
  grid: CellValue[][],
  options: Partial<Omit<SheetModel, "name" | "values">> = {}
): SheetModel {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const values = grid.map((r) => {
    const row = r.slice();
    while (row.length < width) row.push("");
    return row;
  });
  const typeOf = (v: CellValue): ValueType => {
    if (v === "") return "Empty";
    if (typeof v === "number") return "Double";
    if (typeof v === "boolean") return "Boolean";
    return /^#(DIV\/0!|N\/A|REF!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/.test(v)
      ? "Error"
      : "String";
  };
  return {
    name,
    address: options.address ?? "A1",
    values,
    formulas: options.formulas ?? values.map((r) => r.slice()),
    numberFormat: options.numberFormat ?? values.map((r) => r.map(() => "General")),
    valueTypes: options.valueTypes ?? values.map((r) => r.map(typeOf)),
    merges: options.merges ?? [],
    visibility: options.visibility ?? "Visible",
    hiddenRows: options.hiddenRows ?? [],
    hiddenColumns: options.hiddenColumns ?? [],
    fonts: options.fonts ?? {},
    comments: options.comments ?? {},
    position: options.position ?? 0,
  };
}
