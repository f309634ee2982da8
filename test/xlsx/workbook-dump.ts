/**
 * A plain dump of what ExcelJS reads from a workbook, for comparing two writers' outputs: every sheet's cells
 * (value, number format, font, alignment, border, fill, note, link), merges, columns, rows, frozen panes,
 * filter and page setup, and the workbook's defined names and active tab.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   these are ExcelJS objects, not Office.js proxies: nothing to load or sync. */
import ExcelJS from "exceljs";

const plain = (x: unknown) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

export async function dumpWorkbook(bytes: Uint8Array): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheets = wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const style = plain(cell.style) as Record<string, unknown>;
        const note = cell.note;
        const entry = {
          type: cell.type,
          value: plain(cell.type === ExcelJS.ValueType.Merge ? null : cell.value),
          formula: cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined,
          result: cell.type === ExcelJS.ValueType.Formula ? plain(cell.result) : undefined,
          numFmt: style.numFmt,
          font: style.font,
          alignment: style.alignment,
          border: style.border,
          fill: style.fill,
          note: typeof note === "string" ? note : plain(note),
        };
        if (entry.value === null && !entry.note && Object.keys(style).length === 0) return;
        cells[cell.address] = plain(entry);
      })
    );
    const columns: Record<number, unknown> = {};
    for (let c = 1; c <= Math.max(ws.columnCount, 1); c++) {
      const col = ws.getColumn(c);
      if (col.width || col.hidden) columns[c] = { width: col.width, hidden: col.hidden };
    }
    const rows: Record<number, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      if (row.height || row.hidden) rows[n] = { height: row.height, hidden: row.hidden };
    });
    const merges = Object.values(
      (ws as unknown as { _merges: Record<string, { range: string }> })._merges
    ).map((m) => m.range);
    const view = ws.views?.[0] as ExcelJS.WorksheetView & { xSplit?: number; ySplit?: number };
    return {
      name: ws.name,
      state: ws.state,
      cells,
      columns,
      rows,
      merges,
      view: view ? { state: view.state, xSplit: view.xSplit, ySplit: view.ySplit } : null,
      autoFilter: plain(ws.autoFilter),
      page: {
        orientation: ws.pageSetup.orientation,
        fitToPage: ws.pageSetup.fitToPage,
        fitToWidth: ws.pageSetup.fitToWidth,
        fitToHeight: ws.pageSetup.fitToHeight,
        paperSize: ws.pageSetup.paperSize,
      },
    };
  });
  const names = (wb.definedNames as unknown as { model: unknown }).model;
  return plain({ sheets, names, activeTab: wb.views?.[0]?.activeTab ?? 0 });
}
