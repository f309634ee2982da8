/**
 * How our result tabs and flags are recognised in a workbook. A tab is ours when a workbook-level defined
 * name "tong_hop_output.<role>" points at it: the name follows the tab through renames, a copy of the tab
 * or a user's own tab of the same name does not carry it. The .xlsx writer (src/xlsx/marker.ts) sets the
 * same names, so the add-in and the command line recognise each other's tabs.
 */
import { OUTPUT_MARKER, OutputRole } from "../core/output";

const ROLES: OutputRole[] = ["summary", "issues", "rules"];

/** Defined names allow letters, digits, "_" and "."; the marker's "-" becomes "_". */
export const MARKER_PREFIX = OUTPUT_MARKER.replace(/-/g, "_") + ".";

export function markerName(role: OutputRole): string {
  return MARKER_PREFIX + role;
}

/** The .xlsx writer's marker of its very hidden flag record ("tong_hop_output.flags"). */
export const FLAGS_MARKER = MARKER_PREFIX + "flags";

/** Any of our markers, including the .xlsx writer's record of flags ("tong_hop_output.flags"). */
export function isOurMarker(name: string): boolean {
  return name.toLowerCase().startsWith(MARKER_PREFIX);
}

export function roleOfMarker(name: string): OutputRole | null {
  if (!name.toLowerCase().startsWith(MARKER_PREFIX)) return null;
  const role = name.slice(MARKER_PREFIX.length).toLowerCase() as OutputRole;
  return ROLES.includes(role) ? role : null;
}

/** Our tabs whose cells the engine reads back: the rules staff edit. The others are outputs only. */
export function readBack(role: OutputRole): role is "rules" {
  return role === "rules";
}

/** The workbook setting (add-in settings, saved in the file) holding the fills that flags covered. */
export const FLAG_SETTING = OUTPUT_MARKER + "-flags";

/**
 * A name Excel accepts, as close to the wanted one as possible: at most 31 characters, none of \ / ? * [ ] :,
 * no apostrophe at either end, not "History" (the same rules as the .xlsx writer's).
 */
export function cleanSheetName(wanted: string): string {
  let s = wanted
    .normalize("NFC")
    .replace(/[\\/?*[\]:]/g, "_")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  s = Array.from(s).slice(0, 31).join("").trim();
  if (s === "") return "Sheet";
  return s.toLowerCase() === "history" ? s + "_" : s;
}

const nameKey = (name: string) => name.normalize("NFC").toLowerCase();

/** The wanted name, or "name (2)", "name (3)" … when another sheet already has it (case-insensitive). */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map(nameKey));
  const base = cleanSheetName(wanted);
  let name = base;
  for (let n = 2; used.has(nameKey(name)); n++) {
    const suffix = ` (${n})`;
    name =
      Array.from(base)
        .slice(0, 31 - suffix.length)
        .join("")
        .trimEnd() + suffix;
  }
  return name;
}
