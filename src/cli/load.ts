/**
 * The read phase of `tonghop consolidate|validate`: the input files → workbook models, in file order, a file
 * we cannot use becoming an issue in its place. bench/child.ts (the floor) and bench/phases.ts call this same
 * function, so that they time the command's own loading.
 */
import { readFileSync, realpathSync, statSync } from "fs";
import { resolve } from "path";
import { Issue, makeIssue } from "../core/issue";
import { WorkbookModel } from "../core/model";
import { readXlsxSync } from "../xlsx/fast-read";
import { DEFAULT_LIMITS, ReadLimits } from "../xlsx/file-rules";
import { zlibInflate } from "../xlsx/node-inflate";
import { fileTooLarge } from "../xlsx/precheck";
import { CLI_RULES } from "./cli-rules";
import { InputFile } from "./inputs";

export function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** The file's bytes, or an issue: unreadable, or (for workbooks) too big to read, told from its size alone. */
export function readBytes(file: InputFile, limits?: ReadLimits): Uint8Array | Issue {
  try {
    if (limits) {
      const tooLarge = fileTooLarge(file.label, statSync(file.path).size, limits);
      if (tooLarge) return tooLarge;
    }
    return new Uint8Array(readFileSync(file.path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "?";
    return makeIssue(
      CLI_RULES.unreadable,
      { messageId: "default", data: { what: code } },
      { file: file.label }
    );
  }
}

export interface LoadOptions {
  /** --out, resolved: a folder's file at that path is our previous output, skipped. */
  outPath?: string | null;
  /** Called before each file (progress). */
  onFile?: (index: number, total: number, label: string) => void;
}

export interface Loaded {
  workbooks: WorkbookModel[];
  /** In file order. */
  issues: Issue[];
}

export async function loadWorkbooks(
  files: readonly InputFile[],
  options: LoadOptions = {}
): Promise<Loaded> {
  const { outPath, onFile } = options;
  const workbooks: WorkbookModel[] = [];
  const issues: Issue[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    onFile?.(i, files.length, f.label);
    if (outPath && f.fromFolder && realOrResolved(f.path) === outPath) {
      // The output of the previous run, about to be replaced: reading it would count every unit twice, and
      // saying so each time would make a second run's workbook differ from the first's.
      continue;
    }
    const bytes = readBytes(f, DEFAULT_LIMITS);
    if (!(bytes instanceof Uint8Array)) {
      issues.push(bytes);
      continue;
    }
    // The reader without ExcelJS: the same model (test/xlsx/fast-read.test.ts), several times faster.
    const read = readXlsxSync(bytes, f.label, DEFAULT_LIMITS, zlibInflate);
    issues.push(...read.issues);
    if (!read.workbook) continue;
    if (f.fromFolder && read.ours.some((o) => o.role === "summary")) {
      issues.push(makeIssue(CLI_RULES.ownOutput, { messageId: "default" }, { file: f.label }));
      continue;
    }
    workbooks.push(read.workbook);
  }
  return { workbooks, issues };
}
