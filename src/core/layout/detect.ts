/**
 * Finding the table in a report sheet: the title block ("Kỳ báo cáo", "Đơn vị báo cáo:"), the header rows
 * (two-row headers and merged cells too), the optional column-number row, the code, label and unit columns,
 * each measure column with its kind, the indicator rows with code, depth, parent and "gồm"/"trong đó" marker,
 * and where the signature footer starts. Also decides what kind of sheet it is.
 */
import {
  CellReading,
  IndicatorRow,
  Measure,
  MeasureKind,
  RowMarker,
  SheetLayout,
} from "../analysis";
import { readGridRow, textAt, valueAt, Grid, gridOf } from "../cells";
import { SheetModel, parseRange } from "../model";
import { SheetInfo, SheetKind } from "../output";
import { fold as foldText, labelKey as normalizeLabel } from "../keys";
import { numberFormatInfo } from "../numfmt";
import { packed } from "../arrays";
import { DepthTracker, RowCode, parseCode, splitCode } from "./codes";
import {
  CODE_HEAD,
  FOOTER,
  FORM_NUMBER,
  HEADING,
  LABEL_HEAD,
  MARKER_PREFIX,
  MARKER_SUFFIX,
  MEASURE_HEAD,
  nonAdditiveHeader,
  NONADD_ROW_LABEL,
  NONADD_UOM,
  NOTE_HEAD,
  NOT_HEADING,
  PERCENT_HEAD,
  PERCENT_ROW_LABEL,
  PERCENT_UOM,
  PERIOD_FREE,
  PERIOD_LINE,
  TITLE,
  UNIT_LINE,
  UOM_HEAD,
  markerOf,
} from "./words";

/** Names of our own output tabs, folded. */
const OUR_NAMES = /^(tổng hợp|kiểm tra|quy tắc)( \(\d+\))?$/u;
/** A cell our writers put on every tab they make: how a re-run recognises its own tabs whatever their name. */
export const OUR_SIGNATURE = "Lập bằng công cụ Tổng hợp báo cáo (tong-hop)";
const TEMPLATE_NAME = /^(biểu mẫu|mẫu biểu|mẫu|mau|bieu mau|template|form)( (số )?\d[\w./-]*)?$/u;
const INSTRUCTIONS_NAME =
  /^(hướng dẫn|huong dan|ghi chú|giải thích|instructions?|readme|danh mục)/u;

const HEADER_SCAN_ROWS = 40;

/** Why a measure's kind or a row's kind: a percentage row in a count column, an average row. */
export function rowKindOf(label: string, uom: string | null): "percent" | "nonAdditive" | null {
  const l = foldText(label);
  const u = uom ? foldText(uom) : "";
  if (PERCENT_UOM.test(u) || PERCENT_ROW_LABEL.test(l)) return "percent";
  if (NONADD_UOM.test(u) || NONADD_ROW_LABEL.test(l)) return "nonAdditive";
  return null;
}

/** What a cell of (row kind, measure kind) holds. */
export function cellKindOf(
  rowKind: "percent" | "nonAdditive" | null,
  measureKind: MeasureKind
): MeasureKind {
  if (measureKind !== "count") return measureKind;
  return rowKind ?? "count";
}

interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

// Units repeat the form's merged areas: each range text is parsed once (the corners are never changed).
const mergeCache = new Map<string, Merge>();
function mergeOf(a1: string): Merge {
  let m = mergeCache.get(a1);
  if (m === undefined) {
    m = parseRange(a1);
    if (mergeCache.size >= 10_000) mergeCache.clear();
    mergeCache.set(a1, m);
  }
  return m;
}

/** The text a header cell shows, merged areas taking the text of their top-left cell. */
function headerText(g: Grid, merges: Merge[], row: number, col: number): string {
  const own = textAt(g, row, col);
  if (own !== "") return own;
  for (const m of merges) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) {
      if (m.top === row && m.left === col) return "";
      return textAt(g, m.top, m.left);
    }
  }
  return "";
}

/** Is the cell covered by a merge that starts in an earlier row (a vertically merged header)? */
function mergedFromAbove(merges: Merge[], row: number, col: number): boolean {
  return merges.some((m) => row > m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

// Units repeat the form's header and title texts: what each text says is worked out once (bounded).
const headPointsCache = new Map<string, number>();

/**
 * What a header cell's text adds to its row's header score: 2 for the label column's header ("Chỉ tiêu"),
 * 1 for another header a form has (STT, Đơn vị tính, Ghi chú, Tỷ lệ, Số lượng...), 0 otherwise.
 */
export function headPoints(raw: string): number {
  let p = headPointsCache.get(raw);
  if (p === undefined) {
    const t = foldText(raw);
    if (t === "") p = 0;
    else if (LABEL_HEAD.test(t)) p = 2;
    else if (CODE_HEAD.test(t) || UOM_HEAD.test(t)) p = 1;
    else if (NOTE_HEAD.test(t) || PERCENT_HEAD.test(t) || MEASURE_HEAD.test(t)) p = 1;
    else p = 0;
    if (headPointsCache.size >= 50_000) headPointsCache.clear();
    headPointsCache.set(raw, p);
  }
  return p;
}

const COLNUM_CELL = /^\(?\s*([a-z]|\d{1,2})\s*\)?\s*(\(?\s*=\s*([^)]*(\([^)]*\))?[^)]*)\)?)?$/iu;

/** A column-number row: "A | B | 1 | 2 | 3 (=2/1*100)"; returns the cells' texts or null. */
function readColumnNumberRow(g: Grid, row: number, left: number, right: number): boolean {
  let n = 0;
  let digits = 0;
  for (let c = left; c <= right; c++) {
    const t = textAt(g, row, c);
    if (t === "") continue;
    const m = COLNUM_CELL.exec(t);
    if (!m) return false;
    n++;
    if (/\d/.test(m[1])) digits++;
  }
  return n >= 2 && digits >= 1;
}

export interface ColumnNumber {
  col: number;
  /** The number or letter printed for the column ("4", "B"). */
  id: string;
  /** The arithmetic it states, without "=" ("2*100/3"), or null. */
  expression: string | null;
  text: string;
}

/** Parses a column-number cell: "4 (=2*100/3)" → id 4, expression 2*100/3. */
export function parseColumnNumber(text: string): { id: string; expression: string | null } | null {
  const m = COLNUM_CELL.exec(text.trim());
  if (!m) return null;
  return { id: m[1].toUpperCase(), expression: m[3] ? m[3].replace(/\s+/g, "") : null };
}

function cleanName(s: string): string {
  return s
    .replace(/[.…_]{2,}/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s:,-]+|[\s:,-]+$/g, "")
    .trim();
}

interface TitleBlock {
  title: string | null;
  period: string | null;
  unitLine: string | null;
  heading: string | null;
}

/** What a title-block cell's text is, and its cleaned texts; a function of the text alone. */
interface TitleLine {
  readonly line: "unit" | "period" | "heading" | "skip" | "other";
  /** For a unit or period line: the text after its label ("" when the name is in the next cell). */
  readonly rest: string;
  /** cleanName of the text, for a heading or another line ("" for the rest, which do not use it). */
  readonly clean: string;
  /** For a period written without its label ("Năm 2024"): the period; else null. */
  readonly free: string | null;
  /** The text starts like a report title ("Báo cáo", "Tổng hợp"...). */
  readonly title: boolean;
}

const titleLines = new Map<string, TitleLine>();

function titleLineOf(t: string): TitleLine {
  let l = titleLines.get(t);
  if (l !== undefined) return l;
  const f = foldText(t);
  const afterLabel = (re: RegExp): string => {
    if (/[:：]/.test(t)) return cleanName(t.normalize("NFC").replace(/^[^:：]*[:：]/u, ""));
    return cleanName(t.normalize("NFC").slice(f.match(re)?.[0].length ?? 0));
  };
  let line: TitleLine["line"] = "other";
  let rest = "";
  if (UNIT_LINE.test(f)) {
    line = "unit";
    rest = afterLabel(UNIT_LINE);
  } else if (PERIOD_LINE.test(f)) {
    line = "period";
    rest = afterLabel(PERIOD_LINE);
  } else if (HEADING.test(f) && !NOT_HEADING.test(f) && !TITLE.test(f)) line = "heading";
  else if (NOT_HEADING.test(f) || FORM_NUMBER.test(f)) line = "skip";
  const other = line === "other";
  l = Object.freeze({
    line,
    rest,
    clean: line === "heading" || other ? cleanName(t) : "",
    free: other && PERIOD_FREE.test(f) ? cleanName(t.replace(/^\(|\)$/g, "")) : null,
    title: other && TITLE.test(f),
  });
  if (titleLines.size >= 50_000) titleLines.clear();
  titleLines.set(t, l);
  return l;
}

function readTitleBlock(
  g: Grid,
  top: number,
  bottom: number,
  left: number,
  right: number
): TitleBlock {
  const block: TitleBlock = { title: null, period: null, unitLine: null, heading: null };
  let longest = "";
  for (let r = top; r < bottom; r++) {
    for (let c = left; c <= right; c++) {
      const t = textAt(g, r, c);
      if (t === "" || typeof valueAt(g, r, c) !== "string") continue;
      const l = titleLineOf(t);
      if (l.line === "unit" || l.line === "period") {
        // "Đơn vị báo cáo:" with the name in a later cell of the row.
        let rest = l.rest;
        for (let c2 = c + 1; rest === "" && c2 <= right; c2++) rest = cleanName(textAt(g, r, c2));
        if (l.line === "unit" && rest && block.unitLine === null) block.unitLine = rest;
        if (l.line === "period" && rest && block.period === null) block.period = rest;
        continue;
      }
      if (l.line === "heading") {
        // The lower line of a two-line heading is the reporting body itself ("ĐẢNG ỦY XÃ ĐẦM HÀ").
        block.heading = l.clean;
        continue;
      }
      if (l.line === "skip") continue;
      if (l.free !== null && block.period === null) {
        block.period = l.free;
        continue;
      }
      if (l.title && block.title === null) block.title = l.clean;
      else if (t.length > longest.length) longest = l.clean;
    }
  }
  if (block.title === null && longest.length >= 12) block.title = longest;
  return block;
}

/** Is this a tab our own writers made (by name or by the signature cell)? */
export function isOurSheet(sheet: SheetModel): boolean {
  if (OUR_NAMES.test(foldText(sheet.name))) return true;
  const rows = Math.min(sheet.values.length, 8);
  // Indexed loops here and below in the per-row paths: in a cold run, before the loops are optimised, an
  // array's iterator costs a call and an object per element.
  for (let r = 0; r < rows; r++) {
    const row = sheet.values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "string" && v.includes("(tong-hop)")) return true;
    }
  }
  return false;
}

function sheetIsEmpty(sheet: SheetModel): boolean {
  for (const row of sheet.values) for (const v of row) if (v !== "" && v !== null) return false;
  return true;
}

interface HeaderFind {
  headerRows: number[];
  left: number;
  right: number;
}

function findHeader(g: Grid, merges: Merge[], width: number): HeaderFind | null {
  const last = Math.min(g.top + g.sheet.values.length, g.top + HEADER_SCAN_ROWS);
  const left = g.left;
  const right = g.left + width - 1;
  let best: { row: number; score: number } | null = null;
  for (let r = g.top; r < last; r++) {
    let score = 0;
    let label = false;
    for (let c = left; c <= right; c++) {
      const v = valueAt(g, r, c);
      if (typeof v !== "string") continue;
      const p = headPoints(v);
      score += p;
      if (p === 2) label = true;
    }
    if (label && score >= 3) {
      best = { row: r, score };
      break;
    }
    if (score >= 3 && (!best || score > best.score)) best = { row: r, score };
  }
  if (!best) return null;
  const headerRows = [best.row];
  // Sub-header rows: text only, nothing in the label column, no figures (e.g. "Nam | Nữ" under "Số lượng").
  for (let r = best.row + 1; r < best.row + 3; r++) {
    if (readColumnNumberRow(g, r, left, right)) break;
    let texts = 0;
    let numbers = 0;
    let underMerged = 0;
    for (let c = left; c <= right; c++) {
      const v = valueAt(g, r, c);
      if (v === "") {
        if (mergedFromAbove(merges, r, c)) underMerged++;
        continue;
      }
      if (typeof v === "number") numbers++;
      else if (typeof v === "string" && /\p{L}/u.test(v)) texts++;
      else numbers++;
    }
    if (texts === 0 || numbers > 0) break;
    const above = headerRows[headerRows.length - 1];
    let spans = false;
    for (let c = left; c <= right && !spans; c++) {
      if (valueAt(g, r, c) === "") continue;
      const up = headerText(g, merges, above, c);
      const upOwn = textAt(g, above, c);
      if (up !== "" && upOwn === "") spans = true; // under a horizontally merged header cell
      if (up !== "" && merges.some((m) => m.top === above && m.left === c && m.right > c))
        spans = true;
    }
    if (!spans && underMerged === 0) break;
    headerRows.push(r);
  }
  return { headerRows, left, right };
}

/**
 * Detects the table of a sheet. Returns null when the sheet holds no indicator table (instructions, an empty
 * sheet, a chart data sheet).
 */
export function detectLayout(file: string, sheet: SheetModel): SheetLayout | null {
  if (sheet.values.length === 0) return null;
  const g = gridOf(sheet);
  const width = sheet.values[0]?.length ?? 0;
  const merges: Merge[] = sheet.merges.map(mergeOf);
  const found = findHeader(g, merges, width);
  if (!found) return null;
  const { headerRows, left, right } = found;
  const lastHeader = headerRows[headerRows.length - 1];

  // Header text per column: the rows joined with " - ", merged areas spread over their columns.
  const headers: string[] = [];
  const topTexts: string[] = [];
  for (let c = left; c <= right; c++) {
    const parts: string[] = [];
    for (const r of headerRows) {
      const t = headerText(g, merges, r, c).replace(/\s+/g, " ").trim();
      if (t !== "" && !parts.includes(t)) parts.push(t);
    }
    headers.push(parts.join(" - "));
    topTexts.push(foldText(headerText(g, merges, headerRows[0], c)));
  }

  let codeCol: number | null = null;
  let labelCol: number | null = null;
  let uomCol: number | null = null;
  for (let i = 0; i < headers.length; i++) {
    const f = foldText(headers[i]);
    const top = topTexts[i];
    if (labelCol === null && (LABEL_HEAD.test(f) || LABEL_HEAD.test(top))) labelCol = left + i;
    else if (codeCol === null && (CODE_HEAD.test(f) || CODE_HEAD.test(top))) codeCol = left + i;
    else if (uomCol === null && (UOM_HEAD.test(f) || UOM_HEAD.test(top))) uomCol = left + i;
  }

  let dataStart = lastHeader + 1;
  let columnNumberRow: number | null = null;
  if (readColumnNumberRow(g, dataStart, left, right)) {
    columnNumberRow = dataStart;
    dataStart++;
  }

  // Without a "Chỉ tiêu" header, the label column is the one with the most words below the header.
  if (labelCol === null) {
    let bestCol = -1;
    let bestCount = 0;
    for (let c = left; c <= right; c++) {
      if (c === codeCol || c === uomCol) continue;
      let n = 0;
      for (let r = dataStart; r < Math.min(dataStart + 30, g.top + sheet.values.length); r++) {
        const v = valueAt(g, r, c);
        if (typeof v === "string" && /\p{L}{3,}/u.test(v)) n++;
      }
      if (n > bestCount) {
        bestCount = n;
        bestCol = c;
      }
    }
    if (bestCol < 0) return null;
    labelCol = bestCol;
  }

  // Measures: every other column with a header.
  const measures: Measure[] = [];
  const sampleEnd = Math.min(dataStart + 60, g.top + sheet.values.length);
  for (let i = 0; i < headers.length; i++) {
    const col = left + i;
    if (col === labelCol || col === codeCol || col === uomCol) continue;
    const header = headers[i];
    if (header === "") continue;
    const f = foldText(header);
    let kind: MeasureKind;
    if (NOTE_HEAD.test(f)) kind = "text";
    else if (PERCENT_HEAD.test(f)) kind = "percent";
    else if (nonAdditiveHeader(f)) kind = "nonAdditive";
    else kind = "count";
    let decimals: number | null = null;
    if (kind === "count") {
      // A column whose figures carry a % format is a percentage column, whatever its header says.
      let pct = 0;
      let nums = 0;
      for (let r = dataStart; r < sampleEnd; r++) {
        if (typeof valueAt(g, r, col) !== "number") continue;
        nums++;
        if (numberFormatInfo(sheet.numberFormat[r - g.top]?.[col - g.left]).percent) pct++;
      }
      if (nums > 0 && pct * 2 > nums) kind = "percent";
    }
    measures.push({
      col,
      header,
      key: normalizeLabel(header),
      kind,
      decimals,
      columnNumber: columnNumberRow !== null ? textAt(g, columnNumberRow, col) || null : null,
    });
  }
  if (measures.length === 0) return null;

  const rows = readRows(g, dataStart, labelCol, codeCol, uomCol, measures);
  if (rows.length === 0) return null;

  // Decimals each percentage column shows: the most common among its cells.
  for (let m = 0; m < measures.length; m++) {
    if (measures[m].kind !== "percent") continue;
    measures[m].decimals = modeDecimals(packed(rows, (r) => r.cells[m]));
  }

  const block = readTitleBlock(g, g.top, headerRows[0], left, right);
  const unitName = block.unitLine || block.heading || sheet.name;
  return {
    file,
    sheet,
    kind: classifyByName(sheet, block.unitLine, rows, measures),
    unitName,
    title: block.title,
    period: block.period,
    headerRows,
    columnNumberRow,
    codeCol,
    labelCol,
    uomCol,
    measures,
    rows,
  };
}

export function modeDecimals(cells: CellReading[]): number | null {
  const counts = new Map<number, number>();
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c.status !== "number" || c.decimals === null) continue;
    counts.set(c.decimals, (counts.get(c.decimals) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestN = 0;
  for (const [d, n] of counts)
    if (n > bestN || (n === bestN && best !== null && d > best)) {
      best = d;
      bestN = n;
    }
  return best;
}

function classifyByName(
  sheet: SheetModel,
  unitLine: string | null,
  rows: IndicatorRow[],
  measures: Measure[]
): SheetKind {
  if (TEMPLATE_NAME.test(foldText(sheet.name))) return "template";
  // A form with no figures at all and no unit named is the blank form itself.
  const anyFigure = rows.some((r) =>
    r.cells.some(
      (c, i) => measures[i].kind !== "text" && c.status !== "empty" && c.formula === null
    )
  );
  if (!anyFigure && !unitLine) return "template";
  return "unit";
}

interface RowText {
  code: RowCode | null;
  label: string;
  /** The label is only a marker ("Trong đó:"): it gives the previous row its marker. */
  alone: RowMarker;
  /** "Trong đó: nữ": the previous row is this row's whole. */
  childOf: RowMarker;
  /** "..., gồm:": this row is a whole. */
  own: RowMarker;
  /** Signature-block words ("Người lập biểu", "ngày ... tháng ... năm"). */
  footer: boolean;
  /** normalizeLabel(label): the row's match key before assignKeys qualifies it. */
  key: string;
  /** The row's kind for each unit-of-measure text met with this label ("" for none). */
  kinds: Map<string, RowKind>;
}

// Units repeat the form's labels: each distinct (code, label) text is parsed once.
const rowTextCache = new Map<string, Map<string, RowText>>();

function parseRowText(codeText: string, rawLabel: string): RowText {
  let byLabel = rowTextCache.get(codeText);
  const hit = byLabel?.get(rawLabel);
  if (hit) return hit;
  const footer = FOOTER.test(foldText(rawLabel)) || FOOTER.test(foldText(codeText));
  let code: RowCode | null = codeText !== "" ? parseCode(codeText) : null;
  let label = rawLabel.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!code && label === "" && codeText !== "") {
    // A heading merged across the table keeps its text in its first cell: "I. TỔ CHỨC CƠ SỞ ĐẢNG" in the
    // code column. Only a numbered heading is taken; other text there (a note) stays out of the table.
    const heading = splitCode(codeText.normalize("NFC").replace(/\s+/g, " "));
    if (heading.code && heading.code.kind !== "symbol") {
      code = heading.code;
      label = heading.label;
    }
  }
  if (!code) {
    const split = splitCode(label);
    if (split.code) {
      code = split.code;
      label = split.label;
    }
  }
  let alone: RowMarker = null;
  let childOf: RowMarker = null;
  let own: RowMarker = null;
  const fLabel = foldText(label);
  const bare = fLabel.replace(/[:.\s]+$/, "");
  if (MARKER_PREFIX.test(bare) && bare.replace(MARKER_PREFIX, "") === "") alone = markerOf(bare);
  else {
    const pm = MARKER_PREFIX.exec(fLabel);
    if (pm && fLabel.length > pm[0].length) {
      childOf = markerOf(pm[1]);
      label = stripLeadingPunct(label.slice(label.length - (fLabel.length - pm[0].length)).trim());
      // "Trong đó: cao cấp" shows as "Cao cấp" once the marker is taken off.
      label = label.charAt(0).toLocaleUpperCase("vi") + label.slice(1);
    }
    // Only a label that holds a marker word is run through the (slower) suffix pattern.
    const f2 = foldText(label);
    if (/gồm|chia|phân ra|trong đó/u.test(f2)) {
      const sm = MARKER_SUFFIX.exec(f2);
      if (sm && sm.index > 0) {
        own = markerOf(sm[1]);
        label = label.slice(0, sm.index).trim();
      }
    }
    // A code may follow the marker: "Trong đó: - Nữ".
    if (!code) {
      const split = splitCode(label);
      if (split.code) {
        code = split.code;
        label = split.label;
      }
    }
  }
  const key = normalizeLabel(label);
  const parsed: RowText = { code, label, alone, childOf, own, footer, key, kinds: new Map() };
  if (!byLabel) rowTextCache.set(codeText, (byLabel = new Map()));
  if (byLabel.size > 50_000) byLabel.clear();
  byLabel.set(rawLabel, parsed);
  return parsed;
}

type RowKind = "percent" | "nonAdditive" | null;
/** rowKindOf(t.label, uom), kept on the parsed row text: a label meets few units of measure. */
function rowKindCached(t: RowText, uomText: string): RowKind {
  let v = t.kinds.get(uomText);
  if (v === undefined) {
    v = rowKindOf(t.label, uomText !== "" ? uomText : null);
    if (t.kinds.size >= 64) t.kinds.clear();
    t.kinds.set(uomText, v);
  }
  return v;
}

const FIGURE_TEXT = /^[\s\d.,%/+-]+$/;

/** What readRows carries from one row to the next. */
class RowReading {
  readonly rows: IndicatorRow[] = [];
  readonly depth = new DepthTracker();
  // Depth floor for uncoded rows after a marker ("Trong đó:" on its own row, or "..., gồm:").
  groupDepth: number | null = null;
  // The whole a marker opened a group under, and that marker.
  group: { whole: IndicatorRow; marker: RowMarker } | null = null;
  seenCode = false;
  // Indexes of rows that may still parent a later row, their depths rising.
  readonly open: number[] = [];
  // What each measure's cells hold, for each kind of row: made once per sheet, not per row.
  private readonly kinds = new Map<RowKind, MeasureKind[]>();
  readonly cols: number[];

  constructor(
    readonly g: Grid,
    readonly labelCol: number,
    readonly codeCol: number | null,
    readonly uomCol: number | null,
    readonly measures: Measure[]
  ) {
    this.cols = [];
    for (let k = 0; k < measures.length; k++) this.cols.push(measures[k].col);
  }

  kindsOf(rowKind: RowKind): MeasureKind[] {
    let ks = this.kinds.get(rowKind);
    if (!ks) {
      ks = [];
      for (let k = 0; k < this.measures.length; k++)
        ks.push(cellKindOf(rowKind, this.measures[k].kind));
      this.kinds.set(rowKind, ks);
    }
    return ks;
  }
}

function readRows(
  g: Grid,
  start: number,
  labelCol: number,
  codeCol: number | null,
  uomCol: number | null,
  measures: Measure[]
): IndicatorRow[] {
  const st = new RowReading(g, labelCol, codeCol, uomCol, measures);
  const end = g.top + g.sheet.values.length;
  // The row's reading is a function of its own, optimised once, rather than by recompiling all of this
  // loop on the stack (on-stack replacement, 40-73 ms a time at 1000 units, --trace-opt).
  for (let r = start; r < end; r++) if (!readRow(st, r)) break;
  assignKeys(st.rows, true);
  return st.rows;
}

/** Reads row r into st.rows (or not, a blank or marker row); false at the signature block. */
function readRow(st: RowReading, r: number): boolean {
  const { g, labelCol, codeCol, uomCol, cols, rows, open, depth } = st;
  const rawLabel = textAt(g, r, labelCol);
  const codeText = codeCol !== null ? textAt(g, r, codeCol) : "";
  let anyValue = false;
  let anyFigure = false;
  const values = g.sheet.values[r - g.top];
  for (let k = 0; k < cols.length; k++) {
    const v = values[cols[k] - g.left];
    if (v === "" || v === undefined) continue;
    anyValue = true;
    if (typeof v === "number" || (typeof v === "string" && FIGURE_TEXT.test(v))) anyFigure = true;
  }
  if (rawLabel === "" && codeText === "" && !anyValue) return !footerElsewhere(g, r, labelCol);
  const t = parseRowText(codeText, rawLabel);
  // The signature block: "Người lập biểu", "T/M ĐẢNG ỦY", "ngày ... tháng ... năm", with no figure.
  if (!anyFigure && (t.footer || footerElsewhere(g, r, labelCol))) return false;
  if (t.label === "" && !anyValue) return true;
  const code = t.code;
  const label = t.label;
  if (code && code.kind !== "symbol") st.seenCode = true;

  // A marker row alone ("Trong đó:") gives the previous row its marker and opens a group below it.
  if (!anyValue && t.alone) {
    const whole = wholeFor(rows, t.alone);
    if (whole) {
      // A whole keeps its first marker; its later group ("Trong đó" after "Gồm") is told by `under`.
      whole.marker = whole.marker ?? t.alone;
      st.groupDepth = whole.depth + 1;
      st.group = { whole, marker: t.alone };
    }
    return true;
  }

  let d: number;
  const prev = rows[rows.length - 1];
  if (t.childOf && prev) {
    const whole = wholeFor(rows, t.childOf)!;
    whole.marker = whole.marker ?? t.childOf;
    st.group = { whole, marker: t.childOf };
    d = whole.depth + 1;
    if (code) depth.depthOf(code);
    st.groupDepth = d;
  } else if (code) {
    d = depth.depthOf(code);
    if (code.kind !== "symbol") st.groupDepth = null;
    // "-" rows under a "Trong đó:" are the marked row's children, whatever the dash depth would be.
    else if (st.groupDepth !== null) d = st.groupDepth;
  } else if (st.groupDepth !== null) {
    d = st.groupDepth;
  } else {
    d = st.seenCode ? depth.depthOf(null) : 1;
  }

  // The parent is the nearest earlier row that is shallower: the top of `open` once deeper or equal rows
  // are off it (a flat form of 500 rows would otherwise scan back over every earlier row).
  while (open.length > 0 && rows[open[open.length - 1]].depth >= d) open.pop();
  const parent: number | null = open.length > 0 ? open[open.length - 1] : null;
  const uomText = uomCol !== null ? textAt(g, r, uomCol) : "";
  const uom = uomText !== "" ? uomText : null;
  const rowKind = rowKindCached(t, uomText);
  const cells = readGridRow(g, r, cols, st.kindsOf(rowKind));
  const group = st.group;
  rows.push({
    row: r,
    code: code ? code.code : null,
    label,
    key: t.key,
    uom,
    depth: d,
    parent,
    marker: t.own,
    under:
      parent === null
        ? null
        : group && rows[parent] === group.whole
          ? group.marker
          : rows[parent].marker,
    nonAdditive: rowKind === "nonAdditive",
    percent: rowKind === "percent",
    cells,
  });
  open.push(rows.length - 1);
  if (t.own) {
    st.groupDepth = d + 1;
    st.group = { whole: rows[rows.length - 1], marker: t.own };
  }
  return true;
}

/**
 * The row a marker belongs to: the previous row, except that "Trong đó:" after the parts of a "gồm" whole
 * ("1 Tổng số đảng viên, gồm: 1.1 chính thức, 1.2 dự bị; Trong đó: nữ...") is about that whole.
 */
function wholeFor(rows: IndicatorRow[], marker: RowMarker): IndicatorRow | undefined {
  const prev = rows[rows.length - 1];
  if (!prev) return undefined;
  if (marker === "subset" && prev.parent !== null && rows[prev.parent].marker === "partition")
    return rows[prev.parent];
  return prev;
}

function stripLeadingPunct(s: string): string {
  return s.replace(/^[\s:,.;-]+/, "").trim();
}

function footerElsewhere(g: Grid, r: number, labelCol: number): boolean {
  const width = g.sheet.values[0]?.length ?? 0;
  for (let c = g.left; c < g.left + width; c++) {
    if (c === labelCol) continue;
    const v = valueAt(g, r, c);
    if (typeof v === "string" && v !== "" && FOOTER.test(foldText(v))) return true;
  }
  return false;
}

/**
 * Match keys: the normalised label, qualified by the parent's label when the same label occurs twice in the
 * sheet ("Nữ" under two wholes), and by its occurrence when even that repeats.
 */
export function assignKeys(rows: IndicatorRow[], fresh = false): void {
  // `fresh`: every key is still normalizeLabel(label), as readRows made it. Mostly no two are alike then,
  // and there is nothing to qualify: told with one set, without counting.
  if (fresh) {
    const keys = new Set<string>();
    for (let i = 0; i < rows.length; i++) keys.add(rows[i].key);
    if (keys.size === rows.length) return;
  }
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.key, (count.get(r.key) ?? 0) + 1);
  if (count.size === rows.length && rows.every((r) => r.key === normalizeLabel(r.label))) return;
  const seen = new Map<string, number>();
  const base = rows.map((r) => r.key);
  for (const r of rows) {
    let key = normalizeLabel(r.label);
    if ((count.get(key) ?? 0) > 1 && r.parent !== null) key = `${base[r.parent]} > ${key}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    r.key = n > 1 ? `${key} #${n}` : key;
  }
}

/** Kind of every sheet of a workbook, with the reason in both languages. */
export function sheetInfoOf(
  file: string,
  sheet: SheetModel,
  layout: SheetLayout | null
): SheetInfo {
  return infoOf(file, sheet, layout, isOurSheet(sheet), sheetIsEmpty(sheet));
}

// The reasons' texts repeat unit after unit: made once per count of rows and measures.
const reasons = [new Map<number, string>(), new Map<number, string>()];
function reasonOf(template: boolean, rows: number, measures: number): string {
  // A sheet has at most 16 384 columns: one number keys both counts.
  const k = rows * 16_385 + measures;
  const byCount = reasons[template ? 1 : 0];
  let r = byCount.get(k);
  if (r === undefined) {
    r = template
      ? `Biểu mẫu (${rows} chỉ tiêu, chưa có số liệu của đơn vị)\nThe form itself (${rows} indicators, no unit figures)`
      : `Báo cáo của đơn vị: ${rows} chỉ tiêu, ${measures} cột số liệu\nUnit report: ${rows} indicators, ${measures} measure columns`;
    if (byCount.size >= 1000) byCount.clear();
    byCount.set(k, r);
  }
  return r;
}

/** sheetInfoOf with whether the sheet is ours and whether it is empty already known. */
function infoOf(
  file: string,
  sheet: SheetModel,
  layout: SheetLayout | null,
  ours: boolean,
  empty: boolean
): SheetInfo {
  // Fields written out in this order (no spread of a base object: a tenth of the cost per sheet).
  const name = sheet.name;
  if (ours)
    return {
      file,
      sheet: name,
      kind: "ours",
      unitName: null,
      reason: "Trang do công cụ tạo ra\nA tab this tool wrote",
    };
  if (empty)
    return {
      file,
      sheet: name,
      kind: "other",
      unitName: null,
      reason: "Trang trống\nEmpty sheet",
    };
  if (!layout) {
    const instructions = INSTRUCTIONS_NAME.test(foldText(name));
    return {
      file,
      sheet: name,
      kind: "other",
      unitName: null,
      reason: instructions
        ? "Trang hướng dẫn, không có bảng chỉ tiêu\nInstructions, no indicator table"
        : "Không tìm thấy bảng chỉ tiêu (dòng tiêu đề có cột Chỉ tiêu)\nNo indicator table (no header row with a Chỉ tiêu column)",
    };
  }
  if (layout.kind === "template")
    return {
      file,
      sheet: name,
      kind: "template",
      unitName: null,
      reason: reasonOf(true, layout.rows.length, layout.measures.length),
    };
  return {
    file,
    sheet: name,
    kind: "unit",
    unitName: layout.unitName,
    reason: reasonOf(false, layout.rows.length, layout.measures.length),
  };
}

/** Classifies one sheet: its layout (null when no table) and its info. */
export function classifySheet(
  file: string,
  sheet: SheetModel
): { info: SheetInfo; layout: SheetLayout | null } {
  const ours = isOurSheet(sheet);
  const empty = !ours && sheetIsEmpty(sheet);
  if (ours || empty) return { info: infoOf(file, sheet, null, ours, empty), layout: null };
  // Neither ours nor empty: the layout is all that is left to tell.
  const layout = detectLayout(file, sheet);
  const info = infoOf(file, sheet, layout, false, false);
  if (layout) layout.kind = info.kind;
  return { info, layout };
}
