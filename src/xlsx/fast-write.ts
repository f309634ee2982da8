/**
 * A run's result and the input workbooks → the output .xlsx, without ExcelJS: the same workbook write.ts makes
 * (our tabs, then a copy of every unit sheet with the flags painted on it, the hidden flags record, the
 * markers of our tabs), written as XML strings and zipped with fflate. ExcelJS's writer spends seconds per
 * thousand sheets on its object model; this one writes the parts directly. It follows ExcelJS's own ways where
 * they show in the file (styles rendered and shared as ExcelJS renders them, merged cells taking the first
 * cell's style), so that reading the output back gives the same thing: test/xlsx/fast-write.test.ts holds the
 * two writers to that. Bytes out, no file system: the browser page can use it too.
 */
import { strToU8, zipSync } from "fflate";
import { Lang } from "../core/issue";
import {
  CellValue,
  SheetModel,
  WorkbookModel,
  cellAddress,
  parseAddress,
  parseRange,
  sheetOrigin,
} from "../core/model";
import {
  FLAG_FILL,
  OutCell,
  copyPrintSetup,
  OutputSheet,
  RunResult,
  estimateRowHeights,
  linkFormula,
} from "../core/output";
import { sheetRef, uniqueSheetName } from "../core/sheetnames";
import { sheetLooks } from "./look";
import { FLAGS_SHEET, markerName } from "./marker";
import { BUILTIN_FORMATS } from "./parts";
import { Painted, addFlag, planCopies, renameRefs } from "./plan";
import { Deflater, zipDeflated } from "./zip";

export interface FastWriteOptions {
  lang?: Lang;
  /** Creation and modification date written in the file (and zip entries); default: now. */
  date?: Date;
  /** Deflate level of the zip (1 fastest .. 9 smallest); default 3 (level 6 is 2% smaller, 1.5 times slower). */
  level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * Deflates each part instead of fflate (the command line passes Node's zlib, src/xlsx/node-deflate.ts,
   * about 8 times faster); the zip container is the same.
   */
  deflate?: Deflater;
}

type Json = Record<string, unknown>;

/** A cell's style in ExcelJS's shapes (as write.ts sets it and the readers give it back). */
interface Style {
  numFmt?: string;
  font?: Json;
  border?: Json;
  fill?: Json;
  alignment?: Json;
  /** Shared by several cells (interned): a cell about to change it takes its own copy first. */
  shared?: boolean;
  /** Its cellXfs index, once known. */
  xf?: number;
}

/** A cell's own style object, copied from a shared one if need be, before it is changed. */
function own(cell: { style: Style }): Style {
  if (cell.style.shared) {
    const { numFmt, font, border, fill, alignment } = cell.style;
    cell.style = { numFmt, font, border, fill, alignment };
  }
  return cell.style;
}

/**
 * One style object per distinct combination of number format and style parts (the parts are the readers'
 * objects, shared by all cells that look alike): a thousand unit copies have a few dozen, not a million.
 */
class Interner {
  private ids = new WeakMap<object, number>();
  private next = 1;
  /** By number format, then by the four parts' ids packed in one number (no key string made per cell). */
  private styles = new Map<string, Map<number | string, Style>>();

  private idOf(o: object | undefined): number {
    if (!o) return 0;
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.next++));
    return id;
  }

  intern(s: Style): Style {
    let byParts = this.styles.get(s.numFmt ?? "");
    if (!byParts) this.styles.set(s.numFmt ?? "", (byParts = new Map()));
    const f = this.idOf(s.font);
    const b = this.idOf(s.border);
    const l = this.idOf(s.fill);
    const a = this.idOf(s.alignment);
    // Four ids under 2^13 packed in one number (exact in a double); past that, a string.
    const key =
      (f | b | l | a) < 8192 ? ((f * 8192 + b) * 8192 + l) * 8192 + a : `${f},${b},${l},${a}`;
    let hit = byParts.get(key);
    if (!hit) {
      hit = {
        numFmt: s.numFmt,
        font: s.font,
        border: s.border,
        fill: s.fill,
        alignment: s.alignment,
      };
      for (const k of ["numFmt", "font", "border", "fill", "alignment"] as const) {
        if (hit[k] === undefined) delete hit[k];
      }
      hit.shared = true;
      byParts.set(key, hit);
    }
    return hit;
  }
}

// ---------------------------------------------------------------------------------------------------------
// XML text, as ExcelJS encodes it (control characters other than tab, line feed and return dropped).

function esc(value: unknown): string {
  const s = String(value);
  let out = "";
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c === 60) rep = "&lt;";
    else if (c === 62) rep = "&gt;";
    else if (c === 38) rep = "&amp;";
    else if (c === 39) rep = "&apos;";
    else if (c === 34) rep = "&quot;";
    else if (c === 127 || (c <= 31 && c !== 9 && c !== 10 && c !== 13)) rep = "";
    if (rep !== null) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

const attrs = (a: Record<string, unknown>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join("");

// ---------------------------------------------------------------------------------------------------------
// Styles, rendered and shared the way ExcelJS's StylesXform does it (same XML, same indexes).

function colorXml(tag: string, c: Json | undefined): string {
  if (!c) return "";
  if (c.argb) return `<${tag} rgb="${esc(c.argb)}"/>`;
  if (c.theme !== undefined) {
    return `<${tag} theme="${esc(c.theme)}"${c.tint !== undefined ? ` tint="${esc(c.tint)}"` : ""}/>`;
  }
  if (c.indexed !== undefined) return `<${tag} indexed="${esc(c.indexed)}"/>`;
  return `<${tag} auto="1"/>`;
}

const UNDERLINE: Record<string, string> = {
  single: "",
  double: ' val="double"',
  singleAccounting: ' val="singleAccounting"',
  doubleAccounting: ' val="doubleAccounting"',
};

function fontXml(f: Json): string {
  let x = "<font>";
  const bool = (tag: string, v: unknown) => (v ? `<${tag}/>` : "");
  const int = (tag: string, v: unknown) => (v ? `<${tag} val="${esc(v)}"/>` : "");
  const str = (tag: string, v: unknown) => (v !== undefined ? `<${tag} val="${esc(v)}"/>` : "");
  x += bool("b", f.bold) + bool("i", f.italic);
  if (f.underline === true) x += "<u/>";
  else if (typeof f.underline === "string" && f.underline in UNDERLINE) {
    x += `<u${UNDERLINE[f.underline]}/>`;
  }
  x += int("charset", f.charset) + colorXml("color", f.color as Json | undefined);
  x += bool("condense", f.condense) + bool("extend", f.extend) + int("family", f.family);
  x += bool("outline", f.outline) + str("vertAlign", f.vertAlign) + str("scheme", f.scheme);
  x +=
    bool("shadow", f.shadow) + bool("strike", f.strike) + int("sz", f.size) + str("name", f.name);
  return x + "</font>";
}

function fillXml(f: Json): string {
  if (f.type === "pattern") {
    return (
      `<fill><patternFill${attrs({ patternType: f.pattern })}>` +
      colorXml("fgColor", f.fgColor as Json | undefined) +
      colorXml("bgColor", f.bgColor as Json | undefined) +
      `</patternFill></fill>`
    );
  }
  if (f.type === "gradient") {
    let a = "";
    if (f.gradient === "angle") a = attrs({ degree: f.degree });
    else if (f.gradient === "path") {
      const c = (f.center ?? {}) as Json;
      a = ' type="path"';
      if (c.left) a += attrs({ left: c.left, ...(c.right === undefined ? { right: c.left } : {}) });
      if (c.right) a += attrs({ right: c.right });
      if (c.top) a += attrs({ top: c.top, ...(c.bottom === undefined ? { bottom: c.top } : {}) });
      if (c.bottom) a += attrs({ bottom: c.bottom });
    }
    const stops = ((f.stops ?? []) as Json[])
      .map(
        (s) => `<stop position="${esc(s.position)}">${colorXml("color", s.color as Json)}</stop>`
      )
      .join("");
    return `<fill><gradientFill${a}>${stops}</gradientFill></fill>`;
  }
  return "";
}

function borderXml(b: Json): string {
  const d = b.diagonal as Json | undefined;
  let a = "";
  if (d && d.style) {
    if (d.up) a += ' diagonalUp="1"';
    if (d.down) a += ' diagonalDown="1"';
  }
  const edge = (name: string) => {
    let m = b[name] as Json | undefined;
    if (m && !m.color && b.color) m = { ...m, color: b.color };
    const color = (m && (m.color as Json)) || (b.color as Json | undefined);
    if (m && m.style)
      return `<${name} style="${esc(m.style)}">${colorXml("color", color)}</${name}>`;
    return `<${name}/>`;
  };
  return `<border${a}>${edge("left")}${edge("right")}${edge("top")}${edge("bottom")}${edge("diagonal")}</border>`;
}

const HORIZONTAL = new Set([
  "left",
  "center",
  "right",
  "fill",
  "centerContinuous",
  "distributed",
  "justify",
]);
const VERTICAL = new Set(["top", "middle", "bottom", "distributed", "justify"]);

const validInt = (v: unknown) => {
  const i = parseInt(String(v), 10);
  return Number.isNaN(i) ? 0 : i;
};

function alignmentXml(a: Json): string {
  let x = "";
  const add = (name: string, value: unknown) => {
    if (value) x += ` ${name}="${esc(value)}"`;
  };
  add("horizontal", HORIZONTAL.has(a.horizontal as string) ? a.horizontal : undefined);
  add(
    "vertical",
    a.vertical === "middle" ? "center" : VERTICAL.has(a.vertical as string) ? a.vertical : undefined
  );
  add("wrapText", a.wrapText ? "1" : false);
  add("shrinkToFit", a.shrinkToFit ? "1" : false);
  add("indent", Math.max(0, validInt(a.indent)));
  let rotation: unknown;
  if (a.textRotation === "vertical") rotation = 255;
  else if (a.textRotation) {
    const v = validInt(a.textRotation);
    if (v >= -90 && v <= 90) {
      const tr = Math.round(v);
      rotation = tr >= 0 ? tr : 90 - tr;
    }
  }
  add("textRotation", rotation);
  add("readingOrder", a.readingOrder === "ltr" ? 1 : a.readingOrder === "rtl" ? 2 : undefined);
  return x ? `<alignment${x}/>` : "";
}

const BUILTIN_IDS = new Map(
  Object.entries(BUILTIN_FORMATS).map(([id, code]) => [code, Number(id)])
);

class StyleSheet {
  private fonts: string[] = [];
  private fills: string[] = [];
  private borders: string[] = [];
  private numFmts: string[] = [];
  private xfs: string[] = [];
  private aligns: string[] = [];
  private xfByKey = new Map<number | string, Map<number | string, number>>();
  private index = new Map<string, number>();
  private byObject = new WeakMap<object, number>();

  constructor() {
    this.add("border", this.borders, borderXml({}));
    this.add("xf", this.xfs, '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    this.add("fill", this.fills, fillXml({ type: "pattern", pattern: "none" }));
    this.add("fill", this.fills, fillXml({ type: "pattern", pattern: "gray125" }));
    this.add(
      "font",
      this.fonts,
      fontXml({ size: 11, color: { theme: 1 }, name: "Calibri", family: 2, scheme: "minor" })
    );
  }

  private add(kind: string, list: string[], xml: string): number {
    const k = kind + xml;
    let i = this.index.get(k);
    if (i === undefined) {
      i = list.push(xml) - 1;
      this.index.set(k, i);
    }
    return i;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_IDS.get(code);
    if (builtin !== undefined) return builtin;
    const k = "numFmt" + code;
    let id = this.index.get(k);
    if (id === undefined) {
      id = 164 + this.numFmts.length;
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
      this.index.set(k, id);
    }
    return id;
  }

  /** Index of a style part (font, border, fill, alignment) object, rendered once per object. */
  private part(kind: string, list: string[], obj: Json, render: (o: Json) => string): number {
    const hit = this.byObject.get(obj);
    if (hit !== undefined) return hit;
    const i = this.add(kind, list, render(obj));
    this.byObject.set(obj, i);
    return i;
  }

  /** The cellXfs index of a style (0 for none), as ExcelJS's StylesXform gives it. */
  id(style: Style): number {
    if (style.xf !== undefined) return style.xf;
    if (!style.numFmt && !style.font && !style.border && !style.fill && !style.alignment) return 0;
    const numFmtId = this.numFmtId(style.numFmt || "General");
    const fontId = style.font ? this.part("font", this.fonts, style.font, fontXml) : 0;
    const borderId = style.border ? this.part("border", this.borders, style.border, borderXml) : 0;
    const fillId = style.fill ? this.part("fill", this.fills, style.fill, fillXml) : 0;
    const alignId = style.alignment
      ? this.part("align", this.aligns, style.alignment, alignmentXml)
      : -1;
    const small = numFmtId < 65536 && fontId < 65536 && fillId < 65536 && borderId < 65536;
    const k1 = small ? numFmtId * 65536 + fontId : `${numFmtId}|${fontId}`;
    const k2 =
      small && alignId < 65535
        ? (fillId * 65536 + borderId) * 65536 + alignId + 1
        : `${fillId}|${borderId}|${alignId}`;
    let byRest = this.xfByKey.get(k1);
    if (!byRest) this.xfByKey.set(k1, (byRest = new Map()));
    let id = byRest.get(k2);
    if (id === undefined) {
      const align = alignId >= 0 ? this.aligns[alignId] : "";
      let xf =
        `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
        (numFmtId ? ' applyNumberFormat="1"' : "") +
        (fontId ? ' applyFont="1"' : "") +
        (fillId ? ' applyFill="1"' : "") +
        (borderId ? ' applyBorder="1"' : "") +
        (style.alignment ? ' applyAlignment="1"' : "");
      xf += align ? `>${align}</xf>` : "/>";
      id = this.add("xf", this.xfs, xf);
      byRest.set(k2, id);
    }
    style.xf = id;
    return id;
  }

  xml(): string {
    const list = (tag: string, items: string[]) =>
      items.length ? `<${tag} count="${items.length}">${items.join("")}</${tag}>` : "";
    return (
      HEAD +
      `<styleSheet xmlns="${MAIN}">` +
      list("numFmts", this.numFmts) +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      list("borders", this.borders) +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      list("cellXfs", this.xfs) +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
      `</styleSheet>`
    );
  }
}

class SharedStrings {
  private index = new Map<string, number>();
  private list: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }
  xml(): string {
    return (
      HEAD +
      `<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${this.list.length}">` +
      this.list
        .map(
          (s) => `<si><t${/^\s|\n|\s$/.test(s) ? ' xml:space="preserve"' : ""}>${esc(s)}</t></si>`
        )
        .join("") +
      `</sst>`
    );
  }
}

const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// ---------------------------------------------------------------------------------------------------------
// A sheet being written: cells by row, with ExcelJS's cell semantics (a cell has a value and a style object;
// a merged cell shares its first cell's style object).

type Value =
  | { kind: "empty" }
  | { kind: "merge" }
  | { kind: "value"; v: CellValue }
  | { kind: "error"; v: string }
  | { kind: "formula"; f: string; result: CellValue | { error: string } | undefined };

interface Cell {
  value: Value;
  style: Style;
  note?: string;
}

interface Sheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  rows: Map<number, Map<number, Cell>>;
  rowProps: Map<number, { height?: number; hidden?: boolean }>;
  cols: Map<number, { width?: number; hidden?: boolean }>;
  merges: { top: number; left: number; bottom: number; right: number }[];
  links: { ref: string; location: string }[];
  freeze: { rows: number; cols: number } | null;
  autoFilter: string | null;
  page: { landscape: boolean; fitToPage: boolean } | null;
}

function newSheet(name: string, state: Sheet["state"] = "visible"): Sheet {
  return {
    name,
    state,
    rows: new Map(),
    rowProps: new Map(),
    cols: new Map(),
    merges: [],
    links: [],
    freeze: null,
    autoFilter: null,
    page: null,
  };
}

/** The cell at 0-based (r, c), made if missing (an empty cell with no style). */
function cellAt(sheet: Sheet, r: number, c: number): Cell {
  let row = sheet.rows.get(r);
  if (!row) sheet.rows.set(r, (row = new Map()));
  let cell = row.get(c);
  if (!cell) row.set(c, (cell = { value: { kind: "empty" }, style: {} }));
  return cell;
}

/** ExcelJS's mergeCells: refused over an existing merge; the other cells become part of the first. */
function merge(sheet: Sheet, range: string): boolean {
  const d = parseRange(range);
  for (const m of sheet.merges) {
    if (!(d.bottom < m.top || d.top > m.bottom || d.right < m.left || d.left > m.right))
      return false;
  }
  const master = cellAt(sheet, d.top, d.left);
  // The merged cells share the first cell's style object (as in ExcelJS): its own, not an interned one.
  own(master);
  for (let r = d.top; r <= d.bottom; r++) {
    for (let c = d.left; c <= d.right; c++) {
      if (r === d.top && c === d.left) continue;
      const cell = cellAt(sheet, r, c);
      cell.value = { kind: "merge" };
      cell.style = master.style;
    }
  }
  sheet.merges.push(d);
  return true;
}

const argb = (hex: string) => "FF" + hex.replace(/^#/, "").toUpperCase();
const solid = (hex: string): Json => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(hex) },
});
const THIN: Json = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** write.ts's writeOurSheet. */
/** write.ts's styling of one of our cells; one shared style object per look (tabs repeat a few looks). */
function outStyle(o: OutCell, styles: Map<string, Style>): Style {
  const key = `${o.fmt ?? ""}|${o.bold ? 1 : 0}${o.italic ? 1 : 0}${o.link ? 1 : 0}${o.wrap ? 1 : 0}${o.border ? 1 : 0}|${o.color ?? ""}|${o.fill ?? ""}|${o.align ?? ""}`;
  const hit = styles.get(key);
  if (hit) return hit;
  const style: Style = {};
  if (o.fmt) style.numFmt = o.fmt;
  const font: Json = {};
  if (o.bold) font.bold = true;
  if (o.italic) font.italic = true;
  if (o.color) font.color = { argb: argb(o.color) };
  if (o.link) {
    font.underline = true;
    font.color ??= { argb: "FF0563C1" };
  }
  if (Object.keys(font).length) style.font = font;
  if (o.fill) style.fill = solid(o.fill);
  // As write.ts: every cell top-aligned, so a row grown for a wrapped message stays level.
  style.alignment = { vertical: "top", wrapText: o.wrap ?? false, horizontal: o.align };
  if (o.border) style.border = THIN;
  style.shared = true;
  styles.set(key, style);
  return style;
}

function ourSheet(name: string, out: OutputSheet, sheetName: (s: string) => string): Sheet {
  const sheet = newSheet(name);
  const styles = new Map<string, Style>();
  out.cells.forEach((row, r) =>
    row.forEach((o: OutCell | undefined | null, c) => {
      if (!o) return;
      const cell = cellAt(sheet, r, c);
      if (o.f) {
        const result = o.v === undefined || o.v === "" ? undefined : o.v;
        cell.value = { kind: "formula", f: o.f.replace(/^=/, ""), result };
      } else if (o.link) {
        // As write.ts: a HYPERLINK formula (wraps in LibreOffice), else a hyperlink element.
        const text = o.v === undefined ? "" : String(o.v);
        const target = sheetName(o.link.sheet);
        const f = linkFormula(target, o.link.cell, text);
        if (f)
          cell.value = { kind: "formula", f: f.slice(1), result: text === "" ? undefined : text };
        else {
          cell.value = { kind: "value", v: text };
          sheet.links.push({
            ref: cellAddress(r, c),
            location: sheetRef(target, o.link.cell.replace(/\$/g, "")),
          });
        }
      } else if (o.v !== undefined && o.v !== "") {
        cell.value = { kind: "value", v: o.v };
      }
      cell.style = outStyle(o, styles);
    })
  );
  for (const m of out.merges) merge(sheet, m);
  out.columnWidths.forEach((w, c) => {
    if (w > 0) sheet.cols.set(c, { width: w });
  });
  for (const [r, h] of Object.entries(estimateRowHeights(out))) {
    sheet.rowProps.set(Number(r), { height: h });
  }
  if (out.freeze.rows > 0 || out.freeze.cols > 0) sheet.freeze = out.freeze;
  sheet.autoFilter = out.autoFilter;
  sheet.page = { landscape: out.landscape, fitToPage: out.fitToWidth };
  return sheet;
}

/** "E18" → 0-based row and column (the readers' addresses: upper-case, no "$"). */
function decode(a1: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < a1.length; i++) {
    const ch = a1.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  const row = Number(a1.slice(i));
  if (i === 0 || !(row >= 1) || !Number.isInteger(row)) return parseAddress(a1);
  return { row: row - 1, col: col - 1 };
}

/** write.ts's copyUnitSheet. */
function copySheet(
  name: string,
  model: SheetModel,
  renames: Map<string, string>,
  flags: Map<string, Painted>,
  record: (cell: string, fill: string, note: string) => void,
  interner: Interner
): Sheet {
  const sheet = newSheet(name);
  const o = sheetOrigin(model);
  const look = sheetLooks.get(model);
  for (const [c, w] of Object.entries(look?.columnWidths ?? {}))
    sheet.cols.set(Number(c), { width: w });
  for (const [r, h] of Object.entries(look?.rowHeights ?? {}))
    sheet.rowProps.set(Number(r), { height: h });
  model.values.forEach((row, i) =>
    row.forEach((value, j) => {
      const formula = model.formulas[i]?.[j];
      const type = model.valueTypes[i]?.[j];
      const fmt = model.numberFormat[i]?.[j];
      const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
      // As write.ts: only cells with something to keep (a stray value far out makes a big, empty grid).
      if (!isFormula && value === "" && type !== "Error" && (!fmt || fmt === "General")) return;
      const cell = cellAt(sheet, o.row + i, o.col + j);
      if (isFormula) {
        const cached =
          type === "Error" ? { error: String(value) } : type === "Empty" ? undefined : value;
        cell.value = { kind: "formula", f: renameRefs(formula.slice(1), renames), result: cached };
      } else if (type === "Error") cell.value = { kind: "error", v: String(value) };
      else if (value !== "") cell.value = { kind: "value", v: value };
      if (fmt && fmt !== "General") cell.style.numFmt = fmt;
    })
  );
  for (const [address, style] of Object.entries(look?.styles ?? {})) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col);
    if (style.font) cell.style.font = style.font as unknown as Json;
    if (style.alignment) cell.style.alignment = style.alignment as unknown as Json;
    if (style.border) cell.style.border = style.border as unknown as Json;
    if (style.fill) cell.style.fill = style.fill as unknown as Json;
  }
  for (const row of sheet.rows.values()) {
    for (const cell of row.values()) cell.style = interner.intern(cell.style);
  }
  for (const [address, font] of Object.entries(model.fonts)) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col);
    if (cell.style.font?.name !== font) own(cell).font = { ...(cell.style.font ?? {}), name: font };
  }
  for (const m of model.merges) merge(sheet, m);
  for (const r of model.hiddenRows)
    sheet.rowProps.set(r, { ...sheet.rowProps.get(r), hidden: true });
  for (const c of model.hiddenColumns) sheet.cols.set(c, { ...sheet.cols.get(c), hidden: true });
  const notes: Record<string, string> = { ...model.comments };
  for (const [address, flag] of flags) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col);
    const before = look?.styles[address]?.fill;
    record(address, before ? JSON.stringify(before) : "", notes[address] ?? "");
    own(cell).fill = solid(FLAG_FILL[flag.severity]);
    const ours = flag.messages.map((m) => `[Tổng hợp] ${m}`).join("\n");
    notes[address] = notes[address] ? `${notes[address]}\n${ours}` : ours;
  }
  for (const [address, note] of Object.entries(notes)) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col);
    // As write.ts: an empty cell gets an empty string so that its note is kept.
    if (cell.value.kind === "empty") cell.value = { kind: "value", v: "" };
    cell.note = note;
  }
  const { landscape } = copyPrintSetup(model, look?.columnWidths ?? {});
  sheet.page = { landscape, fitToPage: true };
  sheet.state =
    model.visibility === "VeryHidden"
      ? "veryHidden"
      : model.visibility === "Hidden"
        ? "hidden"
        : "visible";
  return sheet;
}

// ---------------------------------------------------------------------------------------------------------
// Sheets → XML.

function cellXml(ref: string, cell: Cell, styles: StyleSheet, sst: SharedStrings): string {
  const s = styles.id(cell.style);
  const sa = s ? ` s="${s}"` : "";
  const v = cell.value;
  switch (v.kind) {
    case "empty":
    case "merge":
      return s ? `<c r="${ref}"${sa}/>` : "";
    case "error":
      return `<c r="${ref}"${sa} t="e"><v>${esc(v.v)}</v></c>`;
    case "value":
      if (typeof v.v === "string") return `<c r="${ref}"${sa} t="s"><v>${sst.id(v.v)}</v></c>`;
      if (typeof v.v === "boolean") return `<c r="${ref}"${sa} t="b"><v>${v.v ? 1 : 0}</v></c>`;
      return `<c r="${ref}"${sa}><v>${esc(v.v)}</v></c>`;
    case "formula": {
      const f = `<f>${esc(v.f)}</f>`;
      const r = v.result;
      if (r === undefined || r === null) return `<c r="${ref}"${sa}>${f}</c>`;
      if (typeof r === "string") return `<c r="${ref}"${sa} t="str">${f}<v>${esc(r)}</v></c>`;
      if (typeof r === "boolean") return `<c r="${ref}"${sa} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
      if (typeof r === "object") return `<c r="${ref}"${sa} t="e">${f}<v>${esc(r.error)}</v></c>`;
      return `<c r="${ref}"${sa}>${f}<v>${esc(r)}</v></c>`;
    }
  }
}

function sheetXml(
  sheet: Sheet,
  styles: StyleSheet,
  sst: SharedStrings
): { xml: string; notes: { ref: string; row: number; col: number; text: string }[] } {
  const parts: string[] = [];
  const notes: { ref: string; row: number; col: number; text: string }[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const rowNumbers = [...new Set([...sheet.rows.keys(), ...sheet.rowProps.keys()])].sort(
    (a, b) => a - b
  );
  const body: string[] = [];
  for (const r of rowNumbers) {
    const cells = sheet.rows.get(r);
    const props = sheet.rowProps.get(r);
    let xml = "";
    if (cells) {
      for (const c of [...cells.keys()].sort((a, b) => a - b)) {
        const cell = cells.get(c)!;
        const ref = cellAddress(r, c);
        const x = cellXml(ref, cell, styles, sst);
        if (cell.note !== undefined) notes.push({ ref, row: r, col: c, text: cell.note });
        if (!x) continue;
        xml += x;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    const a =
      (props?.height ? ` ht="${props.height}" customHeight="1"` : "") +
      (props?.hidden ? ' hidden="1"' : "");
    if (xml || a) body.push(`<row r="${r + 1}"${a}>${xml}</row>`);
  }
  parts.push(
    HEAD +
      `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
      (sheet.page?.fitToPage ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
      `<dimension ref="${bottom < 0 ? "A1" : `${cellAddress(top, left)}:${cellAddress(bottom, right)}`}"/>` +
      (sheet.freeze
        ? `<sheetViews><sheetView workbookViewId="0">${paneXml(sheet.freeze)}</sheetView></sheetViews>`
        : "") +
      `<sheetFormatPr defaultRowHeight="15"/>`
  );
  // As ExcelJS: a column of the default width (9) that is not hidden is not written.
  const cols = [...sheet.cols.keys()]
    .filter((c) => {
      const p = sheet.cols.get(c)!;
      return p.hidden || (p.width !== undefined && p.width !== 9);
    })
    .sort((a, b) => a - b);
  if (cols.length) {
    parts.push("<cols>");
    for (const c of cols) {
      const p = sheet.cols.get(c)!;
      parts.push(
        `<col min="${c + 1}" max="${c + 1}"${p.width ? ` width="${p.width}"` : ""}${p.hidden ? ' hidden="1"' : ""} customWidth="1"/>`
      );
    }
    parts.push("</cols>");
  }
  parts.push("<sheetData>", ...body, "</sheetData>");
  if (sheet.autoFilter) parts.push(`<autoFilter ref="${esc(sheet.autoFilter)}"/>`);
  // As ExcelJS writes them: in the order of each area's first merged cell, a one-cell area left out.
  const merges = sheet.merges
    .filter((m) => m.bottom > m.top || m.right > m.left)
    .map((m) => ({ m, at: m.right > m.left ? [m.top, m.left + 1] : [m.top + 1, m.left] }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
    .map((x) => x.m);
  if (merges.length) {
    parts.push(
      `<mergeCells count="${merges.length}">` +
        merges
          .map(
            (m) =>
              `<mergeCell ref="${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}"/>`
          )
          .join("") +
        `</mergeCells>`
    );
  }
  if (sheet.links.length) {
    parts.push(
      "<hyperlinks>" +
        sheet.links
          .map((l) => `<hyperlink ref="${l.ref}" location="${esc(l.location)}"/>`)
          .join("") +
        "</hyperlinks>"
    );
  }
  parts.push(
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`
  );
  parts.push(
    sheet.page
      ? `<pageSetup paperSize="9" orientation="${sheet.page.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="0"/>`
      : `<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="1"/>`
  );
  if (notes.length) parts.push(`<legacyDrawing r:id="rId2"/>`);
  parts.push("</worksheet>");
  return { xml: parts.join(""), notes };
}

function paneXml(freeze: Sheet["freeze"]): string {
  if (!freeze) return "";
  const { rows, cols } = freeze;
  const pane = rows && cols ? "bottomRight" : cols ? "topRight" : "bottomLeft";
  return (
    `<pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${cellAddress(rows, cols)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/>`
  );
}

function commentsXml(notes: { ref: string; text: string }[]): string {
  return (
    HEAD +
    `<comments xmlns="${MAIN}"><authors><author>Author</author></authors><commentList>` +
    notes
      .map((n) => {
        const space = /^\s|\n|\s$/.test(n.text) ? ' xml:space="preserve"' : "";
        return `<comment ref="${n.ref}" authorId="0"><text><r><t${space}>${esc(n.text)}</t></r></text></comment>`;
      })
      .join("") +
    `</commentList></comments>`
  );
}

function vmlXml(notes: { row: number; col: number }[], sheetIndex: number): string {
  const shapes = notes
    .map(
      (n, i) =>
        `<v:shape id="_x0000_s${1025 + sheetIndex * 1024 + i}" type="#_x0000_t202" style="position:absolute; margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
        `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>` +
        `<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>` +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
        `<x:Anchor>${n.col + 1}, 6, ${n.row}, 14, ${n.col + 3}, 2, ${n.row + 4}, 16</x:Anchor>` +
        `<x:Locked>True</x:Locked><x:AutoFill>False</x:AutoFill><x:LockText>True</x:LockText>` +
        `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
    )
    .join("");
  return (
    HEAD +
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetIndex + 1}"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    shapes +
    `</xml>`
  );
}

// ---------------------------------------------------------------------------------------------------------
// The workbook.

// ExcelJS's default theme, so that theme colours in copied styles mean what they meant.
const THEME = require("exceljs/lib/xlsx/xml/theme1.js") as string;

/**
 * Builds the output workbook, as writeXlsx (write.ts) does. `workbooks` are the inputs as read; the unit
 * sheets of `result.units` (and any other sheet carrying a flag) are copied after our tabs, in that order.
 */
export function writeXlsxFast(
  result: RunResult,
  workbooks: readonly WorkbookModel[],
  options: FastWriteOptions = {}
): Uint8Array {
  const date = options.date ?? new Date();
  const { copies, ourNames, copyNames, byOriginal, byUnit } = planCopies(result, workbooks);
  const allNames = new Set([...ourNames, ...copyNames]);
  const resolve = (s: string) => (allNames.has(s) ? s : (byOriginal.get(s) ?? byUnit.get(s) ?? s));

  const sheets: Sheet[] = [];
  const names: { name: string; ref: string }[] = [];
  result.sheets.forEach((out, i) => {
    sheets.push(ourSheet(ourNames[i], out, resolve));
    names.push({ name: markerName(out.role), ref: sheetRef(ourNames[i], "$A$1") });
  });
  const flagsBySheet = new Map<string, Map<string, Painted>>();
  for (const f of result.flags) addFlag(flagsBySheet, f);
  const records: [string, string, string, string][] = [];
  const interner = new Interner();
  copies.forEach((copy, i) => {
    const renames = new Map<string, string>();
    copies.forEach((other, j) => {
      if (other.file === copy.file) renames.set(other.sheet.name, copyNames[j]);
    });
    const flags = flagsBySheet.get(`${copy.file}\u0000${copy.sheet.name}`) ?? new Map();
    sheets.push(
      copySheet(
        copyNames[i],
        copy.sheet,
        renames,
        flags,
        (cell, fill, note) => records.push([copyNames[i], cell, fill, note]),
        interner
      )
    );
  });
  if (records.length > 0) {
    const name = uniqueSheetName(FLAGS_SHEET, new Set([...allNames].map((n) => n.toLowerCase())));
    const sheet = newSheet(name, "veryHidden");
    // As ExcelJS's addRow: every field a string cell, "" included.
    [["sheet", "cell", "fill", "note"], ...records].forEach((rec, r) =>
      rec.forEach((v, c) => (cellAt(sheet, r, c).value = { kind: "value", v }))
    );
    sheets.push(sheet);
    names.push({ name: markerName("flags"), ref: sheetRef(name, "$A$1") });
  }
  if (sheets.length === 0) sheets.push(newSheet(options.lang === "en" ? "Empty" : "Trống"));
  return pack(sheets, names, date, options.level ?? 3, options.deflate);
}

function pack(
  sheets: Sheet[],
  definedNames: { name: string; ref: string }[],
  date: Date,
  level: FastWriteOptions["level"],
  deflate?: Deflater
): Uint8Array {
  const styles = new StyleSheet();
  const sst = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  const overrides: string[] = [];
  let comments = 0;
  const CT = "application/vnd.openxmlformats-officedocument";
  sheets.forEach((sheet, i) => {
    const { xml, notes } = sheetXml(sheet, styles, sst);
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml);
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`
    );
    if (notes.length) {
      comments++;
      files[`xl/comments${comments}.xml`] = strToU8(commentsXml(notes));
      files[`xl/drawings/vmlDrawing${comments}.vml`] = strToU8(vmlXml(notes, comments - 1));
      overrides.push(
        `<Override PartName="/xl/comments${comments}.xml" ContentType="${CT}.spreadsheetml.comments+xml"/>`
      );
      files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(
        HEAD +
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL}/comments" Target="../comments${comments}.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${comments}.vml"/>` +
          `</Relationships>`
      );
    }
  });
  const first = Math.max(
    0,
    sheets.findIndex((s) => s.state === "visible")
  );
  const n = sheets.length;
  files["xl/workbook.xml"] = strToU8(
    HEAD +
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr defaultThemeVersion="164011"/>` +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="12000" windowHeight="24000" firstSheet="0" activeTab="${first}"/></bookViews><sheets>` +
      sheets
        .map(
          (s, i) =>
            `<sheet sheetId="${i + 1}" name="${esc(s.name)}" state="${s.state}" r:id="rId${i + 1}"/>`
        )
        .join("") +
      `</sheets>` +
      (definedNames.length
        ? `<definedNames>${definedNames.map((d) => `<definedName name="${esc(d.name)}">${esc(d.ref)}</definedName>`).join("")}</definedNames>`
        : "") +
      `<calcPr calcId="171027"/></workbook>`
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    HEAD +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
        )
        .join("") +
      `<Relationship Id="rId${n + 1}" Type="${REL}/theme" Target="theme/theme1.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 3}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      `</Relationships>`
  );
  files["xl/sharedStrings.xml"] = strToU8(sst.xml());
  files["xl/styles.xml"] = strToU8(styles.xml());
  files["xl/theme/theme1.xml"] = strToU8(THEME);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  files["docProps/core.xml"] = strToU8(
    HEAD +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>tonghop</dc:creator><cp:lastModifiedBy>tonghop</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`
  );
  files["docProps/app.xml"] = strToU8(
    HEAD +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>`
  );
  files["_rels/.rels"] = strToU8(
    HEAD +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
      `</Relationships>`
  );
  files["[Content_Types].xml"] = strToU8(
    HEAD +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Default Extension="vml" ContentType="${CT}.vmlDrawing"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
      overrides.join("") +
      `<Override PartName="/xl/theme/theme1.xml" ContentType="${CT}.theme+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
      `</Types>`
  );
  // DOS times are local: the date's local fields give the same bytes in any time zone (as repackXlsx).
  const year = Math.max(1980, date.getFullYear());
  const mtime = new Date(
    year,
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds()
  );
  const order = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
  ];
  const names = [...order, ...Object.keys(files).filter((k) => !order.includes(k))];
  if (deflate) {
    return zipDeflated(
      names.map((name) => [name, files[name]]),
      mtime,
      level ?? 3,
      deflate
    );
  }
  const zipped: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of names) zipped[name] = [files[name], { mtime }];
  return zipSync(zipped, { level });
}
