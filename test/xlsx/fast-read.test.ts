import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { unitWorkbook, unitsBook } from "../../bench/generate";
import { consolidate } from "../../src/core/engine";
import { ReadResult, sheetLooks } from "../../src/xlsx/look";
import { isDate, readXlsxFast } from "../../src/xlsx/fast-read";
import { isDateFmt } from "../../src/xlsx/parts";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { minimalXlsx, num, oleFile, str, zipBomb } from "./fixtures";
import { REL, SST, STYLES, book } from "./raw-fixtures";

const EXAMPLES = join(__dirname, "..", "..", "examples");

/** Both readers on the same bytes: the same model, issues, our tabs and sheet looks. */
async function sameRead(bytes: Uint8Array, file = "x.xlsx"): Promise<ReadResult> {
  const slow = await readXlsx(bytes, file);
  const fast = await readXlsxFast(bytes, file);
  assert.deepStrictEqual(fast.issues, slow.issues, `${file}: issues`);
  assert.deepStrictEqual(fast.ours, slow.ours, `${file}: our tabs`);
  assert.deepStrictEqual(fast.workbook, slow.workbook, `${file}: model`);
  const looks = (r: ReadResult) => (r.workbook?.sheets ?? []).map((s) => sheetLooks.get(s));
  assert.deepStrictEqual(looks(fast), looks(slow), `${file}: looks`);
  return fast;
}

async function excelBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("xlsx/fast-read: the same model as the ExcelJS reader", () => {
  it("on every file of examples/", async () => {
    const files = readdirSync(EXAMPLES, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".xlsx"))
      .sort();
    assert.ok(files.length >= 8);
    for (const f of files) await sameRead(new Uint8Array(readFileSync(join(EXAMPLES, f))), f);
  });

  it("on generated unit workbooks (every percentage style, shared formulas) and a book of units", async () => {
    // Units 0..11 of the small form use all four ways of storing percentages, shared formulas included.
    for (let i = 0; i < 12; i++) await sameRead(unitWorkbook("small", i), `small-${i}.xlsx`);
    await sameRead(unitWorkbook("large", 3), "large-3.xlsx");
    const r = await sameRead(unitsBook("small", 6), "book.xlsx");
    assert.equal(r.workbook!.sheets.length, 6);
  });

  it("on our own output workbook (our tabs, links, notes, the flags record, copied unit sheets)", async function () {
    this.timeout(60000);
    const files = ["dam-ha.xlsx", "cam-pha.xlsx", "cac-don-vi-mien-dong.xlsx"];
    const wbs = [];
    for (const f of files) {
      const read = await readXlsx(new Uint8Array(readFileSync(join(EXAMPLES, f))), f);
      wbs.push(read.workbook!);
    }
    const result = consolidate(wbs, { lang: "vi", linkToSources: true });
    assert.ok(result.flags.length > 0, "some cells are flagged");
    const out = await writeXlsx(result, wbs, { lang: "vi", date: new Date(Date.UTC(2025, 0, 20)) });
    const r = await sameRead(out, "tong-hop.xlsx");
    assert.deepEqual(r.ours.map((o) => o.role).sort(), ["flags", "issues", "rules", "summary"]);
  });

  it("on an ExcelJS workbook with rich text, dates, errors, notes, links, hidden parts and styles", async () => {
    const bytes = await excelBytes((wb) => {
      const ws = wb.addWorksheet("Biểu 02");
      ws.getColumn(2).width = 40;
      ws.getColumn(3).numFmt = "0.00";
      ws.getColumn(4).hidden = true;
      ws.getRow(7).font = { italic: true, name: "Arial" };
      ws.getRow(7).height = 30;
      ws.getRow(8).hidden = true;
      ws.getCell("A1").value = "BÁO CÁO";
      ws.mergeCells("A1:E1");
      ws.getCell("A1").alignment = { horizontal: "center" };
      ws.getCell("A2").value = {
        richText: [{ text: "Trong " }, { text: "đó:", font: { bold: true } }],
      };
      ws.getCell("B2").value = new Date(Date.UTC(2024, 8, 10));
      ws.getCell("B2").numFmt = "d-mmm";
      ws.getCell("C2").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("D2").value = true;
      ws.getCell("E2").value = { formula: "B3-B3", result: 0 };
      ws.getCell("E3").value = { formula: "1=0", result: false };
      ws.getCell("E4").value = {
        formula: "1/0",
        result: { error: "#DIV/0!" },
      } as ExcelJS.CellFormulaValue;
      ws.getCell("E5").value = { formula: "TODAY()", result: 45545 };
      ws.getCell("E5").numFmt = "dd/mm/yyyy";
      ws.getCell("B3").value = 5022;
      ws.getCell("B3").note = "Số liệu đến 31/12";
      ws.getCell("C3").value = { text: "trang", hyperlink: "https://example.org" };
      ws.getCell("B4").value = { formula: "B3*2", result: 10044 };
      ws.getCell("B5").value = { sharedFormula: "B4", result: 0 } as unknown as ExcelJS.CellValue;
      ws.getCell("A6").value = "§¶ng viªn";
      ws.getCell("A6").font = {
        name: ".VnTime",
        size: 13,
        bold: true,
        color: { argb: "FFFF0000" },
      };
      ws.getCell("A6").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
      ws.getCell("A6").border = {
        top: { style: "thin" },
        bottom: { style: "double", color: { argb: "FF0000FF" } },
      };
      ws.getCell("B7").value = 3;
      ws.getCell("F9").note = "Ô trống có ghi chú";
      ws.getCell("A10").value = "dòng cuối";
      ws.mergeCells("A10:A12");
      wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("B2").value = 1;
      wb.addWorksheet("Rất ẩn", { state: "veryHidden" }).getCell("A1").value = "x";
      wb.addWorksheet("Trống");
    });
    const r = await sameRead(bytes, "exceljs.xlsx");
    const s = r.workbook!.sheets[0];
    // Both readers were fixed where ExcelJS's value copy drops a cached 0 or FALSE.
    assert.deepEqual([s.values[1][4], s.values[2][4], s.values[4][1]], [0, false, 0]);
    assert.deepEqual(r.issues, []);
  });

  it("on raw parts: shared and inline strings, shared formulas, str/e/b results, 1904 dates, styles, row and column styles", async () => {
    const sheet1 =
      `<dimension ref="A1:H9"/><cols><col min="2" max="3" width="20.5" customWidth="1"/><col min="5" max="5" style="5" hidden="1" width="0"/><col min="7" max="7" style="2"/></cols>` +
      `<sheetData>` +
      `<row r="1" spans="1:8" ht="21.75" customHeight="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" s="5"/><c r="H1" t="s" s="6"><v>4</v></c></row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>inline &amp; thường</t></is></c><c r="B2" t="inlineStr"><is><r><t>inline </t></r><r><rPr><b/></rPr><t>giàu_x000D_</t></r></is></c><c r="C2" t="s"><v>5</v></c><c r="D2" s="1"><v>45545.5</v></c><c r="E2" s="2"><v>1</v></c></row>` +
      `<row r="3" s="4" customFormat="1"><c r="A3"><v>3</v></c><c r="B3"><v>4</v></c><c r="C3"><f t="shared" ref="C3:C5" si="0">A3+$B3*2+Sheet2!A3+SUM(A$3:B3)</f><v>11</v></c><c r="E3" s="7"><v>0.467</v></c></row>` +
      `<row r="4"><c r="A4"><v>5</v></c><c r="B4"><v>6</v></c><c r="C4"><f t="shared" si="0"/><v>0</v></c><c r="D4" t="str"><f>IF(A4&gt;9,"x","")</f><v>x</v></c></row>` +
      `<row r="5" hidden="1"><c r="A5"><v>7</v></c><c r="B5"><v>8</v></c><c r="C5"><f t="shared" si="0"/></c><c r="D5" t="str"><f>"a&amp;amp;b"</f><v>a&amp;amp;b</v></c><c r="E5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F5" t="b"><f>1=1</f><v>1</v></c></row>` +
      `<row r="6"><c r="A6" t="b"><v>0</v></c><c r="B6" t="e"><v>#REF!</v></c><c r="C6" t="str"><v>chuỗi &amp;lt;x&amp;gt;</v></c><c r="D6" s="8"><v>1.25</v></c><c r="H6" s="1"><f>D2+1</f><v>45546.5</v></c></row>` +
      `<row r="8"><c r="B8" s="3"/><c r="D8" s="3"/></row>` +
      `<row r="9"><c r="A9"><v>-0</v></c><c r="B9"><v>1E-3</v></c><c r="C9"><v>12345678901234567890</v></c></row>` +
      `</sheetData><mergeCells count="2"><mergeCell ref="F1:G2"/><mergeCell ref="B8:C9"/></mergeCells>` +
      `<hyperlinks><hyperlink ref="A9" r:id="rId1"/><hyperlink ref="A6" location="Sheet2!A1"/></hyperlinks>`;
    const sheet2 = `<sheetData><row r="3"><c r="C3"><v>1</v></c></row></sheetData>`;
    const sheet3 = `<sheetData><row r="2"><c r="B2" s="6"/></row></sheetData>`;
    const bytes = book({
      sheets: [
        { name: "Biểu &amp;amp; số 1", xml: sheet1 },
        { name: "Sheet2", xml: sheet2, state: "hidden" },
        { name: "Chỉ có kiểu", xml: sheet3, state: "veryHidden" },
      ],
      styles: STYLES,
      sst: SST,
      workbookPr: `<workbookPr date1904="1"/>`,
      extra: {
        "xl/worksheets/_rels/sheet1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`,
      },
    });
    const r = await sameRead(bytes, "raw.xlsx");
    const s = r.workbook!.sheets[0];
    assert.equal(s.name, "Biểu & số 1");
    assert.deepEqual(
      s.formulas.slice(2, 5).map((row) => row[2]),
      [
        "=A3+$B3*2+Sheet2!A3+SUM(A$3:B3)",
        "=A4+$B4*2+Sheet2!A4+SUM(A$3:B4)",
        "=A5+$B5*2+Sheet2!A5+SUM(A$3:B5)",
      ]
    );
    assert.equal(s.values[1][3], 45545.5, "a 1904 date keeps its serial number");
    assert.deepEqual(
      [s.values[8][0], s.valueTypes[8][0]],
      [-0, "Double"],
      "a linked number stays a number"
    );
  });

  it("on defined names marking our tabs, quoted and unquoted, and a print area", async () => {
    const bytes = book({
      sheets: [
        { name: "Đơn vị", xml: `<sheetData><row r="1">${num("A1", 1)}</row></sheetData>` },
        { name: "Tổng hợp", xml: `<sheetData><row r="1">${str("A1", "Tổng")}</row></sheetData>` },
        { name: "It's", xml: `<sheetData><row r="1">${num("A1", 2)}</row></sheetData>` },
        { name: "Kiem_tra", xml: `<sheetData><row r="1">${num("A1", 3)}</row></sheetData>` },
      ],
      definedNames:
        `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'Đơn vị'!$A$1:$B$2</definedName>` +
        `<definedName name="tong_hop_output.summary">'Tổng hợp'!$A$1</definedName>` +
        `<definedName name="tong_hop_output.rules">'It''s'!$A$1</definedName>` +
        `<definedName name="tong_hop_output.issues">Kiem_tra!$A$1</definedName>` +
        `<definedName name="khac">'Đơn vị'!$A$1</definedName></definedNames>`,
    });
    const r = await sameRead(bytes, "names.xlsx");
    assert.deepEqual(
      r.workbook!.sheets.map((s) => s.name),
      ["Đơn vị"]
    );
    assert.equal(r.ours.length, 3);
  });

  it("refuses the same bad files with the same issue", async function () {
    // 6 s alone, 13 s seen on a loaded shared machine: more room than the default 20 s.
    this.timeout(60000);
    const good = minimalXlsx([{ name: "S", data: `<row r="1">${num("A1", 1)}</row>` }]);
    const overlapping = book({
      sheets: [
        {
          name: "S",
          xml: `<sheetData><row r="1">${num("A1", 1)}</row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>`,
        },
      ],
    });
    const cases: [string, Uint8Array][] = [
      ["empty", new Uint8Array(0)],
      ["csv", strToU8("STT,Chỉ tiêu\n1,Tổng số\n")],
      ["xls", oleFile("Workbook")],
      ["encrypted", oleFile("EncryptedPackage")],
      ["truncated", good.slice(0, Math.floor(good.length / 2))],
      ["word", zipSync({ "word/document.xml": strToU8("<w:document/>") })],
      ["bomb-declared", zipBomb(3_000_000_000, 1024)],
      ["bomb-lying", zipBomb(1024, 120 * 1024 * 1024)],
      [
        "million-rows",
        minimalXlsx([{ name: "M", data: "<row><c><v>1</v></c></row>".repeat(1_048_576) }]),
      ],
      ["overlapping-merges", overlapping],
      ["bad-sheet-name", book({ sheets: [{ name: "History", xml: "<sheetData/>" }] })],
    ];
    for (const [name, bytes] of cases) {
      const slow = await readXlsx(bytes, `${name}.xlsx`);
      const fast = await readXlsxFast(bytes, `${name}.xlsx`);
      assert.equal(fast.workbook, null, name);
      assert.deepStrictEqual(fast, slow, name);
    }
  });

  it("reads a linked cell with neither value nor style as ExcelJS does (an empty text that keeps its row: the cell before it takes the column style)", async () => {
    const sheet = `<cols><col min="1" max="2" width="9" style="3" customWidth="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"/></row><row r="3"><c r="C3"><v>2</v></c></row></sheetData><hyperlinks><hyperlink ref="B2" r:id="rId1"/></hyperlinks>`;
    const bytes = book({
      sheets: [{ name: "S", xml: sheet }],
      styles: STYLES,
      extra: {
        "xl/worksheets/_rels/sheet1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`,
      },
    });
    await sameRead(bytes, "link.xlsx");
  });

  it("refuses broken XML with one issue, as the ExcelJS reader does (the parser's words differ)", async () => {
    const files = unzipSync(minimalXlsx([{ name: "S", data: `<row r="1">${num("A1", 1)}</row>` }]));
    for (const broken of [
      "<worksheet><sheetData><row><c r=",
      "<worksheet><sheetData></row></sheetData></worksheet>",
      "<worksheet><sheetData><row r='1'><c r='A1'><v>1 &bogus; </v></c></row></sheetData></worksheet>",
    ]) {
      files["xl/worksheets/sheet1.xml"] = strToU8(broken);
      const bytes = zipSync(files);
      const slow = await readXlsx(bytes, "b.xlsx");
      const fast = await readXlsxFast(bytes, "b.xlsx");
      assert.equal(fast.workbook, null);
      assert.equal(fast.issues.length, 1);
      assert.equal(fast.issues[0].rule, slow.issues[0].rule);
      assert.match(fast.issues[0].message.vi, /XML/);
    }
  });
});

describe("xlsx/fast-read: where ExcelJS loses data, the fast reader keeps it", () => {
  it("reads rows and cells written without an r reference (ExcelJS refuses the file)", async () => {
    const bytes = minimalXlsx([
      {
        name: "S",
        data: `<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>`,
      },
    ]);
    const s = (await readXlsxFast(bytes, "n.xlsx")).workbook!.sheets[0];
    assert.deepEqual(s.values, [
      [1, 2],
      ["x", ""],
    ]);
    const slow = await readXlsx(bytes, "n.xlsx");
    assert.equal(slow.workbook, null);
    assert.equal(slow.issues[0].rule, "file-unreadable");
  });

  it("reads SpreadsheetML written with a namespace prefix (x:c), which ExcelJS reads as empty", async () => {
    const bytes = book({
      sheets: [{ name: "S", xml: "" }],
      extra: {
        "xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2"><x:v>5022</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      },
    });
    const s = (await readXlsxFast(bytes, "p.xlsx")).workbook!.sheets[0];
    assert.deepEqual([s.address, s.values], ["B2", [[5022]]]);
  });

  it('takes a formula whose cached text result is empty (=IF(...,"",...)) as computed', async () => {
    const data = `<row r="1"><c r="A1" t="str"><f>IF(1=1,"","x")</f><v></v></c><c r="B1"><f>C1</f></c></row>`;
    const fast = await readXlsxFast(minimalXlsx([{ name: "S", data }]), "e.xlsx");
    assert.deepEqual(fast.workbook!.sheets[0].formulas, [['=IF(1=1,"","x")', "=C1"]]);
    assert.equal(fast.issues.length, 1);
    assert.equal(fast.issues[0].rule, "formula-not-computed");
    assert.equal(fast.issues[0].actual, 1, "only the formula with no cached value at all");
  });
});

describe("xlsx/fast-read: isDate remembers isDateFmt's answers", () => {
  const formats: [string | undefined, boolean][] = [
    [undefined, false],
    ["", false],
    ["General", false],
    ["0.0%", false],
    ['#,##0" người"', false],
    ["dd/mm/yyyy", true],
    ["[$-42A]d mmmm yyyy", true],
    ["[Red]0.00", false],
    ["h:mm:ss", true],
  ];
  for (const [fmt, date] of formats) {
    it(`${JSON.stringify(fmt)}: ${date}`, () => {
      assert.equal(isDateFmt(fmt), date);
      assert.equal(isDate(fmt), date);
      assert.equal(isDate(fmt), date, "asked again");
    });
  }
});
