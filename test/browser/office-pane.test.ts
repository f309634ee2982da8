/**
 * The task pane in its Excel mode, in headless Chromium, over the mock workbook (office-addin-mock) in place
 * of Excel: the sheets of the open workbook listed, a run written into the workbook, an issue clicked to
 * select its cell, flags cleared, files imported, the chart offered, an older Excel explained.
 * Screenshots go to test/.tmp/.
 */
import { strict as assert } from "node:assert";
import { mkdirSync, readFileSync } from "fs";
import { Server } from "http";
import { join } from "path";
import { Browser, Page } from "playwright-core";
import { consolidate } from "../../src/core/engine";
import { readXlsxFast } from "../../src/xlsx/fast-read";
import { writeXlsxFast } from "../../src/xlsx/fast-write";
import { NOTE_MARK } from "../../src/xlsx/plan";
import { ROOT, Watched, bundle, idle, launch, openPane, serve } from "./harness";

const SHOTS = join(ROOT, "test", ".tmp");
const example = (f: string) => ({
  name: f,
  b64: readFileSync(join(ROOT, "examples", f)).toString("base64"),
});
const WORKBOOK = ["binh-lieu.xlsx", "cac-don-vi-mien-dong.xlsx", "dam-ha.xlsx", "tien-yen.xlsx"];

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

const fake = <T>(page: Page, expr: (xl: any) => T): Promise<T> =>
  page.evaluate(
    (src) => new Function("xl", `return (${src})(xl)`)((globalThis as any).fakeExcel),
    expr.toString()
  ) as Promise<T>;

describe("task pane in Excel mode (headless Chromium, mock workbook)", function () {
  this.timeout(60_000);
  let server: Server | null = null;
  let origin = "";
  let browser: Browser | null = null;
  const open: Watched[] = [];

  async function excelPane(files = WORKBOOK, api = "1.13"): Promise<Watched> {
    const w = await openPane(browser!, `${origin}/office-harness.html`);
    open.push(w);
    await w.page.evaluate(({ files, api }) => (globalThis as any).startOfficePane(files, api), {
      files: files.map(example),
      api,
    });
    await idle(w.page);
    return w;
  }

  /** The command line's output over the same four files, opened whole in the mock Excel of version `api`. */
  async function cliOutputPane(api: string): Promise<Watched> {
    const wbs = [];
    for (const f of WORKBOOK) {
      const bytes = new Uint8Array(readFileSync(join(ROOT, "examples", f)));
      wbs.push((await readXlsxFast(bytes, f)).workbook!);
    }
    const out = writeXlsxFast(consolidate(wbs, { lang: "vi" }), wbs);
    const w = await openPane(browser!, `${origin}/office-harness.html`);
    open.push(w);
    await w.page.evaluate(({ b64, api }) => (globalThis as any).startOfficeWorkbook(b64, api), {
      b64: Buffer.from(out).toString("base64"),
      api,
    });
    await idle(w.page);
    return w;
  }

  /** How many notes of the mock workbook hold one of the command line's lines. */
  const ourNotes = (page: Page) =>
    page.evaluate(
      (mark) =>
        (globalThis as any).fakeExcel.sheets
          .flatMap((s: any) => [...s.notes.values()])
          .filter((n: string) => n.includes(mark)).length,
      NOTE_MARK.trim()
    );

  before(async function () {
    this.timeout(180_000);
    const b = await bundle();
    ({ server, origin } = await serve([b.harness, b.dist]));
    browser = await launch();
  });

  afterEach(async () => {
    for (const w of open.splice(0)) await w.context.close();
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(null)));
  });

  it("lists the workbook's sheets, consolidates into it, and goes to an issue's cell", async () => {
    const w = await excelPane();
    const page = w.page;
    assert.equal(await page.textContent(".mode"), "Làm việc trên bảng tính đang mở.");
    assert.equal(await page.locator(".dropzone").count(), 0, "no file drop in Excel");
    const sheets = await page.$$eval(".sheet", (els) =>
      els.map((el) => [
        el.querySelector(".sheet-name")?.textContent,
        (el.querySelector("input") as HTMLInputElement).checked,
      ])
    );
    assert.deepEqual(sheets, [
      ["Biểu 02", true],
      ["Hướng dẫn", false],
      ["Hải Hà", true],
      ["Ba Chẽ", true],
      ["Vân Đồn", true],
      ["Biểu 02 (2)", true],
      ["Sheet1", true],
    ]);
    await shot(page, "office-vi-start.png");

    await page.click("[data-key=run-consolidate]");
    await page.waitForSelector(".results");
    await idle(page);
    assert.equal(await page.textContent(".summary"), "Đã tổng hợp 6 đơn vị vào trang “Tổng hợp”.");
    assert.equal(await fake(page, (xl) => xl.activeSheet.name), "Tổng hợp");
    // The chart's choice lists the percentage rows.
    const options = await page.$$eval("#chart-indicator option", (o) =>
      o.map((x) => x.textContent)
    );
    assert.ok(options.includes("Đảng viên nữ"), options.join(" | "));
    assert.ok(options.includes("1.1. Đảng bộ cơ sở"));

    // Clicking an issue selects its cell in the workbook.
    const first = page.locator(".issue-button:has(.issue-place)").first();
    const place = (await first.locator(".issue-place").textContent())!.split(" · ");
    await first.click();
    await page.waitForFunction(() => (globalThis as any).fakeExcel.selected !== null);
    assert.equal(await fake(page, (xl) => xl.selected), `${place[0]}!${place[1]}`);
    assert.equal(await fake(page, (xl) => xl.activeSheet.name), place[0]);
    assert.equal(await page.locator(".issue.selected").count(), 1);
    await shot(page, "office-vi-after.png");

    await page.click("[data-key=clear-flags]");
    await idle(page);
    assert.match((await page.textContent(".notice-success")) ?? "", /^Đã xóa đánh dấu ở \d+ ô\.$/);
    assert.deepEqual(w.errors, []);
    assert.deepEqual(
      w.requests.filter((u) => new URL(u).origin !== origin),
      []
    );
  });

  it("clears the command line's flags, and says its notes stay where Excel has no notes API (1.13)", async () => {
    const w = await cliOutputPane("1.13");
    const page = w.page;
    const before = await ourNotes(page);
    assert.ok(before > 0, "the command line's output carries its notes");
    await page.click("[data-key=clear-flags]");
    await idle(page);
    assert.match((await page.textContent(".notice-success")) ?? "", /^Đã xóa đánh dấu ở \d+ ô\.$/);
    const info = (await page.textContent(".notices .notice-info")) ?? "";
    assert.match(info, /ExcelApi 1\.18/);
    assert.match(info, /xóa bằng tay/);
    assert.equal(await ourNotes(page), before, "the notes are not touched");
    await shot(page, "office-vi-clear-notes.png");
    // The notice follows a language switch, as every notice does.
    await page.click("[data-key=lang-en]");
    assert.match((await page.textContent(".notices .notice-info")) ?? "", /deleted by hand/);
    assert.deepEqual(w.errors, []);
  });

  it("clears the command line's flags and its notes where Excel has the notes API (1.18), with no notice", async () => {
    const w = await cliOutputPane("1.18");
    const page = w.page;
    assert.ok((await ourNotes(page)) > 0);
    await page.click("[data-key=clear-flags]");
    await idle(page);
    assert.match((await page.textContent(".notice-success")) ?? "", /^Đã xóa đánh dấu ở \d+ ô\.$/);
    assert.equal(await page.locator(".notices .notice-info").count(), 0);
    assert.equal(await ourNotes(page), 0, "none of the command line's notes is left");
    assert.deepEqual(w.errors, []);
  });

  it("imports a late submission's sheet, then consolidates it with the others", async () => {
    const w = await excelPane(["dam-ha.xlsx", "cam-pha.xlsx"]);
    const page = w.page;
    await page.setInputFiles("#import-input", [
      join(ROOT, "examples", "nop-bo-sung", "uong-bi.xlsx"),
    ]);
    await page.waitForSelector(".notice-success");
    await idle(page);
    assert.equal(await page.textContent(".notice-success p"), "Đã nhập 1 trang: Biểu 02 (3).");
    assert.deepEqual(await page.evaluate(() => (globalThis as any).insertCalls), [["Biểu 02"]]);
    assert.equal(await page.locator(".sheet-name", { hasText: "Biểu 02 (3)" }).count(), 1);
    await page.click("[data-key=notice-consolidate]");
    await page.waitForSelector(".results");
    await idle(page);
    assert.equal(await page.textContent(".summary"), "Đã tổng hợp 3 đơn vị vào trang “Tổng hợp”.");
    assert.deepEqual(w.errors, []);
  });

  it("in an older Excel says which features are missing, and why Nhập tệp cannot work, in English too", async () => {
    const w = await excelPane(["dam-ha.xlsx"], "1.9");
    const page = w.page;
    await page.click("[data-key=lang-en]");
    assert.match(
      (await page.textContent(".missing summary")) ?? "",
      /^This Excel lacks 4 features/
    );
    await page.click(".missing summary");
    await shot(page, "office-en-start.png");
    await page.setInputFiles("#import-input", [join(ROOT, "examples", "cam-pha.xlsx")]);
    const notice = (await page.textContent(".notice-warning")) ?? "";
    assert.match(notice, /ExcelApi 1\.13/);
    assert.match(notice, /Move or Copy/);
    assert.deepEqual(await page.evaluate(() => (globalThis as any).insertCalls), []);
    await page.click("[data-key=run-consolidate]");
    await page.waitForSelector(".results");
    await idle(page);
    assert.equal(await page.textContent(".summary"), "Consolidated 1 unit into “Tổng hợp”.");
    await shot(page, "office-en-after.png");
    assert.deepEqual(w.errors, []);
  });
});
