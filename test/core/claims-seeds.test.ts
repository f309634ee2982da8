import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkText, ClaimKind, Verdict } from "../../src/core/claims";

// The five published articles of ../shared/seeds/, copied into the repo: every checkable figure in them
// agrees. Expected per seed: the checkable claims (found, consistent) and the ones nothing can check.
type Expect = [ClaimKind, string, Verdict];
const SEEDS: Record<string, Expect[]> = {
  "000_42999f3cf930e581.txt": [
    ["partition", "61", "consistent"], // 61 tổ chức cơ sở đảng (gồm 37 ... và 24 ...)
    ["share", "90,5%", "unverifiable"],
    ["share", "46,7%", "consistent"], // 2.344 / 5.022
    ["subset", "2.344", "consistent"], // (trong đó có 939 cử nhân, cao cấp)
    ["subset", "1.400", "consistent"], // gần 1.400 ... (trong đó có 1 ...; 38 ...)
    ["fraction", "60/61", "consistent"],
    ["share", "50%", "unverifiable"],
    ["share", "96%", "unverifiable"],
  ],
  "001_b7742c0de4239e8b.txt": [["subset", "9.818", "consistent"]], // trong đó có 49 đảng viên gốc giáo
  "002_3f07613594113198.txt": [
    ["partition", "74", "consistent"], // 10 + 13 + 8 + 43 đồng chí luân chuyển
    ["fraction", "9/10", "consistent"],
  ],
  "003_ff60be7de418aa3a.txt": [
    ["partition", "1.966", "consistent"], // 365 + 1.601 nhiệm vụ
    ["target", "106%", "unverifiable"], // no plan stated
    ["target", "135%", "unverifiable"],
  ],
  "004_8197a987df383a75.txt": [
    ["share", "98,5%", "unverifiable"],
    ["share", "98,76%", "unverifiable"],
    ["share", "96,5%", "unverifiable"],
    ["share", "100%", "unverifiable"],
    ["share", "93%", "unverifiable"],
    ["share", "99%", "unverifiable"],
    ["partition", "52", "consistent"], // loại hình 12 + 33 + 5 + 2
    ["partition", "12", "consistent"], // 11 đảng bộ phường và 1 đảng bộ xã
    ["fraction", "72/72", "consistent"],
    ["subset", "2.302", "consistent"],
    ["partition", "71", "consistent"], // 57 công đoàn; 14 đoàn thanh niên
    ["target", "69,28%", "unverifiable"], // targets of the Nghị quyết not stated
    ["target", "64,15%", "unverifiable"],
    ["change", "1.529", "unverifiable"], // implies 5.462 at the start of the term, not stated
  ],
};

describe("claim checker: the five seed articles", () => {
  for (const [file, expected] of Object.entries(SEEDS)) {
    describe(file, () => {
      const text = readFileSync(join(__dirname, "../fixtures/seeds", file), "utf8");
      const result = checkText(text, { reportUnverifiable: true });

      it("reports no error and no warning", () => {
        const bad = result.issues.filter((i) => i.severity !== "info");
        assert.deepEqual(
          bad.map((i) => `${i.line}:${i.column} ${i.message.vi}`),
          []
        );
      });

      it("finds the claims expected, with their verdicts, and no others", () => {
        const got = result.claims.map((c): Expect => [c.kind, c.written, c.verdict]);
        assert.deepEqual(got, expected);
      });

      it("locates each claim: line, column and fragment agree with the text", () => {
        const lines = text.split(/\r\n|\r|\n/);
        for (const c of result.claims) {
          const line = lines[c.line - 1];
          assert.equal(line.slice(c.column - 1, c.column - 1 + c.text.length), c.text);
          assert.ok(c.text.includes(c.written.split(" ")[0]), `${c.text} holds ${c.written}`);
        }
      });
    });
  }

  it("explains a consistent share with its numbers", () => {
    const text = readFileSync(
      join(__dirname, "../fixtures/seeds/000_42999f3cf930e581.txt"),
      "utf8"
    );
    const share = checkText(text).claims.find((c) => c.written === "46,7%");
    assert.ok(share);
    assert.equal(share.message.vi, "Tỷ lệ 46,7% khớp: 2.344 / 5.022 = 46,7%");
    assert.deepEqual(share.figures, [2344, 5022]);
    assert.equal(share.text, "2.344 đảng viên (đạt 46,7%)");
    assert.equal(share.line, 14);
  });
});
