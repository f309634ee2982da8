import assert from "node:assert/strict";
import { checkCellText, checkText, Claim } from "../../src/core/claims";
import { CORPUS, CorpusCase, LabelledClaim } from "../fixtures/claims-corpus";

interface Outcome {
  c: CorpusCase;
  label: LabelledClaim;
  found: Claim | undefined;
}

function run(c: CorpusCase): { claims: Claim[]; outcomes: Outcome[] } {
  const { claims } = c.row ? checkCellText(c.text, c.row) : checkText(c.text);
  const outcomes = c.claims.map((label) => ({
    c,
    label,
    found: claims.find((x) => x.kind === label.kind && x.written === label.written),
  }));
  return { claims, outcomes };
}

const isProblem = (v: string): boolean => v === "wrong" || v === "truncated";

describe("claim checker: labelled corpus", () => {
  const results = CORPUS.map(run);
  const outcomes = results.flatMap((r) => r.outcomes);

  it("has at least 80 labelled claims, 20 of them wrong, of every kind", () => {
    assert.ok(outcomes.length >= 80, `${outcomes.length} labelled claims`);
    assert.ok(outcomes.filter((o) => o.label.label === "wrong").length >= 20);
    const kinds = new Set(outcomes.map((o) => o.label.kind));
    for (const k of [
      "share",
      "target",
      "ratio",
      "change-percent",
      "excess",
      "fraction",
      "partition",
      "subset",
      "change",
    ]) {
      assert.ok(kinds.has(k as never), `kind ${k} in corpus`);
    }
    assert.ok(outcomes.some((o) => o.label.label === "truncated"));
    assert.ok(outcomes.some((o) => o.label.label === "unverifiable"));
  });

  it("finds every labelled claim and gives it its label; prints precision and recall", () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const mismatches: string[] = [];
    for (const o of outcomes) {
      const got = o.found?.verdict ?? "not found";
      if (got !== o.label.label)
        mismatches.push(
          `${o.c.id} ${o.label.kind} ${o.label.written}: want ${o.label.label}, got ${got}${o.found ? " — " + o.found.message.vi : ""}`
        );
      if (isProblem(o.label.label) && o.found && o.found.verdict === o.label.label) tp++;
      else if (isProblem(o.label.label)) fn++;
    }
    // Any error or warning on a claim not labelled wrong/truncated is a false positive.
    for (const r of results) {
      for (const c of r.claims) {
        if (!isProblem(c.verdict)) continue;
        const label = r.outcomes.find((o) => o.found === c)?.label;
        if (!label || label.label !== c.verdict) fp++;
      }
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    console.log(
      `      corpus: ${outcomes.length} claims, ${tp + fn} wrong/truncated; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`
    );
    assert.deepEqual(mismatches, []);
    assert.equal(fn, 0, "every wrong claim caught");
    assert.equal(fp, 0, "no right or unverifiable claim reported as error or warning");
  });

  it("names the numbers in the message of a wrong percentage", () => {
    const r = checkText(CORPUS.find((c) => c.id === "seed0-share-wrong")!.text);
    const issue = r.issues.find((i) => i.rule === "text-percent");
    assert.ok(issue);
    assert.equal(issue.message.vi, "Tỷ lệ 47,6% không khớp: 2.344 / 5.022 = 46,7%");
    assert.equal(issue.message.en, "Percentage 47.6% does not match: 2,344 / 5,022 = 46.7%");
    assert.equal(issue.severity, "error");
    assert.equal(issue.expected, 46.7);
    assert.equal(issue.actual, 47.6);
    assert.equal(issue.line, 1);
    assert.equal(issue.text, "2.344 đảng viên (đạt 47,6%)");
  });
});
