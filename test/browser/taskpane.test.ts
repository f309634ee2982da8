/**
 * The task pane in a real browser (Debian's headless Chromium), in its browser mode: files in through the
 * picker and by drag and drop, the engine in the page, the consolidated workbook out as a download, checked
 * against the same engine run here in Node. Hostile workbook text must stay text, no request may leave the
 * page's origin, and every string must follow the language switch. Screenshots go to test/.tmp/.
 */
import { strict as assert } from "node:assert";
import { mkdirSync, readFileSync } from "fs";
import { Server } from "http";
import { join } from "path";
import ExcelJS from "exceljs";
import { Browser, Page } from "playwright-core";
import { consolidate } from "../../src/core/engine";
import { countIssues } from "../../src/core/issue";
import { WorkbookModel } from "../../src/core/model";
import { STRING_KEYS, t } from "../../src/taskpane/i18n";
import { readXlsx } from "../../src/xlsx/read";
import { copyNameOf } from "../../src/xlsx/write";
import { ROOT, Watched, bundle, idle, launch, openPane, serve } from "./harness";

const EXAMPLES = [
  "binh-lieu.xlsx",
  "cac-don-vi-mien-dong.xlsx",
  "cam-pha.xlsx",
  "dam-ha.xlsx",
  "dang-bo-khoi-cac-co-quan-tinh.xlsx",
  "nop-bo-sung/uong-bi.xlsx",
  "quang-yen.xlsx",
  "tien-yen.xlsx",
].map((f) => join(ROOT, "examples", f));

const SHOTS = join(ROOT, "test", ".tmp");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HOSTILE_SHEET = "<img src=x onerror=alert(1)>";
const HOSTILE_UNIT = "<img src=x onerror=alert(2)>";
const HOSTILE_LABEL = '<b onmouseover="alert(3)">Có trình độ</b> chuyên môn từ đại học trở lên';
const HOSTILE_NOTE = "<script>alert(4)</script>";
const HOSTILE_FILE = "<svg onload=alert(5)>.xlsx";
/** Text where a count belongs: the engine leaves it out with a warning that quotes it. */
const HOSTILE_COUNT = "<img src=y onerror=alert(6)>80";

/** The same run in Node: the files as the page reads them, the same engine. */
async function nodeRun(paths: string[]) {
  const wbs: WorkbookModel[] = [];
  for (const p of paths) {
    const name = p.split("/").pop()!;
    const read = await readXlsx(readFileSync(p), name);
    if (read.workbook) wbs.push(read.workbook);
  }
  return { ...consolidate(wbs, { lang: "vi", linkToSources: true }), workbooks: wbs };
}

/** Đầm Hà's report with a hostile sheet name, unit name, label, count and note. */
async function hostileWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(ROOT, "examples", "dam-ha.xlsx")) as never);
  const ws = wb.worksheets[0];
  ws.name = HOSTILE_SHEET;
  ws.getCell("A6").value = `Đơn vị báo cáo: ${HOSTILE_UNIT}`;
  ws.getCell("D28").value = HOSTILE_COUNT;
  ws.getCell("B26").value = HOSTILE_LABEL;
  ws.getCell("F28").value = HOSTILE_NOTE;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

async function addExamples(page: Page, paths = EXAMPLES): Promise<void> {
  await page.setInputFiles("#files-input", paths);
  await page.waitForFunction((n) => document.querySelectorAll(".file").length === n, paths.length, {
    timeout: 30_000,
  });
  await idle(page);
}

async function runAndWait(page: Page, key: "run-consolidate" | "run-validate"): Promise<void> {
  await page.click(`[data-key=${key}]`);
  await page.waitForSelector(".results", { timeout: 30_000 });
  await idle(page);
}

/** Nothing but the page's own origin was asked for, and the browser refused nothing. */
async function assertStayedHome(w: Watched, origin: string): Promise<void> {
  assert.ok(w.requests.length > 0, "the page made its own requests");
  const away = w.requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(away, [], "requests that left the page's origin");
  assert.deepEqual(await w.violations(), [], "CSP violations");
  assert.deepEqual(w.errors, [], "script errors");
  assert.deepEqual(w.dialogs, [], "dialogs");
}

describe("task pane in a browser (headless Chromium)", function () {
  this.timeout(60_000);
  let server: Server | null = null;
  let origin = "";
  let browser: Browser | null = null;
  const open: Watched[] = [];

  const pane = async (width = 350): Promise<Watched> => {
    const w = await openPane(browser!, `${origin}/taskpane.html`, width);
    open.push(w);
    await w.page.waitForSelector(".dropzone");
    return w;
  };

  before(async function () {
    this.timeout(180_000);
    ({ server, origin } = await serve([(await bundle()).dist]));
    browser = await launch();
  });

  afterEach(async () => {
    for (const w of open.splice(0)) await w.context.close();
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(null)));
  });

  it("opens in browser mode without Office.js, in Vietnamese, and locks itself to its origin", async () => {
    const w = await pane();
    const page = w.page;
    assert.equal(
      await page.evaluate(() => typeof (window as { Office?: unknown }).Office),
      "undefined"
    );
    const scripts = await page.$$eval("script", (s) => s.map((x) => (x as HTMLScriptElement).src));
    assert.ok(
      scripts.every((src) => src.startsWith(origin)),
      `scripts: ${scripts.join(", ")}`
    );
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.equal(await page.textContent("h1"), "Tổng hợp báo cáo");
    assert.equal(await page.textContent("[data-key=run-consolidate]"), "Tổng hợp");
    assert.equal(await page.textContent("[data-key=run-validate]"), "Kiểm tra");
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp ?? "", /default-src 'self'/);
    await shot(page, "pane-vi-start.png");
    await assertStayedHome(w, origin);
  });

  it("consolidates the example files: the download holds the totals the engine computes in Node", async () => {
    const expected = await nodeRun(EXAMPLES);
    const w = await pane();
    const page = w.page;
    await addExamples(page);
    // Sheets listed with their kind; the instructions sheet is left unchecked.
    const kinds = await page.$$eval(".sheet", (els) =>
      els.map((el) => ({
        name: el.querySelector(".sheet-name")?.textContent,
        kind: el.querySelector(".kind")?.textContent,
        checked: (el.querySelector("input") as HTMLInputElement).checked,
      }))
    );
    assert.equal(kinds.length, 11);
    assert.deepEqual(
      kinds.filter((k) => !k.checked),
      [{ name: "Hướng dẫn", kind: "Khác", checked: false }]
    );
    assert.equal(kinds.filter((k) => k.kind === "Đơn vị").length, 10);

    await runAndWait(page, "run-consolidate");
    assert.equal(
      await page.textContent(".summary"),
      `Đã tổng hợp ${expected.units.length} đơn vị từ 8 tệp.`
    );
    const counts = countIssues(expected.issues).bySeverity;
    for (const s of ["error", "warning", "info"] as const)
      assert.equal(await page.textContent(`.count-${s} .count-n`), String(counts[s]), s);

    // The issue list: grouped by unit, one item per issue, in the engine's words.
    const groups = await page.$$eval(".group", (els) =>
      els.map((g) => ({
        unit: g.querySelector(".group-name")?.textContent,
        messages: [...g.querySelectorAll(".issue-message")].map((m) => m.textContent),
      }))
    );
    const byUnit = new Map<string, string[]>();
    for (const i of expected.issues)
      byUnit.set(i.unit!, [...(byUnit.get(i.unit!) ?? []), i.message.vi]);
    assert.deepEqual(
      groups,
      [...byUnit].map(([unit, messages]) => ({ unit, messages }))
    );
    assert.ok(groups.some((g) => g.unit === "Đảng bộ huyện Bình Liêu"));

    // Clicking an issue says where it is.
    const first = expected.issues[0];
    await page.click("[data-key=issue-0]");
    assert.equal(
      await page.textContent(".issue.selected .issue-detail p"),
      `Tệp: ${first.file} · Trang: ${first.sheet} · Ô: ${first.cell}`
    );
    assert.equal(await page.getAttribute("[data-key=issue-0]", "aria-expanded"), "true");
    await shot(page, "pane-vi-after.png");

    // The download: a Blob from the page, opened here by ExcelJS.
    const link = page.locator("a.download");
    assert.equal((await link.textContent())?.trim(), "Tải về tong-hop.xlsx");
    assert.match((await link.getAttribute("href")) ?? "", /^blob:/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.equal(download.suggestedFilename(), "tong-hop.xlsx");
    const path = await download.path();
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path);
    const names = out.worksheets.map((s) => s.name);
    assert.equal(names[0], "Tổng hợp");
    const summary = out.getWorksheet("Tổng hợp")!;
    const wanted = expected.totals.find((r) => r.label === "Tổng số đảng viên")!;
    let found: number | null = null;
    summary.eachRow((row) => {
      if (row.getCell(2).value === "Tổng số đảng viên") {
        const v = row.getCell(4).value as { result?: number } | number;
        found = typeof v === "number" ? v : (v.result ?? null);
      }
    });
    assert.equal(found, wanted.values["Số lượng"]);
    assert.ok((wanted.values["Số lượng"] ?? 0) > 30_000, "a real total, not an empty one");
    // Then a copy of each unit's sheet, named as the writer names them.
    const copyName = copyNameOf(expected, expected.workbooks);
    for (const u of expected.units) assert.ok(names.includes(copyName(u.file, u.sheet)!), u.name);
    await assertStayedHome(w, origin);
  });

  it("shows hostile workbook text as text: no element made, no dialog, nothing fetched", async () => {
    const w = await pane();
    const page = w.page;
    const bytes = await hostileWorkbook();
    await page.setInputFiles("#files-input", [
      { name: HOSTILE_FILE, mimeType: XLSX, buffer: bytes },
      { name: "cam-pha.xlsx", mimeType: XLSX, buffer: readFileSync(EXAMPLES[2]) },
      { name: "quang-yen.xlsx", mimeType: XLSX, buffer: readFileSync(EXAMPLES[6]) },
    ]);
    await page.waitForFunction(() => document.querySelectorAll(".file").length === 3);
    await idle(page);
    await runAndWait(page, "run-consolidate");
    const text = await page.evaluate(() => document.body.textContent ?? "");
    for (const s of [HOSTILE_FILE, HOSTILE_SHEET, HOSTILE_UNIT])
      assert.ok(text.includes(s), `shown as text: ${s}`);
    // The count that is not a number is reported under the hostile unit, whose name heads the group.
    const group = page.locator(".group", {
      has: page.locator(".group-name", { hasText: HOSTILE_UNIT }),
    });
    assert.equal(await group.count(), 1, "a group for the hostile unit");
    assert.ok(((await group.textContent()) ?? "").includes(HOSTILE_COUNT));
    await page.locator(".group .issue-button").first().click();
    await page.mouse.move(10, 10);
    await page.hover(".group-name");
    const made = await page.evaluate(() => ({
      imgs: [...document.querySelectorAll("img")].map((i) => i.getAttribute("src")),
      bold: document.querySelectorAll("b").length,
      inlineScripts: [...document.querySelectorAll("script")].filter((s) => !s.src).length,
      svgs: [...document.querySelectorAll("svg")].filter(
        (s) => !s.classList.contains("sev-icon") && !s.classList.contains("glyph")
      ).length,
      handlers: [...document.querySelectorAll("*")].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith("on"))
      ).length,
    }));
    assert.deepEqual(made, {
      imgs: ["assets/icon-32.png"],
      bold: 0,
      inlineScripts: 0,
      svgs: 0,
      handlers: 0,
    });
    await shot(page, "pane-hostile.png");
    await page.waitForTimeout(200);
    assert.deepEqual(w.dialogs, []);
    await assertStayedHome(w, origin);
  });

  it("accepts files dropped on the drop zone, and reports a broken file while consolidating the others", async () => {
    const w = await pane();
    const page = w.page;
    const files = [
      { name: "dam-ha.xlsx", b64: readFileSync(EXAMPLES[3]).toString("base64") },
      { name: "hong.xlsx", b64: Buffer.from("không phải tệp xlsx").toString("base64") },
    ];
    await page.evaluate(
      ({ files, type }) => {
        const dt = new DataTransfer();
        for (const f of files) {
          const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
          dt.items.add(new File([bytes], f.name, { type }));
        }
        const zone = document.querySelector(".dropzone")!;
        zone.dispatchEvent(
          new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true })
        );
        zone.dispatchEvent(
          new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true })
        );
      },
      { files, type: XLSX }
    );
    await page.waitForFunction(() => document.querySelectorAll(".file").length === 2);
    await idle(page);
    const broken = page.locator('.file[data-file="hong.xlsx"] .file-issue');
    assert.equal(await broken.count(), 1);
    assert.match((await broken.textContent()) ?? "", /hong\.xlsx|xlsx/);
    await runAndWait(page, "run-consolidate");
    assert.equal(await page.textContent(".summary"), "Đã tổng hợp 1 đơn vị từ 1 tệp.");
    assert.ok((await page.locator(".group-name", { hasText: "hong.xlsx" }).count()) === 1);
    assert.equal(await page.locator("a.download").count(), 1);
    await assertStayedHome(w, origin);
  });

  it("switches to English: every string of the pane follows, the issues too", async () => {
    const w = await pane();
    const page = w.page;
    await page.click("[data-key=lang-en]");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("h1"), "Report consolidation");
    assert.equal(await page.getAttribute("[data-key=lang-en]", "aria-pressed"), "true");
    // Focus stays on the switch after the pane is redrawn.
    assert.equal(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset.key),
      "lang-en"
    );
    assert.equal((await page.textContent("[data-key=files-button]"))?.trim(), "Choose .xlsx files");
    await shot(page, "pane-en-start.png");
    await addExamples(page, EXAMPLES.slice(0, 3));
    assert.equal(await page.locator(".kind", { hasText: "Unit" }).count(), 5);
    await runAndWait(page, "run-consolidate");
    assert.equal((await page.textContent("a.download"))?.trim(), "Download tong-hop.xlsx");
    assert.equal(await page.textContent(".count-warning .count-label"), "Warnings");
    // The first issue is Bình Liêu's estimate: the error at the cell, then the total it was left out of.
    assert.match((await page.textContent(".issue-message")) ?? "", /“khoảng 80”: an exact number/);
    await page.click("[data-key=issue-0]");
    assert.match(
      (await page.textContent(".issue-detail p")) ?? "",
      /^File: binh-lieu\.xlsx · Sheet: Biểu 02 · Cell: D28$/
    );
    await shot(page, "pane-en-after.png");
    // No Vietnamese word of ours is left on the page (workbook text stays as written).
    const body = await page.evaluate(() => document.body.innerText);
    const left = STRING_KEYS.map((k) => t("vi", k))
      .filter((s) => !s.includes("{") && s.length >= 6 && s !== t("en", STRING_KEYS[0]))
      .filter((s) => body.includes(s));
    assert.deepEqual(left, []);
    // And back: Vietnamese again, the same run still shown.
    await page.click("[data-key=lang-vi]");
    assert.equal((await page.textContent("a.download"))?.trim(), "Tải về tong-hop.xlsx");
    assert.equal(await page.textContent(".count-warning .count-label"), "Cảnh báo");
    await assertStayedHome(w, origin);
  });

  it("is usable from the keyboard, and every control has a name", async () => {
    const w = await pane();
    const page = w.page;
    await addExamples(page, EXAMPLES.slice(0, 2));
    const reached: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const key = await page.evaluate(
        () => (document.activeElement as HTMLElement | null)?.dataset.key ?? ""
      );
      if (key) reached.push(key);
    }
    for (const key of [
      "lang-vi",
      "lang-en",
      "files-button",
      "sheet-0",
      "opt-decimals",
      "opt-links",
      "run-consolidate",
      "run-validate",
    ])
      assert.ok(reached.includes(key), `${key} reached by Tab (${reached.join(" ")})`);
    // Space on a focused checkbox unchecks it; Enter on the validate button runs.
    await page.focus("[data-key=sheet-2]");
    await page.keyboard.press("Space");
    assert.equal(await page.isChecked("#sheet-2"), false);
    await page.focus("[data-key=run-validate]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".results");
    await idle(page);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll("button, input:not([type=file]), select, a[href], summary")]
        .filter((el) => {
          const labelled = (el as HTMLInputElement).labels?.[0]?.textContent?.trim();
          const name = el.getAttribute("aria-label") || labelled || el.textContent?.trim();
          return !name;
        })
        .map((el) => el.outerHTML.slice(0, 80))
    );
    assert.deepEqual(unnamed, []);
    await assertStayedHome(w, origin);
  });
});
