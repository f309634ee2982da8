/**
 * The pane outside Office: .xlsx files in, the same engine in the page, the consolidated workbook out as a
 * download. Nothing leaves the page: files are read with FileReader/Blob APIs, written to a Blob URL.
 */
import { consolidate, detectSheets, validate } from "../core/engine";
import { Issue } from "../core/issue";
import { WorkbookModel } from "../core/model";
import { RunOptions, RunResult, SheetInfo } from "../core/output";
import { readXlsx } from "../xlsx/read";
import { writeXlsx } from "../xlsx/write";
import { RunKind, nextFrame } from "./office-mode";

export interface SourceFile {
  name: string;
  size: number;
  /** Null when the file could not be read (then `issues` says why). */
  workbook: WorkbookModel | null;
  issues: Issue[];
  sheets: SheetInfo[];
  /** A result file of this tool (it has our summary tab): its unit copies would count twice. */
  isOurOutput: boolean;
}

export async function readFile(name: string, bytes: Uint8Array): Promise<SourceFile> {
  const read = await readXlsx(bytes, name);
  return {
    name,
    size: bytes.length,
    workbook: read.workbook,
    issues: read.issues,
    sheets: read.workbook ? detectSheets(read.workbook) : [],
    isOurOutput: read.ours.some((o) => o.role === "summary"),
  };
}

export type BrowserPhase = "engine" | "writeFile";

export interface BrowserRun {
  result: RunResult;
  /** The files' own issues (unreadable, too large…) then the engine's. */
  issues: Issue[];
  workbooks: WorkbookModel[];
  /** The consolidated workbook (consolidate only). */
  bytes: Uint8Array | null;
}

export async function runOnFiles(
  kind: RunKind,
  files: readonly SourceFile[],
  options: RunOptions & { only: { file: string; sheet: string }[] },
  onPhase: (phase: BrowserPhase) => void = () => {}
): Promise<BrowserRun> {
  const chosen = new Set(options.only.map((o) => o.file));
  const workbooks = files
    .filter((f) => f.workbook && chosen.has(f.name))
    .map((f) => f.workbook as WorkbookModel);
  onPhase("engine");
  await nextFrame();
  const result =
    kind === "consolidate" ? consolidate(workbooks, options) : validate(workbooks, options);
  const issues = [...files.flatMap((f) => f.issues), ...result.issues];
  let bytes: Uint8Array | null = null;
  if (kind === "consolidate") {
    onPhase("writeFile");
    await nextFrame();
    bytes = await writeXlsx(result, workbooks, { lang: options.lang });
  }
  return { result, issues, workbooks, bytes };
}
