/**
 * The benchmark's measured processes other than the CLI and pandas (run.ts starts them, one per measurement):
 *   load <reader> PATH...          the floor: read the files into sheet models, nothing else
 *   scan PATH...                   below the floor: unzip every part and tokenize the worksheets' XML
 *   engine <reader> RUNS PATH...   load once, then consolidate + validate RUNS times (each timed)
 * <reader> is "fast" (src/xlsx/fast-read.ts) or "exceljs" (src/xlsx/read.ts). Prints one JSON line.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";
import { consolidate } from "../src/core/engine";
import { WorkbookModel } from "../src/core/model";

function filesOf(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith(".xlsx"))
          .sort()
          .map((f) => join(p, f))
      : [p]
  );
}

/** src/cli/load.ts, or null in an older checkout that reads in src/cli/run.ts's own loop. */
function cliLoader(): typeof import("../src/cli/load") | null {
  try {
    return require("../src/cli/load") as typeof import("../src/cli/load");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND";
    if (missing && /cli[\\/]load/.test((e as Error).message)) return null;
    throw e;
  }
}

async function load(reader: string, files: string[]): Promise<WorkbookModel[]> {
  // Each reader loads only when asked for: its load time is part of what the floor measures. (Required
  // lazily also so that this file runs in an older checkout that has only the ExcelJS reader.)
  const cli = reader === "exceljs" ? null : cliLoader();
  if (cli) {
    // The CLI's own loading loop (src/cli/run.ts calls it), so that the floor is what the command does.
    const inputs = files.map((path) => ({ path, label: path, fromFolder: true }));
    return (await cli.loadWorkbooks(inputs)).workbooks;
  }
  const read =
    reader === "exceljs"
      ? (require("../src/xlsx/read") as typeof import("../src/xlsx/read")).readXlsx
      : (require("../src/xlsx/fast-read") as typeof import("../src/xlsx/fast-read")).readXlsxFast;
  const out: WorkbookModel[] = [];
  for (const f of files) {
    const r = await read(new Uint8Array(readFileSync(f)), f);
    if (r.workbook) out.push(r.workbook);
  }
  return out;
}

const cellsOf = (wbs: WorkbookModel[]) =>
  wbs.reduce(
    (n, wb) => n + wb.sheets.reduce((m, s) => m + s.values.length * (s.values[0]?.length ?? 0), 0),
    0
  );

function scan(files: string[]): number {
  const { END, XmlReader } = require("../src/xlsx/xml") as typeof import("../src/xlsx/xml");
  const { inflateWhole, listZip } = require("../src/xlsx/zip") as typeof import("../src/xlsx/zip");
  let tokens = 0;
  const decoder = new TextDecoder();
  for (const f of files) {
    const b = new Uint8Array(readFileSync(f));
    for (const e of listZip(b)) {
      if (e.name.endsWith("/")) continue;
      const bytes = inflateWhole(b, e, 1e9);
      if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(e.name)) continue;
      const r = new XmlReader(decoder.decode(bytes));
      while (r.next() !== END) tokens++;
    }
  }
  return tokens;
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const t0 = performance.now();
  let out: Record<string, unknown>;
  if (mode === "load") {
    const [reader, ...paths] = rest;
    const wbs = await load(reader, filesOf(paths));
    out = {
      ms: performance.now() - t0,
      units: wbs.reduce((n, w) => n + w.sheets.length, 0),
      cells: cellsOf(wbs),
    };
  } else if (mode === "scan") {
    const tokens = scan(filesOf(rest));
    out = { ms: performance.now() - t0, tokens };
  } else if (mode === "engine") {
    const [reader, runs, ...paths] = rest;
    const wbs = await load(reader, filesOf(paths));
    const loadMs = performance.now() - t0;
    const gc = (globalThis as { gc?: () => void }).gc;
    const times: number[] = [];
    const cpu: number[] = [];
    let issues = 0;
    for (let k = 0; k < Number(runs); k++) {
      gc?.();
      const c0 = process.cpuUsage();
      const t = performance.now();
      const result = consolidate(wbs, { lang: "vi", linkToSources: true });
      times.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      issues = result.issues.length;
    }
    out = { loadMs, times, cpu, issues, cells: cellsOf(wbs), units: result0(wbs) };
  } else throw new Error(`unknown mode ${mode}`);
  out.maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify(out) + "\n");
}

const result0 = (wbs: WorkbookModel[]) => wbs.reduce((n, w) => n + w.sheets.length, 0);

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(3);
});
