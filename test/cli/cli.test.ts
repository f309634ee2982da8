/**
 * The `tonghop` contract (issue 2), run as users and other tools run it: `node bin/tonghop.js ...` in a child
 * process. Exit codes, the JSON report's exact shape, languages, folders and lock files, bad files among good.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { readXlsx } from "../../src/xlsx/read";
import { libreOfficeSheets } from "../xlsx/libreoffice";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "tonghop.js");
const EXAMPLES = join(ROOT, "examples");

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function tonghop(args: string[], cwd = ROOT): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, timeout: 120000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "tonghop-cli-"));
}

/** No stack trace and no raw exception anywhere the user looks. */
function assertNoTrace(r: Ran): void {
  for (const text of [r.stdout, r.stderr]) {
    assert.ok(!/^\s+at .+\(.+:\d+:\d+\)$/m.test(text), `stack trace in output:\n${text}`);
    assert.ok(!/(TypeError|ReferenceError|RangeError|Unhandled)/.test(text), text);
  }
}

const ISSUE_KEYS = [
  "rule",
  "severity",
  "file",
  "sheet",
  "cell",
  "line",
  "column",
  "text",
  "message",
  "expected",
  "actual",
];

interface Report {
  version: number;
  units: { name: string; file: string; sheet: string }[];
  totals: { code: string | null; label: string; values: Record<string, number | null> }[];
  issues: Record<string, unknown>[];
}

/** The JSON report has the contract's shape, field by field. */
function assertShape(report: Report): void {
  assert.deepEqual(Object.keys(report), ["version", "units", "totals", "issues"]);
  assert.equal(report.version, 1);
  for (const u of report.units) {
    assert.deepEqual(Object.keys(u), ["name", "file", "sheet"]);
    for (const v of Object.values(u)) assert.equal(typeof v, "string");
  }
  for (const t of report.totals) {
    assert.deepEqual(Object.keys(t), ["code", "label", "values"]);
    assert.ok(t.code === null || typeof t.code === "string");
    for (const v of Object.values(t.values)) assert.ok(v === null || typeof v === "number");
  }
  for (const i of report.issues) {
    assert.deepEqual(Object.keys(i), ISSUE_KEYS);
    assert.ok(["error", "warning", "info"].includes(i.severity as string));
    assert.equal(typeof i.message, "string");
    if (i.cell !== null)
      assert.match(i.cell as string, /^[A-Z]{1,3}[1-9]\d*$/, "A1 without sheet or $");
    for (const k of ["line", "column"]) assert.ok(i[k] === null || Number.isInteger(i[k]));
  }
}

function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, "utf8")) as Report;
}

const hasError = (r: Report) => r.issues.some((i) => i.severity === "error");

describe("cli: usage errors exit 2 with the usage text, nothing on stdout", () => {
  const cases: [string, string[], RegExp][] = [
    ["no command", [], /Thiếu lệnh/],
    ["an unknown command", ["merge", "examples"], /Lệnh không có: merge/],
    ["an unknown flag", ["consolidate", "examples", "--bogus"], /Tùy chọn không có.*--bogus/],
    ["--out on validate", ["validate", "examples", "--out", "x.xlsx"], /--out/],
    ["no input", ["consolidate", "--json", "r.json"], /Thiếu tệp hoặc thư mục/],
    ["no file for check-text", ["check-text"], /Thiếu tệp văn bản/],
    ["an unknown language", ["validate", "examples", "--lang", "xx"], /Ngôn ngữ không có: xx/],
    ["a flag without its value", ["validate", "examples", "--json"], /Thiếu giá trị sau --json/],
    ["--out that is not .xlsx", ["consolidate", "examples", "--out", "tong-hop.csv"], /\.xlsx/],
    ["English when asked", ["merge", "--lang", "en"], /Unknown command: merge[\s\S]*Usage:/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await tonghop(args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, message);
      assert.match(r.stderr, /tonghop consolidate/);
      assertNoTrace(r);
    });
  }

  it("--out naming one of the inputs is refused and the input is left untouched", async () => {
    const dir = tmp();
    const input = join(dir, "dam-ha.xlsx");
    copyFileSync(join(EXAMPLES, "dam-ha.xlsx"), input);
    const before = readFileSync(input);
    const r = await tonghop(["consolidate", dir, "--out", input]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /trùng với một tệp đầu vào/);
    assert.ok(readFileSync(input).equals(before));
  });

  it("--help prints the usage and exits 0", async () => {
    const r = await tonghop(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /tonghop validate/);
  });
});

describe("cli: consolidate and validate", function () {
  this.timeout(180000);

  it("consolidates the examples folder: every unit, totals, a workbook and a JSON report", async () => {
    const dir = tmp();
    const out = join(dir, "ket-qua", "tong-hop.xlsx");
    const json = join(dir, "ket-qua", "tong-hop.json");
    const r = await tonghop(["consolidate", "examples", "--out", out, "--json", json]);
    const report = readReport(json);
    assertShape(report);
    assert.equal(r.code, hasError(report) ? 1 : 0, r.stdout);
    assertNoTrace(r);
    assert.equal(report.units.length, 10);
    // Paths as given, joined with the path inside the folder, in path order.
    assert.deepEqual(
      [...new Set(report.units.map((u) => u.file))],
      [
        "examples/binh-lieu.xlsx",
        "examples/cac-don-vi-mien-dong.xlsx",
        "examples/cam-pha.xlsx",
        "examples/dam-ha.xlsx",
        "examples/dang-bo-khoi-cac-co-quan-tinh.xlsx",
        "examples/nop-bo-sung/uong-bi.xlsx",
        "examples/quang-yen.xlsx",
        "examples/tien-yen.xlsx",
      ]
    );
    assert.deepEqual(
      report.units.find((u) => u.sheet === "Vân Đồn"),
      {
        name: "Đảng bộ huyện Vân Đồn",
        file: "examples/cac-don-vi-mien-dong.xlsx",
        sheet: "Vân Đồn",
      }
    );
    const total = report.totals.find((t) => t.label === "Tổng số tổ chức cơ sở đảng");
    assert.equal(total?.values["Số lượng"], 61 + 35 + 44 + 30 + 48 + 26 + 39 + 52 + 57 + 63);
    assert.ok(report.totals.every((t) => "Số lượng" in t.values && "Tỷ lệ (%)" in t.values));
    // stdout says what was found and where the files are.
    assert.match(r.stdout, /^Tổng hợp: 10 đơn vị từ 8 tệp\./);
    assert.ok(r.stdout.includes(out) && r.stdout.includes(json));
    const back = await readXlsx(new Uint8Array(readFileSync(out)), out);
    assert.ok(back.ours.some((o) => o.role === "summary"));
    assert.equal(back.workbook!.sheets.length, 10, "a copy of every unit sheet");
  });

  it("the workbook's formulas, recalculated by LibreOffice, give the JSON report's totals", async () => {
    const dir = tmp();
    const out = join(dir, "tong-hop.xlsx");
    const json = join(dir, "tong-hop.json");
    await tonghop(["consolidate", "examples", "--out", out, "--json", json]);
    const report = readReport(json);
    const sheet = libreOfficeSheets(out)["Tổng hợp"];
    assert.ok(sheet, "LibreOffice shows the Tổng hợp tab");
    // The province totals: the columns under "Tổng hợp", headed by the form's own "Số lượng", "Tỷ lệ (%)".
    const top = sheet.findIndex((row) => row.slice(3).includes("Tổng hợp"));
    const headerRow = top + 1;
    const first = sheet[top].indexOf("Tổng hợp", 3);
    const countCol = sheet[headerRow].indexOf("Số lượng", first);
    const percentCol = sheet[headerRow].indexOf("Tỷ lệ (%)", first);
    assert.ok(top > 0 && countCol === first && percentCol === first + 1, "header of the totals");
    let compared = 0;
    let from = headerRow + 1;
    for (const t of report.totals) {
      const at = sheet.findIndex((row, i) => i >= from && row.includes(t.label));
      assert.ok(at > 0, `row ${t.label}`);
      from = at + 1;
      const count = t.values["Số lượng"];
      const pct = t.values["Tỷ lệ (%)"];
      if (count !== null) {
        assert.ok(
          Math.abs(Number(sheet[at][countCol]) - count) < 1e-6,
          `${t.label}: ${sheet[at][countCol]} vs ${count}`
        );
        compared++;
      }
      if (pct !== null) {
        assert.ok(
          Math.abs(Number(sheet[at][percentCol]) - pct) <= 0.05 + 1e-9,
          `${t.label}: ${sheet[at][percentCol]} vs ${pct}`
        );
        compared++;
      }
    }
    assert.ok(compared >= 20, `${compared} figures compared`);
  });

  it("an unreadable file among good ones: one issue for it, the others consolidated, exit 1, no trace", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "dot-2"));
    copyFileSync(join(EXAMPLES, "dam-ha.xlsx"), join(dir, "dam-ha.xlsx"));
    copyFileSync(join(EXAMPLES, "nop-bo-sung", "uong-bi.xlsx"), join(dir, "dot-2", "uong-bi.xlsx"));
    writeFileSync(join(dir, "hong.xlsx"), "");
    writeFileSync(join(dir, "dot-2", "bang-tinh-cu.xlsx"), "STT,Chỉ tiêu\n1,Tổng số\n");
    // Excel's lock file while dam-ha.xlsx is open, and files that are not workbooks: never read.
    writeFileSync(join(dir, "~$dam-ha.xlsx"), Buffer.from([0x0b, 0x4e, 0x67, 0x75]));
    writeFileSync(join(dir, "ghi-chu.txt"), "không phải bảng tính");
    const json = join(dir, "r.json");
    const inputs = ["dam-ha.xlsx", "dot-2/uong-bi.xlsx", "~$dam-ha.xlsx"].map((f) => join(dir, f));
    const before = inputs.map((f) => readFileSync(f));
    const r = await tonghop([
      "consolidate",
      dir + "/",
      "--json",
      json,
      "--out",
      join(dir, "out.xlsx"),
    ]);
    inputs.forEach((f, k) => assert.ok(readFileSync(f).equals(before[k]), `${f} unchanged`));
    assert.equal(r.code, 1);
    assertNoTrace(r);
    const report = readReport(json);
    assertShape(report);
    assert.deepEqual(
      report.units.map((u) => [u.name, u.file]),
      [
        ["Đảng bộ huyện Đầm Hà", `${dir}/dam-ha.xlsx`],
        ["Đảng bộ thành phố Uông Bí", `${dir}/dot-2/uong-bi.xlsx`],
      ]
    );
    const fileIssues = report.issues.filter((i) => (i.rule as string).startsWith("file-"));
    assert.deepEqual(
      fileIssues.map((i) => [i.rule, i.file, i.severity]),
      [
        ["file-not-xlsx", `${dir}/dot-2/bang-tinh-cu.xlsx`, "error"],
        ["file-empty", `${dir}/hong.xlsx`, "error"],
      ]
    );
    assert.ok(!JSON.stringify(report).includes("~$"), "lock file skipped");
    assert.match(r.stdout, /hong\.xlsx: Tệp rỗng/);
    // The workbook's Kiểm tra tab lists the files that could not be read, with the engine's findings.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "out.xlsx"));
    const rows: string[] = [];
    wb.getWorksheet("Kiểm tra")!.eachRow((row) => rows.push(JSON.stringify(row.values)));
    assert.ok(
      rows.some((row) => row.includes("file-empty") && row.includes(`${dir}/hong.xlsx`)),
      rows.join("\n")
    );
  });

  it("speaks English with --lang en, in the summary and the JSON messages", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "empty.xlsx"), "");
    copyFileSync(join(EXAMPLES, "quang-yen.xlsx"), join(dir, "quang-yen.xlsx"));
    const json = join(dir, "r.json");
    const r = await tonghop(["validate", dir, "--json", json, "--lang", "en"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Validation: 1 unit from 2 files\./);
    assert.match(r.stdout, /Errors: \d+ · Warnings: \d+ · Info: \d+/);
    const report = readReport(json);
    assertShape(report);
    assert.deepEqual(report.totals, [], "totals only from consolidate");
    const empty = report.issues.find((i) => i.rule === "file-empty")!;
    assert.equal(
      empty.message,
      "The file is empty (0 bytes): ask the unit to send the .xlsx file again."
    );
  });

  it("a correct unit validates with exit 0; a missing input is an error and the rest still runs", async () => {
    const ok = await tonghop(["validate", "examples/nop-bo-sung/uong-bi.xlsx"]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /^Kiểm tra: 1 đơn vị từ 1 tệp\./);
    const dir = tmp();
    const json = join(dir, "r.json");
    const r = await tonghop([
      "validate",
      "examples/nop-bo-sung/uong-bi.xlsx",
      "khong-co.xlsx",
      "--json",
      json,
    ]);
    assert.equal(r.code, 1);
    const report = readReport(json);
    assert.equal(report.units.length, 1);
    assert.deepEqual(
      report.issues.filter((i) => i.rule === "input-missing").map((i) => i.file),
      ["khong-co.xlsx"]
    );
  });

  it("running again with the output inside the input folder does not count the units twice", async () => {
    const dir = tmp();
    copyFileSync(join(EXAMPLES, "dam-ha.xlsx"), join(dir, "dam-ha.xlsx"));
    copyFileSync(join(EXAMPLES, "quang-yen.xlsx"), join(dir, "quang-yen.xlsx"));
    const out = join(dir, "tong-hop.xlsx");
    const json = join(dir, "r.json");
    await tonghop(["consolidate", dir, "--out", out, "--json", json]);
    const first = readReport(json);
    const second = await tonghop([
      "consolidate",
      dir,
      "--out",
      join(dir, "lan-2.xlsx"),
      "--json",
      json,
    ]);
    assertNoTrace(second);
    const report = readReport(json);
    assert.deepEqual(report.units, first.units);
    assert.deepEqual(report.totals, first.totals);
    assert.deepEqual(
      report.issues.filter((i) => i.rule === "input-is-output").map((i) => [i.file, i.severity]),
      [[`${dir}/tong-hop.xlsx`, "info"]]
    );
  });
});

describe("cli: check-text", function () {
  this.timeout(60000);

  it("finds a wrong percentage in prose, with its line, column and text", async () => {
    const dir = tmp();
    const text = join(dir, "bao-cao.txt");
    writeFileSync(
      text,
      "Đảng bộ Khối các cơ quan tỉnh\n" +
        "Hiện Đảng bộ có tổng số 5.022 đảng viên, trong đó 2.344 đảng viên (đạt 47,6%) có trình độ lý luận chính trị từ trung cấp trở lên.\n"
    );
    const json = join(dir, "r.json");
    const r = await tonghop(["check-text", text, "--json", json]);
    assert.equal(r.code, 1, r.stdout);
    assertNoTrace(r);
    const report = readReport(json);
    assertShape(report);
    assert.deepEqual([report.units, report.totals], [[], []]);
    const wrong = report.issues.find((i) => i.severity === "error")!;
    assert.equal(wrong.file, text);
    assert.equal(wrong.line, 2);
    assert.ok(typeof wrong.column === "number" && wrong.column > 1);
    assert.match(wrong.text as string, /47,6%/);
    assert.equal(wrong.actual, 47.6);
    assert.equal(wrong.expected, 46.7);
    assert.match(r.stdout, /^Kiểm tra văn bản: 1 tệp văn bản\./);
    const all = await tonghop(["check-text", text, "--all", "--lang", "en"]);
    assert.equal(all.code, 1);
    assert.match(all.stdout, /^Text check: 1 text file\./);
  });
});
