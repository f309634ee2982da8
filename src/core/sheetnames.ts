/**
 * Names for the sheets of an output workbook: Excel wants at most 31 characters, none of \ / ? * [ ] :, no
 * apostrophe at either end, and names unique regardless of case. Unit sheets from many files often share a
 * name ("Biểu 01"), so their copies are named after the unit instead. Both writers and the engine's links
 * use these functions, so a link to a copy finds it.
 */

export const MAX_SHEET_NAME = 31;

/** A name Excel accepts, as close to the wanted one as possible. */
export function safeSheetName(wanted: string): string {
  let s = wanted
    .normalize("NFC")
    .replace(/[\\/?*[\]:]/g, "_")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  s = Array.from(s).slice(0, MAX_SHEET_NAME).join("").trim();
  if (s === "" || s.toLowerCase() === "history") s = s === "" ? "Sheet" : s + "_";
  return s;
}

const key = (name: string) => name.normalize("NFC").toLowerCase();

/** `wanted` made safe and unique among `taken` (lower-case keys), with " (2)", " (3)"... as needed; adds it. */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base = safeSheetName(wanted);
  let name = base;
  for (let n = 2; taken.has(key(name)); n++) {
    const suffix = ` (${n})`;
    name =
      Array.from(base)
        .slice(0, MAX_SHEET_NAME - suffix.length)
        .join("")
        .trimEnd() + suffix;
  }
  taken.add(key(name));
  return name;
}

/**
 * Names for the copies of unit sheets in the output workbook, in the order given: the sheet's own name when
 * no other unit sheet has it, else the unit's name, made unique; `reserved` (our tabs) are never used.
 */
export function copySheetNames(
  units: readonly { sheet: string; name?: string | null }[],
  reserved: readonly string[]
): string[] {
  // Each sheet's name made safe once (a thousand units often share the same few).
  const safe = new Map<string, string>();
  const keyOf = (sheet: string): string => {
    let k = safe.get(sheet);
    if (k === undefined) safe.set(sheet, (k = key(safeSheetName(sheet))));
    return k;
  };
  const count = new Map<string, number>();
  for (const u of units) count.set(keyOf(u.sheet), (count.get(keyOf(u.sheet)) ?? 0) + 1);
  const taken = new Set(reserved.map(key));
  return units.map((u) => {
    const shared = (count.get(keyOf(u.sheet)) ?? 0) > 1;
    return uniqueSheetName(shared && u.name ? u.name : u.sheet, taken);
  });
}

/** A sheet reference for formulas and links: 'Tổng hợp'!E18, with quotes doubled. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}
