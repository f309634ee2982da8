import assert from "node:assert/strict";
import fc from "fast-check";
import { Lang, formatNumber, plainFormat } from "../../src/core/issue";

/** What formatNumber wrote before its plain path: Intl.NumberFormat, one per language and decimals. */
function viaIntl(n: number, lang: Lang, decimals?: number): string {
  const d = decimals === undefined ? undefined : Math.max(0, Math.min(10, decimals));
  const opts: Intl.NumberFormatOptions =
    d === undefined
      ? { maximumFractionDigits: 10, useGrouping: true }
      : { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true };
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", opts).format(n);
}

describe("formatNumber without Intl writes what Intl writes", () => {
  const cases: [number, Lang, number | undefined, string][] = [
    [5022, "vi", undefined, "5.022"],
    [5022, "en", undefined, "5,022"],
    [46.7, "vi", undefined, "46,7"],
    [46.7, "en", 1, "46.7"],
    [43, "vi", 1, "43,0"],
    [-1234567.5, "vi", undefined, "-1.234.567,5"],
    [1.15, "vi", 1, "1,2"], // ICU rounds the shortest digits, not the binary value (toFixed gives 1.1)
    [46.65, "en", 1, "46.7"],
    [99999.99999999999, "vi", undefined, "100.000"],
    [0.1 + 0.2, "en", undefined, "0.3"],
    [999.96, "vi", 1, "1.000,0"],
    [0.5, "vi", 0, "1"],
    [-0.5, "en", 0, "-1"],
    [5e-11, "vi", undefined, "0,0000000001"],
    [1234.56789012345, "en", undefined, "1,234.5678901235"],
  ];
  for (const [n, lang, d, want] of cases)
    it(`${n} (${lang}, ${d ?? "any"} decimals) → ${want}`, () => {
      assert.equal(formatNumber(n, lang, d), want);
      assert.equal(viaIntl(n, lang, d), want);
    });

  it("leaves to Intl what it does not write itself: -0, exponents, infinities, figures that round to 0", () => {
    for (const n of [-0, 1e21, 1e-7, -4e-11, Infinity, NaN]) {
      assert.equal(plainFormat(n, "vi"), null, String(n));
      assert.equal(formatNumber(n, "vi"), viaIntl(n, "vi"), String(n));
    }
    assert.equal(plainFormat(0.04, "vi", 1), null);
    assert.equal(plainFormat(2, "vi", 1.5), null);
  });

  it("agrees with Intl on any number, language and decimals", () => {
    const num = fc.oneof(
      fc.double({ noNaN: true, min: -1e16, max: 1e16 }),
      fc.integer({ min: -10_000_000, max: 10_000_000 }),
      fc
        .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 4 }))
        .map(([m, e]) => m / 10 ** e),
      fc.integer({ min: -99_999, max: 99_999 }).map((m) => m / 1000 + 0.0005)
    );
    fc.assert(
      fc.property(
        num,
        fc.constantFrom<Lang>("vi", "en"),
        fc.option(fc.integer({ min: -1, max: 12 }), { nil: undefined }),
        (n, lang, d) => formatNumber(n, lang, d) === viaIntl(n, lang, d)
      ),
      { numRuns: 20_000 }
    );
  });
});
