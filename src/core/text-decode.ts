/**
 * Text files in, Unicode out: UTF-8 (with or without BOM), UTF-16 LE/BE, and the legacy Vietnamese font
 * encodings still found in old government files, TCVN3 (ABC, the .VnTime fonts) and VNI (VNI-Times).
 * Legacy text is detected both as raw bytes and as Unicode text that carries the legacy glyph codes
 * (a .VnTime document pasted into a UTF-8 file reads "§¶ng bé" for "Đảng bộ"); either way it is converted
 * and the note says so. Pure TypeScript: no TextDecoder, no Node buffers.
 */
import type { Message } from "./issue";

export type TextEncoding =
  "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "tcvn3" | "vni" | "windows-1252";
export type LegacyEncoding = "tcvn3" | "vni";

export interface DecodedText {
  /** The text in Unicode, NFC; legacy text converted. */
  text: string;
  /** How the bytes were read. "tcvn3"/"vni" when the bytes themselves are legacy single-byte text. */
  encoding: TextEncoding;
  /** Legacy font encoding found in the text (raw or wrapped in Unicode) and converted, else null. */
  legacy: LegacyEncoding | null;
  /** What the user should know about the decoding (legacy text converted, unknown bytes), else null. */
  note: Message | null;
}

/**
 * TCVN3 (TCVN 5712:1993, VN3 as used by the ABC .VnTime fonts): the characters of bytes 0xA1..0xFF.
 * Bytes 0xB0..0xB4 stay Latin-1 (°±²³´): VN3 fonts do not use them for letters. The VN1 capitals in
 * 0x80..0x9F are left out on purpose: VN3 documents use that range for Windows punctuation (“ ” …).
 */
const TCVN3_HIGH =
  "ĂÂÊÔƠƯĐăâêôơưđẰ°" +
  "±²³´àảãáạẲằẳẵắẴẮ" +
  "ẦẨẪẤỀặầẩẫấậèỂẻẽé" +
  "ẹềểễếệìỉỄẾỒĩíịòỔ" +
  "ỏõóọồổỗốộờởỡớợùỖ" +
  "ủũúụừửữứựỳỷỹýỵỐ";

/**
 * VNI-Windows: a letter is written as its base letter and one mark byte (read as Windows-1252); đ, ư, ơ,
 * the toned i and ỵ have bytes of their own. Capitals use the same bytes in upper case.
 */
const TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]; // none, sắc, huyền, hỏi, ngã, nặng
const VNI_TONE = ["", "ù", "ø", "û", "õ", "ï"];
const VNI_CIRCUMFLEX = ["â", "á", "à", "å", "ã", "ä"];
const VNI_BREVE = ["ê", "é", "è", "ú", "ü", "ë"];

/** Unicode letter (lower and upper case) → its VNI spelling. */
const VNI_OF: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const add = (letter: string, vni: string): void => {
    m.set(letter.normalize("NFC"), vni);
    m.set(letter.normalize("NFC").toUpperCase(), vni.toUpperCase());
  };
  const plain: [string, string][] = [
    ["a", "a"],
    ["e", "e"],
    ["o", "o"],
    ["u", "u"],
    ["y", "y"],
    ["\u01a1", "ô"], // ơ
    ["\u01b0", "ö"], // ư
  ];
  for (const [base, vni] of plain) {
    TONES.forEach((tone, t) => {
      if (t === 0 && vni.length === 1 && base === vni) return; // plain ASCII letter
      add(base + tone, base === "y" && t === 5 ? "î" : vni + VNI_TONE[t]);
    });
  }
  for (const base of ["a", "e", "o"]) {
    TONES.forEach((tone, t) => add(base + "\u0302" + tone, base + VNI_CIRCUMFLEX[t]));
  }
  TONES.forEach((tone, t) => add("a\u0306" + tone, "a" + VNI_BREVE[t]));
  ["i", "í", "ì", "æ", "ó", "ò"].forEach((vni, t) => {
    if (t > 0) add("i" + TONES[t], vni);
  });
  add("\u0111", "ñ"); // đ
  return m;
})();

/** VNI spelling → Unicode letter, for decoding by longest match. */
const VNI_DECODE: Map<string, string> = new Map(
  Array.from(VNI_OF, ([u, v]) => [v, u] as [string, string])
);

/** Windows-1252 0x80..0x9F; undefined bytes keep their C1 code point. */
const CP1252_80 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

const CP1252_REVERSE: Map<string, number> = new Map(
  Array.from(CP1252_80, (ch, i) => [ch, 0x80 + i] as [string, number])
);

/** The byte a Windows-1252 character stands for, or -1. */
function cp1252Byte(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
  return CP1252_REVERSE.get(ch) ?? -1;
}

function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    let s = "";
    const end = Math.min(bytes.length, i + 8192);
    for (let j = i; j < end; j++) {
      const b = bytes[j];
      s += b >= 0x80 && b < 0xa0 ? CP1252_80[b - 0x80] : String.fromCharCode(b);
    }
    parts.push(s);
  }
  return parts.join("");
}

/** Strict UTF-8: null on any invalid sequence (overlong, surrogate, truncated, out of range). */
export function decodeUtf8Strict(bytes: Uint8Array, start = 0): string | null {
  const parts: string[] = [];
  let units: number[] = [];
  const n = bytes.length;
  let i = start;
  while (i < n) {
    const b = bytes[i];
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= n || (bytes[i + 1] & 0xc0) !== 0x80) return null;
      cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= n || (bytes[i + 1] & 0xc0) !== 0x80 || (bytes[i + 2] & 0xc0) !== 0x80)
        return null;
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return null;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (
        i + 3 >= n ||
        (bytes[i + 1] & 0xc0) !== 0x80 ||
        (bytes[i + 2] & 0xc0) !== 0x80 ||
        (bytes[i + 3] & 0xc0) !== 0x80
      )
        return null;
      cp =
        ((b & 0x07) << 18) |
        ((bytes[i + 1] & 0x3f) << 12) |
        ((bytes[i + 2] & 0x3f) << 6) |
        (bytes[i + 3] & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return null;
      i += 4;
    } else {
      return null;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join("");
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string {
  const parts: string[] = [];
  let units: number[] = [];
  for (let i = start; i + 1 < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join("");
}

/** UTF-16 without a BOM shows as NUL bytes in one parity: ASCII letters have a zero high byte. */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

/** Converts text whose characters are TCVN3 codes read as Windows-1252 (or Latin-1) into Unicode. */
export function tcvn3ToUnicode(text: string): string {
  let out = "";
  for (const ch of text) {
    const b = cp1252Byte(ch);
    out += b >= 0xa1 ? TCVN3_HIGH[b - 0xa1] : ch;
  }
  return out.normalize("NFC");
}

/** Converts text whose characters are VNI-Windows codes read as Windows-1252 into Unicode. */
export function vniToUnicode(text: string): string {
  let out = "";
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const two = i + 1 < n ? VNI_DECODE.get(text.slice(i, i + 2)) : undefined;
    if (two !== undefined) {
      out += two;
      i++;
      continue;
    }
    out += VNI_DECODE.get(text[i]) ?? text[i];
  }
  return out.normalize("NFC");
}

/** Unicode Vietnamese → TCVN3 bytes (the letters TCVN3 has; others as Windows-1252 or "?"). */
export function unicodeToTcvn3(text: string): Uint8Array {
  const rev = new Map<string, number>();
  for (let i = 0; i < TCVN3_HIGH.length; i++) rev.set(TCVN3_HIGH[i], 0xa1 + i);
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const b = rev.get(ch);
    if (b !== undefined) {
      out.push(b);
      continue;
    }
    // TCVN3 has few capitals: the .VnTimeH fonts draw the lower-case codes as capitals.
    const lb = rev.get(ch.toLowerCase());
    if (lb !== undefined) {
      out.push(lb);
      continue;
    }
    const c = cp1252Byte(ch);
    out.push(c >= 0 && c < 0xa1 ? c : 0x3f);
  }
  return Uint8Array.from(out);
}

/** Unicode Vietnamese → VNI-Windows bytes (others as Windows-1252 or "?"). */
export function unicodeToVni(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    for (const c of VNI_OF.get(ch) ?? ch) {
      const b = cp1252Byte(c);
      out.push(b >= 0 ? b : 0x3f);
    }
  }
  return Uint8Array.from(out);
}

/** Frequent Vietnamese syllables with diacritics: what converted text must be made of. */
const COMMON_SYLLABLES = new Set(
  (
    "của và các có được là những đảng viên với công tác cán bộ năm người không đã này một để thực hiện từ " +
    "đến về đồng chí tổ chức cơ sở xã hội nhân dân tỉnh huyện ủy uỷ lãnh đạo chỉ đạt số lượng tỷ lệ kế " +
    "hoạch tiêu nhiệm vụ kết nạp học lớp năng lực chính trị phát triển xây dựng quản lý giáo dục kiểm giám " +
    "sát đoàn thể thành phố phường đơn vị trên dưới hơn gần nghị quyết đại hiệu quả tăng giảm cường tập " +
    "mới kinh tế văn hóa hoá thời tới việc đối cấp vững mạnh tốt đầu kỳ báo cáo quy định tình hình sinh " +
    "hoạt trình độ lý luận trở đó gồm hàng thường vụ tư tưởng đức phong cách hồ minh hành động cải " +
    "cũng còn nhiều đề ra nội dung bảo đảm triển khai trường hợp lượt cuộc đạo ngành sự nghiệp nước"
  ).split(" ")
);
/** Letters of the Vietnamese alphabet (lower case, NFC). */
const VIET_LETTER = /^[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/;

/**
 * How Vietnamese the non-ASCII words of a text look, -1..1: common syllables score, words with
 * characters outside the Vietnamese alphabet (§ ¶ µ û ö ï ...) count against. Samples the first 20k chars.
 */
export function vietnameseScore(text: string): number {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  let total = 0;
  let score = 0;
  for (const m of sample.matchAll(/[^\s\d.,;:!?()"'“”‘’\-–—/\\[\]{}<>=+*&%#@]+/g)) {
    const w = m[0].toLowerCase();
    if (/^[\x20-\x7e]*$/.test(w)) continue;
    total++;
    if (COMMON_SYLLABLES.has(w)) score += 1;
    else if (VIET_LETTER.test(w)) score += 0.25;
    else score -= 1;
  }
  return total === 0 ? 0 : score / total;
}

/** Characters that legacy text shows and Vietnamese Unicode never uses. */
const TCVN3_MARKERS = /[§¶µ¸¹¨»¾¼½©ª«¬®Ç×ÞßÆ]/;
const VNI_MARKERS = /[øûïäåëüæöñÑÖØÛÏÄÅËÜÆ]/;

/**
 * Which legacy encoding a Unicode string carries, if any: the converted text must look clearly more
 * Vietnamese than the text as it stands.
 */
export function detectLegacy(text: string): LegacyEncoding | null {
  const t = text.search(TCVN3_MARKERS);
  const v = text.search(VNI_MARKERS);
  if (t < 0 && v < 0) return null;
  // Score a sample of 20k characters around the first marker: enough to decide, linear in any case.
  const first = Math.min(t < 0 ? Infinity : t, v < 0 ? Infinity : v);
  const from = Math.max(0, first - 10000);
  const sample = text.slice(from, from + 20000);
  const asIs = vietnameseScore(sample);
  let best: LegacyEncoding | null = null;
  let bestScore = asIs + 0.3;
  if (t >= 0) {
    const s = vietnameseScore(tcvn3ToUnicode(sample));
    if (s > bestScore) {
      best = "tcvn3";
      bestScore = s;
    }
  }
  if (v >= 0) {
    const s = vietnameseScore(vniToUnicode(sample));
    if (s > bestScore) best = "vni";
  }
  return best;
}

/** Converts legacy-encoded Unicode text (e.g. a .VnTime cell read from a workbook). */
export function convertLegacy(text: string, from: LegacyEncoding): string {
  return from === "tcvn3" ? tcvn3ToUnicode(text) : vniToUnicode(text);
}

const LEGACY_NAME: Record<LegacyEncoding, string> = {
  tcvn3: "TCVN3 (ABC, .VnTime)",
  vni: "VNI (VNI-Times)",
};

function legacyNote(from: LegacyEncoding): Message {
  const name = LEGACY_NAME[from];
  return {
    vi: `Văn bản dùng bảng mã cũ ${name}; đã chuyển sang Unicode.`,
    en: `Text uses the legacy ${name} encoding; converted to Unicode.`,
  };
}

/** Decodes a text file: BOM first, then UTF-16 without BOM, strict UTF-8, then legacy single-byte. */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: TextEncoding;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const t = decodeUtf8Strict(bytes, 3);
    text = t ?? decodeCp1252(bytes.subarray(3));
    encoding = "utf-8-bom";
    if (t === null) {
      return {
        text: text.normalize("NFC"),
        encoding: "windows-1252",
        legacy: null,
        note: {
          vi: "Tệp có BOM UTF-8 nhưng chứa byte không hợp lệ; đã đọc theo Windows-1252.",
          en: "File has a UTF-8 BOM but invalid bytes; read as Windows-1252.",
        },
      };
    }
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes, 2, true);
    encoding = "utf-16le";
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes, 2, false);
    encoding = "utf-16be";
  } else {
    const u16 = guessUtf16(bytes);
    const u8 = u16 === null ? decodeUtf8Strict(bytes) : null;
    if (u16 !== null) {
      text = decodeUtf16(bytes, 0, u16 === "utf-16le");
      encoding = u16;
    } else if (u8 !== null) {
      text = u8;
      encoding = "utf-8";
    } else {
      return decodeSingleByte(bytes);
    }
  }
  const legacy = detectLegacy(text);
  if (legacy !== null) {
    return { text: convertLegacy(text, legacy), encoding, legacy, note: legacyNote(legacy) };
  }
  return { text: text.normalize("NFC"), encoding, legacy: null, note: null };
}

/** Bytes that are not UTF-8: TCVN3 or VNI when the result reads as Vietnamese, else Windows-1252. */
function decodeSingleByte(bytes: Uint8Array): DecodedText {
  const latin = decodeCp1252(bytes);
  const legacy = detectLegacy(latin);
  if (legacy !== null) {
    return {
      text: convertLegacy(latin, legacy),
      encoding: legacy,
      legacy,
      note: legacyNote(legacy),
    };
  }
  return {
    text: latin.normalize("NFC"),
    encoding: "windows-1252",
    legacy: null,
    note: {
      vi: "Tệp không phải UTF-8 và không nhận ra bảng mã tiếng Việt cũ; đã đọc theo Windows-1252.",
      en: "File is not UTF-8 and no legacy Vietnamese encoding was recognised; read as Windows-1252.",
    },
  };
}
