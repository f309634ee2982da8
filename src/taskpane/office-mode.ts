/**
 * What the pane does in Excel, apart from drawing itself: list the sheets, run the engine on the chosen ones
 * and write the result, clear flags, go to a cell, import files, draw the chart. Excel.run and the requirement
 * checker are passed in, so that tests drive these against a mock workbook.
 */
import { analyzeWorkbooks, consolidate, detectSheets, validate } from "../core/engine";
import { Analysis } from "../core/analysis";
import { WorkbookModel } from "../core/model";
import { RunOptions, RunResult, SheetInfo } from "../core/output";
import { ChartReport, ChartSpec, writeChart } from "../excel/chart";
import { InsertReport, InsertSource, insertSheets, toBase64 } from "../excel/insert";
import { selectCell } from "../excel/navigate";
import { readWorkbook } from "../excel/read";
import { SetChecker } from "../excel/requirements";
import { ClearReport, WriteReport, clearFlags, writeResult } from "../excel/write";
import { readXlsx } from "../xlsx/read";
import { Issue } from "../core/issue";

export interface OfficeDeps {
  /** Excel.run, or a mock's run. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  check: SetChecker;
}

export type RunKind = "consolidate" | "validate";
export type OfficePhase = "readWorkbook" | "engine" | "writeWorkbook";

/** Lets the page paint (the progress line) before the engine holds the thread. */
export const nextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestAnimationFrame === "function")
      requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });

export async function listSheets(deps: OfficeDeps): Promise<{ file: string; sheets: SheetInfo[] }> {
  const read = await deps.run((context) => readWorkbook(context, { check: deps.check }));
  return { file: read.workbook.file, sheets: detectSheets(read.workbook) };
}

export interface OfficeRun {
  workbook: WorkbookModel;
  result: RunResult;
  written: WriteReport;
}

/** Read → engine → write → show our tab, in one Excel.run. */
export async function runInWorkbook(
  deps: OfficeDeps,
  kind: RunKind,
  options: Omit<RunOptions, "only"> & { only: { sheet: string }[] },
  onPhase: (phase: OfficePhase) => void = () => {}
): Promise<OfficeRun> {
  return deps.run(async (context) => {
    onPhase("readWorkbook");
    const read = await readWorkbook(context, { check: deps.check });
    const wb = read.workbook;
    onPhase("engine");
    await nextFrame();
    const opts: RunOptions = {
      ...options,
      only: options.only.map((o) => ({ file: wb.file, sheet: o.sheet })),
    };
    const result = kind === "consolidate" ? consolidate([wb], opts) : validate([wb], opts);
    onPhase("writeWorkbook");
    const shown = kind === "consolidate" ? "summary" : "issues";
    const written = await writeResult(context, result, {
      check: deps.check,
      activate: result.sheets.some((s) => s.role === shown) ? shown : null,
    });
    return { workbook: wb, result, written };
  });
}

/** The analysis behind a run, for the chart's choices (cheap next to reading the workbook). */
export function analysisOf(wbs: WorkbookModel[], options: Pick<RunOptions, "only">): Analysis {
  return analyzeWorkbooks(wbs, { only: options.only });
}

export function clearWorkbookFlags(deps: OfficeDeps): Promise<ClearReport> {
  return deps.run((context) => clearFlags(context, { check: deps.check }));
}

export function goToCell(deps: OfficeDeps, sheet: string, cell: string): Promise<boolean> {
  return deps.run((context) => selectCell(context, sheet, cell));
}

export function drawChart(deps: OfficeDeps, spec: ChartSpec): Promise<ChartReport> {
  return deps.run((context) => writeChart(context, spec, { check: deps.check }));
}

export interface ImportOutcome {
  report: InsertReport | null;
  /** Files that could not be read, or had no report sheet: one issue or a file name each. */
  problems: Issue[];
  empty: string[];
}

/**
 * Reads each file first (a broken file is reported, not inserted), keeps its report sheets (units and the
 * form; our own result tabs are left out by the reader), then inserts them all in one Excel.run.
 */
export async function importFiles(
  deps: OfficeDeps,
  files: { name: string; bytes: Uint8Array }[],
  onFile: (name: string, done: number, total: number) => void = () => {}
): Promise<ImportOutcome> {
  const problems: Issue[] = [];
  const empty: string[] = [];
  const sources: InsertSource[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    onFile(f.name, i, files.length);
    const read = await readXlsx(f.bytes, f.name);
    if (!read.workbook) {
      problems.push(...read.issues);
      continue;
    }
    const sheets = detectSheets(read.workbook)
      .filter((s) => s.kind === "unit" || s.kind === "template")
      .map((s) => s.sheet);
    if (sheets.length === 0) empty.push(f.name);
    else sources.push({ file: f.name, base64: toBase64(f.bytes), sheets });
  }
  const report =
    sources.length > 0
      ? await deps.run((context) => insertSheets(context, sources, { check: deps.check }))
      : null;
  return { report, problems, empty };
}
