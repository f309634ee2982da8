/**
 * Where the CLI's time goes, phase by phase, in one process (the same calls as src/cli/run.ts):
 * start-up (module loading), read (src/cli/load.ts), engine (consolidate + validate), write
 * (src/xlsx/fast-write.ts), JSON report. Usage: tsx bench/phases.ts PATH [--runs N]
 */
import { readdirSync, statSync } from "fs";
import { join } from "path";

const t0 = performance.now();
/* eslint-disable @typescript-eslint/no-require-imports */
const { loadWorkbooks } = require("../src/cli/load") as typeof import("../src/cli/load");
const { writeXlsxFast } = require("../src/xlsx/fast-write") as typeof import("../src/xlsx/fast-write");
const { zlibDeflate } = require("../src/xlsx/node-deflate") as typeof import("../src/xlsx/node-deflate");
const { consolidate } = require("../src/core/engine") as typeof import("../src/core/engine");
/* eslint-enable @typescript-eslint/no-require-imports */
const loadMs = performance.now() - t0;

async function main(): Promise<void> {
  const path = process.argv[2];
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith(".xlsx"))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const t1 = performance.now();
  // The CLI's own loading (src/cli/load.ts).
  const inputs = files.map((f) => ({ path: f, label: f, fromFolder: true }));
  const wbs = (await loadWorkbooks(inputs)).workbooks;
  const t2 = performance.now();
  const result = consolidate(wbs, { lang: "vi", linkToSources: true });
  const t3 = performance.now();
  // As the CLI writes (src/cli/run.ts).
  const bytes = writeXlsxFast(result, wbs, { lang: "vi", deflate: zlibDeflate, level: 1 });
  const t4 = performance.now();
  const json = JSON.stringify({ totals: result.totals, issues: result.issues }, null, 2);
  const t5 = performance.now();
  const ms = (x: number) => Math.round(x);
  process.stdout.write(
    JSON.stringify({
      modules: ms(loadMs),
      read: ms(t2 - t1),
      engine: ms(t3 - t2),
      write: ms(t4 - t3),
      json: ms(t5 - t4),
      outMB: +(bytes.length / 1e6).toFixed(2),
      jsonMB: +(json.length / 1e6).toFixed(2),
      sheets: result.sheets.length,
      rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + "\n"
  );
}
void main();
