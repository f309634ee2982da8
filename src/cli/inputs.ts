/**
 * Inputs on the command line → the files to read, each with the name it is reported under: the path as given,
 * joined with the file's path inside a given folder. Folders are walked recursively and their files taken in
 * path order; Excel's lock files (~$name.xlsx) and macOS resource forks (._name.xlsx) are skipped, as are
 * hidden folders.
 */
import { readdirSync, statSync } from "fs";
import { sep } from "path";

export interface InputFile {
  /** The path to open. */
  path: string;
  /** The name reported in issues and the JSON report. */
  label: string;
  /** Found by walking a folder (not named on the command line). */
  fromFolder: boolean;
}

export interface Missing {
  /** The input as given. */
  input: string;
  kind: "missing" | "empty-folder";
}

const skipped = (name: string) => name.startsWith("~$") || name.startsWith("._");

/** Every file under `dir` whose name matches, as paths relative to it, in path order. */
function walk(dir: string, match: RegExp): string[] {
  const found: string[] = [];
  const visit = (rel: string) => {
    const here = rel ? dir + sep + rel : dir;
    let entries;
    try {
      entries = readdirSync(here, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? rel + sep + e.name : e.name;
      if (e.isDirectory()) {
        if (!e.name.startsWith(".")) visit(child);
      } else if ((e.isFile() || e.isSymbolicLink()) && match.test(e.name) && !skipped(e.name)) {
        found.push(child);
      }
    }
  };
  visit("");
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Expands the inputs. `match` is the file names a folder contributes (.xlsx for workbooks); a file named
 * explicitly is taken whatever its name, so that a misnamed file gets a clear issue instead of silence.
 */
export function collectInputs(
  inputs: readonly string[],
  match: RegExp
): { files: InputFile[]; missing: Missing[] } {
  const files: InputFile[] = [];
  const missing: Missing[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      missing.push({ input, kind: "missing" });
      continue;
    }
    if (!isDir) {
      files.push({ path: input, label: input, fromFolder: false });
      continue;
    }
    const found = walk(input, match);
    if (found.length === 0) missing.push({ input, kind: "empty-folder" });
    const prefix = input.endsWith(sep) || input.endsWith("/") ? input : input + sep;
    for (const rel of found)
      files.push({ path: prefix + rel, label: prefix + rel, fromFolder: true });
  }
  return { files, missing };
}
