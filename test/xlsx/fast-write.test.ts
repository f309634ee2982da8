import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unitWorkbook, unitsBook } from "../../bench/generate";
import { consolidate } from "../../src/core/engine";
import { WorkbookModel, cellAddress, parseAddress, sheetOrigin } from "../../src/core/model";
import { OutCell, OutputSheet, RunResult } from "../../src/core/output";
import { readXlsxFast } from "../../src/xlsx/fast-read";
import { writeXlsxFast } from "../../src/xlsx/fast-write";
import { zlibDeflate } from "../../src/xlsx/node-deflate";
import { listZip } from "../../src/xlsx/zip";
import { unzipSync } from "fflate";
import { ReadResult, sheetLooks } from "../../src/xlsx/look";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { libreOfficeSheets } from "./libreoffice";
import { STYLES, book } from "./raw-fixtures";
import { dumpWorkbook } from "./workbook-dump";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const DATE = new Date(Date.UTC(2025, 0, 20, 2, 30));

async function readAll(files: [string, Uint8Array][]): Promise<WorkbookModel[]> {
  const out: WorkbookModel[] = [];
  for (const [name, bytes] of files) out.push((await readXlsxFast(bytes, name)).workbook!);
  return out;
}

const example = (f: string): [string, Uint8Array] => [
  `examples/${f}`,
  new Uint8Array(readFileSync(join(EXAMPLES, f))),
];

/** Both writers on the same result: ExcelJS reads the same workbook back, and so does our reader. */
async function sameOutput(result: RunResult, inputs: WorkbookModel[]): Promise<Uint8Array> {
  const slow = await writeXlsx(result, inputs, { lang: "vi", date: DATE });
  const fast = writeXlsxFast(result, inputs, { lang: "vi", date: DATE });
  assert.deepStrictEqual(await dumpWorkbook(fast), await dumpWorkbook(slow));
  const a = await readXlsx(slow, "out.xlsx");
  const b = await readXlsx(fast, "out.xlsx");
  const looks = (r: ReadResult) => (r.workbook?.sheets ?? []).map((s) => sheetLooks.get(s));
  assert.deepStrictEqual(b.workbook, a.workbook);
  assert.deepStrictEqual(b.ours, a.ours);
  assert.deepStrictEqual(b.issues, a.issues);
  assert.deepStrictEqual(looks(b), looks(a));
  return fast;
}

const tab = (role: OutputSheet["role"], name: string, cells: OutCell[][]): OutputSheet => ({
  role,
  name,
  cells,
  merges: ["A1:B1"],
  columnWidths: [8, 40, 9, 14, 0, 14],
  freeze: { rows: 1, cols: 2 },
  autoFilter: "A1:F1",
  landscape: true,
  fitToWidth: true,
});

describe("xlsx/fast-write: the same workbook as the ExcelJS writer", () => {
  it("for the examples as the engine consolidates them (our tabs, links, flags, notes, unit copies)", async function () {
    this.timeout(60000);
    const inputs = await readAll(
      [
        "dam-ha.xlsx",
        "cam-pha.xlsx",
        "cac-don-vi-mien-dong.xlsx",
        "binh-lieu.xlsx",
        "tien-yen.xlsx",
      ].map(example)
    );
    const result = consolidate(inputs, { lang: "vi", linkToSources: true });
    assert.ok(result.flags.length > 0);
    await sameOutput(result, inputs);
  });

  it("for generated units (shared formulas, every percentage style) and a book of units", async function () {
    this.timeout(60000);
    const files: [string, Uint8Array][] = [];
    for (let i = 0; i < 8; i++) files.push([`u${i}.xlsx`, unitWorkbook("small", i)]);
    files.push(["l.xlsx", unitWorkbook("large", 1)], ["b.xlsx", unitsBook("small", 3, 7)]);
    const inputs = await readAll(files);
    await sameOutput(consolidate(inputs, { lang: "en", linkToSources: true }), inputs);
  });

  it("for copies of sheets with every kind of style, notes, merges over notes, hidden rows and flags", async () => {
    const sheet =
      `<cols><col min="2" max="3" width="20.5" customWidth="1"/><col min="5" max="5" hidden="1" width="9"/></cols><sheetData>` +
      `<row r="1" ht="30" customHeight="1"><c r="A1" s="3"><v>1</v></c><c r="B1" s="2"><v>45545</v></c><c r="C1" s="4"><v>0.467</v></c><c r="D1" s="8"><v>2</v></c></row>` +
      `<row r="2" hidden="1"><c r="A2" s="1"><v>3</v></c><c r="B2" s="5" t="e"><v>#N/A</v></c><c r="C2" s="6"><f>A1+A2</f><v>4</v></c><c r="D2" s="7" t="b"><v>1</v></c></row>` +
      `<row r="3"><c r="A3" s="3"><v>5</v></c><c r="B3" s="3"/><c r="C3" s="5"><f>B9</f></c><c r="E3" s="3"><v>6</v></c></row>` +
      `</sheetData><mergeCells count="2"><mergeCell ref="A3:B4"/><mergeCell ref="D1:D2"/></mergeCells>`;
    const bytes = book({
      sheets: [
        { name: "Biểu 02", xml: sheet },
        {
          name: "Ẩn",
          xml: `<sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData>`,
          state: "hidden",
        },
      ],
      styles: STYLES,
    });
    const inputs = await readAll([["a.xlsx", bytes]]);
    inputs[0].sheets[0].comments = { A1: "ghi chú", B3: "trong ô gộp", F6: "ô trống" };
    inputs[0].sheets[0].fonts = { A1: "VNI-Times" };
    const result: RunResult = {
      units: [{ name: "Đơn vị A", file: "a.xlsx", sheet: "Biểu 02" }],
      totals: [],
      issues: [],
      sheets: [
        tab("summary", "Tổng hợp", [
          [
            { v: "STT", bold: true, border: true },
            { v: "Chỉ tiêu", italic: true, color: "#C00000" },
          ],
          [
            { v: 1, fmt: "0", align: "center" },
            { v: "Đơn vị A", link: { sheet: "Đơn vị A", cell: "$A$1" } },
            { f: "=SUM(D2:F2)", v: 0, fmt: "#,##0" },
            { v: "=1+1", wrap: true, fill: "#FFE699" },
            { v: true },
            { v: "" },
          ],
        ]),
      ],
      flags: [
        { file: "a.xlsx", sheet: "Biểu 02", cell: "A3", severity: "error", message: "sai" },
        { file: "a.xlsx", sheet: "Biểu 02", cell: "C1", severity: "warning", message: "xem lại" },
        { file: "a.xlsx", sheet: "Biểu 02", cell: "A1", severity: "info", message: "ghi nhận" },
        { file: "a.xlsx", sheet: "Ẩn", cell: "A1", severity: "warning", message: "trang ẩn" },
      ],
    };
    await sameOutput(result, inputs);
  });

  it("for an empty run: one empty sheet", async () => {
    const result: RunResult = { units: [], totals: [], issues: [], sheets: [], flags: [] };
    await sameOutput(result, []);
  });

  it("gives the same bytes for the same input and date", async () => {
    const inputs = await readAll([example("dam-ha.xlsx")]);
    const result = consolidate(inputs, { lang: "vi" });
    const x = writeXlsxFast(result, inputs, { date: DATE });
    const y = writeXlsxFast(result, inputs, { date: DATE });
    assert.ok(Buffer.from(x).equals(Buffer.from(y)));
  });

  it("is opened by LibreOffice, whose recalculated totals are the units' sums", async function () {
    this.timeout(180000);
    const inputs = await readAll(["dam-ha.xlsx", "cam-pha.xlsx"].map(example));
    const result = consolidate(inputs, { lang: "vi", linkToSources: true });
    const dir = mkdtempSync(join(tmpdir(), "tonghop-fast-write-"));
    const path = join(dir, "tong-hop.xlsx");
    writeFileSync(path, writeXlsxFast(result, inputs, { date: DATE }));
    const sheets = libreOfficeSheets(path);
    const summary = sheets["Tổng hợp"];
    const row = summary.find((r) => r.includes("Tổng số đảng viên"))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
    assert.ok(row.includes(String(2068 + 6991)), row.join(" | "));
    assert.ok(Object.keys(sheets).includes("Đảng bộ huyện Đầm Hà"));
  });

  it("deflated by Node's zlib: the same parts in the same order, CRCs right, read back the same", async function () {
    this.timeout(60000);
    const inputs = await readAll(["dam-ha.xlsx", "tien-yen.xlsx"].map(example));
    const result = consolidate(inputs, { lang: "vi", linkToSources: true });
    const js = writeXlsxFast(result, inputs, { date: DATE });
    for (const level of [1, 6] as const) {
      const z = writeXlsxFast(result, inputs, { date: DATE, deflate: zlibDeflate, level });
      const a = unzipSync(js);
      const b = unzipSync(z);
      assert.deepStrictEqual(Object.keys(b), Object.keys(a));
      for (const name of Object.keys(a))
        assert.ok(Buffer.from(a[name]).equals(Buffer.from(b[name])), name);
      const crcs = (bytes: Uint8Array) => listZip(bytes).map((e) => [e.name, e.size, e.method]);
      assert.deepStrictEqual(crcs(z), crcs(js));
      // The CRC in each central directory entry is the part's CRC-32 (what Excel checks on opening).
      const entries = listZip(z);
      const view = new DataView(z.buffer, z.byteOffset);
      let p = view.getUint32(z.length - 6, true);
      for (const e of entries) {
        assert.equal(view.getUint32(p + 16, true), crc32(b[e.name]), e.name);
        p += 46 + view.getUint16(p + 28, true);
      }
      assert.deepStrictEqual(await dumpWorkbook(z), await dumpWorkbook(js));
      assert.deepStrictEqual(
        (await readXlsxFast(z, "out.xlsx")).workbook,
        (await readXlsxFast(js, "out.xlsx")).workbook
      );
    }
  });
});

describe("xlsx/fast-write: many distinct styles", () => {
  it("keeps every cell's own look when the style parts outnumber 2^13 (the style table's wide keys)", async function () {
    this.timeout(60000);
    // 9 units, every cell with its own font, border and fill objects: over 9 000 part ids.
    const inputs = await readAll(
      Array.from({ length: 9 }, (_, i): [string, Uint8Array] => [
        `u${i}.xlsx`,
        unitWorkbook("small", i),
      ])
    );
    const want = new Map<string, { size: number; border: string; argb: string }>();
    let k = 0;
    for (const wb of inputs) {
      for (const sheet of wb.sheets) {
        const look = sheetLooks.get(sheet)!;
        const o = sheetOrigin(sheet);
        look.styles = {};
        // A merged area shows its first cell's look: the others are not expected to keep theirs.
        const covered = new Set<string>();
        for (const m of sheet.merges) {
          const [from, to] = m.split(":").map(parseAddress);
          for (let r = from.row; r <= to.row; r++)
            for (let c = from.col; c <= to.col; c++)
              if (r !== from.row || c !== from.col) covered.add(cellAddress(r, c));
        }
        sheet.values.forEach((row, i) =>
          row.forEach((value, j) => {
            const size = 8 + (k % 9);
            const border = k % 2 ? "thin" : "thick";
            const argb = `FF${(k % 4096).toString(16).padStart(6, "0").toUpperCase()}`;
            k++;
            const at = cellAddress(o.row + i, o.col + j);
            look.styles[at] = {
              font: { size },
              border: { top: { style: border } },
              fill: { type: "pattern", pattern: "solid", fgColor: { argb } },
            } as never;
            // Read back are the looks of cells that hold something (as ExcelJS keeps them).
            if (!covered.has(at) && value !== "")
              want.set(`${wb.file}|${sheet.name}|${at}`, { size, border, argb });
          })
        );
      }
    }
    assert.ok(k * 3 > 8192, `${k * 3} style parts`);
    const result = consolidate(inputs, { lang: "vi" });
    const bytes = writeXlsxFast(result, inputs, { date: DATE, deflate: zlibDeflate, level: 1 });
    const back = (await readXlsxFast(bytes, "out.xlsx")).workbook!;
    let checked = 0;
    for (const wb of inputs) {
      const unit = result.units.find((u) => u.file === wb.file)!;
      const copy = back.sheets.find(
        (s) => s.name === unit.name || s.name.startsWith(unit.name.slice(0, 20))
      );
      assert.ok(copy, `copy of ${unit.name}`);
      const look = sheetLooks.get(copy)!;
      for (const [key, w] of want) {
        const [file, , at] = key.split("|");
        if (file !== wb.file || checked % 7 !== 0) {
          if (file === wb.file) checked++;
          continue;
        }
        checked++;
        const got = look.styles[at] as {
          font?: { size?: number };
          border?: { top?: { style?: string } };
          fill?: { fgColor?: { argb?: string } };
        };
        assert.equal(got?.font?.size, w.size, `${copy.name}!${at} size`);
        assert.equal(got?.border?.top?.style, w.border, `${copy.name}!${at} border`);
        assert.equal(got?.fill?.fgColor?.argb, w.argb, `${copy.name}!${at} fill`);
      }
    }
    assert.ok(checked > 1000, `${checked} cells`);
  });
});

/** CRC-32 (IEEE), bit by bit: slow and obviously right, for checking zlib's. */
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe("xlsx/fast-write: cells written from the grid and cells written as objects", () => {
  // Style 2 has a fill (yellow): its cells share one look object as read.
  const sheetXml =
    `<cols><col min="4" max="4" hidden="1" width="12" customWidth="1"/></cols><sheetData>` +
    `<row r="1"><c r="A1" s="2"><v>1</v></c><c r="B1" s="2"/><c r="C1" s="2"/><c r="D1" s="2"><v>7</v></c></row>` +
    `<row r="2" hidden="1"><c r="A2" s="2"><v>2</v></c><c r="B2" s="1"/><c r="C2" s="5" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
    `<row r="3"><c r="A3" s="3"><f>'Biểu 02'!A1+Phụ!A1</f><v>10</v></c><c r="B3" s="2"><v>4</v></c><c r="C3"><f>SUM(A1:A2)</f><v>3</v></c></row>` +
    `</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>`;
  const unit = (label: string) =>
    book({
      sheets: [
        { name: "Biểu 02", xml: sheetXml },
        { name: "Phụ", xml: `<sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData>` },
      ],
      styles: STYLES,
      sst: `<si><t>${label}</t></si>`,
    });
  const run = (files: string[]): RunResult => ({
    units: files.map((file, i) => ({ name: `Đơn vị ${i}`, file, sheet: "Biểu 02" })),
    totals: [],
    issues: [],
    sheets: [
      {
        ...tab("summary", "Tổng hợp", [
          [
            { v: "Chỉ tiêu", bold: true },
            { v: "A" },
            { v: "B", link: { sheet: "Đơn vị 1", cell: "$B$3" } },
          ],
          [
            { v: 1 },
            { f: "=B3", v: 4 },
            { v: "x".repeat(300), link: { sheet: "Đơn vị 0", cell: "A1" } },
          ],
        ]),
        merges: ["B1:C2"],
      },
    ],
    flags: files.flatMap((file) => [
      // B1 lies inside the merged A1:C1: its fill goes to the whole area, as ExcelJS does it.
      { file, sheet: "Biểu 02", cell: "B1", severity: "error" as const, message: "ô gộp" },
      { file, sheet: "Biểu 02", cell: "B3", severity: "warning" as const, message: "xem lại" },
      // Outside the used range (A1:D3).
      { file, sheet: "Biểu 02", cell: "F9", severity: "info" as const, message: "ngoài vùng" },
      { file, sheet: "Phụ", cell: "A1", severity: "info" as const, message: "trang phụ" },
    ]),
  });

  it("merged areas, flags inside and outside the used range, notes, hidden rows and columns, renamed references", async () => {
    const inputs = await readAll([
      ["a.xlsx", unit("a")],
      ["b.xlsx", unit("b")],
    ]);
    inputs[0].sheets[0].comments = { B1: "trong ô gộp", E5: "ô trống ngoài vùng" };
    inputs[1].sheets[0].fonts = { A2: "VNI-Times", B3: "VNI-Times" };
    // A look outside the used range, in a record the reader did not make (the writer looks for such cells).
    const look = sheetLooks.get(inputs[1].sheets[0])!;
    look.styles = { ...look.styles, G7: { fill: look.styles.A1.fill } };
    const result = run(["a.xlsx", "b.xlsx"]);
    const bytes = await sameOutput(result, inputs);
    const parts = unzipSync(bytes);
    const copy = new TextDecoder().decode(parts["xl/worksheets/sheet2.xml"]);
    // The unit's own sheet names in formulas point at the copies.
    assert.match(copy, /<f>&apos;Đơn vị 0&apos;!A1\+&apos;Phụ&apos;!A1<\/f>/);
    assert.match(copy, /<row r="2" hidden="1">/);
    assert.match(copy, /<col min="4" max="4" width="12" hidden="1" customWidth="1"\/>/);
    const other = new TextDecoder().decode(parts["xl/worksheets/sheet3.xml"]);
    assert.match(other, /<c r="G7" s="\d+"\/>/);
  });

  it("flags taken off again give each cell its own fill back, where the flagged cells share one look", async () => {
    // A1 yellow, A2 plain (the same font): flagged alike, they share one style in the output.
    const styles =
      `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      `<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>` +
      `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>` +
      `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>` +
      `<xf numFmtId="0" fontId="0" fillId="2" borderId="0" applyFill="1"/>` +
      `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyFont="1"/></cellXfs>`;
    const bytes = book({
      sheets: [
        {
          name: "Biểu",
          xml: `<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>2</v></c></row><row r="2"><c r="A2" s="2"><v>3</v></c></row></sheetData>`,
        },
      ],
      styles,
    });
    const inputs = await readAll([["a.xlsx", bytes]]);
    const result: RunResult = {
      units: [{ name: "A", file: "a.xlsx", sheet: "Biểu" }],
      totals: [],
      issues: [],
      sheets: [],
      flags: ["A1", "A2"].map((cell) => ({
        file: "a.xlsx",
        sheet: "Biểu",
        cell,
        severity: "warning" as const,
        message: "xem lại",
      })),
    };
    const out = writeXlsxFast(result, inputs, { date: DATE });
    const back = (await readXlsxFast(out, "out.xlsx")).workbook!.sheets[0];
    const fill = (at: string) =>
      (sheetLooks.get(back)!.styles[at] as { fill?: { fgColor?: { argb?: string } } } | undefined)
        ?.fill?.fgColor?.argb;
    assert.equal(fill("A1"), "FFFFFF00");
    assert.equal(fill("B1"), "FFFFFF00");
    assert.equal(fill("A2"), undefined);
  });

  it("a flag taken off again leaves the cells that shared its look as they were", async () => {
    const inputs = await readAll([["a.xlsx", unit("a")]]);
    const before = sheetLooks.get(inputs[0].sheets[0])!;
    const fillOf = (styles: Record<string, unknown>, at: string) =>
      JSON.stringify((styles[at] as { fill?: unknown } | undefined)?.fill);
    const out = writeXlsxFast(run(["a.xlsx"]), inputs, { date: DATE });
    const back = (await readXlsxFast(out, "out.xlsx")).workbook!;
    // The reader gives the copy its unit sheet's name back.
    const copy = back.sheets.find((s) => s.name === "Biểu 02");
    assert.ok(copy, back.sheets.map((s) => s.name).join(", "));
    const after = sheetLooks.get(copy)!;
    // B3 was flagged, A2 and D1 share its look (style 2): all three have the unit's yellow fill back.
    for (const at of ["B3", "A2", "D1"]) {
      assert.equal(fillOf(after.styles, at), fillOf(before.styles, at), at);
      assert.match(fillOf(after.styles, at), /FFFFFF00/, at);
    }
    assert.deepStrictEqual(copy.comments, {});
    // The unit's cells (the copy's used range also reaches the flagged empty cell F9).
    assert.deepStrictEqual(
      copy!.values.slice(0, 3).map((r) => r.slice(0, 4)),
      inputs[0].sheets[0].values
    );
  });
});

describe("xlsx/fast-write: a sheet over several chunks of XML", () => {
  it("keeps every multi-byte character whole across the 1 MB chunks the XML is encoded in", () => {
    // 30 000 formulas naming a Vietnamese sheet: about 3 MB of XML, characters of 1, 2 and 3 bytes.
    const f = "='Đơn vị Hải Hà – ẩn'!B2+1";
    const cells: OutCell[][] = Array.from({ length: 3000 }, () =>
      Array.from({ length: 10 }, (): OutCell => ({ f, v: 1 }))
    );
    const result: RunResult = {
      units: [],
      totals: [],
      issues: [],
      sheets: [{ ...tab("summary", "Tổng hợp", cells), merges: [] }],
      flags: [],
    };
    const bytes = writeXlsxFast(result, [], { date: DATE, deflate: zlibDeflate, level: 1 });
    const part = unzipSync(bytes)["xl/worksheets/sheet1.xml"];
    assert.ok(part.length > 2 ** 21, `${part.length} bytes`);
    const xml = new TextDecoder("utf-8", { fatal: true }).decode(part);
    const want = `<f>&apos;Đơn vị Hải Hà – ẩn&apos;!B2+1</f>`;
    assert.equal(xml.split(want).length - 1, 30000);
    assert.match(xml, /<c r="J3000" s="\d+"><f>/);
  });
});
