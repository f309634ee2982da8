/**
 * "Nhập tệp": the report sheets of submitted .xlsx files inserted into the open workbook
 * (Workbook.insertWorksheetsFromBase64, ExcelApi 1.13). Excel renames a sheet whose name is taken ("Biểu 02"
 * becomes "Biểu 02 (2)"), so the names are read back afterwards. Two syncs however many files (more only when
 * the files together pass the 5 MB request limit).
 */
import { DEFAULT_BUDGET, Job, runJobs } from "./batch";
import { SetChecker, requireFeature } from "./requirements";

export interface InsertSource {
  /** The file's name, for the report. */
  file: string;
  base64: string;
  /** Sheets of the file to insert (by their names in the file). */
  sheets: string[];
}

export interface InsertReport {
  /** The inserted sheets' names in this workbook, per file in order. */
  inserted: { file: string; names: string[] }[];
  syncs: number;
}

/** Bytes to base64, in pieces (String.fromCharCode over a whole file overflows the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export async function insertSheets(
  context: Excel.RequestContext,
  sources: InsertSource[],
  options: { check: SetChecker; budgetBytes?: number }
): Promise<InsertReport> {
  requireFeature(options.check, "insertWorksheets");
  const ids: { file: string; result: OfficeExtension.ClientResult<string[]> }[] = [];
  const jobs: Job[] = sources
    .filter((s) => s.sheets.length > 0)
    .map((s) => ({
      bytes: s.base64.length + 500,
      queue() {
        const result = context.workbook.insertWorksheetsFromBase64(s.base64, {
          sheetNamesToInsert: s.sheets,
          positionType: "End",
        });
        // Kept only once its batch went through (a refused batch is queued again).
        return () => ids.push({ file: s.file, result });
      },
    }));
  let syncs = await runJobs(context, jobs, options.budgetBytes ?? DEFAULT_BUDGET);
  const sheets = ids.map(({ file, result }) => ({
    file,
    items: result.value.map((id) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(id);
      ws.load("name");
      return ws;
    }),
  }));
  if (sheets.length > 0) {
    await context.sync();
    syncs++;
  }
  return {
    inserted: sheets.map((s) => ({ file: s.file, names: s.items.map((ws) => ws.name) })),
    syncs,
  };
}
