/**
 * An .xlsx file opened in the fake Excel: sheets with their state, values, formulas, number formats, notes
 * and solid fills (as Office.js reports them, "#RRGGBB"), and the workbook's defined names. What "a workbook the
 * command line wrote, then opened in Excel" looks like to the add-in.
 */
import ExcelJS from "exceljs";
import { cellAddress } from "../../src/core/model";
import { colorOf } from "../../src/excel/flags";
import { FakeExcel, FakeOptions } from "./fake-excel";

type Color = Parameters<typeof colorOf>[0];

function plain(v: ExcelJS.CellValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.getTime();
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("text" in v) return String(v.text);
  if ("result" in v) return plain((v.result ?? "") as ExcelJS.CellValue);
  if ("error" in v) return String(v.error);
  return "";
}

/** A legacy note's text, plain or rich. */
function noteText(n: ExcelJS.Cell["note"]): string {
  if (!n) return "";
  if (typeof n === "string") return n;
  return (n.texts ?? []).map((t) => (typeof t === "string" ? t : t.text)).join("");
}

export async function fakeFromXlsx(
  bytes: Uint8Array,
  options: FakeOptions = {}
): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const xl = new FakeExcel(options);
  for (const ws of wb.worksheets) {
    const s = xl.addSheet(ws.name);
    s.visibility =
      ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const fc = s.cell(cellAddress(r - 1, c - 1));
        const v = cell.value;
        fc.v = plain(v);
        if (v && typeof v === "object" && "formula" in v && v.formula) fc.f = `=${v.formula}`;
        if (cell.numFmt) fc.fmt = cell.numFmt;
        const note = noteText(cell.note);
        if (note) s.notes.set(cellAddress(r - 1, c - 1), note);
        const fill = cell.fill as { type?: string; pattern?: string; fgColor?: Color } | undefined;
        const color =
          fill?.type === "pattern" && fill.pattern === "solid" ? colorOf(fill.fgColor) : null;
        if (color) {
          fc.fill = color;
          fc.pattern = "Solid";
        }
      })
    );
  }
  const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] })
    .model;
  for (const { name, ranges } of names) {
    const m = /^'?((?:[^']|'')*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ranges[0] ?? "");
    const sheet = m ? xl.sheets.find((x) => x.name === m[1].replace(/''/g, "'")) : undefined;
    if (m && sheet) xl.names.set(name, { sheet, address: `${m[2]}${m[3]}` });
  }
  return xl;
}
