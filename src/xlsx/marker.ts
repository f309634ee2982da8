/**
 * How our own tabs are recognised in an .xlsx: a workbook defined name per tab, named after OUTPUT_MARKER and
 * the tab's role, pointing at the tab's A1. The name follows the tab if a user renames it, and a sheet the user
 * made never carries one, so re-running replaces ours and only ours.
 */
import { OUTPUT_MARKER, OutputRole } from "../core/output";

/** The roles of our tabs in a file: the engine's, plus the hidden record of the flags we painted. */
export type FileRole = OutputRole | "flags";

/** "tong_hop_output." (defined names allow letters, digits, "_" and "."; not "-"). */
export const MARKER_PREFIX = OUTPUT_MARKER.replace(/-/g, "_") + ".";

/** Name of the very hidden tab that records flagged cells and what they looked like before. */
export const FLAGS_SHEET = "tong_hop_flags";

export function markerName(role: FileRole): string {
  return MARKER_PREFIX + role;
}

/** "summary" for "tong_hop_output.summary", else null. */
export function roleOfMarker(name: string): FileRole | null {
  if (!name.startsWith(MARKER_PREFIX)) return null;
  const role = name.slice(MARKER_PREFIX.length);
  return role === "summary" || role === "issues" || role === "rules" || role === "flags"
    ? role
    : null;
}

/** Our tabs whose cells the engine reads back: the rules staff edit. The others are outputs only. */
export function readBack(role: FileRole): role is "rules" {
  return role === "rules";
}

/** A sheet reference for a formula or defined name: 'Tổng hợp'!$A$1, quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
