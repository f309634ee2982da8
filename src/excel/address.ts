/**
 * Addresses as Office.js writes them ("'Tổng hợp'!$A$1:$C$3", "Sheet1!A1:B2, Sheet1!D4") to and from the
 * sheet model's plain A1 form ("A1:C3").
 */
import { cellAddress } from "../core/model";

/** "'My sheet'!$A$1:$C$3" → "A1:C3". */
export function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").trim();
}

/** A sheet name quoted for a reference: always quoted, inner apostrophes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The sheet a reference points to ("='Tổng hợp'!$A$1" → "Tổng hợp"), or null ("#REF!", no sheet). */
export function sheetOfReference(ref: string): string | null {
  const s = ref.trim().replace(/^=/, "");
  const quoted = /^'((?:[^']|'')+)'!/.exec(s);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^!'#]+)!/.exec(s);
  return plain ? plain[1] : null;
}

/** Splits a multi-area address at the commas that are not inside a quoted sheet name. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A1 range of 0-based corners ("A1:C3"; a single cell stays "A1"). */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = cellAddress(top, left);
  const b = cellAddress(bottom, right);
  return a === b ? a : `${a}:${b}`;
}
