/**
 * hidden-data: figures the reader of a sheet does not see: a unit report on a hidden sheet, or hidden rows or
 * columns of the table that hold numbers. They are consolidated like any other (a value is never dropped, and
 * Excel's own SUM counts hidden rows too); the warning says where they are, so that an old copy of the report
 * or a row hidden by mistake is found before the totals go out.
 */
import { IndicatorRow } from "../analysis";
import { columnLetters } from "../model";
import { CheckRule } from "./types";

/** "25, 26" or "25, 26, 27, 28, 29, …": rows or columns as staff see them. */
function list(items: string[]): string {
  return items.length > 5 ? items.slice(0, 5).join(", ") + ", …" : items.join(", ");
}

const figureCells = (row: IndicatorRow, cols?: Set<number>) =>
  row.cells.filter(
    (c) => c.status !== "empty" && c.status !== "text" && (!cols || cols.has(c.col))
  );

export const rule: CheckRule = {
  meta: {
    id: "hidden-data",
    defaultSeverity: "warning",
    description: {
      vi: "Số liệu nằm ở trang, dòng hoặc cột đang ẩn (vẫn được tổng hợp)",
      en: "Figures on a hidden sheet, row or column (still consolidated)",
    },
    messages: {
      sheet: {
        vi: "Trang “{sheet}” đang ẩn nhưng có báo cáo và đã được tổng hợp: nếu là bản cũ hay bản nháp, hãy xoá trang đó",
        en: "Sheet “{sheet}” is hidden but holds a report, which was consolidated: if it is an old copy or a draft, delete it",
      },
      rows: {
        vi: "Dòng {rows} của bảng đang ẩn nhưng có {count} ô số liệu (đã tính vào tổng hợp): hãy bỏ ẩn để kiểm tra",
        en: "Rows {rows} of the table are hidden but hold {count} figures (included in the totals): unhide them to check",
      },
      columns: {
        vi: "Cột {columns} của bảng đang ẩn nhưng có {count} ô số liệu (đã tính vào tổng hợp): hãy bỏ ẩn để kiểm tra",
        en: "Columns {columns} of the table are hidden but hold {count} figures (included in the totals): unhide them to check",
      },
    },
  },
  check(ctx, report) {
    const { unit } = ctx;
    const sheet = unit.sheet;
    if (sheet.visibility !== "Visible") {
      report({ messageId: "sheet", data: { sheet: sheet.name }, actual: sheet.visibility });
    }
    const hiddenRows = new Set(sheet.hiddenRows);
    const rows = unit.rows.filter((r) => hiddenRows.has(r.row) && figureCells(r).length > 0);
    if (rows.length > 0) {
      const cells = rows.flatMap((r) => figureCells(r));
      report({
        messageId: "rows",
        cell: cells[0].address,
        data: { rows: list(rows.map((r) => String(r.row + 1))), count: cells.length },
        actual: cells.length,
      });
    }
    const hiddenCols = new Set(sheet.hiddenColumns);
    const cols = new Set(unit.measures.map((m) => m.col).filter((c) => hiddenCols.has(c)));
    if (cols.size > 0) {
      const cells = unit.rows.flatMap((r) => figureCells(r, cols));
      if (cells.length > 0) {
        const shown = [...new Set(cells.map((c) => c.col))].sort((a, b) => a - b);
        report({
          messageId: "columns",
          cell: cells[0].address,
          data: { columns: list(shown.map(columnLetters)), count: cells.length },
          actual: cells.length,
        });
      }
    }
  },
};
