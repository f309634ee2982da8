/**
 * Runs `node bin/tonghop.js ...` as users do, in a child process, measuring its wall time and peak memory
 * (through the max-rss.js preload), optionally with more preloads (no-network.js).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "bin", "tonghop.js");
export const EXAMPLES = join(ROOT, "examples");

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the child, in MB. */
  maxRssMb: number;
}

export function tmp(prefix = "tonghop-reliab-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tonghop(
  args: string[],
  options: { preload?: string[]; env?: Record<string, string>; timeoutMs?: number } = {}
): Promise<Ran> {
  const rssFile = join(tmp("tonghop-rss-"), "rss");
  const preloads = [join(__dirname, "max-rss.js"), ...(options.preload ?? [])].flatMap((p) => [
    "-r",
    p,
  ]);
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...preloads, BIN, ...args],
      {
        cwd: ROOT,
        timeout: options.timeoutMs ?? 120000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, TONGHOP_MAXRSS_FILE: rssFile, ...options.env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : NaN;
        resolve({ code, stdout, stderr, ms: Date.now() - t0, maxRssMb: kb / 1024 });
      }
    );
  });
}

/** No stack trace and no raw exception anywhere the user looks. */
export function assertNoTrace(r: Pick<Ran, "stdout" | "stderr">): void {
  for (const text of [r.stdout, r.stderr]) {
    assert.ok(
      !/^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m.test(text),
      `stack trace in output:\n${text}`
    );
    assert.ok(
      !/(TypeError|ReferenceError|RangeError|SyntaxError|Unhandled|node:internal)/.test(text),
      text
    );
  }
}

export interface JsonIssue {
  rule: string;
  severity: string;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  message: string;
  expected: number | string | null;
  actual: number | string | null;
}

export interface Report {
  units: { name: string; file: string; sheet: string }[];
  totals: { code: string | null; label: string; values: Record<string, number | null> }[];
  issues: JsonIssue[];
}

export function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, "utf8")) as Report;
}
