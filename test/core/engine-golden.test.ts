/**
 * The engine's whole answer, pinned: consolidate() and validate() on sets that reach every rule (the
 * validation fixture set, the examples, the bench's generated units of both forms with their planted
 * mistakes, and a few small sets) must give what they gave when the snapshot was taken (commit 227a7ca, the
 * engine before the fourth session's speed work). Units, totals, issues and flags are compared in full; the
 * tabs the engine builds (thousands of cells) by a SHA-256 of their JSON.
 *
 * A deliberate change of output re-takes the snapshot: GOLDEN_WRITE=1 npx mocha test/core/engine-golden.test.ts
 * (and says why in its commit). On a mismatch the answer is also written to test/.tmp/engine-golden.actual.json.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { consolidate, validate } from "../../src/core/engine";
import { RunResult } from "../../src/core/output";
import { goldenSets } from "./golden-sets";

const ROOT = join(__dirname, "..", "..");
const SNAPSHOT = join(ROOT, "test", "fixtures", "engine-golden.json");

type Snapshot = Record<string, unknown>;

const sha = (x: unknown) => createHash("sha256").update(JSON.stringify(x)).digest("hex");

/** A list kept whole, or by its length and hash when it is long (the large form's 500 totals). */
function kept(list: unknown[]): unknown {
  return JSON.stringify(list).length > 40_000 ? { length: list.length, sha256: sha(list) } : list;
}

function answer(r: RunResult): Snapshot {
  return {
    units: kept(r.units),
    totals: kept(r.totals),
    issues: kept(r.issues),
    flags: kept(r.flags),
    sheets: r.sheets.map((s) => ({ name: s.name, role: s.role, sha256: sha(s) })),
  };
}

function answers(): Record<string, Snapshot> {
  const out: Record<string, Snapshot> = {};
  for (const set of goldenSets()) {
    out[`${set.name}: consolidate vi`] = answer(
      consolidate(set.workbooks, { lang: "vi", linkToSources: true })
    );
    out[`${set.name}: consolidate en, 2 decimals`] = answer(
      consolidate(set.workbooks, { lang: "en", percentDecimals: 2 })
    );
    out[`${set.name}: validate vi`] = answer(validate(set.workbooks, { lang: "vi" }));
  }
  // Through JSON, as the snapshot is: undefined fields drop out alike.
  return JSON.parse(JSON.stringify(out)) as Record<string, Snapshot>;
}

describe("engine: the same answer as the snapshot on every set", function () {
  this.timeout(120_000);
  it("units, totals, issues, flags and tabs unchanged", () => {
    const got = answers();
    if (process.env.GOLDEN_WRITE === "1") {
      writeFileSync(SNAPSHOT, JSON.stringify(got, null, 1) + "\n");
      return;
    }
    const want = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as Record<string, Snapshot>;
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      mkdirSync(join(ROOT, "test", ".tmp"), { recursive: true });
      writeFileSync(
        join(ROOT, "test", ".tmp", "engine-golden.actual.json"),
        JSON.stringify(got, null, 1)
      );
    }
    assert.deepEqual(Object.keys(got), Object.keys(want));
    for (const k of Object.keys(want)) assert.deepEqual(got[k], want[k], k);
    // The sets must make every kind of answer, or the comparison proves little.
    const all = Object.values(want);
    const count = (f: string) => all.reduce((n, a) => n + (a[f] as { length: number }).length, 0);
    assert.ok(count("issues") > 50 && count("flags") > 50 && count("totals") > 100);
    const rules = new Set(
      all.flatMap((a) =>
        (Array.isArray(a.issues) ? a.issues : []).map((i: { rule: string }) => i.rule)
      )
    );
    assert.ok(rules.size >= 15, [...rules].join(", "));
  });
});
