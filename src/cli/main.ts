/**
 * Entry point of `tonghop` (bin/tonghop.js loads it): parses the command line, runs, sets the exit code.
 * Usage errors exit 2 with the usage text; an unexpected failure prints one line, never a stack trace
 * (set TONGHOP_DEBUG=1 to see it).
 */
import type { Io } from "./run";
import { USAGE, UsageError, guessLang, parseArgs } from "./args";

const VERSION = "0.1.0";

export async function main(argv: string[], io: Io): Promise<number> {
  const lang = guessLang(argv);
  const first = argv[0];
  if (first === "--help" || first === "-h" || first === "help") {
    io.stdout(USAGE[lang] + "\n");
    return 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout(`tonghop ${VERSION}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv);
    // The engine and ExcelJS load only once the command line is known to be right: usage errors answer fast.

    const { run } = require("./run") as typeof import("./run");
    const { realEngine } = require("./engine") as typeof import("./engine");

    return await run(args, realEngine, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${lang === "vi" ? e.vi : e.en}\n\n${USAGE[lang]}\n`);
      return 2;
    }
    const what = e instanceof Error ? e.message.split("\n")[0] : String(e);
    io.stderr(
      lang === "vi"
        ? `Lỗi không mong đợi: ${what}. Hãy báo lại kèm các tệp đầu vào (TONGHOP_DEBUG=1 để xem chi tiết).\n`
        : `Unexpected failure: ${what}. Please report it with the input files (TONGHOP_DEBUG=1 for details).\n`
    );
    if (process.env.TONGHOP_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
    return 1;
  }
}

/** Runs with the process's arguments and streams; the exit code is set, not forced, so output is flushed. */
export function cli(): void {
  const io: Io = {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    () => (process.exitCode = 1)
  );
}
