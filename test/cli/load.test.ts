import assert from "node:assert/strict";
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { unitWorkbook } from "../../bench/generate";
import { loadWorkbooks } from "../../src/cli/load";
import { Issue } from "../../src/core/issue";
import { WorkbookModel } from "../../src/core/model";
import { readXlsxFast, readXlsxSync } from "../../src/xlsx/fast-read";
import { DEFAULT_LIMITS, ReadLimits } from "../../src/xlsx/file-rules";
import { ReadResult, sheetLooks } from "../../src/xlsx/look";
import { zlibInflate } from "../../src/xlsx/node-inflate";
import { TooLarge, inflateWhole, listZip } from "../../src/xlsx/zip";
import { minimalXlsx, num, zipBomb } from "../xlsx/fixtures";

const EXAMPLES = join(__dirname, "..", "..", "examples");

/** inflateWhole's answer: the bytes, or the error's class and fields. */
function outcome(run: () => Uint8Array): unknown {
  try {
    return Array.from(run());
  } catch (e) {
    return { error: (e as Error).constructor.name, ...(e as object) };
  }
}

const text = "<row>" + "<c><v>12345</v></c>".repeat(2000) + "</row>";
const zipOf = (data: string) => zipSync({ "a.xml": strToU8(data) }, { level: 6 });

/** The zip with its single entry's compressed bytes or declared size changed. */
function altered(data: string, change: (b: Uint8Array, start: number, end: number) => void) {
  const b = zipOf(data);
  const e = listZip(b)[0];
  const start = e.localOffset + 30 + b[e.localOffset + 26] + (b[e.localOffset + 27] << 8);
  change(b, start, start + e.compressedSize);
  return b;
}

/** Sets the declared uncompressed size in the central directory. */
function declare(b: Uint8Array, size: number): Uint8Array {
  let p = b.length - 22;
  while (b[p] !== 0x50 || b[p + 1] !== 0x4b || b[p + 2] !== 1 || b[p + 3] !== 2) p--;
  new DataView(b.buffer, b.byteOffset).setUint32(p + 24, size, true);
  return b;
}

describe("cli/load: inflating through zlib gives what fflate gives", () => {
  const cases: [string, Uint8Array, number][] = [
    ["plain", zipOf(text), 1e8],
    ["exactly at the limit", zipOf(text), text.length],
    ["one byte over the limit", zipOf(text), text.length - 1],
    ["declared smaller than it is (within the limit)", declare(zipOf(text), 100), 1e8],
    ["declared larger than it is", declare(zipOf(text), text.length * 3), 1e8],
    ["empty part", zipOf(""), 1e8],
    ["limit 0, empty part", zipOf(""), 0],
    ["damaged", altered(text, (b, s, e) => b.fill(0xff, s + 2, Math.min(e, s + 40))), 1e8],
    ["cut short", altered(text, (b, s, e) => b.fill(0, s + Math.floor((e - s) / 2), e)), 1e8],
    [
      "no data",
      declare(
        altered(text, (b, s) => b.fill(0xff, s, s + 1)),
        10
      ),
      1e8,
    ],
  ];
  for (const [name, b, limit] of cases) {
    it(name, () => {
      const e = listZip(b)[0];
      const fflate = outcome(() => inflateWhole(b, e, limit));
      const zlib = outcome(() => inflateWhole(b, e, limit, zlibInflate));
      assert.deepStrictEqual(zlib, fflate);
    });
  }
  it("zlibInflate stops past its limit with TooLarge, and gives the bytes up to it", () => {
    const b = zipOf(text);
    const e = listZip(b)[0];
    const data = b.subarray(e.localOffset + 35, e.localOffset + 35 + e.compressedSize);
    assert.equal(e.name, "a.xml");
    assert.throws(() => zlibInflate(data, text.length - 1, e.size), TooLarge);
    assert.equal(new TextDecoder().decode(zlibInflate(data, text.length, 10)), text);
  });
  it("a part over the limit is stopped with the same size in the issue", () => {
    const b = zipBomb(1024, 8 * 1024 * 1024);
    const e = listZip(b).find((x) => x.name.endsWith("bomb.xml"))!;
    const fflate = outcome(() => inflateWhole(b, e, 3 * 1024 * 1024));
    assert.equal((fflate as { error: string }).error, "TooLarge");
    assert.deepStrictEqual(
      outcome(() => inflateWhole(b, e, 3 * 1024 * 1024, zlibInflate)),
      fflate
    );
  });
});

/** The reader with and without zlib: the same result, looks included. */
function sameWithZlib(bytes: Uint8Array, file: string, limits: ReadLimits = DEFAULT_LIMITS): void {
  const plain = readXlsxSync(bytes, file, limits);
  const zlib = readXlsxSync(bytes, file, limits, zlibInflate);
  assert.deepStrictEqual(zlib, plain, file);
  const looks = (r: ReadResult) => (r.workbook?.sheets ?? []).map((s) => sheetLooks.get(s));
  assert.deepStrictEqual(looks(zlib), looks(plain), `${file}: looks`);
}

describe("cli/load: the reader with zlib gives the same result", () => {
  it("on examples/ and generated units", () => {
    const files = readdirSync(EXAMPLES, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".xlsx"))
      .sort();
    assert.ok(files.length >= 8);
    for (const f of files) sameWithZlib(new Uint8Array(readFileSync(join(EXAMPLES, f))), f);
    for (let i = 0; i < 4; i++) sameWithZlib(unitWorkbook("small", i), `small-${i}.xlsx`);
    sameWithZlib(unitWorkbook("large", 1), "large-1.xlsx");
  });

  it("on zip bombs and damaged parts", () => {
    const small: ReadLimits = { ...DEFAULT_LIMITS, maxPartBytes: 2 << 20, maxTotalBytes: 3 << 20 };
    sameWithZlib(zipBomb(1024, 5 << 20), "bomb-lying.xlsx", small);
    sameWithZlib(zipBomb(3_000_000_000, 1024), "bomb-declared.xlsx");
    const files = unzipSync(minimalXlsx([{ name: "S", data: `<row r="1">${num("A1", 1)}</row>` }]));
    const good = zipSync(files, { level: 6 });
    const sheet = listZip(good).find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const damaged = good.slice();
    const start = sheet.localOffset + 30 + good[sheet.localOffset + 26];
    damaged.fill(0xff, start, start + Math.min(8, sheet.compressedSize));
    sameWithZlib(damaged, "damaged.xlsx");
    sameWithZlib(good.slice(0, Math.floor(good.length / 2)), "truncated.xlsx");
  });
});

describe("cli/load: loadWorkbooks", () => {
  it("gives the workbooks and issues of reading each file in order, skipping the previous output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tonghop-load-"));
    const names = ["dam-ha.xlsx", "cam-pha.xlsx"];
    for (const f of names) copyFileSync(join(EXAMPLES, f), join(dir, f));
    writeFileSync(join(dir, "b-broken.xlsx"), strToU8("STT,Chỉ tiêu\n"));
    writeFileSync(join(dir, "c-out.xlsx"), unitWorkbook("small", 2));
    writeFileSync(join(dir, "d-unit.xlsx"), unitWorkbook("small", 5));
    const all = readdirSync(dir).sort();
    const files = all.map((f) => ({ path: join(dir, f), label: f, fromFolder: true }));
    const seen: string[] = [];
    const loaded = await loadWorkbooks(files, {
      outPath: realpathSync(join(dir, "c-out.xlsx")),
      onFile: (i, total, label) => seen.push(`${i}/${total} ${label}`),
    });
    assert.deepStrictEqual(
      seen,
      all.map((f, i) => `${i}/${all.length} ${f}`)
    );
    const workbooks: WorkbookModel[] = [];
    const issues: Issue[] = [];
    for (const f of all.filter((x) => x !== "c-out.xlsx")) {
      const read = await readXlsxFast(new Uint8Array(readFileSync(join(dir, f))), f);
      issues.push(...read.issues);
      if (read.workbook) workbooks.push(read.workbook);
    }
    assert.equal(workbooks.length, 3);
    assert.equal(issues.filter((i) => i.file === "b-broken.xlsx").length, 1);
    assert.deepStrictEqual(loaded.issues, issues);
    assert.deepStrictEqual(loaded.workbooks, workbooks);
  });
});
