/** Looser match keys for labels and column headers, for what normalizeLabel still tells apart. */
import { stripDiacritics } from "./text";

/** No diacritics, no punctuation: for labels typed without tones or with other punctuation. */
export function looseKey(key: string): string {
  return stripDiacritics(key)
    .replace(/[^a-z0-9>#\s]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Measure headers vary more than labels: "Tỷ lệ (%)", "Tỷ lệ %", "Tỉ lệ". */
export function measureLooseKey(header: string): string {
  const k = stripDiacritics(header)
    .replace(/ti le/g, "ty le")
    .replace(/\(%\)|%/g, " ")
    .replace(/[^a-z0-9\s-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return k === "" ? (header.includes("%") ? "%" : "") : k;
}
