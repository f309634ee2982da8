/**
 * The one place the engine calls the check rules. The rules (src/core/checks, the validation work) plug in
 * here; until they do, the run reports what understanding the workbooks found.
 */
import { Analysis } from "./analysis";
import { Issue } from "./issue";
import { Flag, OutputSheet, RunOptions } from "./output";

export interface ChecksResult {
  issues: Issue[];
  sheets: OutputSheet[];
  flags: Flag[];
}

export function runChecks(analysis: Analysis, opts: RunOptions = {}): ChecksResult {
  const only = opts.only;
  // Issues of sheets outside a restricted run are not this run's.
  const issues = only
    ? analysis.issues.filter(
        (i) => i.sheet === null || only.some((o) => o.file === i.file && o.sheet === i.sheet)
      )
    : analysis.issues.slice();
  return { issues, sheets: [], flags: [] };
}
