/**
 * One run of `tonghop`: collect the inputs, read them (a bad file becomes an issue, the others go on), hand the
 * workbooks to the engine, write the outputs (temporary name, then rename; never over an input), print the
 * summary. Returns the exit code; throws only UsageError.
 */
import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from "fs";
import { dirname, resolve } from "path";
import { Issue, Lang, makeIssue } from "../core/issue";
import { WorkbookModel } from "../core/model";
import { OutputSheet, RunOptions, RunResult, TotalRow, UnitInfo } from "../core/output";
import { writeXlsxFast } from "../xlsx/fast-write";
import { zlibDeflate } from "../xlsx/node-deflate";
import { copyNameOf } from "../xlsx/plan";
import { CliArgs, UsageError } from "./args";
import { CLI_RULES } from "./cli-rules";
import { InputFile, collectInputs } from "./inputs";
import { loadWorkbooks, readBytes, realOrResolved } from "./load";
import { Progress } from "./progress";
import { jsonReport, summary } from "./report";

/** A text input for check-text: its name as reported and its bytes. */
export interface TextInput {
  file: string;
  bytes: Uint8Array;
}

/** What the command needs from the engine; the real one is wired in main.ts. */
export interface Engine {
  consolidate(workbooks: WorkbookModel[], options: RunOptions): RunResult | Promise<RunResult>;
  validate(workbooks: WorkbookModel[], options: RunOptions): RunResult | Promise<RunResult>;
  /** Checks the claims written in text files ("2.344 đảng viên (đạt 46,7%)"); `all` keeps correct ones too. */
  checkText(
    inputs: TextInput[],
    options: RunOptions & { all: boolean }
  ): { issues: Issue[] } | Promise<{ issues: Issue[] }>;
  /**
   * Builds the "Kiểm tra" tab from every issue of the run, file issues included (the engine's own tab only
   * knows the workbooks it was given). `sheetName` gives the output's name for a unit sheet's copy.
   */
  issuesSheet?(
    issues: readonly Issue[],
    options: { lang: Lang; sheetName: (file: string, sheet: string) => string }
  ): OutputSheet;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress is redrawn in place). */
  stderrIsTty: boolean;
}

/** Text files check-text takes from a folder. */
const TEXT_FILES = /\.(txt|md|text)$/i;
const XLSX_FILES = /\.xlsx$/i;

/** Refuses an output path that is one of the inputs (we never write over a unit's file). */
function checkOutputs(args: CliArgs, files: readonly InputFile[]): void {
  const inputs = new Set(files.map((f) => realOrResolved(f.path)));
  for (const [flag, path] of [
    ["--out", args.out],
    ["--json", args.json],
  ] as const) {
    if (path && inputs.has(realOrResolved(path))) {
      throw new UsageError(
        `${flag} trùng với một tệp đầu vào (${path}): hãy chọn tên khác, tonghop không ghi đè tệp của đơn vị.`,
        `${flag} is one of the inputs (${path}): choose another name; tonghop never overwrites a unit's file.`
      );
    }
  }
  if (args.out && args.json && realOrResolved(args.out) === realOrResolved(args.json)) {
    throw new UsageError("--out và --json trùng tên tệp.", "--out and --json name the same file.");
  }
}

/** Writes to a temporary name in the same folder, then renames, so a reader never sees half a file. */
export function writeAtomic(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}

/** Writes an output; on failure says so in one line (nothing half-written is left) and returns false. */
function tryWrite(path: string, data: Uint8Array | string, io: Io, lang: Lang): boolean {
  try {
    writeAtomic(path, data);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    io.stderr(
      lang === "vi"
        ? `Không ghi được tệp ${path} (${code}): hãy kiểm tra thư mục có ghi được không, và đóng tệp nếu đang mở trong Excel. Các tệp đầu vào không bị thay đổi.\n`
        : `Could not write ${path} (${code}): check that the folder can be written, and close the file if it is open in Excel. The input files were not changed.\n`
    );
    return false;
  }
}

function inputIssues(missing: ReturnType<typeof collectInputs>["missing"], kind: string): Issue[] {
  return missing.map((m) =>
    m.kind === "missing"
      ? makeIssue(CLI_RULES.missing, { messageId: "default" }, { file: m.input })
      : makeIssue(
          CLI_RULES.emptyFolder,
          { messageId: "default", data: { kind } },
          { file: m.input }
        )
  );
}

export async function run(args: CliArgs, engine: Engine, io: Io): Promise<number> {
  const lang: Lang = args.lang;
  const isText = args.command === "check-text";
  const { files, missing } = collectInputs(args.inputs, isText ? TEXT_FILES : XLSX_FILES);
  checkOutputs(args, files);
  const outPath = args.out ? realOrResolved(args.out) : null;
  const issues: Issue[] = inputIssues(missing, isText ? "văn bản (.txt)" : ".xlsx");
  const progress = new Progress(io, lang);
  const options: RunOptions = {
    lang,
    linkToSources: true,
    onProgress: (done, total) => progress.update("engine", done, total),
    // Without an output workbook our tabs and flags would be built for nothing.
    tabs: args.command === "consolidate" && Boolean(args.out),
  };
  let units: UnitInfo[] = [];
  let totals: TotalRow[] = [];
  let result: RunResult | null = null;
  const workbooks: WorkbookModel[] = [];

  if (isText) {
    const texts: TextInput[] = [];
    files.forEach((f, i) => {
      progress.update("read", i, files.length, f.label);
      const bytes = readBytes(f);
      if (bytes instanceof Uint8Array) texts.push({ file: f.label, bytes });
      else issues.push(bytes);
    });
    const checked = await engine.checkText(texts, { ...options, all: args.all });
    issues.push(...checked.issues);
  } else {
    const loaded = await loadWorkbooks(files, {
      outPath,
      onFile: (i, total, label) => progress.update("read", i, total, label),
    });
    issues.push(...loaded.issues);
    workbooks.push(...loaded.workbooks);
    progress.update("read", files.length, files.length);
    result =
      args.command === "consolidate"
        ? await engine.consolidate(workbooks, options)
        : await engine.validate(workbooks, options);
    units = result.units;
    totals = args.command === "consolidate" ? result.totals : [];
    issues.push(...result.issues);
  }
  progress.done();

  if (args.command === "consolidate" && args.out && result) {
    // The writer without ExcelJS: the same workbook (test/xlsx/fast-write.test.ts), several times faster.
    // Deflated by Node's zlib at level 1: 8 times faster than fflate here, the file about 7% larger.
    const bytes = writeXlsxFast(withAllIssues(engine, result, issues, workbooks, lang), workbooks, {
      lang,
      deflate: zlibDeflate,
      level: 1,
    });
    if (!tryWrite(args.out, bytes, io, lang)) return 1;
  }
  if (args.json) {
    const report = JSON.stringify(jsonReport(units, totals, issues, lang), null, 2) + "\n";
    if (!tryWrite(args.json, report, io, lang)) return 1;
  }
  io.stdout(
    summary({
      command: args.command,
      lang,
      units,
      issues,
      fileCount: files.length,
      out: args.command === "consolidate" ? args.out : null,
      json: args.json,
    })
  );
  return issues.some((i) => i.severity === "error") ? 1 : 0;
}

/** The engine's result with its "Kiểm tra" tab rebuilt over every issue, those found before it ran included. */
function withAllIssues(
  engine: Engine,
  result: RunResult,
  all: readonly Issue[],
  workbooks: readonly WorkbookModel[],
  lang: Lang
): RunResult {
  if (!engine.issuesSheet) return result;
  const nameOf = copyNameOf(result, workbooks);
  const tab = engine.issuesSheet(all, {
    lang,
    sheetName: (file, sheet) => nameOf(file, sheet) ?? sheet,
  });
  const at = result.sheets.findIndex((s) => s.role === "issues");
  const sheets = result.sheets.slice();
  if (at >= 0) sheets[at] = tab;
  else sheets.splice(sheets.findIndex((s) => s.role === "summary") + 1, 0, tab);
  return { ...result, issues: [...all], sheets };
}
