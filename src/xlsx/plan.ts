/**
 * What goes into the output workbook and under which names, shared by both .xlsx writers (ExcelJS and the fast
 * one): which unit sheets are copied (the units', then any other flagged sheet), the copies' names, how a
 * unit's formulas are pointed at the copies, and the flags gathered by cell. No ExcelJS here.
 */
import { SEVERITY_ORDER, Severity } from "../core/issue";
import { SheetModel, WorkbookModel, cellAddress, parseAddress } from "../core/model";
import { Flag, RunResult } from "../core/output";
import { copySheetNames, uniqueSheetName } from "../core/sheetnames";

/** Our tab names, reserved for the copies' naming even when a run writes fewer of them. */
export const OUR_TABS = ["Tổng hợp", "Kiểm tra", "Quy tắc"];

/** Keys "file\u0000sheet" → the model sheet, for finding a unit's sheet among the inputs. */
function sheetIndex(workbooks: readonly WorkbookModel[]): Map<string, SheetModel> {
  const index = new Map<string, SheetModel>();
  for (const wb of workbooks) for (const s of wb.sheets) index.set(`${wb.file}\u0000${s.name}`, s);
  return index;
}

export interface Copy {
  file: string;
  sheet: SheetModel;
  unitName: string | null;
}

/**
 * Which sheets are copied and under which names: the units' sheets, then any other flagged sheet; names from
 * copySheetNames with our three tab names reserved (as the engine names them for its links).
 */
export function planCopies(
  result: Pick<RunResult, "units" | "flags" | "sheets">,
  workbooks: readonly WorkbookModel[]
) {
  const index = sheetIndex(workbooks);
  const copies: Copy[] = [];
  const seen = new Set<string>();
  const addCopy = (file: string, sheetName: string, unitName: string | null) => {
    const k = `${file}\u0000${sheetName}`;
    const sheet = index.get(k);
    if (!sheet || seen.has(k)) return;
    seen.add(k);
    copies.push({ file, sheet, unitName });
  };
  for (const u of result.units) addCopy(u.file, u.sheet, u.name);
  for (const f of result.flags) addCopy(f.file, f.sheet, null);

  const taken = new Set<string>();
  const ourNames = result.sheets.map((s) => uniqueSheetName(s.name, taken));
  // Our three tab names stay reserved even when a run has fewer tabs, as in the engine's link names.
  const copyNames = copySheetNames(
    copies.map((c) => ({ sheet: c.sheet.name, name: c.unitName })),
    [...ourNames, ...OUR_TABS]
  );
  // Links name a copy, or a unit's own sheet name or the unit's name when that is unambiguous.
  const byOriginal = new Map<string, string | null>();
  const byUnit = new Map<string, string | null>();
  const note = (map: Map<string, string | null>, key: string | null, name: string) => {
    if (key !== null) map.set(key, map.has(key) ? null : name);
  };
  copies.forEach((c, i) => {
    note(byOriginal, c.sheet.name, copyNames[i]);
    note(byUnit, c.unitName, copyNames[i]);
  });
  return { copies, ourNames, copyNames, byOriginal, byUnit };
}

/** The name the output gives to the copy of a file's sheet (for links built before writing), or null. */
export function copyNameOf(
  result: Pick<RunResult, "units" | "flags" | "sheets">,
  workbooks: readonly WorkbookModel[]
): (file: string, sheet: string) => string | null {
  const { copies, copyNames } = planCopies(result, workbooks);
  const names = new Map(copies.map((c, i) => [`${c.file}\u0000${c.sheet.name}`, copyNames[i]]));
  return (file, sheet) => names.get(`${file}\u0000${sheet}`) ?? null;
}

/** A unit's formula uses its own workbook's sheet names; point them at the copies' names. */
export function renameRefs(formula: string, renames: Map<string, string>): string {
  if (renames.size === 0) return formula;
  return formula.replace(
    /'((?:[^']|'')+)'!|([\p{L}\p{N}_.]+)!/gu,
    (whole, quoted?: string, bare?: string) => {
      const old = quoted !== undefined ? quoted.replace(/''/g, "'") : bare!;
      const now = renames.get(old);
      return now === undefined ? whole : `'${now.replace(/'/g, "''")}'!`;
    }
  );
}

export interface Painted {
  severity: Severity;
  messages: string[];
}

/** How each line we add to a cell's note starts (the add-in's clearFlags takes out the lines that do). */
export const NOTE_MARK = "[Tổng hợp] ";

/**
 * Our lines for a flagged cell's note: every line marked, also the later lines of a flag whose messages were
 * joined with line breaks (buildFlags), so that clearing the flags can tell each of our lines from the user's.
 */
export function flagNote(flag: Painted): string {
  return flag.messages
    .flatMap((m) => m.split("\n"))
    .map((line) => NOTE_MARK + line)
    .join("\n");
}

export function addFlag(bySheet: Map<string, Map<string, Painted>>, f: Flag): void {
  const k = `${f.file}\u0000${f.sheet}`;
  const cells = bySheet.get(k) ?? new Map<string, Painted>();
  bySheet.set(k, cells);
  let cell: string;
  try {
    const p = parseAddress(f.cell);
    cell = cellAddress(p.row, p.col);
  } catch {
    return;
  }
  const prev = cells.get(cell);
  if (!prev) {
    cells.set(cell, { severity: f.severity, messages: [f.message] });
    return;
  }
  if (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) prev.severity = f.severity;
  if (!prev.messages.includes(f.message)) prev.messages.push(f.message);
}
