/**
 * What an Excel number format says about the figure it shows: a percentage (the stored 0.467 shows 46.7%), the
 * decimals shown, a date (a "9/10" Excel turned into 10-Sep), or text. Parsed once per distinct format.
 */

export interface NumberFormatInfo {
  general: boolean;
  percent: boolean;
  date: boolean;
  text: boolean;
  /** Decimals shown for numbers, or null for General (shows what is stored). */
  decimals: number | null;
}

const cache = new Map<string, NumberFormatInfo>();

/** Reads the first section of a format ("0.0%;-0.0%" → its positive part), quotes and escapes removed. */
export function numberFormatInfo(format: string | undefined): NumberFormatInfo {
  const fmt = format ?? "General";
  const hit = cache.get(fmt);
  if (hit) return hit;
  const info = parse(fmt);
  cache.set(fmt, info);
  return info;
}

function parse(fmt: string): NumberFormatInfo {
  const first = splitSections(fmt)[0] ?? "";
  // Literal text, escaped characters, padding/fill characters and [colour]/[$-locale] blocks say nothing.
  const bare = first
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "");
  const general = bare.trim() === "" || /^general$/i.test(bare.trim());
  if (general) return { general: true, percent: false, date: false, text: false, decimals: null };
  if (bare.trim() === "@")
    return { general: false, percent: false, date: false, text: true, decimals: null };
  const date = /[dmyhs]/i.test(bare.replace(/am\/pm|a\/p/gi, ""));
  const percent = bare.includes("%");
  const dm = /\.([0#?]+)/.exec(bare);
  const decimals = dm ? dm[1].length : /[0#?]/.test(bare) ? 0 : null;
  return { general: false, percent, date, text: false, decimals };
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A number format for a figure with k decimals: "#,##0" for counts, "0.0" for percentages in points. */
export function formatFor(kind: "count" | "percent", decimals: number): string {
  const frac = decimals > 0 ? "." + "0".repeat(decimals) : "";
  return kind === "count" ? `#,##0${frac}` : `0${frac}`;
}
