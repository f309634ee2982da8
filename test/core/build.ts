/** Small unit sheets for the engine's tests: a title block, one header row, rows of code | label | ĐVT | figures. */
import { CellValue, SheetModel, WorkbookModel, sheetFromGrid } from "../../src/core/model";

export type Line = [code: string, label: string, uom: string, ...figures: CellValue[]];

export interface SmallUnit {
  name: string;
  lines: Line[];
  headers?: string[];
  /** Formulas by [line index, figure index]. */
  formulas?: [number, number, string][];
  columnNumbers?: string[];
  sheet?: string;
}

export const HEADER_ROW = 4;

/** Row index (0-based, absolute) of line i of a small unit built without column numbers. */
export function lineRow(i: number, columnNumbers = false): number {
  return HEADER_ROW + 1 + (columnNumbers ? 1 : 0) + i;
}

export function smallSheet(u: SmallUnit): SheetModel {
  const headers = u.headers ?? ["Số lượng", "Tỷ lệ (%)"];
  const grid: CellValue[][] = [
    ["ĐẢNG BỘ TỈNH QUẢNG NINH"],
    ["BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN"],
    ["Kỳ báo cáo: Năm 2025"],
    [`Đơn vị báo cáo: ${u.name}`],
    ["STT", "Chỉ tiêu", "ĐVT", ...headers],
  ];
  if (u.columnNumbers) grid.push(["A", "B", "C", ...u.columnNumbers]);
  const first = grid.length;
  for (const l of u.lines) grid.push([...l]);
  const sheet = sheetFromGrid(u.sheet ?? u.name, grid);
  for (const [i, k, f] of u.formulas ?? []) sheet.formulas[first + i][3 + k] = f;
  return sheet;
}

export function workbooksOf(units: SmallUnit[], extra: SheetModel[] = []): WorkbookModel[] {
  return [{ file: "units.xlsx", sheets: [...extra, ...units.map(smallSheet)] }];
}
