/**
 * The one place the engine calls the check rules (src/core/checks): with the run's language, its restriction
 * to some sheets, and the names the unit sheets' copies take in the output workbook, so links find them.
 */
import { Analysis } from "./analysis";
import { CheckResult, runChecks as runRules } from "./checks";
import { RunOptions } from "./output";
import { unitSheetNames } from "./summary-sheet";

export type ChecksResult = CheckResult;

export function runChecks(analysis: Analysis, opts: RunOptions = {}): ChecksResult {
  const names = unitSheetNames(analysis.units);
  const copyName = new Map<string, string>();
  analysis.units.forEach((u, i) => copyName.set(`${u.file}\u0000${u.sheet.name}`, names[i]));
  return runRules(analysis, {
    lang: opts.lang,
    only: opts.only,
    tabs: opts.tabs,
    sheetName: (file, sheet) => copyName.get(`${file}\u0000${sheet}`) ?? sheet,
  });
}
