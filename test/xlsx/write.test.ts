/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   ExcelJS objects, not Office.js proxies. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { SheetModel, WorkbookModel } from "../../src/core/model";
import { FLAG_FILL, OutCell, OutputSheet, RunResult } from "../../src/core/output";
import { readXlsx, sheetLooks } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { libreOfficeSheets } from "./libreoffice";

const EXAMPLES = join(__dirname, "..", "..", "examples");

async function readExample(name: string): Promise<WorkbookModel> {
  const r = await readXlsx(new Uint8Array(readFileSync(join(EXAMPLES, name))), `examples/${name}`);
  assert.ok(r.workbook, `${name} reads`);
  return r.workbook;
}

/** What must survive a copy: everything the model holds but the position. */
function content(s: SheetModel) {
  return {
    address: s.address,
    values: s.values,
    formulas: s.formulas,
    numberFormat: s.numberFormat,
    valueTypes: s.valueTypes,
    merges: [...s.merges].sort(),
    visibility: s.visibility,
    hiddenRows: s.hiddenRows,
    hiddenColumns: s.hiddenColumns,
    fonts: s.fonts,
    comments: s.comments,
  };
}

const tab = (role: OutputSheet["role"], name: string, cells: OutCell[][]): OutputSheet => ({
  role,
  name,
  cells,
  merges: [],
  columnWidths: [8, 40, 14, 14, 14],
  freeze: { rows: 1, cols: 2 },
  autoFilter: null,
  landscape: true,
  fitToWidth: true,
});

/** Three units from two files, a summary with SUM formulas over the unit columns, and two flags. */
async function scenario() {
  const a = await readExample("dam-ha.xlsx");
  const b = await readExample("cac-don-vi-mien-dong.xlsx");
  const c = await readExample("binh-lieu.xlsx");
  const units = [
    { name: "Đảng bộ huyện Đầm Hà", file: a.file, sheet: "Biểu 02" },
    { name: "Đảng bộ huyện Vân Đồn", file: b.file, sheet: "Vân Đồn" },
    { name: "Đảng bộ huyện Bình Liêu", file: c.file, sheet: "Biểu 02" },
  ];
  // Tổng số đảng viên and tổ chức cơ sở đảng of the three units, as the engine would lay them out.
  const figures = [
    [35, 39, 30],
    [2068, 2755, 1986],
  ];
  const header: OutCell[] = [
    { v: "STT", bold: true },
    { v: "Chỉ tiêu", bold: true },
    { v: "Tổng", bold: true },
    ...units.map((u) => ({ v: u.name, link: { sheet: u.name, cell: "D12" } })),
  ];
  const row = (code: string, label: string, r: number, fig: number[]): OutCell[] => [
    { v: code },
    { v: label },
    { f: `=SUM(D${r}:F${r})`, v: fig.reduce((s, x) => s + x, 0), fmt: "#,##0" },
    ...fig.map((x) => ({ v: x, fmt: "#,##0" })),
  ];
  const summary = tab("summary", "Tổng hợp", [
    header,
    row("1", "Tổng số tổ chức cơ sở đảng", 2, figures[0]),
    row("1", "Tổng số đảng viên", 3, figures[1]),
    [
      { v: "" },
      { v: "Tỷ lệ đảng viên trên một tổ chức" },
      { f: "=C3/C2", v: 6809 / 104, fmt: "0.0" },
    ],
  ]);
  const issues = tab("issues", "Kiểm tra", [
    [{ v: "Đơn vị" }, { v: "Ô" }, { v: "Nội dung" }],
    [
      { v: '=HYPERLINK("http://x")' },
      { v: "D12", link: { sheet: "Biểu 02", cell: "D12" } },
      { v: "+84 912" },
    ],
    [{ v: "-5" }, { v: "@SUM(A1)" }, { v: "=1+1" }],
  ]);
  const result: RunResult = {
    units,
    totals: [],
    issues: [],
    sheets: [summary, issues],
    flags: [
      {
        file: a.file,
        sheet: "Biểu 02",
        cell: "D13",
        severity: "error",
        message: "20 + 14 = 34 ≠ 35",
      },
      { file: a.file, sheet: "Biểu 02", cell: "D13", severity: "warning", message: "Kiểm tra lại" },
      {
        file: c.file,
        sheet: "Biểu 02",
        cell: "D28",
        severity: "warning",
        message: "Không phải số",
      },
    ],
  };
  return { inputs: [a, b, c], result };
}

describe("xlsx/write: the output workbook", () => {
  it("puts our tabs first, then one copy per unit named uniquely, and marks our tabs", async () => {
    const { inputs, result } = await scenario();
    const bytes = await writeXlsx(result, inputs, { date: new Date(2025, 0, 20) });
    const back = await readXlsx(bytes, "out.xlsx");
    assert.deepEqual(back.ours, [
      { sheet: "Tổng hợp", role: "summary" },
      { sheet: "Kiểm tra", role: "issues" },
      { sheet: "tong_hop_flags", role: "flags" },
    ]);
    // Two units' sheets are both called "Biểu 02": their copies take the units' names.
    assert.deepEqual(
      back.workbook!.sheets.map((s) => s.name),
      ["Đảng bộ huyện Đầm Hà", "Vân Đồn", "Đảng bộ huyện Bình Liêu"]
    );
  });

  it("copies every unit sheet exactly: values, formulas, formats, merges, hidden state, fonts, notes", async () => {
    const { inputs, result } = await scenario();
    const back = await readXlsx(await writeXlsx(result, inputs), "out.xlsx");
    const originals = [inputs[0].sheets[0], inputs[1].sheets[3], inputs[2].sheets[0]];
    assert.equal(originals[1].name, "Vân Đồn");
    back.workbook!.sheets.forEach((copy, i) =>
      assert.deepEqual(content(copy), content(originals[i]))
    );
    // The look comes along too: column widths and the bold header.
    const look = sheetLooks.get(back.workbook!.sheets[0])!;
    assert.equal(look.columnWidths[1], 58);
    assert.equal(look.styles["B8"].font?.bold, true);
  });

  it("paints flags with the severity's fill and a note, and reading our output takes them off again", async () => {
    const { inputs, result } = await scenario();
    const bytes = await writeXlsx(result, inputs);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const damHa = wb.getWorksheet("Đảng bộ huyện Đầm Hà")!;
    const flagged = damHa.getCell("D13");
    assert.equal(
      (flagged.fill as ExcelJS.FillPattern).fgColor?.argb,
      "FF" + FLAG_FILL.error.slice(1)
    );
    assert.match(String(flagged.note), /20 \+ 14 = 34 ≠ 35\n\[Tổng hợp\] Kiểm tra lại/);
    const binhLieu = wb.getWorksheet("Đảng bộ huyện Bình Liêu")!;
    assert.equal(
      (binhLieu.getCell("D28").fill as ExcelJS.FillPattern).fgColor?.argb,
      "FF" + FLAG_FILL.warning.slice(1)
    );
    // The unit's own note on that cell is kept before ours.
    assert.match(String(binhLieu.getCell("F28").value), /chưa chốt/);
    const back = await readXlsx(bytes, "out.xlsx");
    const copy = back.workbook!.sheets[0];
    assert.deepEqual(copy.comments, inputs[0].sheets[0].comments);
    assert.deepEqual(
      sheetLooks.get(copy)!.styles["D13"].fill,
      sheetLooks.get(inputs[0].sheets[0])!.styles["D13"].fill
    );
  });

  it("re-running over its own output replaces our tabs instead of adding more", async () => {
    const { inputs, result } = await scenario();
    const first = await writeXlsx(result, inputs, { date: new Date(2025, 0, 20) });
    const read1 = await readXlsx(first, "out.xlsx");
    const again = await writeXlsx(
      {
        ...result,
        units: result.units.map((u, i) => ({
          ...u,
          file: "out.xlsx",
          sheet: read1.workbook!.sheets[i].name,
        })),
        flags: result.flags.map((f) => ({
          ...f,
          file: "out.xlsx",
          sheet: f.file.endsWith("dam-ha.xlsx")
            ? "Đảng bộ huyện Đầm Hà"
            : "Đảng bộ huyện Bình Liêu",
        })),
      },
      [read1.workbook!],
      { date: new Date(2025, 0, 20) }
    );
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(first as unknown as ExcelJS.Buffer);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(again as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      wb2.worksheets.map((w) => w.name),
      wb1.worksheets.map((w) => w.name)
    );
    const read2 = await readXlsx(again, "out2.xlsx");
    read2.workbook!.sheets.forEach((s, i) =>
      assert.deepEqual(content(s), content(read1.workbook!.sheets[i]))
    );
  });

  it("writes unit-derived text starting with = + - @ as text, never as a formula", async () => {
    const { inputs, result } = await scenario();
    const bytes = await writeXlsx(result, inputs);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Kiểm tra")!;
    for (const address of ["A2", "C2", "A3", "B3", "C3"]) {
      assert.equal(ws.getCell(address).type, ExcelJS.ValueType.String, address);
    }
    assert.equal(ws.getCell("C3").value, "=1+1");
    const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet2.xml"]);
    assert.ok(!/<f>[^<]*1\+1/.test(xml), "no formula element for =1+1");
  });

  it("links to cells inside the workbook, never to an outside file", async () => {
    const { inputs, result } = await scenario();
    const files = unzipSync(await writeXlsx(result, inputs));
    const sheet1 = strFromU8(files["xl/worksheets/sheet1.xml"]);
    // As HYPERLINK formulas whose target starts with "#" (this workbook), with the text as cached result.
    const links = [...sheet1.matchAll(/<f>HYPERLINK\(([^<]*)\)<\/f><v>([^<]*)<\/v>/g)];
    assert.equal(links.length, 3);
    assert.equal(
      links[0][1],
      "&quot;#&apos;Đảng bộ huyện Đầm Hà&apos;!D12&quot;,&quot;Đảng bộ huyện Đầm Hà&quot;"
    );
    assert.equal(links[0][2], "Đảng bộ huyện Đầm Hà");
    assert.match(links[1][1], /^&quot;#&apos;Vân Đồn&apos;!D12&quot;/);
    for (const l of links) assert.match(l[1], /^&quot;#/);
    assert.ok(!/<hyperlink /.test(sheet1));
    const rels = files["xl/worksheets/_rels/sheet1.xml.rels"];
    assert.ok(!rels || !/hyperlink/.test(strFromU8(rels)));
    // A link naming a sheet that several units share ("Biểu 02") cannot be resolved and stays as written.
    const sheet2 = strFromU8(files["xl/worksheets/sheet2.xml"]);
    assert.match(sheet2, /HYPERLINK\(&quot;#&apos;Biểu 02&apos;!D12&quot;,&quot;D12&quot;\)/);
  });

  it("writes a link whose text cannot be a formula's string (over 255 characters) as a hyperlink", async () => {
    const long = "Đảng bộ ".repeat(40).trim();
    const sheet = tab("summary", "Tổng hợp", [
      [{ v: long, link: { sheet: "Tổng hợp", cell: "A2" } }],
      [{ v: 'Xã "A"', link: { sheet: "Tổng hợp", cell: "A1" } }],
    ]);
    const result: RunResult = { units: [], totals: [], issues: [], sheets: [sheet], flags: [] };
    const xml = strFromU8(unzipSync(await writeXlsx(result, []))["xl/worksheets/sheet1.xml"]);
    assert.match(xml, /<hyperlink ref="A1" location="&apos;Tổng hợp&apos;!A2"\/>/);
    // A quote in the text is doubled inside the formula's string.
    assert.match(
      xml,
      /<f>HYPERLINK\(&quot;#&apos;Tổng hợp&apos;!A1&quot;,&quot;Xã &quot;&quot;A&quot;&quot;&quot;\)<\/f>/
    );
  });

  it("sets freeze panes, widths and landscape fit-to-width printing on our tabs", async () => {
    const { inputs, result } = await scenario();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(result, inputs)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Tổng hợp")!;
    assert.deepEqual(
      [
        ws.views[0].state,
        (ws.views[0] as ExcelJS.WorksheetViewFrozen).xSplit,
        (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit,
      ],
      ["frozen", 2, 1]
    );
    assert.equal(ws.getColumn(2).width, 40);
    assert.equal(ws.pageSetup.orientation, "landscape");
    assert.equal(ws.pageSetup.fitToPage, true);
    assert.equal(ws.pageSetup.fitToWidth, 1);
    assert.equal(ws.getCell("C3").numFmt, "#,##0");
    assert.equal(ws.getCell("A1").font.bold, true);
  });

  it("gives the same bytes for the same input and date", async () => {
    const { inputs, result } = await scenario();
    const d = new Date(2025, 0, 20, 9, 30);
    const x = await writeXlsx(result, inputs, { date: d });
    const y = await writeXlsx(result, inputs, { date: d });
    assert.deepEqual(Buffer.from(x), Buffer.from(y));
  });

  it("is opened by LibreOffice, whose recalculated formulas give the totals of the unit figures", async function () {
    this.timeout(180000);
    const { inputs, result } = await scenario();
    // Cached values made wrong on purpose: LibreOffice must compute, not echo what we wrote.
    const summary = result.sheets[0];
    summary.cells[1][2].v = 1;
    summary.cells[2][2].v = 1;
    summary.cells[3][2].v = 1;
    const dir = mkdtempSync(join(tmpdir(), "tonghop-write-"));
    const path = join(dir, "tong-hop.xlsx");
    writeFileSync(path, await writeXlsx(result, inputs));
    const sheets = libreOfficeSheets(path);
    const tabNames = Object.keys(sheets).sort();
    assert.deepEqual(
      tabNames,
      [
        "Kiểm tra",
        "Tổng hợp",
        "Vân Đồn",
        "Đảng bộ huyện Bình Liêu",
        "Đảng bộ huyện Đầm Hà",
        "tong_hop_flags",
      ].sort()
    );
    const t = sheets["Tổng hợp"];
    assert.deepEqual(t[1].slice(1, 6), ["Tổng số tổ chức cơ sở đảng", "104", "35", "39", "30"]);
    assert.deepEqual(t[2].slice(1, 6), ["Tổng số đảng viên", "6809", "2068", "2755", "1986"]);
    assert.ok(Math.abs(Number(t[3][2]) - 6809 / 104) < 1e-9, t[3][2]);
    // A unit copy as LibreOffice reads it: the Đầm Hà figures where the form has them.
    const damHa = sheets["Đảng bộ huyện Đầm Hà"];
    const row = damHa.find((r) => r[1] === "Tổng số đảng viên");
    assert.deepEqual(row?.slice(2, 4), ["Người", "2068"]);
    assert.deepEqual(sheets["Kiểm tra"][2], ["-5", "@SUM(A1)", "=1+1"]);
  });
});
