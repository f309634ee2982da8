/**
 * How our result tabs and flags are recognised in a workbook. A tab is ours when a workbook-level defined
 * name "tong_hop_output_<role>" points at it: the name follows the tab through renames, a copy of the tab
 * or a user's own tab of the same name does not carry it, and the .xlsx writer can set the same name.
 */
import { OUTPUT_MARKER, OutputRole } from "../core/output";

const ROLES: OutputRole[] = ["summary", "issues", "rules"];

/** Defined names allow letters, digits, "_" and "."; the marker's "-" becomes "_". */
export const MARKER_PREFIX = OUTPUT_MARKER.replace(/-/g, "_") + "_";

export function markerName(role: OutputRole): string {
  return MARKER_PREFIX + role;
}

export function roleOfMarker(name: string): OutputRole | null {
  if (!name.toLowerCase().startsWith(MARKER_PREFIX)) return null;
  const role = name.slice(MARKER_PREFIX.length).toLowerCase() as OutputRole;
  return ROLES.includes(role) ? role : null;
}

/** The workbook setting (add-in settings, saved in the file) holding the fills that flags covered. */
export const FLAG_SETTING = OUTPUT_MARKER + "-flags";

/** Excel's limits on sheet names: 31 characters, none of : \ / ? * [ ]. */
export function cleanSheetName(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  return (s || "Sheet").slice(0, 31);
}

/** The wanted name, or "name (2)", "name (3)" … when a sheet that is not ours already has it. */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = cleanSheetName(wanted);
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}
