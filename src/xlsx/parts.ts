/**
 * The small parts of an .xlsx, read into plain data the way ExcelJS reads them (so both readers give the same
 * sheet model): workbook.xml (sheets, defined names, the 1904 date system), relationships, shared strings,
 * styles (number formats, and fonts, fills, borders, alignment in ExcelJS's own shapes, which the writer
 * copies) and comments. Each function takes the part's text.
 */
import { CLOSE, END, OPEN, TEXT, XmlReader } from "./xml";

/** ExcelJS decodes a few entities a second time in some places (sheet names, "str" results): so do we. */
export function xmlDecodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}

export interface SheetEntry {
  name: string;
  /** sheetId as a number (NaN when missing). */
  id: number;
  state: string | undefined;
  rId: string | undefined;
}

export interface WorkbookPart {
  sheets: SheetEntry[];
  definedNames: { name: string; text: string }[];
  date1904: boolean;
}

export function parseWorkbook(xml: string): WorkbookPart {
  const r = new XmlReader(xml);
  const out: WorkbookPart = { sheets: [], definedNames: [], date1904: false };
  while (r.next() !== END) {
    if (r.kind !== OPEN) continue;
    switch (r.name) {
      case "sheet":
        out.sheets.push({
          name: xmlDecodeAgain(r.attr("name") ?? "undefined"),
          id: parseInt(r.rawAttr("sheetId") ?? "", 10),
          state: r.attr("state"),
          rId: r.attr("id"),
        });
        break;
      case "definedName": {
        const name = r.attr("name") ?? "";
        out.definedNames.push({ name, text: r.innerText() });
        break;
      }
      case "workbookPr":
        out.date1904 = r.attr("date1904") === "1";
        break;
    }
  }
  return out;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function parseRels(xml: string): Map<string, Relationship> {
  const r = new XmlReader(xml);
  const out = new Map<string, Relationship>();
  while (r.next() !== END) {
    if (r.kind === OPEN && r.name === "Relationship") {
      const id = r.attr("Id") ?? "";
      out.set(id, { id, type: r.attr("Type") ?? "", target: r.attr("Target") ?? "" });
    }
  }
  return out;
}

/** A run of rich text as ExcelJS models it (only the text matters to the sheet model). */
export interface RichRun {
  text?: string;
}

/** A shared string: plain text, or rich text as ExcelJS gives it. */
export type SharedString = string | { richText: RichRun[] };

/** ExcelJS decodes `_x000D_` escapes (upper-case hex only) in <t> of shared strings and runs. */
export const unescapeX = (s: string) =>
  s.indexOf("_x") < 0
    ? s
    : s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** The text of a <t> element (consumed), decoded. */
function tText(r: XmlReader): string {
  return unescapeX(r.innerText());
}

/** A <r> run (consumed): its text. */
function readRun(r: XmlReader): RichRun {
  const run: RichRun = {};
  const depth = r.depth;
  while (r.next() !== END) {
    if (r.kind === CLOSE && r.depth === depth - 1) break;
    if (r.kind === OPEN && r.name === "t") run.text = tText(r);
    else if (r.kind === OPEN && r.name !== "r") r.skip();
  }
  return run;
}

export function parseSharedStrings(xml: string): SharedString[] {
  const r = new XmlReader(xml);
  const out: SharedString[] = [];
  while (r.next() !== END) {
    if (r.kind !== OPEN || r.name !== "si") continue;
    let value: SharedString | Record<string, never> = {};
    const depth = r.depth;
    if (!r.selfClosing) {
      while (r.next() !== END) {
        if (r.kind === CLOSE && r.depth === depth - 1) break;
        if (r.kind !== OPEN) continue;
        const name: string = r.name;
        if (name === "t") value = tText(r);
        else if (name === "r") {
          const run = readRun(r);
          if (typeof value === "string") continue;
          const rich = value as { richText?: RichRun[] };
          (rich.richText ??= []).push(run);
        } else r.skip();
      }
    } else r.next();
    out.push(value as SharedString);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Styles, in ExcelJS's shapes (plain JSON: the writer copies them onto the output's unit sheets).

type Json = Record<string, unknown>;

export interface CellStyle {
  numFmt?: string;
  font?: Json;
  border?: Json;
  fill?: Json;
  alignment?: Json;
}

interface Xf {
  numFmtId: number;
  fontId: number;
  fillId: number;
  borderId: number;
  alignment?: Json | null;
}

/** Number formats Excel does not write out (ExcelJS's table of them). */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

const parseBoolean = (v: string | undefined) => v === "true" || v === "1";

function color(r: XmlReader): Json | undefined {
  const rgb = r.attr("rgb");
  if (rgb) return { argb: rgb };
  const theme = r.attr("theme");
  if (theme) {
    const c: Json = { theme: parseInt(theme, 10) };
    const tint = r.attr("tint");
    if (tint) c.tint = parseFloat(tint);
    return c;
  }
  const indexed = r.attr("indexed");
  if (indexed) return { indexed: parseInt(indexed, 10) };
  return undefined;
}

const FONT_PROPS: Record<string, [string, "bool" | "int" | "str" | "u" | "color"]> = {
  b: ["bold", "bool"],
  i: ["italic", "bool"],
  u: ["underline", "u"],
  charset: ["charset", "int"],
  color: ["color", "color"],
  condense: ["condense", "bool"],
  extend: ["extend", "bool"],
  family: ["family", "int"],
  outline: ["outline", "bool"],
  vertAlign: ["vertAlign", "str"],
  scheme: ["scheme", "str"],
  shadow: ["shadow", "bool"],
  strike: ["strike", "bool"],
  sz: ["size", "int"],
  name: ["name", "str"],
};

/** A <font> (consumed). ExcelJS takes <b val="0"/> as bold too, and drops falsy values. */
function readFont(r: XmlReader): Json {
  const font: Json = {};
  const depth = r.depth;
  while (r.next() !== END) {
    if (r.kind === CLOSE && r.depth === depth - 1) break;
    if (r.kind !== OPEN) continue;
    const prop = FONT_PROPS[r.name];
    if (!prop) continue;
    let v: unknown;
    switch (prop[1]) {
      case "bool":
        v = true;
        break;
      case "int":
        v = parseInt(r.attr("val") ?? "", 10);
        break;
      case "str":
        v = r.attr("val");
        break;
      case "u":
        v = r.attr("val") || true;
        break;
      case "color":
        v = color(r);
        break;
    }
    if (v) font[prop[0]] = v;
  }
  return font;
}

/** A <fill> (consumed). */
function readFill(r: XmlReader): Json {
  let fill: Json = {};
  const depth = r.depth;
  let inner: Json | null = null;
  let stop: Json | null = null;
  while (r.next() !== END) {
    if (r.kind === CLOSE && r.depth === depth - 1) break;
    if (r.kind === CLOSE && (r.name === "patternFill" || r.name === "gradientFill") && inner) {
      fill = inner;
      fill.type = r.name === "patternFill" ? "pattern" : "gradient";
      inner = null;
      continue;
    }
    if (r.kind === CLOSE && r.name === "stop" && inner && stop) {
      (inner.stops as Json[]).push(stop);
      stop = null;
      continue;
    }
    if (r.kind !== OPEN) continue;
    if (r.name === "patternFill") inner = { type: "pattern", pattern: r.attr("patternType") };
    else if (r.name === "gradientFill") inner = gradient(r);
    else if ((r.name === "fgColor" || r.name === "bgColor") && inner && inner.type === "pattern") {
      const c = color(r);
      if (c) inner[r.name] = c;
    } else if (r.name === "stop" && inner) {
      stop = { position: parseFloat(r.attr("position") ?? "") };
    } else if (r.name === "color" && stop) {
      stop.color = color(r);
    }
  }
  return fill;
}

function gradient(r: XmlReader): Json {
  const g: Json = { stops: [] };
  const degree = r.attr("degree");
  const type = r.attr("type");
  if (degree) {
    g.gradient = "angle";
    g.degree = parseInt(degree, 10);
  } else if (type === "path") {
    g.gradient = "path";
    const num = (v: string | undefined) => (v ? parseFloat(v) : 0);
    const [left, right, top, bottom] = ["left", "right", "top", "bottom"].map((k) => r.attr(k));
    const center: Json = { left: num(left), top: num(top) };
    if (right !== left) center.right = num(right);
    if (bottom !== top) center.bottom = num(bottom);
    g.center = center;
  }
  return g;
}

const EDGES = ["left", "right", "top", "bottom", "diagonal"];

/** A <border> (consumed). */
function readBorder(r: XmlReader): Json {
  const up = parseBoolean(r.attr("diagonalUp"));
  const down = parseBoolean(r.attr("diagonalDown"));
  const edges: Record<string, Json | undefined> = {};
  const depth = r.depth;
  let edge: string | null = null;
  let edgeModel: Json | undefined;
  let edgeColor: Json | undefined;
  while (r.next() !== END) {
    if (r.kind === CLOSE && r.depth === depth - 1) break;
    if (r.kind === CLOSE && edge && r.name === edge) {
      if (edgeColor) (edgeModel ??= {}).color = edgeColor;
      edges[edge] = edgeModel;
      edge = null;
      continue;
    }
    if (r.kind !== OPEN) continue;
    if (!edge && EDGES.includes(r.name)) {
      edge = r.name;
      const style = r.attr("style");
      edgeModel = style ? { style } : undefined;
      edgeColor = undefined;
    } else if (edge && r.name === "color") edgeColor = color(r);
  }
  const border: Json = {};
  for (const k of EDGES) {
    const m = edges[k];
    if (!m) continue;
    border[k] = k === "diagonal" ? Object.assign(m, { up, down }) : m;
  }
  return border;
}

function textRotation(v: string): number | string | undefined {
  const i = parseInt(v, 10);
  const tr = Number.isNaN(i) ? 0 : i;
  if (tr === 255) return "vertical";
  if (tr >= 0 && tr <= 90) return tr;
  if (tr > 90 && tr <= 180) return 90 - tr;
  return undefined;
}

function readAlignment(r: XmlReader): Json | null {
  const a: Json = {};
  let valid = false;
  const add = (attr: string, name: string, value: (v: string) => unknown) => {
    const v = r.attr(attr);
    if (v) {
      a[name] = value(v);
      valid = true;
    }
  };
  add("horizontal", "horizontal", (v) => v);
  add("vertical", "vertical", (v) => (v === "center" ? "middle" : v));
  add("wrapText", "wrapText", parseBoolean);
  add("shrinkToFit", "shrinkToFit", parseBoolean);
  add("indent", "indent", (v) => parseInt(v, 10));
  add("textRotation", "textRotation", textRotation);
  add("readingOrder", "readingOrder", (v) => (v === "2" ? "rtl" : "ltr"));
  return valid ? a : null;
}

/** Plain JSON, as read.ts's JSON round trip gives it (undefined dropped, NaN as null). */
const asJson = (x: Json): Json => JSON.parse(JSON.stringify(x)) as Json;

export class Styles {
  private numFmts = new Map<number, string>();
  private fonts: Json[] = [];
  private fills: Json[] = [];
  private borders: Json[] = [];
  private xfs: Xf[] = [];
  private cache = new Map<number, CellStyle | null>();

  constructor(xml: string | undefined) {
    if (xml) this.parse(xml);
  }

  /** Name of the workbook's first font (the Normal style's), or null. */
  get baseFont(): string | null {
    const name = this.fonts[0]?.name;
    return typeof name === "string" ? name : null;
  }

  private parse(xml: string): void {
    const r = new XmlReader(xml);
    while (r.next() !== END) {
      if (r.kind !== OPEN || r.depth !== 2) continue;
      switch (r.name) {
        case "numFmts":
          this.list(r, "numFmt", () => {
            const code = r.attr("formatCode") ?? "";
            this.numFmts.set(
              parseInt(r.rawAttr("numFmtId") ?? "", 10),
              code.replace(/\\(.)/g, "$1")
            );
          });
          break;
        case "fonts":
          this.list(r, "font", () => this.fonts.push(asJson(readFont(r))));
          break;
        case "fills":
          this.list(r, "fill", () => this.fills.push(asJson(readFill(r))));
          break;
        case "borders":
          this.list(r, "border", () => this.borders.push(asJson(readBorder(r))));
          break;
        case "cellXfs":
          this.list(r, "xf", () => this.xfs.push(this.readXf(r)));
          break;
        default:
          r.skip();
      }
    }
  }

  /** Calls `item` on each child element named `child` of the current list element. */
  private list(r: XmlReader, child: string, item: () => void): void {
    if (r.selfClosing) return;
    const depth = r.depth;
    while (r.next() !== END) {
      if (r.kind === CLOSE && r.depth === depth - 1) return;
      if (r.kind === OPEN && r.name === child && r.depth === depth + 1) item();
      else if (r.kind === OPEN) r.skip();
    }
  }

  private readXf(r: XmlReader): Xf {
    const int = (k: string) => parseInt(r.rawAttr(k) ?? "", 10);
    const xf: Xf = {
      numFmtId: int("numFmtId"),
      fontId: int("fontId"),
      fillId: int("fillId"),
      borderId: int("borderId"),
    };
    if (r.selfClosing) {
      r.next();
      return xf;
    }
    const depth = r.depth;
    while (r.next() !== END) {
      if (r.kind === CLOSE && r.depth === depth - 1) break;
      if (r.kind === OPEN && r.name === "alignment") {
        const a = readAlignment(r);
        xf.alignment = a && asJson(a);
      }
    }
    return xf;
  }

  /** A cell's style by its `s` index, as ExcelJS builds it; null for an index with no style. */
  style(id: number): CellStyle | null {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const xf = this.xfs[id];
    let style: CellStyle | null = null;
    if (xf) {
      style = {};
      if (xf.numFmtId) {
        const code = this.numFmts.get(xf.numFmtId) || BUILTIN_FORMATS[xf.numFmtId];
        if (code) style.numFmt = code;
      }
      const font = this.fonts[xf.fontId];
      if (font) style.font = font;
      const border = this.borders[xf.borderId];
      if (border) style.border = border;
      const fill = this.fills[xf.fillId];
      if (fill) style.fill = fill;
      if (xf.alignment) style.alignment = xf.alignment;
    }
    this.cache.set(id, style);
    return style;
  }
}

/** ExcelJS's test for a date format: date letters outside quotes and brackets. */
export function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(f);
}

// ---------------------------------------------------------------------------------------------------------
// Comments (notes): the text of their runs by cell reference, as ExcelJS reads them.

export function parseComments(xml: string): Map<string, string> {
  const r = new XmlReader(xml);
  const out = new Map<string, string>();
  while (r.next() !== END) {
    if (r.kind !== OPEN || r.name !== "comment") continue;
    const ref = r.attr("ref");
    const texts: string[] = [];
    const depth = r.depth;
    if (!r.selfClosing) {
      while (r.next() !== END) {
        if (r.kind === CLOSE && r.depth === depth - 1) break;
        const name: string = r.name;
        if (r.kind === OPEN && name === "r") texts.push(readRun(r).text ?? "");
      }
    } else r.next();
    if (ref) out.set(ref, texts.join(""));
  }
  return out;
}

export { CLOSE, END, OPEN, TEXT };
