/**
 * A small .xlsx writer for generated benchmark inputs, shaped like the files Excel saves: every string in the
 * shared strings table, a style index on every cell, numFmts/fonts/fills/borders/cellXfs in styles.xml,
 * shared formulas with cached results, merged areas, column widths and row heights. Deterministic: the same
 * sheets give the same bytes (fixed document dates and zip entry times). Fast enough for thousands of files,
 * which ExcelJS's writer is not.
 */
import { zipSync } from "fflate";
import { cellAddress } from "../src/core/model";

export interface BuildCell {
  /** Cached value (or the constant). Strings go to the shared strings table. */
  v?: string | number | boolean;
  /** Formula without "=". For a shared formula: on the master cell only. */
  f?: string;
  /** Shared formula group: the master carries `f` and `ref`, the others only `si`. */
  si?: number;
  ref?: string;
  /** Style index into the book's cellXfs. */
  s?: number;
}

export interface BuildSheet {
  name: string;
  /** Rows from row 1, cells from column A; null leaves the cell out. */
  rows: (BuildCell | null)[][];
  merges?: string[];
  /** Width in characters by 0-based column. */
  widths?: number[];
  /** Height in points by 0-based row. */
  heights?: Record<number, number>;
  hiddenRows?: number[];
  hiddenColumns?: number[];
  state?: "hidden" | "veryHidden";
}

export interface BuildStyle {
  font?: { name?: string; size?: number; bold?: boolean; italic?: boolean; underline?: boolean };
  numFmt?: string;
  border?: boolean;
  align?: { horizontal?: string; vertical?: string; wrap?: boolean };
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

/** The style table of a book: register styles, get cellXfs indexes. Index 0 is the default style. */
export class Styles {
  private fonts: string[] = [];
  private numFmts: { id: number; code: string }[] = [];
  private xfs: string[] = [];
  private byKey = new Map<string, number>();

  constructor(private baseFont = { name: "Times New Roman", size: 13 }) {
    this.fontId({});
    this.add({});
  }

  private fontId(f: NonNullable<BuildStyle["font"]>): number {
    const xml =
      `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}${f.underline ? "<u/>" : ""}` +
      `<sz val="${f.size ?? this.baseFont.size}"/><color theme="1"/>` +
      `<name val="${esc(f.name ?? this.baseFont.name)}"/><family val="1"/></font>`;
    let i = this.fonts.indexOf(xml);
    if (i < 0) i = this.fonts.push(xml) - 1;
    return i;
  }

  private numFmtId(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let f = this.numFmts.find((x) => x.code === code);
    if (!f) {
      f = { id: 164 + this.numFmts.length, code };
      this.numFmts.push(f);
    }
    return f.id;
  }

  /** The cellXfs index of a style, registered on first use. */
  add(style: BuildStyle): number {
    const key = JSON.stringify(style);
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const fontId = this.fontId(style.font ?? {});
    const numFmtId = this.numFmtId(style.numFmt ?? "General");
    const borderId = style.border ? 1 : 0;
    const a = style.align;
    const align = a
      ? `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ""}${a.vertical ? ` vertical="${a.vertical === "middle" ? "center" : a.vertical}"` : ""}${a.wrap ? ' wrapText="1"' : ""}/>`
      : "";
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}` +
      `${borderId ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1">' + align + "</xf>" : "/>"}`;
    const i = this.xfs.push(xml) - 1;
    this.byKey.set(key, i);
    return i;
  }

  xml(): string {
    const side = (n: string) => `<${n} style="thin"><color indexed="64"/></${n}>`;
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (this.numFmts.length
        ? `<numFmts count="${this.numFmts.length}">${this.numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join("")}</numFmts>`
        : "") +
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
      `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
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
    const items = this.list.map((s) => {
      const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "";
      return `<si><t${space}>${esc(s)}</t></si>`;
    });
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">` +
      items.join("") +
      `</sst>`
    );
  }
}

const enc = new TextEncoder();

function sheetXml(sheet: BuildSheet, sst: SharedStrings): string {
  const parts: string[] = [];
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const height = Math.max(1, sheet.rows.length);
  parts.push(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
      `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<dimension ref="A1:${cellAddress(height - 1, width - 1)}"/>` +
      `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="16.5"/>`
  );
  const hiddenCols = new Set(sheet.hiddenColumns ?? []);
  const widths = sheet.widths ?? [];
  const colCount = Math.max(widths.length, ...[...hiddenCols].map((c) => c + 1));
  if (colCount > 0) {
    parts.push("<cols>");
    for (let c = 0; c < colCount; c++) {
      const w = widths[c];
      const hidden = hiddenCols.has(c);
      if (w === undefined && !hidden) continue;
      parts.push(
        `<col min="${c + 1}" max="${c + 1}" width="${w ?? 9}"${w !== undefined ? ' customWidth="1"' : ""}${hidden ? ' hidden="1"' : ""}/>`
      );
    }
    parts.push("</cols>");
  }
  parts.push("<sheetData>");
  const hiddenRows = new Set(sheet.hiddenRows ?? []);
  sheet.rows.forEach((row, r) => {
    const ht = sheet.heights?.[r];
    const attrs =
      (ht !== undefined ? ` ht="${ht}" customHeight="1"` : "") +
      (hiddenRows.has(r) ? ' hidden="1"' : "");
    if (row.every((c) => !c) && !attrs) return;
    parts.push(`<row r="${r + 1}"${attrs}>`);
    row.forEach((cell, c) => {
      if (!cell) return;
      const ref = cellAddress(r, c);
      const s = cell.s ? ` s="${cell.s}"` : "";
      const v = cell.v;
      let t = "";
      let value = "";
      if (typeof v === "string") {
        if (cell.f !== undefined || cell.si !== undefined) {
          t = ' t="str"';
          value = `<v>${esc(v)}</v>`;
        } else {
          t = ' t="s"';
          value = `<v>${sst.id(v)}</v>`;
        }
      } else if (typeof v === "boolean") {
        t = ' t="b"';
        value = `<v>${v ? 1 : 0}</v>`;
      } else if (typeof v === "number") {
        value = `<v>${v}</v>`;
      }
      let f = "";
      if (cell.si !== undefined) {
        f = cell.f
          ? `<f t="shared" ref="${cell.ref}" si="${cell.si}">${esc(cell.f)}</f>`
          : `<f t="shared" si="${cell.si}"/>`;
      } else if (cell.f !== undefined) f = `<f>${esc(cell.f)}</f>`;
      parts.push(`<c r="${ref}"${s}${t}>${f}${value}</c>`);
    });
    parts.push("</row>");
  });
  parts.push("</sheetData>");
  const merges = sheet.merges ?? [];
  if (merges.length) {
    parts.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
    );
  }
  parts.push(
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<pageSetup paperSize="9" orientation="portrait"/></worksheet>`
  );
  return parts.join("");
}

/** The package's bytes. `date` is written in docProps and as every zip entry's time. */
export function buildXlsx(sheets: BuildSheet[], styles: Styles, date: Date): Uint8Array {
  const sst = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = enc.encode(sheetXml(s, sst));
  });
  const iso = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const ct = "application/vnd.openxmlformats-officedocument";
  files["[Content_Types].xml"] = enc.encode(
    head +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`
        )
        .join("") +
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
      `</Types>`
  );
  files["_rels/.rels"] = enc.encode(
    head +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${rel}/extended-properties" Target="docProps/app.xml"/>` +
      `</Relationships>`
  );
  files["docProps/core.xml"] = enc.encode(
    head +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
      `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Ban Tổ chức</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`
  );
  files["docProps/app.xml"] = enc.encode(
    head +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
      `<Application>Microsoft Excel</Application></Properties>`
  );
  files["xl/workbook.xml"] = enc.encode(
    head +
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}">` +
      `<workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>` +
      sheets
        .map(
          (s, i) =>
            `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`
        )
        .join("") +
      `</sheets><calcPr calcId="191029"/></workbook>`
  );
  const n = sheets.length;
  files["xl/_rels/workbook.xml.rels"] = enc.encode(
    head +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
        )
        .join("") +
      `<Relationship Id="rId${n + 1}" Type="${rel}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` +
      `</Relationships>`
  );
  files["xl/styles.xml"] = enc.encode(styles.xml());
  files["xl/sharedStrings.xml"] = enc.encode(sst.xml());
  // DOS times are local: a local date with the same fields gives the same bytes in any time zone.
  const mtime = new Date(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds()
  );
  const zipped: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of Object.keys(files).sort()) zipped[name] = [files[name], { mtime }];
  return zipSync(zipped, { level: 6 });
}
