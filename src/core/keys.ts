/**
 * Match keys for labels and column headers, memoised: a thousand units repeat the same few hundred labels,
 * and folding them once each keeps reading a province's reports fast.
 */
import { foldText, normalizeLabel, stripDiacritics } from "./text";

const LIMIT = 100_000;

function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s: string): string => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= LIMIT) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

/** Unicode NFC, memoised (every unit writes the form's labels again). */
export const nfc = memo((s: string): string => s.normalize("NFC"));

/** foldText, memoised. */
export const fold = memo(foldText);

/** normalizeLabel, memoised. */
export const labelKey = memo(normalizeLabel);

/** No diacritics, no punctuation: for labels typed without tones or with other punctuation. */
export const looseKey = memo((key: string): string =>
  stripDiacritics(key)
    .replace(/[^a-z0-9>#\s]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
);

/** Measure headers vary more than labels: "Tỷ lệ (%)", "Tỷ lệ %", "Tỉ lệ". */
export const measureLooseKey = memo((header: string): string => {
  const k = stripDiacritics(header)
    .replace(/ti le/g, "ty le")
    .replace(/\(%\)|%/g, " ")
    .replace(/[^a-z0-9\s-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return k === "" ? (header.includes("%") ? "%" : "") : k;
});
