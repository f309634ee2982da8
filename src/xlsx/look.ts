/**
 * What an .xlsx reader gives besides the sheet model: how each unit sheet looks (kept so the output's copy
 * looks like the original) and which of our own tabs the file holds. Shared by both readers; no ExcelJS code.
 */
import type ExcelJS from "exceljs";
import { Issue } from "../core/issue";
import { SheetModel, WorkbookModel, cellAddress } from "../core/model";
import { FileRole } from "./marker";

type LookStyles = Record<string, Partial<ExcelJS.Style>>;

/** How a unit sheet looks (beyond the model), kept so the output's copy of it looks like the original. */
export interface SheetLook {
  /** Width in characters by 0-based column (absent: default). */
  columnWidths: Record<number, number>;
  /** Height in points by 0-based row (absent: default). */
  rowHeights: Record<number, number>;
  /** ExcelJS styles (font, alignment, border, fill) by A1 address, for cells of the used range that have one. */
  styles: LookStyles;
  /**
   * The same styles as `styles`, packed (see packedLook), while nothing has asked for `styles` by address.
   * Not enumerable: a packed look compares and serialises as the plain one does.
   */
  packed?: PackedStyles;
}

/**
 * A sheet's look styles by position rather than by address: for each cell of the used range (row by row,
 * `width` cells a row from `top`, `left`), its index in `list`, or -1. 7 000 styled cells of a large form
 * take 28 KB here, against about 400 KB as an object keyed by address with its address strings, and memory
 * first touched is what reading costs most on a virtual machine (BENCHMARKS.md).
 */
export interface PackedStyles {
  top: number;
  left: number;
  width: number;
  at: Int32Array;
  list: Partial<ExcelJS.Style>[];
}

/**
 * A look whose styles stay packed until something asks for `styles` (the ExcelJS writer, a restored flag):
 * then the record is made once, kept, and `packed` is dropped, so that later edits of the record are what
 * every reader of the look sees.
 */
export function packedLook(
  columnWidths: Record<number, number>,
  rowHeights: Record<number, number>,
  packed: PackedStyles
): SheetLook {
  const look = { columnWidths, rowHeights } as SheetLook;
  let record: LookStyles | null = null;
  Object.defineProperty(look, "packed", {
    value: packed,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(look, "styles", {
    enumerable: true,
    configurable: true,
    get(): LookStyles {
      if (record === null) {
        // Until then `packed` is still set: what it holds is unpacked, then let go.
        record = unpackStyles(look.packed!);
        stylesWithinRange.add(record);
        look.packed = undefined;
      }
      return record;
    },
    set(value: LookStyles) {
      record = value;
      look.packed = undefined;
    },
  });
  return look;
}

function unpackStyles(p: PackedStyles): LookStyles {
  const out: LookStyles = {};
  const { at, list, width, top, left } = p;
  for (let k = 0; k < at.length; k++) {
    if (at[k] < 0) continue;
    out[cellAddress(top + Math.floor(k / width), left + (k % width))] = list[at[k]];
  }
  return out;
}

/** Whether a look has any cell style. */
export function hasLookStyles(look: SheetLook | undefined): boolean {
  if (!look) return false;
  if (look.packed) return look.packed.list.length > 0;
  for (const address in look.styles) return address !== undefined;
  return false;
}

/** The look style of the cell at 0-based `row`, `col` (A1 `address`), packed or not. */
export function lookStyleAt(
  look: SheetLook | undefined,
  row: number,
  col: number,
  address: string
): Partial<ExcelJS.Style> | undefined {
  if (!look) return undefined;
  const p = look.packed;
  if (!p) return look.styles[address];
  const i = row - p.top;
  const j = col - p.left;
  if (i < 0 || j < 0 || j >= p.width) return undefined;
  const k = p.at[i * p.width + j];
  return k === undefined || k < 0 ? undefined : p.list[k];
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
