/**
 * What an .xlsx reader gives besides the sheet model: how each unit sheet looks (kept so the output's copy
 * looks like the original) and which of our own tabs the file holds. Shared by both readers; no ExcelJS code.
 */
import type ExcelJS from "exceljs";
import { Issue } from "../core/issue";
import { SheetModel, WorkbookModel } from "../core/model";
import { FileRole } from "./marker";

/** How a unit sheet looks (beyond the model), kept so the output's copy of it looks like the original. */
export interface SheetLook {
  /** Width in characters by 0-based column (absent: default). */
  columnWidths: Record<number, number>;
  /** Height in points by 0-based row (absent: default). */
  rowHeights: Record<number, number>;
  /** ExcelJS styles (font, alignment, border, fill) by A1 address, for cells of the used range that have one. */
  styles: Record<string, Partial<ExcelJS.Style>>;
}

/**
 * Look style records (SheetLook.styles) whose addresses all lie within their sheet's used range, as a reader
 * built them: the writer then finds every one while going through the grid and need not scan them first.
 */
export const stylesWithinRange = new WeakSet<object>();

/** Looks of the sheets a reader read, by model object (the model itself stays plain data). */
export const sheetLooks = new WeakMap<SheetModel, SheetLook>();

export interface ReadResult {
  /** Null when the file could not be read at all (then `issues` says why). */
  workbook: WorkbookModel | null;
  issues: Issue[];
  /** Our own tabs found in the file (left out of `workbook.sheets`), with their role. */
  ours: { sheet: string; role: FileRole }[];
}
