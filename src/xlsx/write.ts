/**
 * A run's result and the input workbooks → the output .xlsx (ExcelJS): our tabs first ("Tổng hợp", "Kiểm tra",
 * "Quy tắc"), then a copy of every unit sheet with the flags painted on it. Bytes out, no file system, so the
 * browser page uses it too. Unit text is always written as text, never as a formula.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   these are ExcelJS objects, not Office.js proxies: nothing to load or sync. */
import ExcelJS from "exceljs";
import { Lang } from "../core/issue";
import { CellValue, SheetModel, WorkbookModel, sheetOrigin } from "../core/model";
import {
  copyPrintSetup,
  estimateRowHeights,
  FLAG_FILL,
  linkFormula,
  OutCell,
  OutputSheet,
  RunResult,
} from "../core/output";
import { sheetRef, uniqueSheetName } from "../core/sheetnames";
import { sheetLooks } from "./look";
import { FLAGS_SHEET, markerName } from "./marker";
import { Painted, addFlag, flagNote, planCopies, renameRefs } from "./plan";
import { repackXlsx } from "./zip";

export { copyNameOf } from "./plan";

export interface WriteOptions {
  lang?: Lang;
  /** Creation and modification date written in the file (and zip entries); default: now. */
  date?: Date;
}

const argb = (hex: string) => "FF" + hex.replace(/^#/, "").toUpperCase();

const solid = (hex: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(hex) },
});

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function writeOutCell(cell: ExcelJS.Cell, out: OutCell, sheetName: (s: string) => string): void {
  if (out.f) {
    const result = out.v === undefined || out.v === "" ? undefined : out.v;
    cell.value = { formula: out.f.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
  } else if (out.link) {
    // A HYPERLINK formula rather than a hyperlink: LibreOffice does not wrap a hyperlink cell's text.
    const text = out.v === undefined ? "" : String(out.v);
    const target = sheetName(out.link.sheet);
    const f = linkFormula(target, out.link.cell, text);
    if (f) {
      cell.value = {
        formula: f.slice(1),
        result: text === "" ? undefined : text,
      } as ExcelJS.CellFormulaValue;
    } else {
      cell.value = { text, hyperlink: sheetRef(target, out.link.cell.replace(/\$/g, "")) };
    }
  } else if (out.v !== undefined && out.v !== "") {
    // A string is stored as a string cell: Excel never evaluates it, whatever its first character.
    cell.value = out.v;
  }
  if (out.fmt) cell.numFmt = out.fmt;
  const font: Partial<ExcelJS.Font> = {};
  if (out.bold) font.bold = true;
  if (out.italic) font.italic = true;
  if (out.color) font.color = { argb: argb(out.color) };
  if (out.link) {
    font.underline = true;
    font.color ??= { argb: "FF0563C1" };
  }
  if (Object.keys(font).length) cell.font = font;
  if (out.fill) cell.fill = solid(out.fill);
  // Every cell top-aligned: in a row grown for a wrapped message, the other cells stay level with it.
  cell.alignment = { vertical: "top", wrapText: out.wrap ?? false, horizontal: out.align };
  if (out.border) cell.border = THIN;
}

function writeOurSheet(
  ws: ExcelJS.Worksheet,
  sheet: OutputSheet,
  sheetName: (s: string) => string
): void {
  sheet.cells.forEach((row, r) =>
    row.forEach((out, c) => {
      if (out) writeOutCell(ws.getCell(r + 1, c + 1), out, sheetName);
    })
  );
  for (const m of sheet.merges) ws.mergeCells(m);
  sheet.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getColumn(c + 1).width = w;
  });
  for (const [r, h] of Object.entries(estimateRowHeights(sheet)))
    ws.getRow(Number(r) + 1).height = h;
  if (sheet.freeze.rows > 0 || sheet.freeze.cols > 0) {
    ws.views = [{ state: "frozen", xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }];
  }
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
  ws.pageSetup = {
    orientation: sheet.landscape ? "landscape" : "portrait",
    fitToPage: sheet.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
  };
}

function copyUnitSheet(
  ws: ExcelJS.Worksheet,
  sheet: SheetModel,
  renames: Map<string, string>,
  flags: Map<string, Painted>,
  record: (cell: string, fill: string, note: string) => void
): void {
  const o = sheetOrigin(sheet);
  const look = sheetLooks.get(sheet);
  for (const [c, w] of Object.entries(look?.columnWidths ?? {}))
    ws.getColumn(Number(c) + 1).width = w;
  for (const [r, h] of Object.entries(look?.rowHeights ?? {})) ws.getRow(Number(r) + 1).height = h;
  sheet.values.forEach((row, i) =>
    row.forEach((value, j) => {
      const formula = sheet.formulas[i]?.[j];
      const type = sheet.valueTypes[i]?.[j];
      const fmt = sheet.numberFormat[i]?.[j];
      const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
      // Only cells with something to keep become ExcelJS cells: a stray value far out makes a big, empty grid.
      if (!isFormula && value === "" && type !== "Error" && (!fmt || fmt === "General")) return;
      const cell = ws.getCell(o.row + i + 1, o.col + j + 1);
      const cached: CellValue | { error: string } | undefined =
        type === "Error" ? { error: String(value) } : type === "Empty" ? undefined : value;
      if (isFormula) {
        cell.value = {
          formula: renameRefs(formula.slice(1), renames),
          result: cached,
        } as ExcelJS.CellFormulaValue;
      } else if (type === "Error") {
        cell.value = { error: String(value) } as ExcelJS.CellErrorValue;
      } else if (value !== "") {
        cell.value = value;
      }
      if (fmt && fmt !== "General") cell.numFmt = fmt;
    })
  );
  for (const [address, style] of Object.entries(look?.styles ?? {})) {
    const cell = ws.getCell(address);
    if (style.font) cell.font = style.font as ExcelJS.Font;
    if (style.alignment) cell.alignment = style.alignment;
    if (style.border) cell.border = style.border as ExcelJS.Borders;
    if (style.fill) cell.fill = style.fill;
  }
  for (const [address, font] of Object.entries(sheet.fonts)) {
    const cell = ws.getCell(address);
    if (cell.font?.name !== font) cell.font = { ...(cell.font ?? {}), name: font };
  }
  for (const m of sheet.merges) {
    try {
      ws.mergeCells(m);
    } catch {
      // Overlapping merges cannot be kept; the values are all there.
    }
  }
  for (const r of sheet.hiddenRows) ws.getRow(r + 1).hidden = true;
  for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  const notes: Record<string, string> = { ...sheet.comments };
  for (const [address, flag] of flags) {
    const cell = ws.getCell(address);
    const before = look?.styles[address]?.fill;
    record(address, before ? JSON.stringify(before) : "", notes[address] ?? "");
    cell.fill = solid(FLAG_FILL[flag.severity]);
    const ours = flagNote(flag);
    notes[address] = notes[address] ? `${notes[address]}\n${ours}` : ours;
  }
  for (const [address, note] of Object.entries(notes)) {
    const cell = ws.getCell(address);
    // ExcelJS drops the note of an empty cell; give it an empty string so the note is kept.
    if (cell.value === null) cell.value = "";
    cell.note = note;
  }
  // Printed one page wide: the original's page setup is not read, and a form cut over two pages is unusable.
  const { landscape } = copyPrintSetup(sheet, look?.columnWidths ?? {});
  ws.pageSetup = {
    orientation: landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
  };
  ws.state =
    sheet.visibility === "VeryHidden"
      ? "veryHidden"
      : sheet.visibility === "Hidden"
        ? "hidden"
        : "visible";
}

/**
 * Builds the output workbook. `workbooks` are the inputs as read; the unit sheets of `result.units` (and any
 * other sheet carrying a flag) are copied after our tabs, in that order.
 */
export async function writeXlsx(
  result: RunResult,
  workbooks: readonly WorkbookModel[],
  options: WriteOptions = {}
): Promise<Uint8Array> {
  const date = options.date ?? new Date();
  const wb = new ExcelJS.Workbook();
  wb.creator = "tonghop";
  wb.lastModifiedBy = "tonghop";
  wb.created = date;
  wb.modified = date;

  const { copies, ourNames, copyNames, byOriginal, byUnit } = planCopies(result, workbooks);
  const allNames = new Set([...ourNames, ...copyNames]);
  const resolve = (s: string) => (allNames.has(s) ? s : (byOriginal.get(s) ?? byUnit.get(s) ?? s));

  result.sheets.forEach((sheet, i) => {
    const ws = wb.addWorksheet(ourNames[i]);
    writeOurSheet(ws, sheet, resolve);
    wb.definedNames.add(`${sheetRef(ourNames[i], "$A$1")}`, markerName(sheet.role));
  });

  const flagsBySheet = new Map<string, Map<string, Painted>>();
  for (const f of result.flags) addFlag(flagsBySheet, f);
  const records: [string, string, string, string][] = [];
  copies.forEach((copy, i) => {
    const ws = wb.addWorksheet(copyNames[i]);
    const renames = new Map<string, string>();
    copies.forEach((other, j) => {
      if (other.file === copy.file) renames.set(other.sheet.name, copyNames[j]);
    });
    const flags = flagsBySheet.get(`${copy.file}\u0000${copy.sheet.name}`) ?? new Map();
    copyUnitSheet(ws, copy.sheet, renames, flags, (cell, fill, note) =>
      records.push([copyNames[i], cell, fill, note])
    );
  });

  if (records.length > 0) {
    const name = uniqueSheetName(FLAGS_SHEET, new Set([...allNames].map((n) => n.toLowerCase())));
    const ws = wb.addWorksheet(name, { state: "veryHidden" });
    ws.addRow(["sheet", "cell", "fill", "note"]);
    for (const r of records) ws.addRow(r);
    wb.definedNames.add(sheetRef(name, "$A$1"), markerName("flags"));
  }
  if (wb.worksheets.length === 0) wb.addWorksheet(options.lang === "en" ? "Empty" : "Trống");
  const first = wb.worksheets.findIndex((ws) => ws.state === "visible");
  wb.views = [
    { activeTab: Math.max(0, first), firstSheet: 0, visibility: "visible" } as ExcelJS.WorkbookView,
  ];

  const written = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return repackXlsx(written, date);
}
