/**
 * A run's result and the input workbooks → the output .xlsx, without ExcelJS: the same workbook write.ts makes
 * (our tabs, then a copy of every unit sheet with the flags painted on it, the hidden flags record, the
 * markers of our tabs), written as XML and zipped with fflate (or a given deflater). ExcelJS's writer spends
 * seconds per thousand sheets on its object model; this one writes each sheet's XML straight from the model
 * arrays, and with a deflater zips it before making the next (one sheet's XML in memory at a time). It
 * follows ExcelJS's own ways where they show in the file (styles rendered and shared as ExcelJS renders them,
 * merged cells taking the first cell's style), so that reading the output back gives the same thing:
 * test/xlsx/fast-write.test.ts holds the two writers to that. Bytes out, no file system: the browser page
 * can use it too.
 */
import { strToU8, zipSync } from "fflate";
import { Lang } from "../core/issue";
import {
  CellValue,
  SheetModel,
  WorkbookModel,
  cellAddress,
  columnLetters,
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
import { hasLookStyles, lookStyleAt, sheetLooks, stylesWithinRange } from "./look";
import { FLAGS_SHEET, markerName } from "./marker";
import { BUILTIN_FORMATS } from "./parts";
import { Painted, addFlag, flagNote, planCopies, renameRefs } from "./plan";
import { Deflated, Deflater, zipEntries } from "./zip";

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
      // Only the parts it has, added in one order (no delete: that would make a slow object).
      hit = {};
      if (s.numFmt !== undefined) hit.numFmt = s.numFmt;
      if (s.font !== undefined) hit.font = s.font;
      if (s.border !== undefined) hit.border = s.border;
      if (s.fill !== undefined) hit.fill = s.fill;
      if (s.alignment !== undefined) hit.alignment = s.alignment;
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
// A sheet being written. Most cells are written straight from their source (a unit's model arrays and look,
// or one of our tabs' cells: a Grid) with no object per cell; the few cells something else touches (merged
// areas, flags, notes, fonts, looks outside the used range) are Cell objects with ExcelJS's cell semantics
// (a cell has a value and a style object; a merged cell shares its first cell's style object), and win over
// the grid's cell at the same place.

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
  /** A hyperlink element of one of our cells, listed when the cell is written (in cell order). */
  link?: { ref: string; location: string };
}

interface Sheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** The cells written as objects (all of them, for a sheet with no grid). */
  rows: Map<number, Map<number, Cell>>;
  rowProps: Map<number, { height?: number; hidden?: boolean }>;
  cols: Map<number, { width?: number; hidden?: boolean }>;
  merges: { top: number; left: number; bottom: number; right: number }[];
  links: { ref: string; location: string }[];
  freeze: { rows: number; cols: number } | null;
  autoFilter: string | null;
  page: { landscape: boolean; fitToPage: boolean } | null;
}

/** The cells of a sheet written without objects: a rectangle (absolute, 0-based, inclusive). */
interface Grid {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** The cell's XML ("" when there is nothing to write). */
  cell(r: number, c: number, ref: string): string;
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

/** The cell at 0-based (r, c), made if missing: `base` gives what the grid holds there (default: empty). */
function cellAt(sheet: Sheet, r: number, c: number, base?: (r: number, c: number) => Cell): Cell {
  let row = sheet.rows.get(r);
  if (!row) sheet.rows.set(r, (row = new Map()));
  let cell = row.get(c);
  if (!cell) row.set(c, (cell = base ? base(r, c) : { value: { kind: "empty" }, style: {} }));
  return cell;
}

/** ExcelJS's mergeCells: refused over an existing merge; the other cells become part of the first. */
function merge(sheet: Sheet, range: string, base?: (r: number, c: number) => Cell): boolean {
  const d = parseRange(range);
  for (const m of sheet.merges) {
    if (!(d.bottom < m.top || d.top > m.bottom || d.right < m.left || d.left > m.right))
      return false;
  }
  const master = cellAt(sheet, d.top, d.left, base);
  // The merged cells share the first cell's style object (as in ExcelJS): its own, not an interned one.
  own(master);
  for (let r = d.top; r <= d.bottom; r++) {
    for (let c = d.left; c <= d.right; c++) {
      if (r === d.top && c === d.left) continue;
      const cell = cellAt(sheet, r, c, base);
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

/**
 * write.ts's styling of one of our cells; one shared style object per look (tabs repeat a few looks), found
 * through nested maps so that no key string is made per cell (the summary tab can have millions).
 */
class OutStyles {
  private byBits = new Map<number, Map<string, Map<string, Map<string, Style>>>>();
  // The last cell's look and its cellXfs index: a row of the summary mostly repeats one look.
  private last: OutCell | null = null;
  private lastXf = 0;

  /** The cellXfs index of the cell's look. */
  xf(o: OutCell, styles: StyleSheet): number {
    const l = this.last;
    if (
      l !== null &&
      l.fmt === o.fmt &&
      !l.bold === !o.bold &&
      !l.italic === !o.italic &&
      !l.link === !o.link &&
      !l.wrap === !o.wrap &&
      !l.border === !o.border &&
      l.color === o.color &&
      l.fill === o.fill &&
      l.align === o.align
    )
      return this.lastXf;
    this.last = o;
    return (this.lastXf = styles.id(this.of(o)));
  }

  of(o: OutCell): Style {
    const align = o.align === "left" ? 1 : o.align === "center" ? 2 : o.align === "right" ? 3 : 0;
    const bits =
      (o.bold ? 1 : 0) |
      (o.italic ? 2 : 0) |
      (o.link ? 4 : 0) |
      (o.wrap ? 8 : 0) |
      (o.border ? 16 : 0) |
      (align << 5);
    let a = this.byBits.get(bits);
    if (!a) this.byBits.set(bits, (a = new Map()));
    let b = a.get(o.fmt ?? "");
    if (!b) a.set(o.fmt ?? "", (b = new Map()));
    let c = b.get(o.color ?? "");
    if (!c) b.set(o.color ?? "", (c = new Map()));
    let hit = c.get(o.fill ?? "");
    if (!hit) c.set(o.fill ?? "", (hit = outStyle(o)));
    return hit;
  }
}

function outStyle(o: OutCell): Style {
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
  return style;
}

/** What one of our cells holds, as write.ts's writeOurSheet sets it (and its hyperlink element, if any). */
function ourValue(
  o: OutCell,
  r: number,
  c: number,
  sheetName: (s: string) => string
): { value: Value; link?: { ref: string; location: string } } {
  if (o.f) {
    const result = o.v === undefined || o.v === "" ? undefined : o.v;
    return { value: { kind: "formula", f: o.f.replace(/^=/, ""), result } };
  }
  if (o.link) {
    // As write.ts: a HYPERLINK formula (wraps in LibreOffice), else a hyperlink element.
    const text = o.v === undefined ? "" : String(o.v);
    const target = sheetName(o.link.sheet);
    const f = linkFormula(target, o.link.cell, text);
    if (f) {
      return {
        value: { kind: "formula", f: f.slice(1), result: text === "" ? undefined : text },
      };
    }
    return {
      value: { kind: "value", v: text },
      link: {
        ref: cellAddress(r, c),
        location: sheetRef(target, o.link.cell.replace(/\$/g, "")),
      },
    };
  }
  if (o.v !== undefined && o.v !== "") return { value: { kind: "value", v: o.v } };
  return { value: { kind: "empty" } };
}

/** write.ts's writeOurSheet: the tab's frame, its merged cells as objects, the rest a grid. */
function ourSheet(
  name: string,
  out: OutputSheet,
  sheetName: (s: string) => string,
  styles: StyleSheet,
  sst: SharedStrings
): { sheet: Sheet; grid: Grid } {
  const sheet = newSheet(name);
  const looks = new OutStyles();
  const base = (r: number, c: number): Cell => {
    const o = out.cells[r]?.[c];
    if (!o) return { value: { kind: "empty" }, style: {} };
    const { value, link } = ourValue(o, r, c, sheetName);
    return { value, style: looks.of(o), link };
  };
  for (const m of out.merges) merge(sheet, m, base);
  out.columnWidths.forEach((w, c) => {
    if (w > 0) sheet.cols.set(c, { width: w });
  });
  for (const [r, h] of Object.entries(estimateRowHeights(out))) {
    sheet.rowProps.set(Number(r), { height: h });
  }
  if (out.freeze.rows > 0 || out.freeze.cols > 0) sheet.freeze = out.freeze;
  sheet.autoFilter = out.autoFilter;
  sheet.page = { landscape: out.landscape, fitToPage: out.fitToWidth };
  let right = -1;
  for (const row of out.cells) if (row.length - 1 > right) right = row.length - 1;
  const grid: Grid = {
    top: 0,
    left: 0,
    bottom: out.cells.length - 1,
    right,
    cell(r, c, ref) {
      const o = out.cells[r][c];
      if (!o) return "";
      const sa = styleAttr(looks.xf(o, styles));
      if (o.f) {
        const f = o.f.charCodeAt(0) === 61 ? o.f.slice(1) : o.f;
        return formulaXml(ref, sa, f, o.v === undefined || o.v === "" ? undefined : o.v);
      }
      if (o.link) {
        const { value, link } = ourValue(o, r, c, sheetName);
        if (link) sheet.links.push(link);
        return valueXml(ref, sa, value, sst);
      }
      if (o.v !== undefined && o.v !== "") return constXml(ref, sa, o.v, sst);
      return sa ? `<c r="${ref}"${sa}/>` : "";
    },
  };
  return { sheet, grid };
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

type LookStyle = Partial<Record<"font" | "alignment" | "border" | "fill", unknown>>;

/**
 * The interned style of a unit cell from its look style and number format, memoised per (look style
 * object, format): the readers share a look style object among the cells of one source style.
 */
class CopyStyles {
  private byLook = new WeakMap<object, Map<string, { style: Style; xf: number }>>();
  private plain = new Map<string, { style: Style; xf: number }>();
  // The last answer: cells next to each other mostly look alike.
  private lastLook: LookStyle | undefined = undefined;
  private lastFmt = "\u0000";
  private last: { style: Style; xf: number } = { style: {}, xf: -1 };
  constructor(private interner: Interner) {}

  private entry(look: LookStyle | undefined, fmt: string): { style: Style; xf: number } {
    if (look === this.lastLook && fmt === this.lastFmt) return this.last;
    const numFmt = fmt && fmt !== "General" ? fmt : "";
    let byFmt = look ? this.byLook.get(look) : this.plain;
    if (!byFmt) this.byLook.set(look!, (byFmt = new Map()));
    let hit = byFmt.get(numFmt);
    if (!hit) {
      const style = this.interner.intern({
        numFmt: numFmt || undefined,
        font: (look?.font || undefined) as Json | undefined,
        alignment: (look?.alignment || undefined) as Json | undefined,
        border: (look?.border || undefined) as Json | undefined,
        fill: (look?.fill || undefined) as Json | undefined,
      });
      byFmt.set(numFmt, (hit = { style, xf: -1 }));
    }
    this.lastLook = look;
    this.lastFmt = fmt;
    return (this.last = hit);
  }

  of(look: LookStyle | undefined, fmt: string): Style {
    return this.entry(look, fmt).style;
  }

  /** Its cellXfs index, given on first use (so in the order cells are written, as before). */
  xf(look: LookStyle | undefined, fmt: string, styles: StyleSheet): number {
    const e = this.entry(look, fmt);
    return e.xf >= 0 ? e.xf : (e.xf = styles.id(e.style));
  }
}

/** write.ts's copyUnitSheet: the copy's frame and the cells flags, notes, fonts and merges touch; a grid. */
function copySheet(
  name: string,
  model: SheetModel,
  renames: Map<string, string>,
  flags: Map<string, Painted>,
  record: (cell: string, fill: string, note: string) => void,
  copyStyles: CopyStyles,
  styles: StyleSheet,
  sst: SharedStrings
): { sheet: Sheet; grid: Grid } {
  const sheet = newSheet(name);
  const o = sheetOrigin(model);
  const look = sheetLooks.get(model);
  const hasLooks = hasLookStyles(look);
  const lookAt = (r: number, c: number, ref: string): LookStyle | undefined =>
    hasLooks ? (lookStyleAt(look, r, c, ref) as LookStyle | undefined) : undefined;
  const height = model.values.length;
  let width = 0;
  for (const row of model.values) if (row.length > width) width = row.length;
  const inGrid = (r: number, c: number) =>
    r >= o.row && r < o.row + height && c >= o.col && c < o.col + width;
  for (const [c, w] of Object.entries(look?.columnWidths ?? {}))
    sheet.cols.set(Number(c), { width: w });
  for (const [r, h] of Object.entries(look?.rowHeights ?? {}))
    sheet.rowProps.set(Number(r), { height: h });

  /** The model's cell, as write.ts keeps it: a value, or undefined when there is nothing to keep. */
  const modelValue = (i: number, j: number): Value | undefined => {
    const value = model.values[i][j];
    if (value === undefined) return undefined;
    const formula = model.formulas[i]?.[j];
    const type = model.valueTypes[i]?.[j];
    if (typeof formula === "string" && formula.startsWith("=") && formula !== value) {
      const cached =
        type === "Error" ? { error: String(value) } : type === "Empty" ? undefined : value;
      return { kind: "formula", f: renameRefs(formula.slice(1), renames), result: cached };
    }
    if (type === "Error") return { kind: "error", v: String(value) };
    if (value !== "") return { kind: "value", v: value };
    const fmt = model.numberFormat[i]?.[j];
    // As write.ts: only cells with something to keep (a stray value far out makes a big, empty grid).
    return fmt && fmt !== "General" ? { kind: "empty" } : undefined;
  };
  /** The cell as the grid would write it, as an object (for the cells something else touches). */
  const base = (r: number, c: number): Cell => {
    const ref = cellAddress(r, c);
    const ls = lookAt(r, c, ref);
    const inside = inGrid(r, c);
    const value = inside ? modelValue(r - o.row, c - o.col) : undefined;
    if (!value && !ls) return { value: { kind: "empty" }, style: {} };
    const fmt = inside ? model.numberFormat[r - o.row]?.[c - o.col] : "";
    return { value: value ?? { kind: "empty" }, style: copyStyles.of(ls, fmt ?? "") };
  };
  // Looks outside the used range (a restored flag's cell): cells of their own. The readers mark the
  // look style records that hold none, sparing a pass over every address; packed looks hold none either.
  if (hasLooks && !look!.packed && !stylesWithinRange.has(look!.styles)) {
    for (const address of Object.keys(look!.styles)) {
      const p = decode(address);
      if (!inGrid(p.row, p.col)) cellAt(sheet, p.row, p.col, base);
    }
  }
  for (const [address, font] of Object.entries(model.fonts)) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col, base);
    if (cell.style.font?.name !== font) own(cell).font = { ...(cell.style.font ?? {}), name: font };
  }
  for (const m of model.merges) merge(sheet, m, base);
  for (const r of model.hiddenRows)
    sheet.rowProps.set(r, { ...sheet.rowProps.get(r), hidden: true });
  for (const c of model.hiddenColumns) sheet.cols.set(c, { ...sheet.cols.get(c), hidden: true });
  const notes: Record<string, string> = { ...model.comments };
  for (const [address, flag] of flags) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col, base);
    const before = lookAt(p.row, p.col, address)?.fill;
    record(address, before ? JSON.stringify(before) : "", notes[address] ?? "");
    own(cell).fill = solid(FLAG_FILL[flag.severity]);
    const ours = flagNote(flag);
    notes[address] = notes[address] ? `${notes[address]}\n${ours}` : ours;
  }
  for (const [address, note] of Object.entries(notes)) {
    const p = decode(address);
    const cell = cellAt(sheet, p.row, p.col, base);
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

  const grid: Grid = {
    top: o.row,
    left: o.col,
    bottom: o.row + height - 1,
    right: o.col + width - 1,
    cell(r, c, ref) {
      const i = r - o.row;
      const j = c - o.col;
      const value = model.values[i][j];
      if (value === undefined) return "";
      const formula = model.formulas[i]?.[j];
      const type = model.valueTypes[i]?.[j];
      const fmt = model.numberFormat[i]?.[j];
      const ls = lookAt(r, c, ref);
      const isFormula =
        typeof formula === "string" && formula.charCodeAt(0) === 61 && formula !== value;
      if (!isFormula && value === "" && type !== "Error" && (!fmt || fmt === "General") && !ls)
        return "";
      const sa = styleAttr(copyStyles.xf(ls, fmt ?? "", styles));
      if (isFormula) {
        const f = renameRefs(formula.slice(1), renames);
        if (type === "Error")
          return `<c r="${ref}"${sa} t="e"><f>${esc(f)}</f><v>${esc(value)}</v></c>`;
        return formulaXml(ref, sa, f, type === "Empty" ? undefined : value);
      }
      if (type === "Error") return `<c r="${ref}"${sa} t="e"><v>${esc(value)}</v></c>`;
      if (value !== "") return constXml(ref, sa, value, sst);
      return sa ? `<c r="${ref}"${sa}/>` : "";
    },
  };
  return { sheet, grid };
}

// ---------------------------------------------------------------------------------------------------------
// Sheets → XML.

function constXml(ref: string, sa: string, v: CellValue, sst: SharedStrings): string {
  if (typeof v === "string") return `<c r="${ref}"${sa} t="s"><v>${sst.id(v)}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
  // A number's text has nothing to escape.
  return `<c r="${ref}"${sa}><v>${v}</v></c>`;
}

function formulaXml(
  ref: string,
  sa: string,
  formula: string,
  r: CellValue | { error: string } | undefined | null
): string {
  const f = `<f>${esc(formula)}</f>`;
  if (r === undefined || r === null) return `<c r="${ref}"${sa}>${f}</c>`;
  if (typeof r === "string") return `<c r="${ref}"${sa} t="str">${f}<v>${esc(r)}</v></c>`;
  if (typeof r === "boolean") return `<c r="${ref}"${sa} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
  if (typeof r === "object") return `<c r="${ref}"${sa} t="e">${f}<v>${esc(r.error)}</v></c>`;
  return `<c r="${ref}"${sa}>${f}<v>${esc(r)}</v></c>`;
}

function valueXml(ref: string, sa: string, v: Value, sst: SharedStrings): string {
  switch (v.kind) {
    case "empty":
    case "merge":
      return sa ? `<c r="${ref}"${sa}/>` : "";
    case "error":
      return `<c r="${ref}"${sa} t="e"><v>${esc(v.v)}</v></c>`;
    case "value":
      return constXml(ref, sa, v.v, sst);
    case "formula":
      return formulaXml(ref, sa, v.f, v.result);
  }
}

function cellXml(ref: string, cell: Cell, styles: StyleSheet, sst: SharedStrings): string {
  return valueXml(ref, styleAttr(styles.id(cell.style)), cell.value, sst);
}

/** ` s="7"` for cellXfs index 7, "" for 0; made once per index. */
const STYLE_ATTRS: string[] = [""];
function styleAttr(s: number): string {
  while (STYLE_ATTRS.length <= s) STYLE_ATTRS.push(` s="${STYLE_ATTRS.length}"`);
  return STYLE_ATTRS[s];
}

/** Column letters by 0-based index, made once. */
const LETTERS: string[] = [];
function letters(c: number): string {
  while (LETTERS.length <= c) LETTERS.push(columnLetters(LETTERS.length));
  return LETTERS[c];
}

const encoder = new TextEncoder();

/**
 * UTF-8 bytes written in chunks as they come (no one string for a whole sheet); one sink serves all the
 * sheets of a workbook in turn, reusing its last chunk.
 */
class Utf8Sink {
  private chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(0);
  private used = 0;
  private pending = "";
  length = 0;

  write(s: string): void {
    this.pending += s;
    if (this.pending.length > 16384) this.flush();
  }

  private flush(): void {
    let s = this.pending;
    this.pending = "";
    while (s.length > 0) {
      if (this.chunk.length - this.used < 4) this.next(s.length * 3);
      const { read, written } = encoder.encodeInto(s, this.chunk.subarray(this.used));
      this.used += written;
      this.length += written;
      s = read < s.length ? s.slice(read) : "";
    }
  }

  private next(want: number): void {
    if (this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
    this.chunk = new Uint8Array(Math.max(1 << 20, Math.min(want, 1 << 24)));
    this.used = 0;
  }

  /** `head`, what was written, then `tail`, in one array. */
  bytes(head: string, tail: string): Uint8Array {
    this.flush();
    // The current chunk is copied out below, then written over by the next sheet.
    if (this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
    const h = encoder.encode(head);
    const t = encoder.encode(tail);
    const out = new Uint8Array(h.length + this.length + t.length);
    out.set(h, 0);
    let p = h.length;
    for (const c of this.chunks) (out.set(c, p), (p += c.length));
    out.set(t, p);
    this.chunks = [];
    this.used = 0;
    this.length = 0;
    return out;
  }
}

interface Note {
  ref: string;
  row: number;
  col: number;
  text: string;
}

function sheetXml(
  sheet: Sheet,
  styles: StyleSheet,
  sst: SharedStrings,
  body: Utf8Sink,
  grid?: Grid
): { xml: Uint8Array; notes: Note[] } {
  const notes: Note[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const gTop = grid ? grid.top : 0;
  const gBottom = grid ? grid.bottom : -1;
  const extra = new Set<number>();
  for (const r of sheet.rows.keys()) if (r < gTop || r > gBottom) extra.add(r);
  for (const r of sheet.rowProps.keys()) if (r < gTop || r > gBottom) extra.add(r);
  const before = [...extra].filter((r) => r < gTop).sort((a, b) => a - b);
  const after = [...extra].filter((r) => r > gBottom).sort((a, b) => a - b);
  const writeRow = (r: number) => {
    const objects = sheet.rows.get(r);
    const props = sheet.rowProps.get(r);
    const rowText = String(r + 1);
    const cols = objects ? [...objects.keys()].sort((a, b) => a - b) : [];
    const fromGrid = grid !== undefined && r >= grid.top && r <= grid.bottom;
    let xml = "";
    let k = 0;
    let c = fromGrid ? grid.left : Infinity;
    const gRight = fromGrid ? grid.right : -1;
    for (;;) {
      const oc = k < cols.length ? cols[k] : Infinity;
      const col = c <= gRight && c < oc ? c : oc;
      if (col === Infinity) break;
      const ref = letters(col) + rowText;
      let x: string;
      if (col === oc) {
        const cell = objects!.get(col)!;
        x = cellXml(ref, cell, styles, sst);
        if (cell.link) sheet.links.push(cell.link);
        if (cell.note !== undefined) notes.push({ ref, row: r, col, text: cell.note });
        k++;
        if (c === col) c++;
      } else {
        x = grid!.cell(r, col, ref);
        c++;
      }
      if (!x) continue;
      xml += x;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (col < left) left = col;
      if (col > right) right = col;
    }
    const a =
      (props?.height ? ` ht="${props.height}" customHeight="1"` : "") +
      (props?.hidden ? ' hidden="1"' : "");
    if (xml || a) body.write(`<row r="${rowText}"${a}>${xml}</row>`);
  };
  for (const r of before) writeRow(r);
  for (let r = gTop; r <= gBottom; r++) writeRow(r);
  for (const r of after) writeRow(r);

  let head =
    HEAD +
    `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    (sheet.page?.fitToPage ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="${bottom < 0 ? "A1" : `${cellAddress(top, left)}:${cellAddress(bottom, right)}`}"/>` +
    (sheet.freeze
      ? `<sheetViews><sheetView workbookViewId="0">${paneXml(sheet.freeze)}</sheetView></sheetViews>`
      : "") +
    `<sheetFormatPr defaultRowHeight="15"/>`;
  // As ExcelJS: a column of the default width (9) that is not hidden is not written.
  const cols = [...sheet.cols.keys()]
    .filter((c) => {
      const p = sheet.cols.get(c)!;
      return p.hidden || (p.width !== undefined && p.width !== 9);
    })
    .sort((a, b) => a - b);
  if (cols.length) {
    head += "<cols>";
    for (const c of cols) {
      const p = sheet.cols.get(c)!;
      head += `<col min="${c + 1}" max="${c + 1}"${p.width ? ` width="${p.width}"` : ""}${p.hidden ? ' hidden="1"' : ""} customWidth="1"/>`;
    }
    head += "</cols>";
  }
  head += "<sheetData>";
  let tail = "</sheetData>";
  if (sheet.autoFilter) tail += `<autoFilter ref="${esc(sheet.autoFilter)}"/>`;
  // As ExcelJS writes them: in the order of each area's first merged cell, a one-cell area left out.
  const merges = sheet.merges
    .filter((m) => m.bottom > m.top || m.right > m.left)
    .map((m) => ({ m, at: m.right > m.left ? [m.top, m.left + 1] : [m.top + 1, m.left] }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
    .map((x) => x.m);
  if (merges.length) {
    tail +=
      `<mergeCells count="${merges.length}">` +
      merges
        .map(
          (m) =>
            `<mergeCell ref="${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}"/>`
        )
        .join("") +
      `</mergeCells>`;
  }
  if (sheet.links.length) {
    tail +=
      "<hyperlinks>" +
      sheet.links.map((l) => `<hyperlink ref="${l.ref}" location="${esc(l.location)}"/>`).join("") +
      "</hyperlinks>";
  }
  tail += `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  tail += sheet.page
    ? `<pageSetup paperSize="9" orientation="${sheet.page.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="0"/>`
    : `<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="1"/>`;
  if (notes.length) tail += `<legacyDrawing r:id="rId2"/>`;
  tail += "</worksheet>";
  return { xml: body.bytes(head, tail), notes };
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
 * The zip's parts as they are made: each deflated at once when a deflater is given (so that only one
 * sheet's XML is held at a time), else kept for fflate's zipSync.
 */
class Parts {
  private parts = new Map<string, Uint8Array | Deflated>();
  constructor(
    private level: number,
    private deflate?: Deflater
  ) {}

  add(name: string, data: Uint8Array | string): void {
    const bytes = typeof data === "string" ? strToU8(data) : data;
    this.parts.set(name, this.deflate ? this.deflate(bytes, this.level) : bytes);
  }

  /** The zip, entries in the order given first, then in the order they were added. */
  zip(first: string[], mtime: Date): Uint8Array {
    const names = [...first, ...[...this.parts.keys()].filter((k) => !first.includes(k))];
    if (this.deflate) {
      return zipEntries(
        names.map((name) => [name, this.parts.get(name) as Deflated]),
        mtime
      );
    }
    const zipped: Record<string, [Uint8Array, { mtime: Date }]> = {};
    for (const name of names) zipped[name] = [this.parts.get(name) as Uint8Array, { mtime }];
    return zipSync(zipped, { level: this.level as FastWriteOptions["level"] });
  }
}

/**
 * Builds the output workbook, as writeXlsx (write.ts) does. `workbooks` are the inputs as read; the unit
 * sheets of `result.units` (and any other sheet carrying a flag) are copied after our tabs, in that order.
 * Each sheet's XML is made and zipped before the next one is begun.
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

  const styles = new StyleSheet();
  const sst = new SharedStrings();
  const parts = new Parts(options.level ?? 3, options.deflate);
  const sink = new Utf8Sink();
  const written: { name: string; state: Sheet["state"] }[] = [];
  const overrides: string[] = [];
  let comments = 0;
  const CT = "application/vnd.openxmlformats-officedocument";
  const add = (sheet: Sheet, grid?: Grid) => {
    const i = written.length;
    written.push({ name: sheet.name, state: sheet.state });
    const { xml, notes } = sheetXml(sheet, styles, sst, sink, grid);
    parts.add(`xl/worksheets/sheet${i + 1}.xml`, xml);
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`
    );
    if (notes.length) {
      comments++;
      parts.add(`xl/comments${comments}.xml`, commentsXml(notes));
      parts.add(`xl/drawings/vmlDrawing${comments}.vml`, vmlXml(notes, comments - 1));
      overrides.push(
        `<Override PartName="/xl/comments${comments}.xml" ContentType="${CT}.spreadsheetml.comments+xml"/>`
      );
      parts.add(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        HEAD +
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL}/comments" Target="../comments${comments}.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${comments}.vml"/>` +
          `</Relationships>`
      );
    }
  };

  const names: { name: string; ref: string }[] = [];
  result.sheets.forEach((out, i) => {
    const { sheet, grid } = ourSheet(ourNames[i], out, resolve, styles, sst);
    add(sheet, grid);
    names.push({ name: markerName(out.role), ref: sheetRef(ourNames[i], "$A$1") });
  });
  const flagsBySheet = new Map<string, Map<string, Painted>>();
  for (const f of result.flags) addFlag(flagsBySheet, f);
  const records: [string, string, string, string][] = [];
  const copyStyles = new CopyStyles(new Interner());
  copies.forEach((copy, i) => {
    const renames = new Map<string, string>();
    copies.forEach((other, j) => {
      if (other.file === copy.file) renames.set(other.sheet.name, copyNames[j]);
    });
    const flags = flagsBySheet.get(`${copy.file}\u0000${copy.sheet.name}`) ?? new Map();
    const { sheet, grid } = copySheet(
      copyNames[i],
      copy.sheet,
      renames,
      flags,
      (cell, fill, note) => records.push([copyNames[i], cell, fill, note]),
      copyStyles,
      styles,
      sst
    );
    add(sheet, grid);
  });
  if (records.length > 0) {
    const name = uniqueSheetName(FLAGS_SHEET, new Set([...allNames].map((n) => n.toLowerCase())));
    const sheet = newSheet(name, "veryHidden");
    // As ExcelJS's addRow: every field a string cell, "" included.
    [["sheet", "cell", "fill", "note"], ...records].forEach((rec, r) =>
      rec.forEach((v, c) => (cellAt(sheet, r, c).value = { kind: "value", v }))
    );
    add(sheet);
    names.push({ name: markerName("flags"), ref: sheetRef(name, "$A$1") });
  }
  if (written.length === 0) add(newSheet(options.lang === "en" ? "Empty" : "Trống"));
  return pack(parts, written, overrides, names, date, styles, sst);
}

function pack(
  parts: Parts,
  sheets: { name: string; state: Sheet["state"] }[],
  overrides: string[],
  definedNames: { name: string; ref: string }[],
  date: Date,
  styles: StyleSheet,
  sst: SharedStrings
): Uint8Array {
  const CT = "application/vnd.openxmlformats-officedocument";
  const first = Math.max(
    0,
    sheets.findIndex((s) => s.state === "visible")
  );
  const n = sheets.length;
  parts.add(
    "xl/workbook.xml",
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
  parts.add(
    "xl/_rels/workbook.xml.rels",
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
  parts.add("xl/sharedStrings.xml", sst.xml());
  parts.add("xl/styles.xml", styles.xml());
  parts.add("xl/theme/theme1.xml", THEME);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  parts.add(
    "docProps/core.xml",
    HEAD +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>tonghop</dc:creator><cp:lastModifiedBy>tonghop</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`
  );
  parts.add(
    "docProps/app.xml",
    HEAD +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>`
  );
  parts.add(
    "_rels/.rels",
    HEAD +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
      `</Relationships>`
  );
  parts.add(
    "[Content_Types].xml",
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
  return parts.zip(
    [
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "docProps/app.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
    ],
    mtime
  );
}
