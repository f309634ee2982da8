/**
 * `npm run bench`: generates the seeded inputs (bench/data/, cached) and times, each as the median of several
 * runs, interleaved so that the machine's drift falls on every tool alike:
 *   engine  consolidate + validate on sheet models already loaded (src/core/engine.ts), in one process;
 *   cli     `node bin/tonghop.js consolidate <input> --out .. --json ..` end to end, a process per run;
 *   floor   a process that only loads the same files into sheet models (the reader the CLI uses);
 *   scan    a process that only unzips the parts and tokenizes the worksheets' XML (below the floor);
 *   pandas  bench/reference_pandas.py: reads the same files and sums the count column by label;
 *   sources the same CLI run from the TypeScript sources through tsx (what `npm ci`'s bundle saves at start-up).
 * Prints cells per second, wall time, peak memory (max RSS of each process), time per unit at 1000 versus 100
 * units, our end-to-end time over pandas', and the largest request the Excel adapter would send for the
 * 100-unit workbook. Writes the figures to bench/data/results.json.
 *
 * Usage: tsx bench/run.ts [--quick] [--runs N] [--only small-100-files,...] [--exceljs] [--before DIR]
 *   --quick        fewer data sets (no 1000-unit book, no large-form 300)
 *   --exceljs      also time the floor with the ExcelJS reader (src/xlsx/read.ts)
 *   --before-reader fast|exceljs   the reader the --before checkout loads with (default exceljs)
 *   --before DIR   also time the CLI, the engine and the floor of another checkout (an older commit, with
 *                  node_modules and a copy of bench/child.ts): before/after figures in the same run
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { cpus, freemem, tmpdir, totalmem } from "os";
import { join } from "path";
import { DatasetSpec, datasetName, ensureDataset } from "./generate";
import { bundle } from "../scripts/build-cli";
import { Payload, maxPayload } from "./payload";

const ROOT = join(__dirname, "..");
const TSX_HOOK = ["-r", "tsx/cjs"];
const DATA = join(__dirname, "data");

interface Sample {
  ms: number;
  rssKb: number | null;
  /** Minor page faults (/usr/bin/time %R): pages of memory the process touched for the first time. */
  faults: number | null;
  json?: Record<string, unknown>;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option("--runs") ?? 3);
const QUICK = flag("--quick");
const WITH_EXCELJS = flag("--exceljs");
const ONLY = option("--only")?.split(",");
const BEFORE = option("--before");
// The reader of the older checkout: "exceljs" for db7fbc8 (before issue 7), "fast" for later commits.
const BEFORE_READER = option("--before-reader") ?? "exceljs";

const ALL: DatasetSpec[] = [
  { form: "small", units: 10, layout: "files" },
  { form: "small", units: 100, layout: "files" },
  { form: "small", units: 1000, layout: "files" },
  { form: "small", units: 10, layout: "book" },
  { form: "small", units: 100, layout: "book" },
  ...(QUICK ? [] : [{ form: "small", units: 1000, layout: "book" } as const]),
  { form: "large", units: 10, layout: "files" },
  { form: "large", units: 100, layout: "files" },
  ...(QUICK ? [] : [{ form: "large", units: 300, layout: "files" } as const]),
  { form: "large", units: 10, layout: "book" },
  // 100 large units in one book are 710 000 cells: over the 500 000 cells a file may hold.
  { form: "large", units: 50, layout: "book" },
];
const SETS = ALL.filter((s) => !ONLY || ONLY.includes(datasetName(s)));

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * The CLI as `npm ci` leaves it: bundled into dist/cli/tonghop.cjs (scripts/build-cli.ts), which
 * bin/tonghop.js runs while it is newer than the sources. Rebuilt here so that the bench times the sources as
 * they are; `--no-bundle` times only the sources run through tsx.
 */
function buildCli(): boolean {
  execFileSync(process.execPath, ["-r", "tsx/cjs", join(ROOT, "scripts/build-cli.ts")], {
    cwd: ROOT,
  });
  const { freshBundle } = require(join(ROOT, "bin/fresh")) as {
    freshBundle: (root: string) => string | null;
  };
  return freshBundle(ROOT) !== null;
}
mkdirSync(DATA, { recursive: true });
const BUNDLED = flag("--no-bundle") ? false : buildCli();

/**
 * bench/child.ts (floor, scan, engine) bundled the same way when the CLI is, so that the floor pays the same
 * start-up as the CLI it is compared with.
 */
function childArgs(): string[] {
  if (!BUNDLED) return [...TSX_HOOK, "bench/child.ts"];
  const out = join(DATA, "child.cjs");
  bundle(join(__dirname, "child.ts"), out);
  return [out];
}
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** Runs a process, timing it from outside; its max RSS from /usr/bin/time, else from its own report. */
function measure(cmd: string, argv: string[], cwd = ROOT, env?: Record<string, string>): Sample {
  const full = TIME ? [TIME, ["-f", "@@rss %M @@faults %R", cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0] as string, full[1] as string[], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: env ? { ...process.env, ...env } : process.env,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`${cmd} ${argv.join(" ")} failed (${r.status}): ${r.stderr.slice(-800)}`);
  }
  const rss = /@@rss (\d+)/.exec(r.stderr ?? "");
  const lines = (r.stdout ?? "").trim().split("\n");
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  const rssKb = rss ? Number(rss[1]) : typeof json?.maxRssKb === "number" ? json.maxRssKb : null;
  const faults = /@@faults (\d+)/.exec(r.stderr ?? "");
  return { ms, rssKb, faults: faults ? Number(faults[1]) : null, json };
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs: number[]) => {
  const m = median(xs);
  return m > 0 ? (Math.max(...xs) - Math.min(...xs)) / m : 0;
};

interface SetResult {
  name: string;
  units: number;
  files: number;
  cells: number;
  engineMs: number[];
  /** CPU time of the same runs (user + system): what contention on a shared machine does not inflate. */
  engineCpuMs: number[];
  engineExcelJsMs?: number[];
  engineRssKb: number | null;
  floorMs: number[];
  floorRssKb: number | null;
  floorExcelJsMs?: number[];
  scanMs: number[];
  cliMs: number[];
  cliRssKb: number | null;
  /** The CLI consolidating and validating with the JSON report only: no output workbook written. */
  jsonOnlyMs: number[];
  /** Minor page faults of the floor and of the CLI with the JSON report only, each run. */
  floorFaults: number[];
  jsonOnlyFaults: number[];
  bundleMs: number[];
  pandasMs: number[];
  pandasRssKb: number | null;
  /** pandas / cli per run (the same iteration's figures). */
  ratios: number[];
  before?: { cliMs: number[]; cliRssKb: number | null; engineMs: number[]; floorMs: number[] };
  issues: number;
  totalsAgree: string;
}

const NODE = process.execPath;
const CHILD = childArgs();

function runSet(spec: DatasetSpec, out: string): SetResult {
  const { dir, files } = ensureDataset(DATA, spec);
  const input = spec.layout === "files" ? dir : files[0];
  const name = datasetName(spec);
  process.stderr.write(`${name}: `);
  const engineRuns = spec.units >= 300 ? 3 : 5;
  const engine = measure(NODE, [
    "--expose-gc",
    ...CHILD,
    "engine",
    "fast",
    String(engineRuns),
    input,
  ]);
  const engineJson = engine.json as {
    times: number[];
    cpu: number[];
    cells: number;
    units: number;
    issues: number;
  };
  let engineExcelJs: number[] | undefined;
  if (WITH_EXCELJS) {
    const e = measure(NODE, [
      "--expose-gc",
      ...TSX_HOOK,
      "bench/child.ts",
      "engine",
      "exceljs",
      "3",
      input,
    ]);
    engineExcelJs = (e.json as { times: number[] }).times;
  }
  const r: SetResult = {
    name,
    units: engineJson.units,
    files: files.length,
    cells: engineJson.cells,
    engineMs: engineJson.times,
    engineCpuMs: engineJson.cpu,
    engineExcelJsMs: engineExcelJs,
    engineRssKb: engine.rssKb,
    floorMs: [],
    floorRssKb: null,
    floorExcelJsMs: WITH_EXCELJS ? [] : undefined,
    scanMs: [],
    cliMs: [],
    cliRssKb: null,
    jsonOnlyMs: [],
    floorFaults: [],
    jsonOnlyFaults: [],
    bundleMs: [],
    pandasMs: [],
    pandasRssKb: null,
    ratios: [],
    issues: engineJson.issues,
    totalsAgree: "",
  };
  if (BEFORE) {
    const e = measure(
      NODE,
      ["--expose-gc", ...TSX_HOOK, "bench/child.ts", "engine", BEFORE_READER, String(engineRuns), input],
      BEFORE
    );
    r.before = {
      cliMs: [],
      cliRssKb: null,
      engineMs: (e.json as { times: number[] }).times,
      floorMs: [],
    };
  }
  const outXlsx = join(out, `${name}.xlsx`);
  const outJson = join(out, `${name}.json`);
  const pandasJson = join(out, `${name}.pandas.json`);
  for (let k = 0; k < RUNS; k++) {
    process.stderr.write(`${k + 1}/${RUNS} `);
    const floor = measure(NODE, [...CHILD, "load", "fast", input]);
    r.floorMs.push(floor.ms);
    if (floor.faults !== null) r.floorFaults.push(floor.faults);
    r.floorRssKb = Math.max(r.floorRssKb ?? 0, floor.rssKb ?? 0);
    if (WITH_EXCELJS) {
      r.floorExcelJsMs!.push(
        measure(NODE, [...CHILD, "load", "exceljs", input]).ms
      );
    }
    r.scanMs.push(measure(NODE, [...CHILD, "scan", input]).ms);
    const cli = measure(NODE, [
      "bin/tonghop.js",
      "consolidate",
      input,
      "--out",
      outXlsx,
      "--json",
      outJson,
    ]);
    r.cliMs.push(cli.ms);
    r.cliRssKb = Math.max(r.cliRssKb ?? 0, cli.rssKb ?? 0);
    const jsonOnly = measure(NODE, [
      "bin/tonghop.js",
      "consolidate",
      input,
      "--json",
      outJson + ".only",
    ]);
    r.jsonOnlyMs.push(jsonOnly.ms);
    if (jsonOnly.faults !== null) r.jsonOnlyFaults.push(jsonOnly.faults);
    if (BUNDLED) {
      // The same command from the TypeScript sources through tsx: what the bundle saves at start-up.
      r.bundleMs.push(
        measure(
          NODE,
          ["bin/tonghop.js", "consolidate", input, "--out", outXlsx, "--json", outJson],
          ROOT,
          { TONGHOP_FROM_SOURCES: "1" }
        ).ms
      );
    }
    const pandas = measure(PYTHON, ["bench/reference_pandas.py", "--json", pandasJson, input]);
    r.pandasMs.push(pandas.ms);
    r.pandasRssKb = Math.max(r.pandasRssKb ?? 0, pandas.rssKb ?? 0);
    r.ratios.push(pandas.ms / cli.ms);
    if (BEFORE && r.before) {
      const abs = (p: string) => (p.startsWith("/") ? p : join(ROOT, p));
      const b = measure(
        NODE,
        [
          "bin/tonghop.js",
          "consolidate",
          abs(input),
          "--out",
          outXlsx,
          "--json",
          outJson + ".before",
        ],
        BEFORE
      );
      r.before.cliMs.push(b.ms);
      r.before.cliRssKb = Math.max(r.before.cliRssKb ?? 0, b.rssKb ?? 0);
      r.before.floorMs.push(
        measure(NODE, [...TSX_HOOK, "bench/child.ts", "load", BEFORE_READER, abs(input)], BEFORE).ms
      );
    }
  }
  r.totalsAgree = compareTotals(outJson, pandasJson);
  process.stderr.write("\n");
  return r;
}

/** Our totals of the count column against pandas' sums, label by label (labels both have). */
function compareTotals(ours: string, theirs: string): string {
  const read = (p: string) => JSON.parse(readFileSync(p, "utf8")) as never;
  const a = read(ours) as { totals: { label: string; values: Record<string, number | null> }[] };
  const b = read(theirs) as { totals: Record<string, number> };
  const sums = new Map<string, number>();
  for (const t of a.totals) {
    const v = Object.values(t.values)[0];
    if (typeof v === "number") sums.set(t.label, (sums.get(t.label) ?? 0) + v);
  }
  let same = 0;
  const differ: string[] = [];
  for (const [label, v] of Object.entries(b.totals)) {
    const ours = sums.get(label);
    if (ours === undefined) continue;
    if (Math.abs(ours - v) < 1e-6) same++;
    else differ.push(label);
  }
  // An average ("Tuổi bình quân") is averaged by us and summed by pandas: named so that it can be seen.
  const n = same + differ.length;
  return differ.length ? `${same}/${n} (not: ${differ.join("; ")})` : `${same}/${n}`;
}

// ---------------------------------------------------------------------------------------------------------
// Printing.

const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const mb = (kb: number | null) => (kb === null ? "n/a" : `${Math.round(kb / 1024)} MB`);
const rate = (cells: number, ms: number) => {
  const r = (cells / ms) * 1000;
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${Math.round(r / 1000)} k`;
};
const pct = (x: number) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}%`;

/** Rows (the first one the header) as a Markdown table, columns padded to their widest cell. */
function markdownTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => `| ${row.map((x, c) => x.padEnd(widths[c])).join(" | ")} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.slice(1).map(line),
  ].join("\n");
}

function table(results: SetResult[]): string {
  const rows: string[][] = [
    [
      "data set",
      "units",
      "cells",
      "engine",
      "engine CPU",
      "engine cells/s",
      "floor",
      "cli",
      "cli over floor",
      "cli, JSON only",
      "JSON only over floor",
      "page faults, JSON only − floor",
      "cli from sources",
      "pandas",
      "pandas / cli",
      "pandas / floor",
      "scan",
      "peak RSS cli / pandas",
      "noise",
      "totals = pandas",
    ],
  ];
  for (const r of results) {
    const e = median(r.engineMs);
    const fl = median(r.floorMs);
    const cl = median(r.cliMs);
    const pd = median(r.pandasMs);
    rows.push([
      r.name,
      String(r.units),
      r.cells.toLocaleString("en"),
      fmt(e),
      fmt(median(r.engineCpuMs)),
      rate(r.cells, e),
      fmt(fl),
      fmt(cl),
      pct(cl / fl - 1),
      fmt(median(r.jsonOnlyMs)),
      pct(median(r.jsonOnlyMs) / fl - 1),
      extraFaults(r),
      r.bundleMs.length ? fmt(median(r.bundleMs)) : "n/a",
      fmt(pd),
      `${median(r.ratios).toFixed(1)}×`,
      // The best "pandas / cli" could be: the CLI cannot be faster than loading its files.
      `${(pd / fl).toFixed(1)}×`,
      fmt(median(r.scanMs)),
      `${mb(r.cliRssKb)} / ${mb(r.pandasRssKb)}`,
      `±${Math.round(Math.max(spread(r.cliMs), spread(r.pandasMs), spread(r.floorMs)) * 50)}%`,
      r.totalsAgree,
    ]);
  }
  return markdownTable(rows);
}

/**
 * The pages the engine touched beyond the floor's, and what they cost at this machine's price of a first
 * touch (FAULT_US, measured at start): an estimate of the engine's time that is memory, not computing.
 */
function extraFaults(r: SetResult): string {
  if (!r.floorFaults.length || !r.jsonOnlyFaults.length) return "n/a";
  const extra = median(r.jsonOnlyFaults) - median(r.floorFaults);
  const k = `${extra >= 0 ? "+" : ""}${Math.round(extra / 1000)} k`;
  return FAULT_US === null ? k : `${k} (≈ ${fmt((extra * FAULT_US) / 1000)})`;
}

function beforeTable(results: SetResult[]): string {
  const rows: string[][] = [
    [
      "data set",
      "cli before",
      "cli after",
      "speed-up",
      "RSS before / after",
      "engine before",
      "engine after",
      "floor before",
      "floor after",
    ],
  ];
  for (const r of results) {
    if (!r.before) continue;
    const b = r.before;
    rows.push([
      r.name,
      fmt(median(b.cliMs)),
      fmt(median(r.cliMs)),
      `${(median(b.cliMs) / median(r.cliMs)).toFixed(1)}×`,
      `${mb(b.cliRssKb)} / ${mb(r.cliRssKb)}`,
      fmt(median(b.engineMs)),
      fmt(median(r.engineMs)),
      fmt(median(b.floorMs)),
      fmt(median(r.floorMs)),
    ]);
  }
  if (rows.length === 1) return "";
  return markdownTable(rows);
}

function growth(results: SetResult[]): string {
  const lines: string[] = [];
  for (const form of ["small", "large"]) {
    for (const layout of ["files", "book"]) {
      const at = (n: number) => results.find((r) => r.name === `${form}-${n}-${layout}`);
      const small = at(100);
      const big = at(1000) ?? at(300);
      if (!small || !big) continue;
      // The engine runs 5 times in one process for 100 units and 3 times for 300, each run warmer than the one
      // before: both sizes are compared over their first `runs` runs, or the smaller set would look cheaper per
      // unit for being measured warmer.
      const runs = Math.min(small.engineMs.length, big.engineMs.length);
      const per = (r: SetResult, xs: (r: SetResult) => number[]) => median(xs(r)) / r.units;
      const show = (what: string, xs: (r: SetResult) => number[]) => {
        const a = per(small, xs);
        const b = per(big, xs);
        const marginal = (median(xs(big)) - median(xs(small))) / (big.units - small.units);
        return `${what} ${a.toFixed(2)} → ${b.toFixed(2)} ms/unit (×${(b / a).toFixed(2)}; marginal ${marginal.toFixed(2)} ms/unit)`;
      };
      lines.push(
        `${form} ${layout}, ${small.units} → ${big.units} units: ` +
          [
            show(`engine (first ${runs} runs)`, (r) => r.engineMs.slice(0, runs)),
            show("floor", (r) => r.floorMs),
            show("cli", (r) => r.cliMs),
            show("pandas", (r) => r.pandasMs),
          ].join("; ")
      );
    }
  }
  return lines.join("\n");
}

/**
 * What touching memory for the first time costs here, in µs per 4 KB page: 64 MB written once (each page
 * faulted in) against the same bytes written again. On a virtual machine this can be 100 times a real
 * machine's cost, and then every byte a process keeps weighs on its time. Median of 3.
 */
function faultCost(): { firstUs: number; againUs: number } {
  const bytes = 64 * 1024 * 1024;
  const pages = bytes / 4096;
  const first: number[] = [];
  const again: number[] = [];
  for (let k = 0; k < 3; k++) {
    const b = Buffer.allocUnsafeSlow(bytes);
    let t = performance.now();
    b.fill(1);
    first.push(((performance.now() - t) * 1000) / pages);
    t = performance.now();
    b.fill(2);
    again.push(((performance.now() - t) * 1000) / pages);
  }
  return { firstUs: median(first), againUs: median(again) };
}
const FAULTS = faultCost();
/** µs per page first touched, or null where /usr/bin/time cannot count the faults. */
const FAULT_US = TIME ? FAULTS.firstUs : null;

function machine(): string {
  const cpu = cpus();
  let lscpu = "";
  try {
    lscpu = execFileSync("lscpu", { encoding: "utf8" });
  } catch {
    lscpu = "";
  }
  const model = /Model name:\s*(.*)/.exec(lscpu)?.[1] ?? cpu[0]?.model ?? "?";
  let load = "";
  try {
    load = execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" })
      .split(" ")
      .slice(0, 3)
      .join(" ");
  } catch {
    load = "?";
  }
  return (
    `${model}, ${cpu.length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GB RAM ` +
    `(${Math.round(freemem() / 2 ** 30)} GB free), Node ${process.version}, load average ${load}; ` +
    `memory touched for the first time ${FAULTS.firstUs.toFixed(2)} µs per 4 KB page, ` +
    `again ${FAULTS.againUs.toFixed(2)} µs`
  );
}

async function main(): Promise<void> {
  const check = spawnSync(PYTHON, ["-c", "import pandas, openpyxl"], { encoding: "utf8" });
  if (check.status !== 0) {
    throw new Error(
      `${PYTHON} cannot import pandas and openpyxl, which the reference script needs: ` +
        "apt-get install python3-pandas python3-openpyxl (Debian)"
    );
  }
  mkdirSync(DATA, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), "tonghop-bench-"));
  const started = new Date();
  process.stderr.write(`${machine()}\n`);
  const results: SetResult[] = [];
  try {
    for (const spec of SETS) {
      results.push(runSet(spec, out));
      // Figures so far, in case a later set fails.
      writeFileSync(join(DATA, "results.partial.json"), JSON.stringify(results, null, 2));
      process.stderr.write(table(results.slice(-1)).split("\n").pop() + "\n");
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  // The 100-unit workbook the issue names, and the 1000-unit one: the reader packs its loads into syncs under
  // a byte budget, so syncs grow with the data while each response stays under the limit.
  const payloads: Payload[] = [];
  for (const units of [100, 1000])
    payloads.push(
      await maxPayload(ensureDataset(DATA, { form: "small", units, layout: "book" }).files[0])
    );
  const report = [
    `Machine: ${machine()}`,
    `Runs: ${RUNS} per figure (median); engine: median of its in-process runs.`,
    "",
    table(results),
    "",
    growth(results),
    "",
    beforeTable(results),
    "",
    ...payloads.map(
      (p) =>
        `Excel adapter, ${p.sheets}-unit workbook: ${p.syncs} syncs; ` +
        `largest request ${(p.maxRequest / 1e6).toFixed(2)} MB (write), ` +
        `largest response ${(p.maxResponse / 1e6).toFixed(2)} MB (read); limit 5 MB.`
    ),
  ].join("\n");
  process.stdout.write(report + "\n");
  writeFileSync(
    join(DATA, "results.json"),
    JSON.stringify({ started, machine: machine(), runs: RUNS, results, payloads }, null, 2)
  );
  if (WITH_EXCELJS) {
    for (const r of results) {
      process.stdout.write(
        `${r.name}: ExcelJS reader floor ${fmt(median(r.floorExcelJsMs ?? [0]))} vs fast ${fmt(median(r.floorMs))}; ` +
          `engine on its models ${fmt(median(r.engineExcelJsMs ?? [0]))}\n`
      );
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
