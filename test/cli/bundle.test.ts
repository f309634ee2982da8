/**
 * The bundled CLI (dist/cli/tonghop.cjs, built at `npm ci`) is used only while it is newer than the sources,
 * and gives the same report as the sources.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const { freshBundle } = require("../../bin/fresh") as {
  freshBundle: (root: string) => string | null;
};

const ROOT = join(__dirname, "..", "..");

function tree(): { root: string; touch: (p: string, secondsAgo: number) => void } {
  const root = mkdtempSync(join(tmpdir(), "tonghop-bundle-"));
  mkdirSync(join(root, "dist", "cli"), { recursive: true });
  mkdirSync(join(root, "src", "core"), { recursive: true });
  const now = Date.now() / 1000;
  const touch = (p: string, secondsAgo: number) => {
    writeFileSync(join(root, p), "x");
    utimesSync(join(root, p), now - secondsAgo, now - secondsAgo);
  };
  touch("package-lock.json", 100);
  touch("src/core/a.ts", 100);
  return { root, touch };
}

describe("cli: the bundle is used only while it is fresh", () => {
  const cases: [string, (t: ReturnType<typeof tree>) => void, boolean][] = [
    ["built after every source", (t) => t.touch("dist/cli/tonghop.cjs", 10), true],
    ["no bundle", () => undefined, false],
    [
      "a source edited after the build",
      (t) => {
        t.touch("dist/cli/tonghop.cjs", 10);
        t.touch("src/core/a.ts", 1);
      },
      false,
    ],
    [
      "a new source file after the build",
      (t) => {
        t.touch("dist/cli/tonghop.cjs", 10);
        t.touch("src/core/b.ts", 1);
      },
      false,
    ],
    [
      "dependencies changed after the build",
      (t) => {
        t.touch("dist/cli/tonghop.cjs", 10);
        t.touch("package-lock.json", 1);
      },
      false,
    ],
  ];
  for (const [name, setup, used] of cases) {
    it(`${name}: ${used ? "bundle" : "sources"}`, () => {
      const t = tree();
      setup(t);
      const got = freshBundle(t.root);
      assert.equal(got, used ? join(t.root, "dist", "cli", "tonghop.cjs") : null);
    });
  }

  it("the bundle and the sources give the same report on the examples", function () {
    this.timeout(120000);
    execFileSync(process.execPath, ["-r", "tsx/cjs", "scripts/build-cli.ts"], { cwd: ROOT });
    const out = mkdtempSync(join(tmpdir(), "tonghop-bundle-out-"));
    const run = (env: string, json: string) => {
      try {
        execFileSync(
          process.execPath,
          ["bin/tonghop.js", "consolidate", "examples", "--json", join(out, json)],
          { cwd: ROOT, env: { ...process.env, TONGHOP_FROM_SOURCES: env }, stdio: "pipe" }
        );
      } catch (e) {
        // Exit code 1: the examples carry planted errors.
        assert.equal((e as { status: number }).status, 1);
      }
      return JSON.parse(readFileSync(join(out, json), "utf8")) as unknown;
    };
    assert.ok(freshBundle(ROOT), "the build leaves a fresh bundle");
    assert.deepEqual(run("0", "bundle.json"), run("1", "sources.json"));
  });
});
