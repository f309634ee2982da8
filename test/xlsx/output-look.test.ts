/**
 * The output workbook as a user sees it, read in the file itself: wrapped headers that Excel and LibreOffice
 * both wrap, a readable "Kiểm tra" tab, unit copies that print one page wide. Both writers, the same file.
 * What to look at, not only to assert: docs/screenshots/output-*.png (LibreOffice's rendering of the demo).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { consolidate } from "../../src/core/engine";
import { WorkbookModel } from "../../src/core/model";
import { RunResult } from "../../src/core/output";
import { readXlsxFast } from "../../src/xlsx/fast-read";
import { writeXlsxFast } from "../../src/xlsx/fast-write";
import { writeXlsx } from "../../src/xlsx/write";
import { sofficeConvert } from "./libreoffice";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const FILES = ["dam-ha.xlsx", "cac-don-vi-mien-dong.xlsx", "binh-lieu.xlsx", "tien-yen.xlsx"];

async function demo(): Promise<{ result: RunResult; inputs: WorkbookModel[] }> {
  const inputs: WorkbookModel[] = [];
  for (const f of FILES) {
    const bytes = new Uint8Array(readFileSync(join(EXAMPLES, f)));
    inputs.push((await readXlsxFast(bytes, `examples/${f}`)).workbook!);
  }
  return { result: consolidate(inputs, { lang: "vi", linkToSources: true }), inputs };
}

/** One written .xlsx, unzipped: a sheet's XML by its name, the cellXfs as written. */
class Written {
  readonly files: Record<string, Uint8Array>;
  readonly xfs: string[];
  private sheetPaths = new Map<string, string>();
  constructor(readonly bytes: Uint8Array) {
    this.files = unzipSync(bytes);
    const styles = strFromU8(this.files["xl/styles.xml"]);
    const cellXfs = /<cellXfs count="(\d+)">(.*?)<\/cellXfs>/.exec(styles)!;
    this.xfs = cellXfs[2].match(/<xf [^>]*?(\/>|>.*?<\/xf>)/g) ?? [];
    assert.equal(this.xfs.length, Number(cellXfs[1]), "cellXfs count");
    const workbook = strFromU8(this.files["xl/workbook.xml"]);
    const rels = strFromU8(this.files["xl/_rels/workbook.xml.rels"]);
    for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
      const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)![1];
      this.sheetPaths.set(m[1], `xl/${target}`);
    }
  }
  sheet(name: string): string {
    return strFromU8(this.files[this.sheetPaths.get(name)!]);
  }
  /** The <c> element of a cell, and its xf. */
  cell(sheet: string, ref: string): { xml: string; xf: string } {
    const xml = new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(this.sheet(sheet))?.[0] ?? "";
    const s = Number(/ s="(\d+)"/.exec(xml)?.[1] ?? 0);
    return { xml, xf: this.xfs[s] };
  }
}

/** The two writers' files for the same result. */
async function bothWriters(): Promise<[string, Written][]> {
  const { result, inputs } = await demo();
  const date = new Date(Date.UTC(2025, 0, 20));
  return [
    ["fast-write", new Written(writeXlsxFast(result, inputs, { date }))],
    ["write (ExcelJS)", new Written(await writeXlsx(result, inputs, { date }))],
  ];
}

/** Wrapping as Excel and LibreOffice read it: the xf applies its alignment, and the alignment wraps. */
function wraps(xf: string): boolean {
  return /applyAlignment="1"/.test(xf) && /<alignment [^>]*wrapText="1"/.test(xf);
}

describe("the output workbook's look (both writers)", () => {
  let written: [string, Written][];
  before(async function () {
    this.timeout(60000);
    written = await bothWriters();
  });

  it("Tổng hợp: unit headers wrap, as HYPERLINK formulas (a hyperlink element is drawn on one line by LibreOffice)", () => {
    for (const [name, w] of written) {
      const xml = w.sheet("Tổng hợp");
      const heads = [...xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*><f>HYPERLINK\(/g)];
      assert.equal(heads.length, 6, `${name}: a linked header per unit`);
      for (const [, col, row] of heads) {
        const { xml: c, xf } = w.cell("Tổng hợp", col + row);
        assert.ok(wraps(xf), `${name} ${col}${row}: ${xf}`);
        assert.match(c, /t="str"><f>HYPERLINK\(&quot;#&apos;[^<]+&apos;!D\d+&quot;,&quot;Đảng bộ/);
      }
      assert.ok(!/<hyperlink /.test(xml), `${name}: no hyperlink element on the summary`);
      // The header row is as high as three lines of the longest name.
      const row = heads[0][2];
      assert.match(xml, new RegExp(`<row r="${row}" ht="45" customHeight="1"[ >]`), name);
      // Long indicator labels wrap too.
      const label = /<c r="(B\d+)"[^>]*t="s"/.exec(xml.slice(xml.indexOf(`<row r="${+row + 1}"`)));
      assert.ok(label && wraps(w.cell("Tổng hợp", label[1]).xf), `${name}: labels wrap`);
    }
  });

  it("Kiểm tra: the counts stand in columns D–H, rule ids whole and descriptions wrapped", () => {
    for (const [name, w] of written) {
      const xml = w.sheet("Kiểm tra");
      const widths = new Map(
        [...xml.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) => [
          Number(m[1]),
          Number(m[2]),
        ])
      );
      const sst = [
        ...strFromU8(w.files["xl/sharedStrings.xml"]).matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g),
      ].map((m) => m[1]);
      const strings = (col: string) =>
        [...xml.matchAll(new RegExp(`<c r="${col}(\\d+)"[^>]*t="s"><v>(\\d+)</v>`, "g"))].map(
          (m) => ({ row: Number(m[1]), text: sst[Number(m[2])] })
        );
      const ids = strings("D").filter((s) => /^[a-z]+(-[a-z0-9]+)+$/.test(s.text));
      assert.ok(ids.length >= 4, name);
      for (const id of ids) assert.ok(id.text.length < widths.get(4)!, `${name}: ${id.text}`);
      // The block's first rows hold nothing in A–C, and its descriptions in E wrap.
      const first = ids[0].row;
      for (const col of ["A", "B", "C"]) assert.equal(w.cell("Kiểm tra", `${col}${first}`).xml, "");
      assert.ok(wraps(w.cell("Kiểm tra", `E${first}`).xf), name);
      assert.ok(widths.get(5)! >= 60, `${name}: the description column is wide`);
    }
  });

  it("unit copies print one page wide", () => {
    for (const [name, w] of written) {
      const xml = w.sheet("Đảng bộ huyện Đầm Hà");
      assert.match(xml, /<pageSetUpPr fitToPage="1"\/>/, name);
      assert.match(xml, /<pageSetup [^>]*fitToWidth="1" fitToHeight="0"/, name);
    }
  });

  it("LibreOffice reads the unit headers as wrapped formula cells, with no link field in them", function () {
    this.timeout(180000);
    const work = mkdtempSync(join(tmpdir(), "tonghop-look-"));
    const path = join(work, "out.xlsx");
    writeFileSync(path, written[0][1].bytes);
    sofficeConvert(path, "fods", work);
    const all = readFileSync(join(work, "out.fods"), "utf8");
    const start = all.indexOf('<table:table table:name="Tổng hợp"');
    const fods =
      all.slice(0, all.indexOf("<office:body>")) +
      all.slice(start, all.indexOf("</table:table>", start));
    const wrapping = new Set(
      [...fods.matchAll(/<style:style style:name="([^"]+)"[^>]*>(.*?)<\/style:style>/gs)]
        .filter((m) => /fo:wrap-option="wrap"/.test(m[2]))
        .map((m) => m[1])
    );
    const heads = [
      ...fods.matchAll(
        /<table:table-cell table:style-name="([^"]+)" table:formula="of:=HYPERLINK[^>]*>(.*?)<\/table:table-cell>/gs
      ),
    ];
    assert.equal(heads.length, 6);
    for (const [, style, body] of heads) {
      assert.ok(wrapping.has(style), `${style} wraps`);
      assert.ok(!/<text:a /.test(body), body);
    }
  });
});
