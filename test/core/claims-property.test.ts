import assert from "node:assert/strict";
import fc from "fast-check";
import { checkCellText, checkText } from "../../src/core/claims";

// Pieces of report prose and of noise: figures in both conventions, separators, the words the checker
// keys on, brackets and line breaks, so that random texts hit every branch of the extractor.
const PIECES = [
  "5.022",
  "2.344",
  "46,7%",
  "61",
  "37",
  "24",
  "60/61",
  "9/10",
  "1.529",
  "6.991",
  "(5.462)",
  "2024",
  "16-5-2018",
  "0",
  "100%",
  "1.1.1",
  "1,1,1",
  "...",
  ",,",
  "..",
  "%",
  "/",
  "(",
  ")",
  ";",
  ":",
  ",",
  ".",
  " ",
  " ",
  "\n",
  "đảng viên",
  "tổ chức cơ sở đảng",
  "chi, đảng bộ",
  "gồm",
  "chia ra",
  "trong đó",
  "có",
  "là",
  "và",
  "với",
  "đạt",
  "chiếm",
  "bằng",
  "tăng",
  "giảm",
  "vượt",
  "từ",
  "lên",
  "so với",
  "cùng kỳ",
  "năm",
  "kế hoạch",
  "chỉ tiêu",
  "Nghị quyết",
  "đầu nhiệm kỳ",
  "trên",
  "gần",
  "khoảng",
  "tỷ lệ",
  "loại hình",
  "về",
  "xã",
];
const prose = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((a) => a.join(" "));
const noisy = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 80 })
  .map((a) => a.join(""));

describe("claim checker: properties", () => {
  it("never throws, and every claim points at its own text", () => {
    fc.assert(
      fc.property(fc.oneof(prose, noisy), (text) => {
        const { claims, issues } = checkText(text);
        const lines = text.split(/\r\n|\r|\n/);
        for (const c of claims) {
          assert.equal(lines[c.line - 1].slice(c.column - 1, c.column - 1 + c.text.length), c.text);
          assert.ok(["consistent", "wrong", "truncated", "unverifiable"].includes(c.verdict));
        }
        for (const i of issues) assert.ok(i.severity === "error" || i.severity === "warning");
      }),
      { numRuns: 400 }
    );
  });

  it("never throws on cells with arbitrary row figures", () => {
    fc.assert(
      fc.property(
        prose,
        fc.array(fc.oneof(fc.integer({ min: -10, max: 10000 }), fc.double({ noNaN: true })), {
          maxLength: 6,
        }),
        (text, row) => {
          checkCellText(text, row);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("a consistent sentence stays consistent whatever the figures (share half up)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99999 }),
        fc.integer({ min: 0, max: 99999 }),
        fc.integer({ min: 0, max: 2 }),
        (whole, a, decimals) => {
          const part = a % (whole + 1);
          const pct = ((part * 100) / whole).toFixed(12);
          // round half up exactly via BigInt on the scaled value
          const scaled =
            (BigInt(part) * 100n * 10n ** BigInt(decimals) * 2n + BigInt(whole)) /
            (2n * BigInt(whole));
          const digits = scaled.toString().padStart(decimals + 1, "0");
          const written =
            decimals === 0 ? digits : `${digits.slice(0, -decimals)},${digits.slice(-decimals)}`;
          const vi = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
          const text = `Đảng bộ có ${vi(whole)} đảng viên; ${vi(part)} đảng viên (đạt ${written}%) là nữ.`;
          const share = checkText(text).claims.find((c) => c.kind === "share");
          assert.ok(share, `${text} (${pct})`);
          assert.equal(share.verdict, "consistent", `${text}: ${share.message.vi}`);
        }
      ),
      { numRuns: 300 }
    );
  });

  it("runs in linear time: 100k characters take at most 40× the time of 10k (linear is 10×, quadratic 100×; the margin is for a shared, busy machine)", function () {
    this.timeout(60000);
    const rng = (seed: number) => () =>
      (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const build = (n: number, seed: number): string => {
      const r = rng(seed);
      let s = "";
      while (s.length < n) {
        const pick = r();
        if (pick < 0.1)
          s += "1".repeat(200); // long runs of digits
        else if (pick < 0.2)
          s += "1.2".repeat(80); // dots
        else if (pick < 0.3)
          s += "3,4".repeat(80); // commas
        else if (pick < 0.35) s += "(((".repeat(20) + "12 đảng viên";
        else s += PIECES[Math.floor(r() * PIECES.length)] + " ";
      }
      return s.slice(0, n);
    };
    // Best of five trials; the small input is run ten times per trial so that timer and GC noise stay small.
    const time = (text: string, reps: number): number => {
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = process.hrtime.bigint();
        for (let r = 0; r < reps; r++) checkText(text);
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6 / reps);
      }
      return best;
    };
    for (const [name, make] of [
      ["mixed prose, one paragraph", (n: number) => build(n, 7)],
      [
        "digits, dots and commas",
        (n: number) => "1.234,5".repeat(n / 7) + "9".repeat(n / 4) + "1.1,1.".repeat(n / 12),
      ],
      [
        "percentages and counts of one noun",
        (n: number) => "12 đảng viên (đạt 46,7%), ".repeat(n / 27),
      ],
      [
        "lists after gồm and trong đó",
        (n: number) => "61 chi bộ (gồm 37 chi bộ và 24 chi bộ), trong đó 5 chi bộ; ".repeat(n / 58),
      ],
    ] as [string, (n: number) => string][]) {
      const small = make(10_000);
      const large = make(100_000);
      time(large, 1);
      const ts = time(small, 10);
      const tl = time(large, 1);
      const ratio = tl / ts;
      console.log(
        `      ${name}: 10k ${ts.toFixed(1)} ms, 100k ${tl.toFixed(1)} ms, ratio ${ratio.toFixed(1)}`
      );
      assert.ok(ratio < 40, `${name}: ${ts.toFixed(1)} ms → ${tl.toFixed(1)} ms`);
    }
  });
});
