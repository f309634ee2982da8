/**
 * What the browser tests share: the bundle built once into a temporary folder, a tiny static server over it
 * on 127.0.0.1, and Debian's Chromium driven by playwright-core. Every page records the requests it makes,
 * the dialogs that open, its script errors and any Content Security Policy violation.
 */
import { execFile } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { Server, createServer } from "http";
import { tmpdir } from "os";
import { extname, join, normalize, resolve } from "path";
import { promisify } from "util";
import { Browser, BrowserContext, Page, chromium } from "playwright-core";

export const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";

/** Builds the add-in into a fresh folder (development mode, no type check: tsc runs on its own). */
export async function buildBundle(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "tong-hop-pane-"));
  const cli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  await promisify(execFile)(
    process.execPath,
    [cli, "--mode", "development", "--env", "quick", "--output-path", out],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }
  );
  if (!existsSync(join(out, "taskpane.html")))
    throw new Error(`webpack built no taskpane.html in ${out}`);
  return out;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves `dir` on 127.0.0.1 at a free port. */
export async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
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

export function cleanup(dir: string | null): void {
  if (dir && dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
}
