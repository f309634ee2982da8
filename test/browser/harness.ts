/**
 * What the browser tests share: the bundle built once into a temporary folder, a tiny static server over it
 * on 127.0.0.1, and Debian's Chromium driven by playwright-core. Every page records the requests it makes,
 * the dialogs that open, its script errors and any Content Security Policy violation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { Server, createServer } from "http";
import { tmpdir } from "os";
import { extname, join, normalize, resolve } from "path";
import { Browser, BrowserContext, Page, chromium } from "playwright-core";

export const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";

export interface Bundle {
  /** The add-in as shipped (dist/). */
  dist: string;
  /** The Excel-mode test page (office-harness.html) over the mock workbook. */
  harness: string;
}

/**
 * Builds the add-in and the Excel-mode test page into fresh folders, in one webpack run (development mode,
 * no type check: tsc runs on its own). Both test files share the one build.
 */
async function build(): Promise<Bundle> {
  const webpack = require("webpack");
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const makeConfig = require(join(ROOT, "webpack.config.js"));

  const dist = mkdtempSync(join(tmpdir(), "tong-hop-pane-"));
  const harness = mkdtempSync(join(tmpdir(), "tong-hop-harness-"));
  const main = await makeConfig({ quick: true }, { mode: "development" });
  main.mode = "development";
  main.output = { ...main.output, path: dist };
  const test = await makeConfig({ quick: true }, { mode: "development" });
  test.mode = "development";
  test.entry = { "office-harness": "./test/browser/office-harness.ts" };
  test.output = { ...test.output, path: harness };
  test.resolve.alias = {
    ...test.resolve.alias,
    "office-addin-manifest": join(ROOT, "test", "browser", "office-manifest-shim.ts"),
  };
  test.plugins = [
    new HtmlWebpackPlugin({
      filename: "office-harness.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["office-harness"],
    }),
  ];
  const prev = process.cwd();
  process.chdir(ROOT);
  try {
    await new Promise<void>((done, fail) =>
      webpack([main, test]).run((err: Error | null, stats: any) => {
        if (err) return fail(err);
        if (stats.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
        done();
      })
    );
  } finally {
    process.chdir(prev);
  }
  for (const [dir, file] of [
    [dist, "taskpane.html"],
    [harness, "office-harness.html"],
  ])
    if (!existsSync(join(dir, file))) throw new Error(`webpack built no ${file} in ${dir}`);
  return { dist, harness };
}

let shared: Promise<Bundle> | null = null;

/** The bundle, built on first use in this run. */
export function bundle(): Promise<Bundle> {
  shared ??= build();
  return shared;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves the folders on 127.0.0.1 at a free port; a path is looked up in each folder in turn. */
export async function serve(dirs: string[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const found = dirs
      .map((dir) => ({ dir, file: normalize(join(dir, path)) }))
      .find(({ dir, file }) => file.startsWith(dir) && existsSync(file) && statSync(file).isFile());
    const file = found?.file;
    if (!file) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    res.setHeader("content-type", TYPES[extname(file)] ?? "application/octet-stream");
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
  /** CSP violations reported in the page ("blocked-uri directive"). */
  violations(): Promise<string[]>;
}

/** A page at task-pane width that records what it does. */
export async function openPane(browser: Browser, url: string, width = 350): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    acceptDownloads: true,
    locale: "vi-VN",
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__violations.push(`${e.blockedURI} ${e.violatedDirective}`)
    );
  });
  await page.goto(url);
  return {
    context,
    page,
    requests,
    dialogs,
    errors,
    violations: () =>
      page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.slice()),
  };
}

/** Waits until the pane is idle (no progress line) and drawn. */
export async function idle(page: Page): Promise<void> {
  await page.waitForSelector(".pane");
  await page.waitForFunction(() => !document.querySelector(".progress"), undefined, {
    timeout: 30_000,
  });
}

// A root hook: once every test file is done, the built folders go.
after(async () => {
  const b = await shared?.catch(() => null);
  if (!b) return;
  for (const dir of [b.dist, b.harness])
    if (dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
});
