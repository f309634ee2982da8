/**
 * .xlsx bytes → the sheet model, with ExcelJS. Works in Node and in the browser (bytes in, no file system).
 * A file we cannot read becomes one issue saying what is wrong and what to do; nothing here throws on bad input.
 * Sizes are checked in the zip directory, then by a bounded streaming inflate, before ExcelJS sees the file.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   these are ExcelJS objects, not Office.js proxies: nothing to load or sync. */
import ExcelJS from "exceljs";
import { Issue, makeIssue } from "../core/issue";
import {
  CellValue,
  OurTab,
  SheetModel,
  SheetVisibility,
  ValueType,
  cellAddress,
} from "../core/model";
import { DEFAULT_LIMITS, FILE_RULES, ReadLimits } from "./file-rules";
import { ReadResult, SheetLook, sheetLooks } from "./look";
import { FileRole, readBack, roleOfMarker } from "./marker";
import { bilingual, checkDirectory, checkSignature, inflateChecked } from "./precheck";
import { ZipError } from "./zip";

export { sheetLooks } from "./look";
export type { ReadResult, SheetLook } from "./look";
export { fileTooLarge } from "./precheck";

const KEPT_PARTS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

/** Zip directory and real sizes; returns an issue instead when the file must be refused. */
function inspect(b: Uint8Array, file: string, limits: ReadLimits): Map<string, string> | Issue {
  const entries = checkDirectory(b, file, limits);
  if (!Array.isArray(entries)) return entries;
  const parts = inflateChecked(b, entries, file, limits, (name) => KEPT_PARTS.includes(name));
  if (!(parts instanceof Map)) return parts;
  const decoder = new TextDecoder("utf-8");
  return new Map([...parts].map(([name, bytes]) => [name, decoder.decode(bytes)]));
}

/** The workbook's default font (the first font of styles.xml, used by the Normal style). */
function defaultFont(stylesXml: string | undefined): string | null {
  const fonts = stylesXml && /<(?:\w+:)?fonts\b[^>]*>([\s\S]*?)<\/(?:\w+:)?fonts>/.exec(stylesXml);
  const first = fonts && /<(?:\w+:)?font\b[^>]*>([\s\S]*?)<\/(?:\w+:)?font>/.exec(fonts[1]);
  const name = first && /<(?:\w+:)?name\s+val="([^"]*)"/.exec(first[1]);
  return name ? decodeXml(name[1]) : null;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(
      e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    );
  });
}

const DAY_MS = 86400000;

/** Office.js gives a date cell's serial number; ExcelJS gives a Date made from it. Undo that. */
function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / DAY_MS + 25569 - (date1904 ? 1462 : 0);
  return Math.round(serial * 1e9) / 1e9;
}

function richText(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text).join("");
}

/** A plain value (no formula) as Range.values gives it, with its valueType. */
function plain(v: unknown, date1904: boolean): { value: CellValue; type: ValueType } {
  if (v === null || v === undefined) return { value: "", type: "Empty" };
  if (typeof v === "number") return { value: v, type: "Double" };
  if (typeof v === "string") return { value: v, type: v === "" ? "Empty" : "String" };
  if (typeof v === "boolean") return { value: v, type: "Boolean" };
  if (v instanceof Date) return { value: dateToSerial(v, date1904), type: "Double" };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { value: o.error, type: "Error" };
    if (Array.isArray(o.richText))
      return { value: richText(o as { richText: { text: string }[] }), type: "String" };
    if ("text" in o) {
      const t = o.text;
      // A hyperlink cell: ExcelJS gives its value as `text`, whatever its type (a number stays a number).
      if (typeof t === "number" || typeof t === "boolean" || t instanceof Date)
        return plain(t, date1904);
      if (t && typeof t === "object" && typeof (t as { error?: unknown }).error === "string")
        return plain(t, date1904);
      const s =
        typeof t === "string"
          ? t
          : t && typeof t === "object" && "richText" in t
            ? richText(t as never)
            : "";
      return { value: s, type: s === "" ? "Empty" : "String" };
    }
  }
  return { value: String(v), type: "Unknown" };
}

interface CellRead {
  value: CellValue;
  formula: CellValue;
  type: ValueType;
  /** A formula with no cached result. */
  uncomputed: boolean;
}

function readCell(cell: ExcelJS.Cell, date1904: boolean): CellRead | null {
  if (cell.type === ExcelJS.ValueType.Null || cell.type === ExcelJS.ValueType.Merge) return null;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const f = cell.formula;
    // cell.result, not cell.value.result: ExcelJS's value copy drops a falsy result (a cached 0 or FALSE).
    const result = cell.result;
    const r = plain(result, date1904);
    return { value: r.value, formula: "=" + f, type: r.type, uncomputed: result === undefined };
  }
  const r = plain(cell.value, date1904);
  if (r.type === "Empty") return null;
  return { value: r.value, formula: r.value, type: r.type, uncomputed: false };
}

function noteText(note: ExcelJS.Cell["note"]): string {
  if (!note) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

const VISIBILITY: Record<string, SheetVisibility> = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
};

/** Our tabs, by sheet name, from the workbook's defined names. */
function ourTabs(wb: ExcelJS.Workbook): Map<string, FileRole> {
  const ours = new Map<string, FileRole>();
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] })
    .model;
  for (const { name, ranges } of model) {
    const role = roleOfMarker(name);
    if (!role) continue;
    for (const r of ranges) {
      const m = /^'?(.*?)'?!/.exec(r);
      if (m) ours.set(m[1].replace(/''/g, "'"), role);
    }
  }
  return ours;
}

interface Built {
  sheet: SheetModel | null;
  issues: Issue[];
}

function buildSheet(
  ws: ExcelJS.Worksheet,
  position: number,
  file: string,
  date1904: boolean,
  baseFont: string | null,
  limits: ReadLimits
): Built {
  const cells = new Map<
    string,
    { r: number; c: number; read: CellRead | null; cell: ExcelJS.Cell }
  >();
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  const grow = (r: number, c: number) => {
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  };
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const read = readCell(cell, date1904);
      const r = rowNumber - 1;
      const c = colNumber - 1;
      if (read || noteText(cell.note)) {
        grow(r, c);
        cells.set(`${r},${c}`, { r, c, read, cell });
      } else if (cell.style && Object.keys(cell.style).length) {
        cells.set(`${r},${c}`, { r, c, read: null, cell });
      }
    });
  });
  const merges: string[] = Object.values(
    (ws as unknown as { _merges: Record<string, { range: string; top: number; left: number }> })
      ._merges
  ).map((m) => m.range);
  // A merged area whose first cell holds something belongs to the used range, as in Office.
  for (const range of merges) {
    const [a, b] = range.split(":");
    const p = ws.getCell(a);
    const q = ws.getCell(b ?? a);
    const first = Number(p.row) - 1;
    const firstCol = Number(p.col) - 1;
    if (cells.get(`${first},${firstCol}`)?.read) {
      grow(first, firstCol);
      grow(Number(q.row) - 1, Number(q.col) - 1);
    }
  }
  const issues: Issue[] = [];
  if (bottom < 0) {
    return {
      sheet: emptySheet(ws, position),
      issues,
    };
  }
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
      { file, sheet: ws.name, cell: cellAddress(bottom, right) }
    );
    return { sheet: null, issues: [issue] };
  }
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
        { file, sheet: ws.name, cell: cellAddress(bottom, right) }
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
  const look: SheetLook = { columnWidths: {}, rowHeights: {}, styles: {} };
  let uncomputed = 0;
  let firstUncomputed: string | null = null;
  for (const { r, c, read, cell } of cells.values()) {
    if (r < top || r > bottom || c < left || c > right) continue;
    const i = r - top;
    const j = c - left;
    const address = cellAddress(r, c);
    if (read) {
      values[i][j] = read.value;
      formulas[i][j] = read.formula;
      valueTypes[i][j] = read.type;
      if (read.uncomputed) {
        uncomputed++;
        firstUncomputed ??= address;
      }
      const font = cell.font?.name;
      if (font && baseFont && font !== baseFont) fonts[address] = font;
    }
    if (cell.numFmt) numberFormat[i][j] = cell.numFmt;
    const note = noteText(cell.note);
    if (note) comments[address] = note;
    const { font, alignment, border, fill } = cell.style ?? {};
    const style: Partial<ExcelJS.Style> = {};
    if (font) style.font = JSON.parse(JSON.stringify(font));
    if (alignment) style.alignment = JSON.parse(JSON.stringify(alignment));
    if (border) style.border = JSON.parse(JSON.stringify(border));
    if (fill) style.fill = JSON.parse(JSON.stringify(fill));
    if (Object.keys(style).length) look.styles[address] = style;
  }
  const hiddenRows: number[] = [];
  for (let r = top; r <= bottom; r++) {
    const row = ws.findRow(r + 1);
    if (row?.hidden) hiddenRows.push(r);
    if (row?.height) look.rowHeights[r] = row.height;
  }
  const hiddenColumns: number[] = [];
  for (let c = left; c <= right; c++) {
    const col = ws.getColumn(c + 1);
    if (col.hidden) hiddenColumns.push(c);
    if (col.width) look.columnWidths[c] = col.width;
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
        { file, sheet: ws.name, cell: firstUncomputed }
      )
    );
  }
  const sheet: SheetModel = {
    name: ws.name,
    address: cellAddress(top, left),
    values,
    formulas,
    numberFormat,
    valueTypes,
    merges,
    visibility: VISIBILITY[ws.state] ?? "Visible",
    hiddenRows,
    hiddenColumns,
    fonts,
    comments,
    position,
  };
  sheetLooks.set(sheet, look);
  return { sheet, issues };
}

/** Office gives an empty sheet's used range as A1 with one empty cell. */
function emptySheet(ws: ExcelJS.Worksheet, position: number): SheetModel {
  const sheet: SheetModel = {
    name: ws.name,
    address: "A1",
    values: [[""]],
    formulas: [[""]],
    numberFormat: [["General"]],
    valueTypes: [["Empty"]],
    merges: [],
    visibility: VISIBILITY[ws.state] ?? "Visible",
    hiddenRows: [],
    hiddenColumns: [],
    fonts: {},
    comments: {},
    position,
  };
  sheetLooks.set(sheet, { columnWidths: {}, rowHeights: {}, styles: {} });
  return sheet;
}

/** Our flags record: sheet | cell | fill before (JSON or "") | note before. */
function restoreFlagged(flagsSheet: ExcelJS.Worksheet | undefined, sheets: SheetModel[]): void {
  if (!flagsSheet) return;
  const byName = new Map(sheets.map((s) => [s.name, s]));
  flagsSheet.eachRow((row, n) => {
    if (n === 1) return;
    const [sheetName, cell, fill, note] = [1, 2, 3, 4].map((i) =>
      String(row.getCell(i).value ?? "")
    );
    const sheet = byName.get(sheetName);
    const look = sheet && sheetLooks.get(sheet);
    if (!sheet || !look) return;
    const style = (look.styles[cell] ??= {});
    if (fill) style.fill = JSON.parse(fill);
    else delete style.fill;
    if (note) sheet.comments[cell] = note;
    else delete sheet.comments[cell];
  });
}

/**
 * Reads an .xlsx file's bytes into the sheet model. `file` is the name to report (the path as given).
 * Never throws on a bad file: `workbook` is null and `issues` says what is wrong.
 */
export async function readXlsx(
  data: Uint8Array | ArrayBuffer,
  file: string,
  limits: ReadLimits = DEFAULT_LIMITS
): Promise<ReadResult> {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  const refuse = (issue: Issue): ReadResult => ({ workbook: null, issues: [issue], ours: [] });
  const bad = checkSignature(b, file, limits);
  if (bad) return refuse(bad);
  const seen = inspect(b, file, limits);
  if (!(seen instanceof Map)) return refuse(seen);

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(b as unknown as ExcelJS.Buffer);
  } catch (e) {
    const reason =
      e instanceof ZipError ? e.reason : e instanceof Error ? e.message.split("\n")[0] : "?";
    return refuse(
      bilingual(FILE_RULES.unreadable, file, {
        vi: `nội dung XML không hợp lệ: ${reason.slice(0, 80)}`,
        en: `invalid XML content: ${reason.slice(0, 80)}`,
      })
    );
  }
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  const baseFont = defaultFont(seen.get("xl/styles.xml"));
  const ours = ourTabs(wb);
  const sheets: SheetModel[] = [];
  const issues: Issue[] = [];
  const oursFound: ReadResult["ours"] = [];
  const tabs: OurTab[] = [];
  try {
    wb.worksheets.forEach((ws, position) => {
      const role = ours.get(ws.name);
      if (role) oursFound.push({ sheet: ws.name, role });
      if (role && !readBack(role)) return;
      const built = buildSheet(ws, position, file, date1904, baseFont, limits);
      if (role) {
        // The rules tab, kept apart from the sheets: the engine reads its rules, never takes it for a unit.
        if (built.sheet) tabs.push({ role, sheet: built.sheet });
        return;
      }
      issues.push(...built.issues);
      if (built.sheet) sheets.push(built.sheet);
    });
    const flagsTab = oursFound.find((o) => o.role === "flags");
    restoreFlagged(flagsTab ? wb.getWorksheet(flagsTab.sheet) : undefined, sheets);
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : "?";
    return refuse(
      bilingual(FILE_RULES.unreadable, file, {
        vi: `lỗi khi đọc trang tính: ${reason.slice(0, 80)}`,
        en: `error reading a sheet: ${reason.slice(0, 80)}`,
      })
    );
  }
  return {
    workbook: { file, sheets, ...(tabs.length > 0 ? { ours: tabs } : {}) },
    issues,
    ours: oursFound,
  };
}
