/**
 * .xlsx bytes → the sheet model, without ExcelJS: the zip read with fflate (after the same size checks as
 * read.ts) and the parts we need tokenized directly. It gives the same model, issues, our-tab list and sheet
 * looks as read.ts gives through ExcelJS, down to ExcelJS's own ways (which cells count, shared formulas slid
 * by its rule, dates made serial again, styles in its shapes); test/xlsx/fast-read.test.ts holds the two
 * readers to that. Where ExcelJS loses data, this reader keeps it (see BENCHMARKS.md): rows or cells written
 * without an `r` reference, SpreadsheetML with a namespace prefix, a formula whose cached text result is "".
 */
import { Issue, makeIssue } from "../core/issue";
import {
  CellValue,
  OurTab,
  SheetModel,
  SheetVisibility,
  ValueType,
  WorkbookModel,
  cellAddress,
  columnLetters,
} from "../core/model";
import { DEFAULT_LIMITS, FILE_RULES, ReadLimits } from "./file-rules";
import { PackedStyles, ReadResult, packedLook, sheetLooks, stylesWithinRange } from "./look";
import { FileRole, readBack, roleOfMarker } from "./marker";
import {
  CellStyle,
  RichRun,
  SharedString,
  Styles,
  isDateFmt,
  parseComments,
  parseRels,
  parseSharedStrings,
  parseWorkbook,
  unescapeX,
  xmlDecodeAgain,
} from "./parts";
import { bilingual, checkDirectory, checkSignature, inflateChecked } from "./precheck";
import { CLOSE, END, OPEN, TEXT, XmlError, XmlReader } from "./xml";
import { RawInflater } from "./zip";

// ---------------------------------------------------------------------------------------------------------
// Cell values the way ExcelJS holds them, before read.ts turns them into Range.values.

/** An object value: an error, rich text, a date (ms since 1970), or ExcelJS's {} for an empty <si/>. */
interface XObj {
  error?: string;
  richText?: RichRun[];
  date?: number;
}
type XValue = undefined | number | string | boolean | XObj;

const enum Kind {
  Null,
  Merge,
  Value,
  Formula,
}

/** One cell as ExcelJS ends up holding it. */
interface XCell {
  kind: Kind;
  style: CellStyle;
  value?: XValue;
  /** Formula text (master or plain), without "=". */
  formula?: string;
  /** A slave of a shared formula: the master's address. */
  shared?: string;
  sharedSlave?: boolean;
  result?: XValue;
  /** Normalised address ("E14"), made on demand from rowNo and colNo (a string per cell costs): addressOf. */
  address?: string;
  rowNo: number;
  /** 1-based. */
  colNo: number;
  note?: string;
  /** What read.ts makes of it, once the sheet is built (undefined: not looked at). */
  read?: CellRead | null;
}

interface XRow {
  number: number;
  style: CellStyle;
  height?: number;
  hidden: boolean;
  cells: (XCell | undefined)[];
}

interface XCol {
  width?: number;
  hidden: boolean;
  style: CellStyle;
}

const EMPTY_STYLE: CellStyle = Object.freeze({}) as CellStyle;

/** ExcelJS's column letters → number, upper-case letters only. */
function decodeAddress(ref: string): { row: number; col: number } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (!hasRow && ch >= 65 && ch <= 90) {
      hasCol = true;
      col = col * 26 + ch - 64;
    } else if (!hasRow && ch >= 97 && ch <= 122) {
      hasCol = true;
      col = col * 26 + ch - 96;
    } else if (ch >= 48 && ch <= 57) {
      hasRow = true;
      row = row * 10 + ch - 48;
    } else if (hasRow && hasCol && ch !== 36) break;
  }
  return { row: hasRow ? row : NaN, col: hasCol ? col : NaN };
}

/** ExcelJS's n2l, with its error for a column out of range. */
function n2l(n: number): string {
  if (!(n >= 1 && n <= 16384)) {
    throw new Error(`${n} is out of bounds. Excel supports columns from 1 to 16384`);
  }
  return columnLetters(n - 1);
}

function l2n(l: string): number {
  let n = 0;
  for (let i = 0; i < l.length; i++) n = n * 26 + l.charCodeAt(i) - 64;
  if (n > 16384) throw new Error(`Out of bounds. Invalid column letter: ${l}`);
  return n;
}

/** ExcelJS's slideFormula: a shared formula's text moved from its master to another cell. */
function slideFormula(formula: string, from: string, to: string): string {
  const a = decodeAddress(from);
  const b = decodeAddress(to);
  return formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (refMatch: string, sheet?: string, _s?: string, addr?: string, paren?: string) => {
      if (paren) return refMatch;
      const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr ?? "");
      if (!m) return refMatch;
      const colStr = m[2].toUpperCase();
      if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return refMatch;
      let col = l2n(colStr);
      let row = parseInt(m[4], 10);
      if (!m[1]) col += b.col - a.col;
      if (!m[3]) row += b.row - a.row;
      return (sheet || "") + (m[1] || "") + n2l(col) + (m[3] || "") + row;
    }
  );
}

const DAY_MS = 86400000;

/** ExcelJS's excelToDate, kept as milliseconds. */
function toDate(v: XValue, date1904: boolean): XObj {
  const x =
    typeof v === "number"
      ? v
      : typeof v === "string"
        ? Number(v)
        : typeof v === "boolean"
          ? Number(v)
          : NaN;
  const ms = Math.round((x - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return { date: Math.abs(ms) <= 8.64e15 ? ms : NaN };
}

/** read.ts's dateToSerial. */
function dateToSerial(ms: number, date1904: boolean): number {
  const serial = ms / DAY_MS + 25569 - (date1904 ? 1462 : 0);
  return Math.round(serial * 1e9) / 1e9;
}

const isObj = (v: XValue): v is XObj => typeof v === "object" && v !== null;

/** read.ts's plain(): a value as Range.values gives it, with its valueType. */
function plain(v: XValue, date1904: boolean): { value: CellValue; type: ValueType } {
  if (v === null || v === undefined) return { value: "", type: "Empty" };
  if (typeof v === "number") return { value: v, type: "Double" };
  if (typeof v === "string") return { value: v, type: v === "" ? "Empty" : "String" };
  if (typeof v === "boolean") return { value: v, type: "Boolean" };
  if (isObj(v)) {
    if (v.date !== undefined) return { value: dateToSerial(v.date, date1904), type: "Double" };
    if (typeof v.error === "string") return { value: v.error, type: "Error" };
    if (Array.isArray(v.richText)) {
      return { value: v.richText.map((r) => r.text).join(""), type: "String" };
    }
  }
  return { value: String(v), type: "Unknown" };
}

// ---------------------------------------------------------------------------------------------------------
// A worksheet part → rows and cells as ExcelJS holds them.

interface SheetContext {
  styles: Styles;
  sst: SharedString[] | null;
  date1904: boolean;
  comments: Map<string, string>;
  hyperlinks: Set<string>;
}

interface ParsedSheet {
  rows: (XRow | undefined)[];
  cols: XCol[] | null;
  merges: { top: number; left: number; bottom: number; right: number }[];
}

/** Children text of the current element, ExcelJS's way: every text event inside, concatenated. */
function textOf(r: XmlReader): string | undefined {
  if (r.selfClosing) {
    r.next();
    return undefined;
  }
  let out: string | undefined;
  const depth = r.depth;
  while (r.next() !== END) {
    if (r.kind === TEXT) out = (out ?? "") + r.text();
    else if (r.kind === CLOSE && r.depth === depth - 1) break;
  }
  return out;
}

function readRun(r: XmlReader): RichRun {
  const run: RichRun = {};
  const depth = r.depth;
  while (r.next() !== END) {
    if (r.kind === CLOSE && r.depth === depth - 1) break;
    if (r.kind === OPEN && r.name === "t") run.text = unescapeX(textOf(r) ?? "");
    else if (r.kind === OPEN) r.skip();
  }
  return run;
}

function parseSheet(xml: string, ctx: SheetContext): ParsedSheet {
  const r = new XmlReader(xml);
  const rows: (XRow | undefined)[] = [];
  const colDefs: { min: number; max: number; width?: number; hidden: boolean; styleId: number }[] =
    [];
  const mergeRefs: string[] = [];
  const formulae = new Map<string, string>();
  let lastRow = 0;
  while (r.next() !== END) {
    if (r.kind !== OPEN) continue;
    const depth = r.depth;
    if (depth !== 2 && !(depth === 3 && CHILDREN.has(r.name))) {
      if (depth > 2) r.skip();
      continue;
    }
    switch (r.name) {
      case "col": {
        const width = r.rawAttr("width");
        colDefs.push({
          min: parseInt(r.rawAttr("min") || "0", 10),
          max: parseInt(r.rawAttr("max") || "0", 10),
          width: width === undefined ? undefined : parseFloat(width || "0"),
          hidden: parseBool(r.rawAttr("hidden")),
          styleId: parseInt(r.rawAttr("style") ?? "", 10),
        });
        r.skip();
        break;
      }
      case "row": {
        const number = parseInt(r.rawAttr("r") ?? "", 10) || lastRow + 1;
        lastRow = number;
        const s = r.rawAttr("s");
        const ht = r.rawAttr("ht");
        const styleId = s ? parseInt(s, 10) : 0;
        const row: XRow = {
          number,
          style: (styleId && ctx.styles.style(styleId)) || EMPTY_STYLE,
          hidden: parseBool(r.rawAttr("hidden")),
          cells: [],
        };
        const height = ht ? parseFloat(ht) : undefined;
        if (height) row.height = height;
        rows[number - 1] = row;
        readCells(r, row, ctx, formulae);
        break;
      }
      case "mergeCell": {
        const ref = r.rawAttr("ref");
        if (ref) mergeRefs.push(ref);
        r.skip();
        break;
      }
      case "sheetData":
      case "cols":
      case "mergeCells":
        break;
      default:
        r.skip();
    }
  }
  const cols = columnsFromModel(colDefs, ctx.styles);
  const sheet: ParsedSheet = { rows, cols, merges: [] };
  for (const ref of mergeRefs) applyMerge(sheet, ref);
  return sheet;
}

const parseBool = (v: string | undefined) => v === "1" || v === "true";

// isDateFmt runs two replacements and a test per call: remember its answer per format (a file has few).
const dateFmts = new Map<string, boolean>();

export function isDate(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  let hit = dateFmts.get(numFmt);
  if (hit === undefined) {
    if (dateFmts.size >= 1024) dateFmts.clear();
    hit = isDateFmt(numFmt);
    dateFmts.set(numFmt, hit);
  }
  return hit;
}

/** parseInt(s, 10), without its general path for the usual few plain digits. */
function toInt(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9) return parseInt(s, 10);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return parseInt(s, 10);
    v = v * 10 + d;
  }
  return v;
}

const C_ATTRS = ["r", "s", "t"];
const cAttrs: (string | undefined)[] = [];

/** Elements read one level down: rows of sheetData, cols of cols, merged areas of mergeCells. */
const CHILDREN = new Set(["row", "col", "mergeCell"]);

function readCells(
  r: XmlReader,
  row: XRow,
  ctx: SheetContext,
  formulae: Map<string, string>
): void {
  if (r.selfClosing) {
    r.next();
    return;
  }
  const rowDepth = r.depth;
  let prevCol = 0;
  for (let kind = r.next(); kind !== END; kind = r.next()) {
    if (kind === CLOSE && r.depth === rowDepth - 1) return;
    if (kind !== OPEN) continue;
    if (r.name !== "c") {
      r.skip();
      continue;
    }
    r.rawAttrs(C_ATTRS, cAttrs);
    const [ref, s, t] = cAttrs;
    const styleId = s ? toInt(s) : NaN;
    let value: string | undefined;
    let rich: RichRun[] | undefined;
    let formula: string | undefined;
    let shareType: string | undefined;
    let si: string | undefined;
    let fref: string | undefined;
    // Most cells are <c ...><v>text</v></c>: read those without the general loop.
    const fast = r.selfClosing ? undefined : r.simpleText("<v>", "</v>");
    if (fast !== undefined) value = fast ?? undefined;
    if (fast !== undefined && r.closeIfNext()) {
      // done: the cell is read
    } else if (!r.selfClosing) {
      const depth = r.depth;
      for (let k = r.next(); k !== END; k = r.next()) {
        if (k === CLOSE && r.depth === depth - 1) break;
        if (k !== OPEN) continue;
        const name: string = r.name;
        switch (name) {
          case "v":
          case "t": {
            const text = textOf(r);
            if (text !== undefined && !rich) value = (value ?? "") + text;
            break;
          }
          case "f":
            shareType = r.rawAttr("t");
            si = r.rawAttr("si");
            fref = r.rawAttr("ref");
            {
              const text = textOf(r);
              if (text !== undefined) formula = (formula ?? "") + text;
            }
            break;
          case "r":
            (rich ??= []).push(readRun(r));
            break;
          case "is":
          case "rPh":
            // ExcelJS adds the text of any <t> outside a run to the value, phonetic runs included.
            break;
          default:
            r.skip();
        }
      }
    } else r.next();

    let col: number;
    if (ref) {
      col = decodeAddress(ref).col;
      if (!(col >= 1)) col = prevCol + 1;
    } else col = prevCol + 1;
    prevCol = col;
    if (col > 16384) throw new Error(`Out of bounds. Invalid column letter: ${ref}`);
    const rowNo = row.number;

    const style = (styleId && ctx.styles.style(styleId)) || EMPTY_STYLE;
    const numFmt = style.numFmt;
    const linked = Boolean(ref) && ctx.hyperlinks.size > 0 && ctx.hyperlinks.has(ref!);
    let cell: XCell;
    if (formula || shareType) {
      let result: XValue;
      if (value) {
        if (t === "str") result = xmlDecodeAgain(value);
        else if (t === "b") result = parseInt(value, 10) !== 0;
        else if (t === "e") result = { error: value };
        else result = parseFloat(value);
      } else if (t === "str") {
        // Excel writes an empty <v></v> for a formula whose text result is "": computed, not missing.
        result = "";
      }
      if (result !== undefined && isDate(numFmt)) result = toDate(result, ctx.date1904);
      cell = newCell(Kind.Formula, style, rowNo, col, undefined, formula, result);
      if (shareType === "shared") {
        if (fref) formulae.set(si ?? "undefined", addressOf(cell));
        else {
          cell.sharedSlave = true;
          cell.shared = formulae.get(si ?? "undefined");
        }
      }
    } else if (value !== undefined || rich) {
      let v: XValue;
      switch (t) {
        case "s": {
          const index = toInt(value ?? "");
          if (ctx.sst) {
            v = ctx.sst[index];
            if (v === undefined) {
              throw new Error("Cannot read properties of undefined (reading 'richText')");
            }
          } else v = index;
          break;
        }
        case "str":
          v = xmlDecodeAgain(value ?? "");
          break;
        case "inlineStr":
          v = rich ? { richText: rich } : value;
          break;
        case "b":
          v = parseInt(value ?? "", 10) !== 0;
          break;
        case "e":
          v = { error: value ?? "" };
          break;
        default:
          v = parseFloat(value ?? "");
          if (isDate(numFmt)) v = toDate(v, ctx.date1904);
      }
      cell = newCell(Kind.Value, style, rowNo, col, v);
    } else if (styleId) cell = newCell(Kind.Null, style, rowNo, col);
    else if (linked) cell = newCell(Kind.Merge, style, rowNo, col);
    else continue; // A cell with neither value nor style: ExcelJS leaves it out.

    if (linked) {
      // ExcelJS turns a linked cell into { text, hyperlink }: the text is the value (or formula result).
      const text = cell.kind === Kind.Formula ? cell.result : cell.value;
      cell = newCell(Kind.Value, style, rowNo, col, hyperlinkText(text));
    }
    const note = ref && ctx.comments.size > 0 ? ctx.comments.get(ref) : undefined;
    if (note !== undefined) cell.note = note;
    row.cells[col - 1] = cell;
  }
}

/** Every field set from the start: one shape for all cells, nothing added later (`read`, `note`). */
function newCell(
  kind: Kind,
  style: CellStyle,
  rowNo: number,
  colNo: number,
  value?: XValue,
  formula?: string,
  result?: XValue
): XCell {
  return {
    kind,
    style,
    value,
    formula,
    shared: undefined,
    sharedSlave: undefined,
    result,
    address: undefined,
    rowNo,
    colNo,
    note: undefined,
    read: undefined,
  };
}

function addressOf(cell: XCell): string {
  return (cell.address ??= n2l(cell.colNo) + cell.rowNo);
}

/** What read.ts makes of a hyperlink cell's `text` (see its plain()). */
function hyperlinkText(t: XValue): XValue {
  if (typeof t === "number" || typeof t === "boolean") return t;
  if (isObj(t) && (t.date !== undefined || typeof t.error === "string")) return t;
  if (typeof t === "string") return t;
  if (isObj(t) && Array.isArray(t.richText)) return t.richText.map((x) => x.text).join("");
  return "";
}

function columnsFromModel(
  defs: { min: number; max: number; width?: number; hidden: boolean; styleId: number }[],
  styles: Styles
): XCol[] | null {
  const sorted = defs.slice().sort((a, b) => a.min - b.min);
  const columns: XCol[] = [];
  let count = 1;
  for (const d of sorted) {
    while (count < d.min) (columns.push(defaultColumn()), count++);
    const style = (d.styleId && styles.style(d.styleId)) || EMPTY_STYLE;
    while (count <= d.max) {
      columns.push({ width: d.width !== undefined ? d.width : 9, hidden: d.hidden, style });
      count++;
    }
  }
  return columns.length ? columns : null;
}

const defaultColumn = (): XCol => ({ hidden: false, style: EMPTY_STYLE });

function columnOf(sheet: ParsedSheet, c: number): XCol {
  sheet.cols ??= [];
  while (sheet.cols.length < c) sheet.cols.push(defaultColumn());
  return sheet.cols[c - 1];
}

/** ExcelJS's style for a cell it creates: the row's parts first, then the column's. */
function mergedStyle(row: XRow, col: XCol): CellStyle {
  const out: CellStyle = {};
  const r = row.style;
  const c = col.style;
  const numFmt = r.numFmt || c.numFmt;
  if (numFmt) out.numFmt = numFmt;
  const font = r.font || c.font;
  if (font) out.font = font;
  const alignment = r.alignment || c.alignment;
  if (alignment) out.alignment = alignment;
  const border = r.border || c.border;
  if (border) out.border = border;
  const fill = r.fill || c.fill;
  if (fill) out.fill = fill;
  return out;
}

function getRow(sheet: ParsedSheet, n: number): XRow {
  return (sheet.rows[n - 1] ??= { number: n, style: EMPTY_STYLE, hidden: false, cells: [] });
}

function getCell(sheet: ParsedSheet, row: number, col: number): XCell {
  const r = getRow(sheet, row);
  if (r.cells[col - 1]) return r.cells[col - 1]!;
  const cell = newCell(Kind.Null, mergedStyle(r, columnOf(sheet, col)), row, col);
  cell.address = n2l(col) + row;
  return (r.cells[col - 1] = cell);
}

function applyMerge(sheet: ParsedSheet, ref: string): void {
  const [a, b] = ref.split(":");
  const p = decodeAddress(a);
  const q = b === undefined ? p : decodeAddress(b);
  const dims = {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
  for (const m of sheet.merges) {
    const apart =
      dims.bottom < m.top || dims.top > m.bottom || dims.right < m.left || dims.left > m.right;
    if (!apart) throw new Error("Cannot merge already merged cells");
  }
  getCell(sheet, dims.top, dims.left);
  for (let i = dims.top; i <= dims.bottom; i++) {
    for (let j = dims.left; j <= dims.right; j++) {
      if (i > dims.top || j > dims.left) getCell(sheet, i, j).kind = Kind.Merge;
    }
  }
  sheet.merges.push(dims);
}

// ---------------------------------------------------------------------------------------------------------
// Rows and cells → the sheet model (read.ts's buildSheet over ExcelJS's objects).

interface CellRead {
  value: CellValue;
  formula: CellValue;
  type: ValueType;
  uncomputed: boolean;
}

function readCell(sheet: ParsedSheet, cell: XCell, date1904: boolean): CellRead | null {
  if (cell.kind === Kind.Null || cell.kind === Kind.Merge) return null;
  if (cell.kind === Kind.Formula) {
    const f = formulaOf(sheet, cell);
    const r = plain(cell.result, date1904);
    return {
      value: r.value,
      formula: "=" + f,
      type: r.type,
      uncomputed: cell.result === undefined,
    };
  }
  const v = cell.value;
  // The usual values without plain()'s intermediate object.
  if (typeof v === "number") return { value: v, formula: v, type: "Double", uncomputed: false };
  if (typeof v === "string") {
    return v === "" ? null : { value: v, formula: v, type: "String", uncomputed: false };
  }
  const r = plain(v, date1904);
  if (r.type === "Empty") return null;
  return { value: r.value, formula: r.value, type: r.type, uncomputed: false };
}

/** The formula text ExcelJS gives: a shared formula's slave slides its master's text. */
function formulaOf(sheet: ParsedSheet, cell: XCell): string | undefined {
  if (cell.formula) return cell.formula;
  if (!cell.sharedSlave) return undefined;
  if (cell.shared === undefined)
    throw new Error("Cannot read properties of undefined (reading 'length')");
  const at = decodeAddress(cell.shared);
  const master = sheet.rows[at.row - 1]?.cells[at.col - 1];
  if (!master) return undefined;
  const text = master.kind === Kind.Formula ? formulaOf(sheet, master) : undefined;
  if (text === undefined)
    throw new Error("Cannot read properties of undefined (reading 'replace')");
  return slideFormula(text, addressOf(master), addressOf(cell));
}

const VISIBILITY: Record<string, SheetVisibility> = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
};

function emptySheet(name: string, state: string | undefined, position: number): SheetModel {
  const sheet: SheetModel = {
    name,
    address: "A1",
    values: [[""]],
    formulas: [[""]],
    numberFormat: [["General"]],
    valueTypes: [["Empty"]],
    merges: [],
    visibility: VISIBILITY[state ?? "visible"] ?? "Visible",
    hiddenRows: [],
    hiddenColumns: [],
    fonts: {},
    comments: {},
    position,
  };
  sheetLooks.set(sheet, { columnWidths: {}, rowHeights: {}, styles: {} });
  return sheet;
}

function buildSheet(
  sheet: ParsedSheet,
  name: string,
  state: string | undefined,
  position: number,
  file: string,
  date1904: boolean,
  baseFont: string | null,
  limits: ReadLimits
): { sheet: SheetModel | null; issues: Issue[] } {
  // The cells read.ts keeps: those of rows with values that hold something, a note or a style.
  const kept: XCell[] = [];
  const keptAt: number[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const grow = (r: number, c: number) => {
    if (r < top) top = r;
    if (c < left) left = c;
    if (r > bottom) bottom = r;
    if (c > right) right = c;
  };
  for (const row of sheet.rows) {
    if (!row || !row.cells.some((c) => c && c.kind !== Kind.Null)) continue;
    const r = row.number - 1;
    const n = row.cells.length;
    for (let k = 0; k < n; k++) {
      const cell = row.cells[k] ?? getCell(sheet, row.number, k + 1);
      const read = (cell.read = readCell(sheet, cell, date1904));
      if (read || cell.note) {
        grow(r, k);
        kept.push(cell);
        keptAt.push(r * 16384 + k);
      } else if (hasStyle(cell.style)) {
        kept.push(cell);
        keptAt.push(r * 16384 + k);
      }
    }
  }
  const merges = sheet.merges.map((m) => `${n2l(m.left)}${m.top}:${n2l(m.right)}${m.bottom}`);
  for (const m of sheet.merges) {
    if (sheet.rows[m.top - 1]?.cells[m.left - 1]?.read) {
      grow(m.top - 1, m.left - 1);
      grow(m.bottom - 1, m.right - 1);
    }
  }
  if (bottom < 0) return { sheet: emptySheet(name, state, position), issues: [] };
  const rows = bottom - top + 1;
  const cols = right - left + 1;
  if (rows * cols > limits.maxSheetArea) {
    const issue = makeIssue(
      FILE_RULES.sheetTooLarge,
      {
        messageId: "default",
        data: { cell: cellAddress(bottom, right), cells: rows * cols, limit: limits.maxSheetArea },
        actual: rows * cols,
        expected: limits.maxSheetArea,
      },
      { file, sheet: name, cell: cellAddress(bottom, right) }
    );
    return { sheet: null, issues: [issue] };
  }
  const issues: Issue[] = [];
  if (rows * cols > limits.warnSheetArea) {
    issues.push(
      makeIssue(
        FILE_RULES.sheetWide,
        {
          messageId: "default",
          data: { cell: cellAddress(bottom, right), cells: rows * cols },
          actual: rows * cols,
          expected: limits.warnSheetArea,
        },
        { file, sheet: name, cell: cellAddress(bottom, right) }
      )
    );
  }
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  const numberFormat: string[][] = [];
  const valueTypes: ValueType[][] = [];
  for (let r = 0; r < rows; r++) {
    values.push(new Array<CellValue>(cols).fill(""));
    formulas.push(new Array<CellValue>(cols).fill(""));
    numberFormat.push(new Array<string>(cols).fill("General"));
    valueTypes.push(new Array<ValueType>(cols).fill("Empty"));
  }
  const fonts: Record<string, string> = {};
  const comments: Record<string, string> = {};
  const columnWidths: Record<number, number> = {};
  const rowHeights: Record<number, number> = {};
  // Each cell's look style by position (packedLook), made when the first styled cell comes.
  let styleAt: Int32Array | null = null;
  const styleList: PackedStyles["list"] = [];
  const lookOf = new Map<CellStyle, number>();
  let uncomputed = 0;
  let firstUncomputed: string | null = null;
  for (let k = 0; k < kept.length; k++) {
    const cell = kept[k];
    const read = cell.read;
    const r = Math.floor(keptAt[k] / 16384);
    const c = keptAt[k] % 16384;
    if (r < top || r > bottom || c < left || c > right) continue;
    const i = r - top;
    const j = c - left;
    const style = cell.style;
    let address: string | null = null;
    if (read) {
      values[i][j] = read.value;
      formulas[i][j] = read.formula;
      valueTypes[i][j] = read.type;
      if (read.uncomputed) {
        uncomputed++;
        firstUncomputed ??= address ??= cellAddress(r, c);
      }
      const font = style.font?.name;
      if (font && baseFont && font !== baseFont)
        fonts[(address ??= cellAddress(r, c))] = font as string;
    }
    if (style.numFmt) numberFormat[i][j] = style.numFmt;
    if (cell.note) comments[(address ??= cellAddress(r, c))] = cell.note;
    if (style.font || style.alignment || style.border || style.fill) {
      // One look object per source style, shared by its cells (the writer memoises by it).
      let id = lookOf.get(style);
      if (id === undefined) {
        const copy: Record<string, unknown> = {};
        if (style.font) copy.font = style.font;
        if (style.alignment) copy.alignment = style.alignment;
        if (style.border) copy.border = style.border;
        if (style.fill) copy.fill = style.fill;
        id = styleList.length;
        styleList.push(copy);
        lookOf.set(style, id);
      }
      styleAt ??= new Int32Array(rows * cols).fill(-1);
      styleAt[i * cols + j] = id;
    }
  }
  const hiddenRows: number[] = [];
  for (let r = top; r <= bottom; r++) {
    const row = sheet.rows[r];
    if (row?.hidden) hiddenRows.push(r);
    if (row?.height) rowHeights[r] = row.height;
  }
  const hiddenColumns: number[] = [];
  for (let c = left; c <= right; c++) {
    const col = columnOf(sheet, c + 1);
    if (col.hidden) hiddenColumns.push(c);
    if (col.width) columnWidths[c] = col.width;
  }
  if (uncomputed > 0) {
    issues.push(
      makeIssue(
        FILE_RULES.notComputed,
        {
          messageId: "default",
          data: { count: uncomputed, cell: firstUncomputed ?? "" },
          actual: uncomputed,
        },
        { file, sheet: name, cell: firstUncomputed }
      )
    );
  }
  const model: SheetModel = {
    name,
    address: cellAddress(top, left),
    values,
    formulas,
    numberFormat,
    valueTypes,
    merges,
    visibility: VISIBILITY[state ?? "visible"] ?? "Visible",
    hiddenRows,
    hiddenColumns,
    fonts,
    comments,
    position,
  };
  const packed = { top, left, width: cols, at: styleAt ?? new Int32Array(0), list: styleList };
  sheetLooks.set(model, packedLook(columnWidths, rowHeights, packed));
  return { sheet: model, issues };
}

function hasStyle(s: CellStyle): boolean {
  return Boolean(s.numFmt || s.font || s.alignment || s.border || s.fill);
}

// ---------------------------------------------------------------------------------------------------------
// The workbook.

const decoder = new TextDecoder("utf-8");
const text = (b: Uint8Array | undefined) => (b ? decoder.decode(b) : undefined);

/** Parts we read: the workbook and its relationships, strings, styles, worksheets, their rels, comments. */
const NEEDED =
  /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/comments\d+\.xml)$|xl\/worksheets\/(_rels\/)?sheet\d+\.xml/;

/** ExcelJS's reading of a defined name's text into ranges (commas inside quoted sheet names kept). */
function extractRanges(text: string): string[] {
  const ranges: string[] = [];
  let quotesOpened = false;
  let last = "";
  for (const item of text.split(",")) {
    if (!item) continue;
    const quotes = (item.match(/'/g) || []).length;
    if (!quotes) {
      if (quotesOpened) last += `${item},`;
      else ranges.push(item);
      continue;
    }
    const even = quotes % 2 === 0;
    if (!quotesOpened && even) ranges.push(item);
    else if (quotesOpened && !even) {
      quotesOpened = false;
      ranges.push(last + item);
      last = "";
    } else {
      quotesOpened = true;
      last += `${item},`;
    }
  }
  return ranges;
}

/** Our tabs, by sheet name, from the workbook's defined names (read.ts's ourTabs). */
function ourTabs(names: { name: string; text: string }[]): Map<string, FileRole> {
  const ours = new Map<string, FileRole>();
  for (const { name, text } of names) {
    const role = roleOfMarker(name);
    if (!role) continue;
    for (const range of extractRanges(text)) {
      if (!/[$](\w+)[$](\d+)(:[$](\w+)[$](\d+))?/.test(range.split("!").pop() || "")) continue;
      const m = /^(?:(?:'((?:[^']|'')*)')|([^'^ !]*))!/.exec(range);
      const sheet = m ? (m[1] ?? m[2]) : undefined;
      if (sheet) ours.set(sheet.replace(/''/g, "'"), role);
    }
  }
  return ours;
}

/** Our flags record: sheet | cell | fill before (JSON or "") | note before. */
function restoreFlagged(flags: ParsedSheet | undefined, sheets: SheetModel[]): void {
  if (!flags) return;
  const byName = new Map(sheets.map((s) => [s.name, s]));
  for (const row of flags.rows) {
    if (!row || row.number === 1 || !row.cells.some((c) => c && c.kind !== Kind.Null)) continue;
    const [sheetName, cell, fill, note] = [0, 1, 2, 3].map((i) => flagText(row.cells[i]));
    const sheet = byName.get(sheetName);
    const look = sheet && sheetLooks.get(sheet);
    if (!sheet || !look) continue;
    // Look objects are shared among cells: this cell gets its own. It may lie outside the used range.
    const style = { ...look.styles[cell] };
    look.styles[cell] = style;
    stylesWithinRange.delete(look.styles);
    if (fill) style.fill = JSON.parse(fill);
    else delete style.fill;
    if (note) sheet.comments[cell] = note;
    else delete sheet.comments[cell];
  }
}

function flagText(cell: XCell | undefined): string {
  if (!cell || cell.kind === Kind.Null || cell.kind === Kind.Merge) return "";
  if (cell.kind === Kind.Formula) return "[object Object]";
  const v = cell.value;
  if (v === undefined) return "";
  return isObj(v)
    ? v.date !== undefined
      ? String(new Date(v.date))
      : "[object Object]"
    : String(v);
}

/**
 * Reads an .xlsx file's bytes into the sheet model, as readXlsx (read.ts) does. Never throws on a bad file:
 * `workbook` is null and `issues` says what is wrong.
 */
export async function readXlsxFast(
  data: Uint8Array | ArrayBuffer,
  file: string,
  limits: ReadLimits = DEFAULT_LIMITS,
  inflate?: RawInflater
): Promise<ReadResult> {
  return readXlsxSync(data, file, limits, inflate);
}

/** readXlsxFast without the promise; `inflate` is Node's zlib on the command line (src/xlsx/node-inflate.ts). */
export function readXlsxSync(
  data: Uint8Array | ArrayBuffer,
  file: string,
  limits: ReadLimits = DEFAULT_LIMITS,
  inflate?: RawInflater
): ReadResult {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  const refuse = (issue: Issue): ReadResult => ({ workbook: null, issues: [issue], ours: [] });
  const bad = checkSignature(b, file, limits);
  if (bad) return refuse(bad);
  const entries = checkDirectory(b, file, limits);
  if (!Array.isArray(entries)) return refuse(entries);
  const parts = inflateChecked(
    b,
    entries,
    file,
    limits,
    (name) => NEEDED.test(name.replace(/^\//, "")),
    () => true,
    inflate
  );
  if (!(parts instanceof Map)) return refuse(parts);
  const part = (name: string) => {
    const hit = parts.get(name) ?? parts.get("/" + name);
    return text(hit);
  };
  let stage = "xml";
  try {
    const wb = parseWorkbook(part("xl/workbook.xml") ?? "");
    const rels = parseRels(part("xl/_rels/workbook.xml.rels") ?? "<r/>");
    const sstText = part("xl/sharedStrings.xml");
    const sst = sstText !== undefined ? parseSharedStrings(sstText) : null;
    const styles = stylesOf(part("xl/styles.xml"));
    const commentParts = new Map<string, Map<string, string>>();
    for (const name of parts.keys()) {
      const m = /xl\/(comments\d+)[.]xml/.exec(name);
      if (m) commentParts.set(`../${m[1]}.xml`, parseComments(text(parts.get(name))!));
    }
    // The sheets ExcelJS keeps: listed in workbook.xml, their part found, by sheetId, in workbook order.
    const byId = new Map<
      number,
      { entry: (typeof wb.sheets)[number]; order: number; path: string }
    >();
    wb.sheets.forEach((entry, order) => {
      const rel = entry.rId === undefined ? undefined : rels.get(entry.rId);
      if (!rel) return;
      const path = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, "")}`;
      if (!/xl\/worksheets\/sheet(\d+)[.]xml/.test(path) || !parts.has(path)) return;
      if (!(entry.id >= 1) || !Number.isInteger(entry.id)) return;
      const firstOrder = byId.get(entry.id)?.order ?? order;
      byId.set(entry.id, { entry, order: firstOrder, path });
    });
    const kept = [...byId.values()].sort((x, y) => x.order - y.order);
    const taken: string[] = [];
    for (const k of kept) k.entry = { ...k.entry, name: checkSheetName(k.entry.name, taken) };
    const ours = ourTabs(wb.definedNames);
    const sheets: SheetModel[] = [];
    const issues: Issue[] = [];
    const oursFound: ReadResult["ours"] = [];
    const tabs: OurTab[] = [];
    const parsed: { name: string; parsed: ParsedSheet }[] = [];
    let flagsSheet: ParsedSheet | undefined;
    const flagsName = (): string | undefined => oursFound.find((o) => o.role === "flags")?.sheet;
    stage = "xml";
    const built: { parsed: ParsedSheet; entry: (typeof kept)[number]; position: number }[] = [];
    kept.forEach((k, position) => {
      const sheetNo = /sheet(\d+)[.]xml/.exec(k.path)![1];
      const sheetRels = part(`xl/worksheets/_rels/sheet${sheetNo}.xml.rels`);
      const relMap = sheetRels ? parseRels(sheetRels) : new Map();
      let comments = new Map<string, string>();
      const hyperlinkIds = new Set<string>();
      for (const rel of relMap.values()) {
        if (rel.type.endsWith("/comments")) comments = commentParts.get(rel.target) ?? comments;
        hyperlinkIds.add(rel.id);
      }
      const ctx: SheetContext = {
        styles,
        sst,
        date1904: wb.date1904,
        comments,
        hyperlinks: new Set(),
      };
      const xml = part(k.path) ?? "";
      ctx.hyperlinks = hyperlinkRefs(xml, hyperlinkIds);
      const sheet = parseSheet(xml, ctx);
      parsed.push({ name: k.entry.name, parsed: sheet });
      built.push({ parsed: sheet, entry: k, position });
    });
    stage = "sheet";
    for (const { parsed: sheet, entry, position } of built) {
      const role = ours.get(entry.entry.name);
      if (role) oursFound.push({ sheet: entry.entry.name, role });
      if (role && !readBack(role)) continue;
      const out = buildSheet(
        sheet,
        entry.entry.name,
        entry.entry.state,
        position,
        file,
        wb.date1904,
        styles.baseFont,
        limits
      );
      if (role) {
        // As read.ts: the rules tab apart from the sheets.
        if (out.sheet) tabs.push({ role, sheet: out.sheet });
        continue;
      }
      issues.push(...out.issues);
      if (out.sheet) sheets.push(out.sheet);
    }
    const flagsTab = flagsName();
    flagsSheet = flagsTab ? parsed.find((p) => p.name === flagsTab)?.parsed : undefined;
    restoreFlagged(flagsSheet, sheets);
    const workbook: WorkbookModel = { file, sheets, ...(tabs.length > 0 ? { ours: tabs } : {}) };
    return { workbook, issues, ours: oursFound };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : "?";
    if (stage === "sheet" && !(e instanceof XmlError)) {
      return refuse(
        bilingual(FILE_RULES.unreadable, file, {
          vi: `lỗi khi đọc trang tính: ${reason.slice(0, 80)}`,
          en: `error reading a sheet: ${reason.slice(0, 80)}`,
        })
      );
    }
    return refuse(
      bilingual(FILE_RULES.unreadable, file, {
        vi: `nội dung XML không hợp lệ: ${reason.slice(0, 80)}`,
        en: `invalid XML content: ${reason.slice(0, 80)}`,
      })
    );
  }
}

// Units fill in the same template: their styles.xml is often the very same text. Parse each text once (the
// parts are never changed after parsing, so workbooks may share them).
const stylesCache = new Map<string, Styles>();

function stylesOf(xml: string | undefined): Styles {
  if (xml === undefined) return new Styles(undefined);
  let hit = stylesCache.get(xml);
  if (!hit) {
    if (stylesCache.size >= 8) stylesCache.delete(stylesCache.keys().next().value as string);
    hit = new Styles(xml);
    stylesCache.set(xml, hit);
  }
  return hit;
}

/** ExcelJS's checks on a sheet name while loading: the same refusals, the same 31-character cut. */
function checkSheetName(name: string, taken: string[]): string {
  if (name === "") throw new Error("The name can't be empty.");
  if (name === "History") {
    throw new Error('The name "History" is protected. Please use a different name.');
  }
  if (/[*?:/\\[\]]/.test(name)) {
    throw new Error(
      `Worksheet name ${name} cannot include any of the following characters: * ? : \\ / [ ]`
    );
  }
  if (/(^')|('$)/.test(name)) {
    throw new Error(
      `The first or last character of worksheet name cannot be a single quotation mark: ${name}`
    );
  }
  const cut = name.length > 31 ? name.substring(0, 31) : name;
  if (taken.some((t) => t.toLowerCase() === cut.toLowerCase())) {
    throw new Error(`Worksheet name already exists: ${cut}`);
  }
  taken.push(cut);
  return cut;
}

/** References of the sheet's hyperlinks that point through a relationship (ExcelJS ignores the others). */
function hyperlinkRefs(xml: string, ids: Set<string>): Set<string> {
  const out = new Set<string>();
  const at = xml.indexOf("<hyperlinks");
  if (at < 0) return out;
  const end = xml.indexOf("</hyperlinks>", at);
  const part = xml.slice(at, end < 0 ? xml.length : end);
  for (const m of part.matchAll(/<(?:\w+:)?hyperlink\b([^>]*)>/g)) {
    const ref = /\sref="([^"]*)"/.exec(m[1])?.[1];
    const id = /\s(?:\w+:)?id="([^"]*)"/.exec(m[1])?.[1];
    if (ref && id && ids.has(id)) out.add(ref);
  }
  return out;
}
