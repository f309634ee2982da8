/**
 * Reading one cell of a unit's sheet as the figure the unit meant: counts as numbers or as text ("6.991"),
 * percentages however stored (46.7, 0.467 with a % format, "46,7%", a formula's cached value), with the
 * decimals shown, and the cells that cannot be read (errors, ambiguous text, dates Excel made of fractions).
 */
import { CellReading, MeasureKind } from "./analysis";
import { CellValue, SheetModel, cellAddress, parseAddress } from "./model";
import { NumberFormatInfo, numberFormatInfo } from "./numfmt";
import { NumeralResult, parseNumeral } from "./numerals";
import { numberToPlainString, roundHalfUp } from "./rounding";

const ERROR_RE = /^#(DIV\/0!|N\/A|REF!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

/** The origin of a sheet's used range, computed once: cell lookups in hot loops use it. */
export interface Grid {
  sheet: SheetModel;
  top: number;
  left: number;
}

export function gridOf(sheet: SheetModel): Grid {
  const o = parseAddress(sheet.address);
  return { sheet, top: o.row, left: o.col };
}

/** The value at an absolute position, "" outside the used range. */
export function valueAt(g: Grid, row: number, col: number): CellValue {
  const r = g.sheet.values[row - g.top];
  if (!r) return "";
  const v = r[col - g.left];
  return v === undefined ? "" : v;
}

/** A cell's text, trimmed ("" for empty, numbers as their plain string). */
export function textAt(g: Grid, row: number, col: number): string {
  const v = valueAt(g, row, col);
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return numberToPlainString(v);
  return v ? "TRUE" : "FALSE";
}

export function readCell(
  sheet: SheetModel,
  row: number,
  col: number,
  kindHint: MeasureKind
): CellReading {
  return readGridCell(gridOf(sheet), row, col, kindHint);
}

/** Shifts a plain decimal string two places right (0.467 → 46.7) without binary rounding. */
export function timesHundred(plain: string): string {
  const neg = plain.startsWith("-");
  const body = neg ? plain.slice(1) : plain;
  const [i, f = ""] = body.split(".");
  const digits = i + f.padEnd(2, "0");
  const intLen = i.length + 2;
  let int = digits.slice(0, intLen).replace(/^0+(?=\d)/, "");
  const frac = digits.slice(intLen).replace(/0+$/, "");
  if (int === "") int = "0";
  const s = frac ? `${int}.${frac}` : int;
  return neg && s !== "0" ? "-" + s : s;
}

/** Removes the noise of binary floats the way Excel's General shows them (at most 10 digits shown). */
function generalPlain(n: number): string {
  const quick = String(n);
  // Short and without exponent: already what General shows (46.7, 0.25, 1234.5).
  if (quick.length <= 11 && !quick.includes("e")) return quick;
  const plain = numberToPlainString(n);
  const dot = plain.indexOf(".");
  if (dot < 0) return plain;
  const intDigits = plain.replace("-", "").indexOf(".");
  const allowed = Math.max(0, 10 - intDigits);
  if (plain.length - dot - 1 <= allowed) return plain;
  return stripZeros(roundHalfUp(plain, allowed));
}

function stripZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

function fracDigits(s: string): number {
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** An Excel date serial to the two fractions "m/d" and "d/m" it may have been typed as. */
export function fractionFromDate(
  serial: number
): { numerator: number; denominator: number } | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  // Serial 60 is Excel's phantom 29 Feb 1900; from 61 on, day 0 is 30 Dec 1899.
  const days = Math.floor(serial) - (serial < 61 ? 1 : 0);
  const d = new Date(Date.UTC(1899, 11, 31) + (days - 1) * 86400000);
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  // English Excel reads "9/10" as month/day, Vietnamese as day/month; a part over a whole has the smaller first.
  if (month <= day) return { numerator: month, denominator: day };
  return { numerator: day, denominator: month };
}

// Units share their cells' positions: each address string is made once and shared by every unit. By column,
// then row: two array lookups per cell, no hashing.
const ADDRESSES: string[][] = [];
let addressCount = 0;
/** "E18" for a cell. */
function addressOf(row: number, col: number): string {
  if (col >= 16384 || row >= 1_048_576) return cellAddress(row, col);
  let byRow = ADDRESSES[col];
  if (byRow === undefined) ADDRESSES[col] = byRow = [];
  let a = byRow[row];
  if (a === undefined) {
    if (++addressCount > 500_000) {
      ADDRESSES.length = 0;
      addressCount = 1;
      ADDRESSES[col] = byRow = [];
    }
    a = byRow[row] = cellAddress(row, col);
  }
  return a;
}

// Counts repeat (every unit writes 0, 1, 2...): the strings of small whole numbers are made once and shared.
const INT_STRINGS: string[] = [];
const INT_STRINGS_MAX = 1 << 17;
/** String(n) for a whole number, shared for small ones. */
export function intString(n: number): string {
  if (n >= 0 && n < INT_STRINGS_MAX) {
    const s = INT_STRINGS[n];
    return s === undefined ? (INT_STRINGS[n] = String(n)) : s;
  }
  return String(n);
}

/** Reads a cell; `kindHint` says what the column holds (a percent column reads 0.467 with % as 46.7). */
export function readGridCell(
  g: Grid,
  row: number,
  col: number,
  kindHint: MeasureKind
): CellReading {
  const r = row - g.top;
  const s = g.sheet;
  return readIn(
    s.values[r],
    s.formulas[r],
    s.numberFormat[r],
    s.valueTypes[r],
    row,
    col,
    col - g.left,
    kindHint
  );
}

/**
 * Reads the cells of one sheet row at absolute columns `cols`, each with its kind: the row's arrays are
 * looked up once, and a whole count (the usual cell) is read without any string made.
 */
export function readGridRow(
  g: Grid,
  row: number,
  cols: readonly number[],
  kinds: readonly MeasureKind[]
): CellReading[] {
  const r = row - g.top;
  const s = g.sheet;
  const values = s.values[r];
  const formulas = s.formulas[r];
  const formats = s.numberFormat[r];
  const types = s.valueTypes[r];
  const out = new Array<CellReading>(cols.length);
  for (let k = 0; k < cols.length; k++)
    out[k] = readIn(values, formulas, formats, types, row, cols[k], cols[k] - g.left, kinds[k]);
  return out;
}

/** What a number that is not a plain whole count reads as: value, exact digits, decimals shown. */
interface NumberRead {
  readonly value: number;
  readonly exact: string;
  readonly decimals: number;
}

/** Reads a finite number under a format; `percentColumn`: the column holds percentages. */
export function readNumber(raw: number, fmt: NumberFormatInfo, percentColumn: boolean): NumberRead {
  // A % format shows percent points whatever the column: 0.467 is the claim 46.7.
  const plain = fmt.percent ? timesHundred(numberToPlainString(raw)) : generalPlain(raw);
  if ((percentColumn || fmt.percent) && fmt.decimals !== null) {
    // A percentage claims what it shows: 0.46674 formatted 0.0% is the claim 46.7.
    const exact = fracDigits(plain) > fmt.decimals ? roundHalfUp(plain, fmt.decimals) : plain;
    return { value: Number(plain), exact, decimals: fmt.decimals };
  }
  return { value: Number(plain), exact: plain, decimals: fmt.decimals ?? fracDigits(plain) };
}

// Units repeat their texts ("46,7" in many units): each text is parsed once (a bounded map). Numbers are
// not memoised: a map lookup by number cost more than the reading it saves in a cold run (measured).
const READS_LIMIT = 50_000;
let numerals = new Map<string, NumeralResult>();

/** parseNumeral(text, "auto"), memoised (callers only read the result). */
function numeralOf(text: string): NumeralResult {
  let p = numerals.get(text);
  if (p === undefined) {
    p = parseNumeral(text, "auto");
    if (numerals.size >= READS_LIMIT) numerals = new Map();
    numerals.set(text, p);
  }
  return p;
}

// The last format met and what it says: neighbouring cells mostly share their format.
let lastFormat = "General";
let lastInfo = numberFormatInfo("General");

/** Reads the cell at index `c` of a sheet row's arrays (absolute position row, col). */
function readIn(
  values: CellValue[] | undefined,
  formulas: CellValue[] | undefined,
  formats: string[] | undefined,
  types: string[] | undefined,
  row: number,
  col: number,
  c: number,
  kindHint: MeasureKind
): CellReading {
  const raw: CellValue = values?.[c] ?? "";
  const f = formulas?.[c];
  const formula = typeof f === "string" && f.startsWith("=") ? f : null;
  const numberFormat = formats?.[c] ?? "General";
  const reading: CellReading = {
    row,
    col,
    address: addressOf(row, col),
    raw,
    formula,
    numberFormat,
    status: "empty",
    value: null,
    exact: null,
    decimals: null,
    fromText: false,
    fraction: null,
  };
  if (raw === "" || raw === null || raw === undefined) return reading;
  if (typeof raw === "boolean") {
    reading.status = "text";
    return reading;
  }
  const vt = types?.[c];
  if (vt === "Error" || (typeof raw === "string" && ERROR_RE.test(raw.trim()))) {
    reading.status = "error";
    return reading;
  }
  if (numberFormat !== lastFormat) {
    lastInfo = numberFormatInfo(numberFormat);
    lastFormat = numberFormat;
  }
  const fmt = lastInfo;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) {
      reading.status = "error";
      return reading;
    }
    if (fmt.date && kindHint !== "text") {
      reading.status = "date";
      reading.fraction = fractionFromDate(raw);
      return reading;
    }
    if (!fmt.percent && Number.isInteger(raw) && Math.abs(raw) < 1e15) {
      // The common case, a whole count: no string arithmetic needed, and its string shared.
      reading.status = "number";
      reading.value = raw;
      reading.exact = intString(raw);
      reading.decimals = fmt.decimals ?? 0;
      return reading;
    }
    const n = readNumber(raw, fmt, kindHint === "percent");
    reading.status = "number";
    reading.value = n.value;
    reading.decimals = n.decimals;
    reading.exact = n.exact;
    return reading;
  }
  // Text: a figure typed as text, or words.
  const text = raw.trim();
  if (text === "") return reading;
  const parsed = numeralOf(text);
  if (parsed.ok) {
    const n = parsed.numeral;
    reading.fromText = true;
    if (n.kind === "fraction") {
      reading.status = "text";
      if (n.numerator !== undefined && n.denominator !== undefined)
        reading.fraction = { numerator: n.numerator, denominator: n.denominator };
      return reading;
    }
    if (n.approx) {
      // "khoảng 80": an estimate is not a figure to add up.
      reading.status = "text";
      return reading;
    }
    reading.status = "number";
    reading.value = n.value;
    reading.exact = n.exact;
    reading.decimals = n.decimals;
    return reading;
  }
  if (parsed.reason === "ambiguous") {
    // "46.7" in a percentage column can only be forty-six point seven: no count is written with 1-2 decimals.
    const pct = /^-?\d{1,3}\.\d{1,2}%?$/.test(text);
    if (kindHint === "percent" && pct && parsed.candidates.length === 1) {
      const exact = text.replace("%", "");
      reading.fromText = true;
      reading.status = "number";
      reading.value = Number(exact);
      reading.exact = exact;
      reading.decimals = fracDigits(exact);
      return reading;
    }
    reading.fromText = true;
    reading.status = "ambiguous";
    return reading;
  }
  reading.status = "text";
  return reading;
}
