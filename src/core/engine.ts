/**
 * The engine's front door, the same for the CLI, the add-in and the web page: detect the sheets, understand
 * the units, consolidate, validate. Everything in, plain data out (RunResult); writers turn it into tabs.
 */
import { Analysis } from "./analysis";
import { consolidate as consolidateAnalysis } from "./consolidate";
import { classifySheet } from "./layout/detect";
import { analyze } from "./match";
import { WorkbookModel } from "./model";
import { noFormIssues } from "./no-form";
import { OutputSheet, RunOptions, RunResult, SheetInfo, UnitInfo } from "./output";
import { runChecks } from "./run-checks";

/** What each sheet of a workbook is: a unit report, the form itself, our own tab, or something else. */
export function detectSheets(wb: WorkbookModel): SheetInfo[] {
  return wb.sheets.map((s) => classifySheet(wb.file, s).info);
}

/** Reads and understands every unit of every workbook: layouts, matched rows and columns, relations. */
export function analyzeWorkbooks(wbs: WorkbookModel[], opts: RunOptions = {}): Analysis {
  const analysis = analyze(wbs, { only: opts.only, onProgress: opts.onProgress });
  // A file with no report at all would otherwise just be missing from the totals.
  analysis.issues.push(...noFormIssues(wbs, analysis.sheets, opts.only));
  return analysis;
}

function unitsOf(a: Analysis): UnitInfo[] {
  return a.units.map((u) => ({ name: u.unitName, file: u.file, sheet: u.sheet.name }));
}

/** Consolidates the units into the province totals and the "Tổng hợp" tab, and checks them. */
export function consolidate(wbs: WorkbookModel[], opts: RunOptions = {}): RunResult {
  const analysis = analyzeWorkbooks(wbs, opts);
  const done = consolidateAnalysis(analysis, opts);
  // What consolidation met (values left out, totals left blank) is listed and flagged with the checks.
  analysis.issues.push(...done.issues);
  const checks = runChecks(analysis, opts);
  const sheets: OutputSheet[] = done.sheet ? [done.sheet, ...checks.sheets] : checks.sheets;
  return {
    units: unitsOf(analysis),
    totals: done.totals,
    issues: checks.issues,
    sheets,
    flags: checks.flags,
  };
}

/** Checks every unit sheet; no totals. */
export function validate(wbs: WorkbookModel[], opts: RunOptions = {}): RunResult {
  const analysis = analyzeWorkbooks(wbs, opts);
  const checks = runChecks(analysis, opts);
  return {
    units: unitsOf(analysis),
    totals: [],
    issues: checks.issues,
    sheets: checks.sheets,
    flags: checks.flags,
  };
}
