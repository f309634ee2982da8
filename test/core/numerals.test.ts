import assert from "node:assert/strict";
import fc from "fast-check";
import { findNumerals, parseNumeral, NumeralLocale } from "../../src/core/numerals";
import { foldText, normalizeLabel, stripDiacritics } from "../../src/core/text";

type Want =
  | { kind: "number" | "percent"; value: number; decimals: number; approx?: string }
  | { kind: "fraction"; numerator: number; denominator: number }
  | { fail: "empty" | "not-a-number" | "ambiguous"; candidates?: number[] };

// [text, expected, locale] — Vietnamese first, then English, then what must not parse.
const CASES: [string, Want, NumeralLocale?][] = [
  ["5.022", { kind: "number", value: 5022, decimals: 0 }],
  ["46,7", { kind: "number", value: 46.7, decimals: 1 }],
  ["46,7%", { kind: "percent", value: 46.7, decimals: 1 }],
  ["46,7 %", { kind: "percent", value: 46.7, decimals: 1 }],
  ["46,70%", { kind: "percent", value: 46.7, decimals: 2 }],
  ["100%", { kind: "percent", value: 100, decimals: 0 }],
  ["1.234.567,5", { kind: "number", value: 1234567.5, decimals: 1 }],
  ["1.234.567", { kind: "number", value: 1234567, decimals: 0 }],
  ["0,5", { kind: "number", value: 0.5, decimals: 1 }],
  ["0,05", { kind: "number", value: 0.05, decimals: 2 }],
  ["6.991", { kind: "number", value: 6991, decimals: 0 }],
  ["46.972", { kind: "number", value: 46972, decimals: 0 }],
  ["1.000", { kind: "number", value: 1000, decimals: 0 }],
  ["1.529", { kind: "number", value: 1529, decimals: 0 }],
  ["61", { kind: "number", value: 61, decimals: 0 }],
  ["0", { kind: "number", value: 0, decimals: 0 }],
  ["007", { kind: "number", value: 7, decimals: 0 }],
  [" 5.022 ", { kind: "number", value: 5022, decimals: 0 }],
  ["5.022\u00A0", { kind: "number", value: 5022, decimals: 0 }],
  ["-3,5%", { kind: "percent", value: -3.5, decimals: 1 }],
  ["−12", { kind: "number", value: -12, decimals: 0 }],
  ["+1.529", { kind: "number", value: 1529, decimals: 0 }],
  ["12 345", { kind: "number", value: 12345, decimals: 0 }],
  ["12\u00A0345,5", { kind: "number", value: 12345.5, decimals: 1 }],
  ["1.234,50", { kind: "number", value: 1234.5, decimals: 2 }],
  ["93,75%", { kind: "percent", value: 93.75, decimals: 2 }],
  ["106%", { kind: "percent", value: 106, decimals: 0 }],
  ["46,7 phần trăm", { kind: "percent", value: 46.7, decimals: 1 }],
  ["60/61", { kind: "fraction", numerator: 60, denominator: 61 }],
  ["9/10", { kind: "fraction", numerator: 9, denominator: 10 }],
  ["9 / 10", { kind: "fraction", numerator: 9, denominator: 10 }],
  ["45.012/46.972", { kind: "fraction", numerator: 45012, denominator: 46972 }],
  ["trên 96%", { kind: "percent", value: 96, decimals: 0, approx: "trên" }],
  ["gần 1.400", { kind: "number", value: 1400, decimals: 0, approx: "gần" }],
  ["hơn 5.000", { kind: "number", value: 5000, decimals: 0, approx: "hơn" }],
  ["khoảng 80", { kind: "number", value: 80, decimals: 0, approx: "khoảng" }],
  ["xấp xỉ 46,7%", { kind: "percent", value: 46.7, decimals: 1, approx: "xấp xỉ" }],
  ["Gần như 100%", { kind: "percent", value: 100, decimals: 0, approx: "gần như" }],
  ["dưới 5%", { kind: "percent", value: 5, decimals: 0, approx: "dưới" }],
  // English
  ["1,234,567", { kind: "number", value: 1234567, decimals: 0 }],
  ["1,234.5", { kind: "number", value: 1234.5, decimals: 1 }],
  ["5,022", { kind: "number", value: 5022, decimals: 0 }, "en"],
  ["46.7", { kind: "number", value: 46.7, decimals: 1 }, "en"],
  ["46.7%", { kind: "percent", value: 46.7, decimals: 1 }, "en"],
  ["0.467", { kind: "number", value: 0.467, decimals: 3 }, "en"],
  ["2.34", { kind: "number", value: 2.34, decimals: 2 }, "en"],
  ["5.022", { kind: "number", value: 5.022, decimals: 3 }, "en"],
  // Vietnamese only
  ["5,022", { kind: "number", value: 5.022, decimals: 3 }, "vi"],
  ["2.34", { fail: "not-a-number", candidates: [2.34] }, "vi"],
  // Ambiguous: reported, never guessed
  ["2.34", { fail: "ambiguous", candidates: [2.34] }],
  ["46.7", { fail: "ambiguous", candidates: [46.7] }],
  ["5,022", { fail: "ambiguous", candidates: [5.022, 5022] }],
  ["-5,022", { fail: "ambiguous", candidates: [-5.022, -5022] }],
  ["0.5", { fail: "ambiguous", candidates: [0.5] }],
  ["0,000", { kind: "number", value: 0, decimals: 3 }],
  ["0.467", { fail: "ambiguous", candidates: [0.467] }],
  // Not numbers
  ["", { fail: "empty" }],
  ["   ", { fail: "empty" }],
  ["abc", { fail: "not-a-number" }],
  ["1.234.5", { fail: "not-a-number" }],
  ["1.23.456", { fail: "not-a-number" }],
  ["12,3,4", { fail: "not-a-number" }],
  ["5.022 đảng viên", { fail: "not-a-number" }],
  ["#DIV/0!", { fail: "not-a-number" }],
  ["1..2", { fail: "not-a-number" }],
  ["5.", { fail: "not-a-number" }],
  [",5", { fail: "not-a-number" }],
  ["%", { fail: "not-a-number" }],
  ["khoảng", { fail: "not-a-number" }],
  ["1.2345", { fail: "ambiguous", candidates: [1.2345] }],
  ["12.34.567", { fail: "not-a-number" }],
];

describe("numerals: parseNumeral table", () => {
  it("has at least 60 cases", () => assert.ok(CASES.length >= 60, String(CASES.length)));
  for (const [text, want, locale] of CASES) {
    it(`${JSON.stringify(text)}${locale ? ` (${locale})` : ""}`, () => {
      const r = parseNumeral(text, locale);
      if ("fail" in want) {
        assert.equal(r.ok, false, JSON.stringify(r));
        if (r.ok) return;
        assert.equal(r.reason, want.fail);
        if (want.candidates) assert.deepEqual(r.candidates, want.candidates);
        return;
      }
      assert.ok(r.ok, JSON.stringify(r));
      const n = r.numeral;
      assert.equal(n.kind, want.kind);
      if (want.kind === "fraction") {
        assert.equal(n.numerator, want.numerator);
        assert.equal(n.denominator, want.denominator);
        assert.equal(n.value, want.numerator / want.denominator);
      } else {
        assert.equal(n.value, want.value);
        assert.equal(n.decimals, want.decimals);
        assert.equal(Number(n.exact), want.value);
        assert.equal(n.approx, want.approx ?? null);
      }
    });
  }
});

describe("numerals: Intl.NumberFormat('vi-VN') output parses back exactly", () => {
  it("integers", () => {
    const fmt = new Intl.NumberFormat("vi-VN");
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const r = parseNumeral(fmt.format(n));
        assert.ok(r.ok, fmt.format(n)); // integers are never ambiguous: "5.022" is 5022
        assert.equal(r.numeral.value, n);
      }),
      { numRuns: 500 }
    );
  });
  it("decimals with 1 to 3 digits shown", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3 }), (scaled, k) => {
        const value = scaled / 10 ** k;
        const text = new Intl.NumberFormat("vi-VN", {
          minimumFractionDigits: k,
          maximumFractionDigits: k,
        }).format(value);
        const want = Number(value.toFixed(k));
        const r = parseNumeral(text, "vi");
        assert.ok(r.ok, text);
        assert.equal(r.numeral.decimals, k);
        assert.equal(r.numeral.value, want);
        // Undecided convention: exact, or "47,938" reported as ambiguous with the Vietnamese reading first.
        const auto = parseNumeral(text);
        if (auto.ok) assert.equal(auto.numeral.value, want);
        else assert.deepEqual([auto.reason, auto.candidates[0]], ["ambiguous", want]);
      }),
      { numRuns: 2000 }
    );
  });
  it("percentages", () => {
    const fmt = new Intl.NumberFormat("vi-VN", {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (tenths) => {
        const text = fmt.format(tenths / 1000);
        const r = parseNumeral(text);
        assert.ok(r.ok, text);
        assert.equal(r.numeral.kind, "percent");
        assert.equal(r.numeral.value, tenths / 10);
      }),
      { numRuns: 300 }
    );
  });
  it("never throws on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => void parseNumeral(s)));
    fc.assert(fc.property(fc.stringMatching(/^[0-9.,% /-]{0,40}$/), (s) => void parseNumeral(s)));
  });
});

describe("numerals in prose", () => {
  const seed =
    "Thứ Bảy, 01/02/2020, 11:20. Hiện Đảng bộ có 61 tổ chức cơ sở đảng trực thuộc (gồm 37 đảng bộ cơ sở và 24 chi bộ cơ sở) với tổng số 5.022 đảng viên, trong đó 90,5% có trình độ; 2.344 đảng viên (đạt 46,7%). Có gần 1.400 đảng viên; 60/61 chi, đảng bộ; Nghị quyết số 11-NQ/TU.";
  it("finds the figures and skips dates, times and document codes", () => {
    const got = findNumerals(seed).map(
      (n) => `${n.kind}:${n.exact}${n.approx ? `~${n.approx}` : ""}`
    );
    assert.deepEqual(got, [
      "number:61",
      "number:37",
      "number:24",
      "number:5022",
      "percent:90.5",
      "number:2344",
      "percent:46.7",
      "number:1400~gần",
      "fraction:60/61",
    ]);
  });
  it("positions point at the figure's text", () => {
    for (const n of findNumerals(seed)) assert.equal(seed.slice(n.index, n.end), n.text);
  });
  it("fractions may carry thousands dots", () => {
    const [n] = findNumerals("có 45.012/46.972 đảng viên được kiểm điểm.");
    assert.deepEqual(
      [n.kind, n.numerator, n.denominator, n.text],
      ["fraction", 45012, 46972, "45.012/46.972"]
    );
  });
  it("a sentence-final dot is not part of the figure", () => {
    const [n] = findNumerals("tổng số là 5.022.");
    assert.equal(n.value, 5022);
    assert.equal(n.text, "5.022");
  });
});

describe("text normalisation", () => {
  const same: [string, string][] = [
    ["Ủy ban", "uỷ ban"],
    ["Hòa Bình", "hoà bình"],
    ["khỏe", "khoẻ"],
    ["Tổng  số\u00A0đảng viên ", "tổng số đảng viên"],
    ["Tổng số đảng viên".normalize("NFD"), "TỔNG SỐ ĐẢNG VIÊN"],
    ["thủy", "thuỷ"],
  ];
  for (const [a, b] of same)
    it(`${JSON.stringify(a)} ≡ ${JSON.stringify(b)}`, () => assert.equal(foldText(a), foldText(b)));
  it("keeps quý and hoàn as they are", () => {
    assert.equal(foldText("Quý"), "quý");
    assert.equal(foldText("hoàn thành"), "hoàn thành");
  });
  it("labels ignore trailing punctuation and spacing around brackets", () => {
    assert.equal(normalizeLabel("Trong đó :"), normalizeLabel("trong đó"));
    assert.equal(normalizeLabel("Đảng viên ( nữ )"), normalizeLabel("Đảng viên (nữ)"));
  });
  it("strips diacritics for loose keys", () =>
    assert.equal(stripDiacritics("Đảng ủy Khối"), "dang uy khoi"));
  it('folds case as toLocaleLowerCase("vi") does, on every code point (foldText uses toLowerCase)', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      // After a letter and before a combining dot: the contexts where some languages tailor case.
      const s = `A${String.fromCodePoint(c)}\u0307Σ`;
      if (s.toLowerCase() !== s.toLocaleLowerCase("vi")) differ.push(c);
    }
    assert.deepEqual(differ, []);
    assert.equal(foldText("ĐẢNG ỦY XÃ ĐẦM HÀ"), "đảng ủy xã đầm hà");
  });
});
