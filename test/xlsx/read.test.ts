import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { readXlsx, sheetLooks } from "../../src/xlsx/read";
import { DEFAULT_LIMITS } from "../../src/xlsx/file-rules";
import { minimalXlsx, num, oleFile, str, zipBomb } from "./fixtures";

async function excelBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("xlsx/read: a workbook into the sheet model (as Office.js gives a used range)", () => {
  it("reads values, formulas with cached results, number formats, value types and the used range's corner", async () => {
    const bytes = await excelBytes((wb) => {
      const ws = wb.addWorksheet("Biểu 02");
      ws.getCell("B3").value = "Tổng số đảng viên";
      ws.getCell("C3").value = 5022;
      ws.getCell("C3").numFmt = "#,##0";
      ws.getCell("C4").value = 2344;
      ws.getCell("D4").value = { formula: "C4/C3*100", result: 46.674631 };
      ws.getCell("D4").numFmt = "0.0";
      ws.getCell("D5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("E5").value = {
        formula: "1/0",
        result: { error: "#DIV/0!" },
      } as ExcelJS.CellFormulaValue;
      ws.getCell("B5").value = true;
      ws.getCell("B6").value = {
        richText: [{ text: "Trong " }, { text: "đó:", font: { bold: true } }],
      };
    });
    const { workbook, issues } = await readXlsx(bytes, "don-vi/a.xlsx");
    assert.deepEqual(issues, []);
    const s = workbook!.sheets[0];
    assert.equal(workbook!.file, "don-vi/a.xlsx");
    assert.equal(s.address, "B3");
    assert.deepEqual(s.values, [
      ["Tổng số đảng viên", 5022, "", ""],
      ["", 2344, 46.674631, ""],
      [true, "", "#N/A", "#DIV/0!"],
      ["Trong đó:", "", "", ""],
    ]);
    assert.equal(s.formulas[1][2], "=C4/C3*100");
    assert.equal(s.formulas[2][3], "=1/0");
    assert.equal(s.formulas[0][1], 5022);
    assert.equal(s.numberFormat[0][1], "#,##0");
    assert.equal(s.numberFormat[1][2], "0.0");
    assert.equal(s.numberFormat[0][0], "General");
    assert.deepEqual(s.valueTypes[2], ["Boolean", "Empty", "Error", "Error"]);
    assert.deepEqual(s.valueTypes[0], ["String", "Double", "Empty", "Empty"]);
  });

  it("keeps a date's serial number and its format, as Office does (9/10 typed in an English Excel)", async () => {
    const bytes = await excelBytes((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = new Date(Date.UTC(2024, 8, 10));
      ws.getCell("A1").numFmt = "d-mmm";
      ws.getCell("A2").value = new Date(Date.UTC(1900, 0, 1, 12));
      ws.getCell("A2").numFmt = "dd/mm/yyyy hh:mm";
    });
    const s = (await readXlsx(bytes, "d.xlsx")).workbook!.sheets[0];
    assert.equal(s.values[0][0], 45545);
    assert.equal(s.numberFormat[0][0], "d-mmm");
    assert.equal(s.valueTypes[0][0], "Double");
    assert.equal(s.values[1][0], 2.5);
  });

  it("reads merges, hidden sheets, rows and columns, fonts that are not the default, and notes", async () => {
    const bytes = await excelBytes((wb) => {
      const ws = wb.addWorksheet("Cũ");
      ws.getCell("A1").value = "BÁO CÁO";
      ws.mergeCells("A1:D1");
      ws.getCell("A2").value = "§¶ng viªn";
      ws.getCell("A2").font = { name: ".VnTime" };
      ws.getCell("B2").value = 12;
      ws.getCell("B2").note = "Số liệu đến 31/12";
      ws.getCell("A3").value = 1;
      ws.getRow(3).hidden = true;
      ws.getColumn(3).hidden = true;
      ws.getCell("C2").value = 3;
      ws.getColumn(2).width = 25;
      wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("A1").value = 1;
      wb.addWorksheet("Rất ẩn", { state: "veryHidden" }).getCell("A1").value = 1;
      wb.addWorksheet("Trống");
    });
    const { workbook } = await readXlsx(bytes, "c.xlsx");
    const [s, hidden, veryHidden, empty] = workbook!.sheets;
    assert.deepEqual(s.merges, ["A1:D1"]);
    assert.equal(s.address, "A1");
    assert.equal(s.values[0].length, 4, "the merged title widens the used range to D");
    assert.deepEqual(s.fonts, { A2: ".VnTime" });
    assert.deepEqual(s.comments, { B2: "Số liệu đến 31/12" });
    assert.deepEqual(s.hiddenRows, [2]);
    assert.deepEqual(s.hiddenColumns, [2]);
    assert.equal(sheetLooks.get(s)!.columnWidths[1], 25);
    assert.deepEqual(
      [s, hidden, veryHidden, empty].map((x) => [x.name, x.visibility, x.position]),
      [
        ["Cũ", "Visible", 0],
        ["Ẩn", "Hidden", 1],
        ["Rất ẩn", "VeryHidden", 2],
        ["Trống", "Visible", 3],
      ]
    );
    assert.deepEqual([empty.address, empty.values], ["A1", [[""]]]);
  });

  it("translates shared formulas and reports formulas that were never computed", async () => {
    const data =
      `<row r="1">${num("A1", 3)}${num("B1", 4)}<c r="C1"><f t="shared" ref="C1:C2" si="0">A1+B1</f><v>7</v></c></row>` +
      `<row r="2">${num("A2", 5)}${num("B2", 6)}<c r="C2"><f t="shared" si="0"/><v>11</v></c></row>` +
      `<row r="3"><c r="C3"><f>SUM(C1:C2)</f></c><c r="D3"><f>C3*2</f></c></row>`;
    const { workbook, issues } = await readXlsx(minimalXlsx([{ name: "F", data }]), "f.xlsx");
    const s = workbook!.sheets[0];
    assert.deepEqual(
      s.formulas.map((r) => r[2]),
      ["=A1+B1", "=A2+B2", "=SUM(C1:C2)"]
    );
    assert.deepEqual(
      s.values.map((r) => r[2]),
      [7, 11, ""]
    );
    assert.equal(s.valueTypes[2][2], "Empty");
    assert.equal(issues.length, 1);
    assert.equal(issues[0].rule, "formula-not-computed");
    assert.equal(issues[0].severity, "warning");
    assert.equal(issues[0].cell, "C3");
    assert.equal(issues[0].actual, 2);
    assert.match(issues[0].message.vi, /2 ô \(ví dụ C3\)/);
  });

  it("skips a sheet whose used range is huge (a stray value at XFD1048576), reads the others", async () => {
    const bytes = minimalXlsx([
      { name: "Biểu", data: `<row r="1">${str("A1", "Tổng số")}${num("B1", 61)}</row>` },
      {
        name: "Rác",
        data: `<row r="1">${num("A1", 1)}</row><row r="1048576">${num("XFD1048576", 1)}</row>`,
      },
    ]);
    const { workbook, issues } = await readXlsx(bytes, "r.xlsx");
    assert.deepEqual(
      workbook!.sheets.map((s) => s.name),
      ["Biểu"]
    );
    assert.equal(issues.length, 1);
    assert.equal(issues[0].rule, "sheet-too-large");
    assert.equal(issues[0].sheet, "Rác");
    assert.equal(issues[0].cell, "XFD1048576");
    assert.match(issues[0].message.vi, /XFD1048576/);
  });

  it("keeps text that looks like a formula as text", async () => {
    const bytes = minimalXlsx([
      { name: "S", data: `<row r="1">${str("A1", "=1+1")}${str("B1", "@SUM(A1)")}</row>` },
    ]);
    const s = (await readXlsx(bytes, "t.xlsx")).workbook!.sheets[0];
    assert.deepEqual(s.values[0], ["=1+1", "@SUM(A1)"]);
    assert.deepEqual(s.valueTypes[0], ["String", "String"]);
  });

  it("takes an ArrayBuffer as well as a Uint8Array (the browser gives ArrayBuffers)", async () => {
    const bytes = minimalXlsx([{ name: "S", data: `<row r="2">${num("B2", 7)}</row>` }]);
    const copy = bytes.slice().buffer;
    const s = (await readXlsx(copy, "b.xlsx")).workbook!.sheets[0];
    assert.deepEqual([s.address, s.values], ["B2", [[7]]]);
  });
});

describe("xlsx/read: a file that cannot be read is one issue, never a crash", () => {
  const good = minimalXlsx([{ name: "S", data: `<row r="1">${num("A1", 1)}</row>` }]);
  const zipped = (files: Record<string, string>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  const brokenXml = (() => {
    const files = unzipSync(good);
    files["xl/worksheets/sheet1.xml"] = strToU8("<worksheet><sheetData><row><c r=");
    return zipSync(files);
  })();
  const random = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 251);
  const cases: { name: string; bytes: () => Uint8Array; rule: string; vi: RegExp; en: RegExp }[] = [
    {
      name: "an empty file",
      bytes: () => new Uint8Array(0),
      rule: "file-empty",
      vi: /rỗng/,
      en: /empty/,
    },
    {
      name: "random bytes",
      bytes: () => random,
      rule: "file-not-xlsx",
      vi: /không phải bảng tính \.xlsx/,
      en: /not an \.xlsx/,
    },
    {
      name: "a CSV renamed .xlsx",
      bytes: () => strToU8("STT,Chỉ tiêu,Số lượng\n1,Tổng số đảng viên,5022\n"),
      rule: "file-not-xlsx",
      vi: /CSV/,
      en: /CSV/,
    },
    {
      name: "an HTML table saved as .xls",
      bytes: () => strToU8("<html><body><table><tr><td>1</td></tr></table></body></html>"),
      rule: "file-not-xlsx",
      vi: /HTML/,
      en: /HTML/,
    },
    {
      name: "an old .xls (BIFF) file",
      bytes: () => oleFile("Workbook"),
      rule: "file-xls-biff",
      vi: /97-2003/,
      en: /97-2003/,
    },
    {
      name: "a password-protected .xlsx",
      bytes: () => oleFile("EncryptedPackage"),
      rule: "file-encrypted",
      vi: /mật khẩu/,
      en: /password/,
    },
    {
      name: "a truncated .xlsx",
      bytes: () => good.slice(0, Math.floor(good.length / 2)),
      rule: "file-unreadable",
      vi: /hỏng|chưa đủ/,
      en: /damaged|incomplete/,
    },
    {
      name: "a Word file renamed .xlsx",
      bytes: () =>
        zipped({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }),
      rule: "file-not-xlsx",
      vi: /Word/,
      en: /Word/,
    },
    {
      name: "a sheet whose XML is cut off",
      bytes: () => brokenXml,
      rule: "file-unreadable",
      vi: /XML/,
      en: /XML/,
    },
    {
      name: "a zip directory declaring gigabytes",
      bytes: () => zipBomb(3_000_000_000, 1024),
      rule: "file-too-large",
      vi: /quá lớn.*giới hạn 200 MB/,
      en: /too large.*limit 200 MB/,
    },
    {
      name: "a zip bomb that lies about its size (120 MB of spaces declared as 1 KB)",
      bytes: () => zipBomb(1024, 120 * 1024 * 1024),
      rule: "file-too-large",
      vi: /bomb\.xml.*giới hạn 100 MB/,
      en: /bomb\.xml.*limit 100 MB/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const t0 = Date.now();
      const r = await readXlsx(c.bytes(), "nop/bad.xlsx");
      assert.equal(r.workbook, null);
      assert.equal(r.issues.length, 1);
      const [issue] = r.issues;
      assert.equal(issue.rule, c.rule);
      assert.equal(issue.severity, "error");
      assert.equal(issue.file, "nop/bad.xlsx");
      assert.match(issue.message.vi, c.vi);
      assert.match(issue.message.en, c.en);
      assert.ok(!issue.message.vi.includes("\n") && !issue.message.en.includes("\n"), "one line");
      assert.ok(Date.now() - t0 < 10000, "bounded time");
    });
  }

  it("refuses a file with more cells than the limit before ExcelJS parses it (a million rows)", async () => {
    const bytes = minimalXlsx([
      { name: "Triệu dòng", data: "<row><c><v>1</v></c></row>".repeat(1_048_576) },
    ]);
    const t0 = Date.now();
    const r = await readXlsx(bytes, "big.xlsx");
    assert.equal(r.workbook, null);
    assert.equal(r.issues[0].rule, "file-too-large");
    assert.match(r.issues[0].message.vi, /ô/);
    assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
  });

  it("reads a file just under the limits", async () => {
    const limits = { ...DEFAULT_LIMITS, maxCells: 4 };
    const data = `<row r="1">${num("A1", 1)}${num("B1", 2)}</row><row r="2">${num("A2", 3)}${num("B2", 4)}</row>`;
    const ok = await readXlsx(minimalXlsx([{ name: "S", data }]), "ok.xlsx", limits);
    assert.deepEqual(ok.workbook!.sheets[0].values, [
      [1, 2],
      [3, 4],
    ]);
    const over = await readXlsx(
      minimalXlsx([{ name: "S", data: data + `<row r="3">${num("A3", 5)}</row>` }]),
      "x",
      limits
    );
    assert.equal(over.issues[0].rule, "file-too-large");
  });
});
