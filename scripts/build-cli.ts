/**
 * Bundles the command line (src/cli/main.ts and what it imports) into dist/cli/tonghop.cjs with esbuild, so
 * that `tonghop` starts without compiling TypeScript (120 to 990 ms less per run in BENCHMARKS.md). Runs at
 * `npm ci` (the "prepare" script). bin/tonghop.js uses the bundle only while it is newer than every source
 * file, else runs the sources through tsx: an edited source is never shadowed by an old bundle.
 * A failure here only warns: the CLI still runs from the sources.
 */
import { buildSync } from "esbuild";
import { join } from "path";

/** Bundles a TypeScript entry and what it imports into one CommonJS file for Node 20. */
export function bundle(entry: string, outfile: string): void {
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    logLevel: "error",
  });
}

if (require.main === module) {
  const root = join(__dirname, "..");
  try {
    bundle(join(root, "src/cli/main.ts"), join(root, "dist/cli/tonghop.cjs"));
  } catch (e) {
    process.stderr.write(
      `build-cli: the CLI will run from the sources (${e instanceof Error ? e.message : String(e)})\n`
    );
  }
}
