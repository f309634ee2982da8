import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  decodeText,
  decodeUtf8Strict,
  detectLegacy,
  tcvn3ToUnicode,
  unicodeToTcvn3,
  unicodeToVni,
  vniToUnicode,
} from "../../src/core/text-decode";

const SEEDS = join(__dirname, "../fixtures/seeds");
const SAMPLE =
  "Đảng bộ có 61 tổ chức cơ sở đảng (gồm 37 đảng bộ cơ sở và 24 chi bộ cơ sở) với tổng số 5.022 đảng viên; " +
  "2.344 đảng viên (đạt 46,7%) có trình độ lý luận chính trị từ trung cấp trở lên. Ủy ban Kiểm tra Tỉnh ủy " +
  "thực hiện 18 cuộc kiểm tra, giám sát; kết nạp được 1.270 đảng viên mới, nâng cao chất lượng sinh hoạt.";

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf16le"));
const utf16be = (s: string): Uint8Array => {
  const le = utf16le(s);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
  return be;
};
const concat = (...parts: (number[] | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => Array.from(p)));
/** Bytes read as Windows-1252 text, as a legacy document pasted into a Unicode file shows them. */
const asCp1252Text = (bytes: Uint8Array): string => {
  const c1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
  return Array.from(bytes, (b) =>
    b >= 0x80 && b < 0xa0 ? c1[b - 0x80] : String.fromCharCode(b)
  ).join("");
};

describe("text decoding", () => {
  describe("Unicode", () => {
    const cases: [string, Uint8Array, string][] = [
      ["UTF-8 with BOM", concat([0xef, 0xbb, 0xbf], utf8(SAMPLE)), "utf-8-bom"],
      ["UTF-8 without BOM", utf8(SAMPLE), "utf-8"],
      ["UTF-16 LE with BOM", concat([0xff, 0xfe], utf16le(SAMPLE)), "utf-16le"],
      ["UTF-16 BE with BOM", concat([0xfe, 0xff], utf16be(SAMPLE)), "utf-16be"],
      ["UTF-16 LE without BOM", utf16le(SAMPLE), "utf-16le"],
      ["UTF-16 BE without BOM", utf16be(SAMPLE), "utf-16be"],
    ];
    for (const [name, bytes, encoding] of cases) {
      it(name, () => {
        const d = decodeText(bytes);
        assert.equal(d.encoding, encoding);
        assert.equal(d.text, SAMPLE);
        assert.equal(d.legacy, null);
        assert.equal(d.note, null);
      });
    }

    it("decomposed (NFD) UTF-8 comes out NFC", () => {
      assert.equal(decodeText(utf8(SAMPLE.normalize("NFD"))).text, SAMPLE);
    });

    it("plain ASCII is UTF-8", () => {
      assert.deepEqual(decodeText(utf8("So lieu 2024: 61 / 5.022")), {
        text: "So lieu 2024: 61 / 5.022",
        encoding: "utf-8",
        legacy: null,
        note: null,
      });
    });

    for (const file of readdirSync(SEEDS)) {
      it(`the seed ${file} is read as UTF-8 Vietnamese, not as legacy text`, () => {
        const bytes = new Uint8Array(readFileSync(join(SEEDS, file)));
        const d = decodeText(bytes);
        assert.equal(d.encoding, "utf-8");
        assert.equal(d.legacy, null);
        assert.equal(d.text, Buffer.from(bytes).toString("utf8").normalize("NFC"));
      });
    }
  });

  describe("TCVN3 (ABC, .VnTime)", () => {
    it("the table gives the known bytes", () => {
      // Đ=A7 ả=B6 ộ=E9 ư=AD ờ=EA ợ=EE ấ=CA ệ=D6 (TCVN 5712:1993)
      assert.deepEqual(
        Array.from(unicodeToTcvn3("Đảng bộ")),
        [0xa7, 0xb6, 0x6e, 0x67, 0x20, 0x62, 0xe9]
      );
      assert.deepEqual(
        Array.from(unicodeToTcvn3("ường ợ ấ ệ")),
        [0xad, 0xea, 0x6e, 0x67, 0x20, 0xee, 0x20, 0xca, 0x20, 0xd6]
      );
      assert.equal(tcvn3ToUnicode("§¶ng bé"), "Đảng bộ");
    });

    it("raw TCVN3 bytes are detected and converted", () => {
      const d = decodeText(unicodeToTcvn3(SAMPLE));
      assert.equal(d.encoding, "tcvn3");
      assert.equal(d.legacy, "tcvn3");
      // TCVN3 has few capitals (.VnTimeH draws the lower-case codes as capitals): compare folded.
      assert.equal(d.text.toLowerCase(), SAMPLE.toLowerCase());
      assert.match(d.note?.vi ?? "", /TCVN3/);
      assert.match(d.note?.en ?? "", /converted/);
    });

    it("TCVN3 text pasted into a UTF-8 file is detected and converted", () => {
      const wrapped = asCp1252Text(unicodeToTcvn3(SAMPLE));
      assert.ok(wrapped.startsWith("§¶ng bé"));
      const d = decodeText(utf8(wrapped));
      assert.equal(d.encoding, "utf-8");
      assert.equal(d.legacy, "tcvn3");
      assert.equal(d.text.toLowerCase(), SAMPLE.toLowerCase());
      assert.equal(detectLegacy(wrapped), "tcvn3");
    });

    it("every seed survives TCVN3 and back", () => {
      for (const file of readdirSync(SEEDS)) {
        const text = readFileSync(join(SEEDS, file), "utf8").normalize("NFC");
        const d = decodeText(unicodeToTcvn3(text));
        assert.equal(d.legacy, "tcvn3", file);
        assert.equal(d.text.toLowerCase(), text.toLowerCase(), file);
      }
    });
  });

  describe("VNI (VNI-Times)", () => {
    it("the table gives the known bytes", () => {
      // Ñ=đ/Đ, aû=ả, oä=ộ, ö=ư, ôø=ờ (VNI-Windows)
      assert.deepEqual(
        Array.from(unicodeToVni("Đảng bộ")),
        [0xd1, 0x61, 0xfb, 0x6e, 0x67, 0x20, 0x62, 0x6f, 0xe4]
      );
      assert.equal(
        vniToUnicode("Ñaûng boä, ñaûng vieân, ngöôøi, Tænh uûy"),
        "Đảng bộ, đảng viên, người, Tỉnh ủy"
      );
      assert.equal(vniToUnicode("ÑAÛNG BOÄ"), "ĐẢNG BỘ");
    });

    it("raw VNI bytes are detected and converted, capitals included", () => {
      const d = decodeText(unicodeToVni(SAMPLE));
      assert.equal(d.encoding, "vni");
      assert.equal(d.legacy, "vni");
      assert.equal(d.text, SAMPLE);
      assert.match(d.note?.vi ?? "", /VNI/);
    });

    it("VNI text pasted into a UTF-8 file is detected and converted", () => {
      const wrapped = asCp1252Text(unicodeToVni(SAMPLE));
      const d = decodeText(utf8(wrapped));
      assert.equal(d.encoding, "utf-8");
      assert.equal(d.legacy, "vni");
      assert.equal(d.text, SAMPLE);
    });

    it("every seed survives VNI and back", () => {
      for (const file of readdirSync(SEEDS)) {
        const text = readFileSync(join(SEEDS, file), "utf8").normalize("NFC");
        const d = decodeText(unicodeToVni(text));
        assert.equal(d.legacy, "vni", file);
        assert.equal(d.text, text, file);
      }
    });
  });

  describe("strict UTF-8", () => {
    const cases: [string, number[], string | null][] = [
      ["ASCII", [0x41, 0x42], "AB"],
      ["two bytes", [0xc4, 0x91], "đ"],
      ["three bytes", [0xe1, 0xba, 0xa3], "ả"],
      ["four bytes", [0xf0, 0x9f, 0x93, 0x84], "\u{1F4C4}"],
      ["overlong", [0xc0, 0x80], null],
      ["overlong three bytes", [0xe0, 0x80, 0x80], null],
      ["surrogate", [0xed, 0xa0, 0x80], null],
      ["truncated", [0xe1, 0xba], null],
      ["stray continuation", [0x80], null],
      ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80], null],
    ];
    for (const [name, bytes, want] of cases) {
      it(`${name}: ${want === null ? "rejected" : JSON.stringify(want)}`, () => {
        assert.equal(decodeUtf8Strict(Uint8Array.from(bytes)), want);
      });
    }
  });

  describe("neither", () => {
    it("Windows-1252 text that is not Vietnamese is read as such, with a note", () => {
      const d = decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x32, 0x30, 0x25]));
      assert.equal(d.encoding, "windows-1252");
      assert.equal(d.legacy, null);
      assert.equal(d.text, "café 20%");
      assert.ok(d.note);
    });

    it("a UTF-8 BOM before invalid bytes falls back to Windows-1252 and says so", () => {
      const d = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xff]));
      assert.equal(d.encoding, "windows-1252");
      assert.ok(d.note);
    });
  });

  describe("properties", () => {
    const words = readFileSync(join(SEEDS, "000_42999f3cf930e581.txt"), "utf8")
      .normalize("NFC")
      .split(/[\s,.;:()"“”]+/)
      .filter((w) => w.length > 0);
    const viText = fc
      .array(fc.constantFrom(...words), { minLength: 1, maxLength: 60 })
      .map((a) => a.join(" "));

    it("plain UTF-8 Vietnamese is never mistaken for legacy text", () => {
      fc.assert(
        fc.property(viText, (s) => {
          const d = decodeText(utf8(s));
          assert.equal(d.legacy, null);
          assert.equal(d.text, s);
        }),
        { numRuns: 300 }
      );
    });

    it("VNI round-trips any Vietnamese text exactly", () => {
      fc.assert(
        fc.property(viText, (s) => {
          assert.equal(vniToUnicode(asCp1252Text(unicodeToVni(s))), s);
        }),
        { numRuns: 300 }
      );
    });

    it("TCVN3 round-trips any lower-case Vietnamese text exactly", () => {
      fc.assert(
        fc.property(viText, (s) => {
          const lower = s.toLowerCase();
          assert.equal(tcvn3ToUnicode(asCp1252Text(unicodeToTcvn3(lower))), lower);
        }),
        { numRuns: 300 }
      );
    });

    it("never throws on arbitrary bytes", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          const d = decodeText(bytes);
          assert.equal(typeof d.text, "string");
        }),
        { numRuns: 500 }
      );
    });
  });
});
