/**
 * Issue 8, never losing data: consolidate, validate and clearing flags leave every value and formula of every
 * unit sheet as it was (hashed before and after, on the .xlsx path and on the Office path); outputs are
 * written under a temporary name and renamed, never over an input; running twice gives the same workbook.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { badFiles, hostileReport } from "../../scripts/make-bad-files";
import { writeAtomic } from "../../src/cli/run";
import { engine } from "../../src/commands/engine-binding";
import { handleRibbon } from "../../src/commands/ribbon";
import { roleOfMarker } from "../../src/excel/markers";
import { clearFlags } from "../../src/excel/write";
import { FLAG_FILL } from "../../src/core/output";
import { SheetModel } from "../../src/core/model";
import { readXlsx } from "../../src/xlsx/read";
import { FakeExcel, FakeSheet } from "../excel/fake-excel";
import { unitWorkbook } from "../excel/fixtures";
import { EXAMPLES, assertNoTrace, readReport, tmp, tonghop } from "./run-cli";

const sha = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** What a unit sheet holds: its place, values, formulas and kinds of value. */
const sheetHash = (s: SheetModel) =>
  sha(JSON.stringify([s.address, s.values, s.formulas, s.valueTypes]));

/** Examples and in-table corpus files (errors, merges, hidden rows and sheets, uncomputed formulas). */
function inputFolder(): string {
  const dir = tmp();
  for (const f of ["cam-pha.xlsx", "dam-ha.xlsx", "tien-yen.xlsx", "cac-don-vi-mien-dong.xlsx"])
    copyFileSync(join(EXAMPLES, f), join(dir, f));
  const keep = [
    "gia-tri-loi.xlsx",
    "o-gop.xlsx",
    "an-dong-an-trang.xlsx",
    "cong-thuc-chua-tinh.xlsx",
  ];
  for (const f of badFiles().filter((b) => keep.includes(b.name)))
    writeFileSync(join(dir, f.name), f.bytes);
  writeFileSync(join(dir, "dong-trieu-ky-tu-la.xlsx"), hostileReport());
  return dir;
}

const filesOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".xlsx"))
    .sort();

async function modelOf(path: string) {
  return (await readXlsx(new Uint8Array(readFileSync(path)), path)).workbook!;
}

describe("reliability: the .xlsx path never changes a unit's data", function () {
  this.timeout(180000);

  it("inputs byte-identical after consolidate and validate; the output's copies hold the same values and formulas", async () => {
    const dir = inputFolder();
    const files = filesOf(dir);
    const before = new Map(files.map((f) => [f, sha(readFileSync(join(dir, f)))]));
    const outDir = tmp();
    const out = join(outDir, "tong-hop.xlsx");
    const json = join(outDir, "r.json");
    const c = await tonghop(["consolidate", dir, "--out", out, "--json", json]);
    assertNoTrace(c);
    const v = await tonghop(["validate", dir, "--json", join(outDir, "v.json")]);
    assertNoTrace(v);
    for (const f of files) assert.equal(sha(readFileSync(join(dir, f))), before.get(f), f);
    assert.deepEqual(filesOf(dir), files, "nothing written into the input folder");

    const report = readReport(json);
    const output = await modelOf(out);
    assert.ok(report.units.length >= 12, `${report.units.length} units`);
    // Copies come in the order of the units, after our tabs (which the reader sets apart).
    const inputs = new Map<string, SheetModel>();
    for (const f of files)
      for (const s of (await modelOf(join(dir, f))).sheets)
        inputs.set(`${join(dir, f)}|${s.name}`, s);
    report.units.forEach((u, i) => {
      const original = inputs.get(`${u.file}|${u.sheet}`)!;
      const copy = output.sheets[i];
      assert.equal(sheetHash(copy), sheetHash(original), `${u.file} ${u.sheet} → ${copy.name}`);
      assert.deepEqual(
        [[...copy.merges].sort(), copy.hiddenRows, copy.hiddenColumns, copy.visibility],
        [
          [...original.merges].sort(),
          original.hiddenRows,
          original.hiddenColumns,
          original.visibility,
        ]
      );
    });

    // The output consolidated again (its flagged copies read back) still holds the same figures.
    const again = join(outDir, "lan-2.xlsx");
    const r2 = await tonghop(["consolidate", out, "--out", again]);
    assertNoTrace(r2);
    const second = await modelOf(again);
    report.units.forEach((u, i) => {
      assert.equal(sheetHash(second.sheets[i]), sheetHash(output.sheets[i]), `${u.sheet} twice`);
    });
  });
});

/** Everything of a sheet but its fills: values, formulas, formats, merges, hidden rows and columns. */
function fakeSheetHash(s: FakeSheet): string {
  const cells = [...s.cells.entries()]
    .filter(([, c]) => c.v !== "" || c.f !== undefined)
    .map(([a1, c]) => [a1, c.v, c.f ?? null, c.fmt])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return sha(
    JSON.stringify([
      s.name,
      s.visibility,
      cells,
      s.merges,
      [...s.hiddenRows].sort(),
      [...s.hiddenCols].sort(),
      s.comments,
    ])
  );
}

function fills(s: FakeSheet): Record<string, string | null> {
  return Object.fromEntries([...s.cells.entries()].map(([a1, c]) => [a1, c.fill]));
}

/** Three units (one with parts that do not add up, one with a fill of its own) and a sheet of the user's. */
function officeWorkbook(): { xl: FakeExcel; theirs: FakeSheet[] } {
  const xl = unitWorkbook(3);
  const [a, b] = xl.sheets;
  a.cell("D6").v = 36; // 36 + 24 ≠ 61: flagged
  b.cell("D8").fill = "#C6EFCE"; // the unit's own green, to be given back after clearing
  const mine = xl.addSheet("Ghi chú của tôi", [
    ["Đã nhận", "Ngày"],
    ["Đơn vị 1", 45678],
    ["=COUNTA(A2:A4)", "=B2+1"],
  ]);
  mine.hiddenRows.add(1);
  return { xl, theirs: xl.sheets.slice() };
}

describe("reliability: the add-in never changes a unit's data", function () {
  this.timeout(60000);

  it("consolidate, validate and clearing flags leave every unit sheet's values and formulas as they were", async () => {
    const { xl, theirs } = officeWorkbook();
    const hashes = () => theirs.map(fakeSheetHash);
    const before = hashes();
    const fillsBefore = theirs.map(fills);
    const deps = { run: xl.run, engine: engine(), check: xl.check };
    const event = { completed: () => {} };

    assert.equal(await handleRibbon(event, "consolidate", deps), "done");
    assert.deepEqual(hashes(), before, "after consolidate");
    assert.equal(await handleRibbon(event, "validate", deps), "done");
    assert.deepEqual(hashes(), before, "after validate");
    const painted = theirs.flatMap((s) =>
      [...s.cells.values()].filter((c) => c.fill === FLAG_FILL.error)
    );
    assert.ok(painted.length > 0, "flags were painted on the unit sheets");

    await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual(hashes(), before, "after clearing the flags");
    theirs.forEach((s, i) => {
      const now = fills(s);
      for (const [a1, fill] of Object.entries(fillsBefore[i]))
        assert.equal(now[a1], fill, `${s.name}!${a1}`);
    });
    assert.ok(xl.sheets.includes(theirs[3]), "the user's own sheet is still there");
  });

  it("running twice gives the same workbook: our tabs replaced, not added", async () => {
    const { xl } = officeWorkbook();
    const deps = { run: xl.run, engine: engine(), check: xl.check };
    const event = { completed: () => {} };
    const snapshot = () => ({
      sheets: xl.sheets.map((s) => s.name),
      ours: [...xl.names.keys()].filter((n) => roleOfMarker(n)).sort(),
      hashes: xl.sheets.map(fakeSheetHash),
    });
    await handleRibbon(event, "consolidate", deps);
    const once = snapshot();
    await handleRibbon(event, "consolidate", deps);
    assert.deepEqual(snapshot(), once);
    assert.equal(once.sheets.filter((n) => n.startsWith("Tổng hợp")).length, 1);
  });
});

/** Sheet names, states and every cell's value, as another program reads the file. */
async function workbookSnapshot(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const cells: [string, string][] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push([c.address, JSON.stringify(c.value)])));
    return { name: ws.name, state: ws.state, cells };
  });
}

describe("reliability: outputs of the command line", function () {
  this.timeout(180000);

  it("running twice, the previous output inside the folder and named again by --out, gives the same workbook", async () => {
    const dir = tmp();
    for (const f of ["cam-pha.xlsx", "dam-ha.xlsx", "quang-yen.xlsx"])
      copyFileSync(join(EXAMPLES, f), join(dir, f));
    const out = join(dir, "tong-hop.xlsx");
    const json = join(dir, "ket-qua.json");
    const first = await tonghop(["consolidate", dir, "--out", out, "--json", json]);
    assertNoTrace(first);
    const once = await workbookSnapshot(out);
    const onceJson = readFileSync(json, "utf8");
    const second = await tonghop(["consolidate", dir, "--out", out, "--json", json]);
    assertNoTrace(second);
    const twice = await workbookSnapshot(out);
    assert.deepEqual(
      twice.map((s) => s.name),
      once.map((s) => s.name)
    );
    assert.deepEqual(twice, once);
    assert.equal(readFileSync(json, "utf8"), onceJson);
    assert.equal(once.filter((s) => s.name.startsWith("Tổng hợp")).length, 1);
  });

  it("an output path that is an input, however spelled, is refused and the input left untouched", async () => {
    const dir = tmp();
    const input = join(dir, "dam-ha.xlsx");
    copyFileSync(join(EXAMPLES, "dam-ha.xlsx"), input);
    symlinkSync(input, join(dir, "lien-ket.xlsx"));
    const bytes = readFileSync(input);
    for (const args of [
      ["consolidate", dir, "--out", join(dir, "..", dir.split("/").pop()!, "dam-ha.xlsx")],
      ["consolidate", input, "--out", join(dir, "lien-ket.xlsx")],
      ["validate", dir, "--json", input],
      ["consolidate", input, "--json", `${dir}/./dam-ha.xlsx`],
    ]) {
      const r = await tonghop(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /trùng với một tệp đầu vào/);
      assertNoTrace(r);
      assert.ok(readFileSync(input).equals(bytes), args.join(" "));
    }
  });

  it("a write that fails leaves no partial file and says so in one line (--out names a folder)", async () => {
    const dir = tmp();
    copyFileSync(join(EXAMPLES, "dam-ha.xlsx"), join(dir, "dam-ha.xlsx"));
    const outDir = tmp();
    const blocked = join(outDir, "tong-hop.xlsx");
    mkdirSync(blocked);
    writeFileSync(join(blocked, "cua-nguoi-dung.txt"), "giữ nguyên");
    const r = await tonghop(["consolidate", join(dir, "dam-ha.xlsx"), "--out", blocked]);
    assert.equal(r.code, 1);
    assertNoTrace(r);
    assert.match(
      r.stderr,
      /^Không ghi được tệp .*tong-hop\.xlsx \(E\w+\): .*Các tệp đầu vào không bị thay đổi\.\n$/
    );
    assert.deepEqual(readdirSync(outDir), ["tong-hop.xlsx"], "no temporary file left");
    assert.deepEqual(readdirSync(blocked), ["cua-nguoi-dung.txt"]);
  });
});

describe("reliability: writeAtomic writes a temporary file, then renames it", () => {
  // The module object itself, whose functions writeAtomic looks up when it runs.

  const fs: typeof import("fs") = require("fs");
  const realWrite = fs.writeFileSync;
  const realRename = fs.renameSync;
  afterEach(() => {
    Object.assign(fs, { writeFileSync: realWrite, renameSync: realRename });
  });

  it("the target appears only whole, by a rename in the same folder", () => {
    const dir = tmp();
    const target = join(dir, "tong-hop.xlsx");
    const data = new Uint8Array(100000).fill(7);
    const seen: { from: string; whole: boolean; targetBefore: boolean }[] = [];
    Object.assign(fs, {
      renameSync: (from: string, to: string) => {
        seen.push({
          from,
          whole: readFileSync(from).equals(Buffer.from(data)),
          targetBefore: existsSync(to),
        });
        realRename(from, to);
      },
    });
    writeAtomic(target, data);
    assert.equal(seen.length, 1);
    assert.ok(seen[0].from.startsWith(target + ".") && seen[0].from.endsWith(".tmp"));
    assert.deepEqual([seen[0].whole, seen[0].targetBefore], [true, false]);
    assert.ok(readFileSync(target).equals(Buffer.from(data)));
  });

  it("a write that fails half-way (disk full) leaves the previous file whole and no temporary file", () => {
    const dir = tmp();
    const target = join(dir, "tong-hop.xlsx");
    realWrite(target, "bản trước");
    Object.assign(fs, {
      writeFileSync: (path: string, data: Uint8Array) => {
        realWrite(path, data.subarray(0, data.length / 2));
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    });
    assert.throws(() => writeAtomic(target, new Uint8Array(1000)), /ENOSPC/);
    assert.equal(readFileSync(target, "utf8"), "bản trước");
    assert.deepEqual(readdirSync(dir), ["tong-hop.xlsx"]);
  });
});
