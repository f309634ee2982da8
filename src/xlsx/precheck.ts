/**
 * What both .xlsx readers check before parsing anything: the file's first bytes (empty, .xls, encrypted, not a
 * zip), then the zip directory's declared sizes, then a bounded inflate of each part that counts worksheet
 * cells. A file that must be refused becomes one issue saying what is wrong and what to do.
 */
import { Issue, RuleMeta, formatNumber, makeIssue } from "../core/issue";
import { DEFAULT_LIMITS, FILE_RULES, ReadLimits } from "./file-rules";
import { RawInflater, TooLarge, ZipEntry, cellCounter, inflateWhole, listZip } from "./zip";

const MB = 1024 * 1024;

export function fileIssue(
  meta: RuleMeta,
  file: string,
  data: Record<string, string | number> = {}
): Issue {
  return makeIssue(meta, { messageId: "default", data }, { file });
}

export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Whether an OLE compound file holds an encrypted OOXML package (else it is a BIFF .xls). */
function hasUtf16(b: Uint8Array, text: string): boolean {
  const pat = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pat[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let j = 0; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

/** A few words on what a non-zip file seems to be, for the message. */
function describeNonZip(b: Uint8Array): { vi: string; en: string } {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, 512)).trimStart();
  if (/^<(\?xml|html|!doctype|table)/i.test(head))
    return { vi: "tệp HTML/XML", en: "an HTML/XML file" };
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return { vi: "tệp PDF", en: "a PDF file" };
  let printable = 0;
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (x === 9 || x === 10 || x === 13 || x >= 32) printable++;
  }
  if (printable / n > 0.95 && !b.subarray(0, n).includes(0)) {
    return { vi: "tệp văn bản, có thể là CSV", en: "a text file, perhaps CSV" };
  }
  return { vi: "nội dung không nhận ra", en: "unrecognised content" };
}

/** A file issue whose {what} (and {limit}, when given) are worded per language. */
export function bilingual(
  meta: RuleMeta,
  file: string,
  what: { vi: string; en: string },
  limit?: { vi: string; en: string }
): Issue {
  const vi = fileIssue(meta, file, { what: what.vi, ...(limit ? { limit: limit.vi } : {}) });
  const en = fileIssue(meta, file, { what: what.en, ...(limit ? { limit: limit.en } : {}) });
  return { ...vi, message: { vi: vi.message.vi, en: en.message.en } };
}

const sameText = (text: string) => ({ vi: text, en: text });

/** "500.000 ô" / "500,000 cells". */
const cellsText = (n: number) => ({
  vi: `${formatNumber(n, "vi")} ô`,
  en: `${formatNumber(n, "en")} cells`,
});

/**
 * The issue for a file bigger than the limit, or null: callers that hold only the file's size (the CLI, before
 * reading it into memory) refuse with the same words.
 */
export function fileTooLarge(
  file: string,
  bytes: number,
  limits: ReadLimits = DEFAULT_LIMITS
): Issue | null {
  if (bytes <= limits.maxFileBytes) return null;
  return bilingual(
    FILE_RULES.tooLarge,
    file,
    { vi: `tệp ${sizeText(bytes)}`, en: `a ${sizeText(bytes)} file` },
    sameText(sizeText(limits.maxFileBytes))
  );
}

/** The file's first bytes: null when it looks like a zip worth opening, else the issue that refuses it. */
export function checkSignature(b: Uint8Array, file: string, limits: ReadLimits): Issue | null {
  if (b.length === 0) return fileIssue(FILE_RULES.empty, file);
  const tooLarge = fileTooLarge(file, b.length, limits);
  if (tooLarge) return tooLarge;
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE compound file: an encrypted .xlsx wraps its package in one, an old .xls is one.
    const encrypted = hasUtf16(b, "EncryptedPackage") || hasUtf16(b, "EncryptionInfo");
    return fileIssue(encrypted ? FILE_RULES.encrypted : FILE_RULES.xls, file);
  }
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    return bilingual(FILE_RULES.notXlsx, file, describeNonZip(b));
  }
  return null;
}

/**
 * The zip's entries after the directory checks (an .xlsx at all, declared sizes within the limits), or the
 * issue that refuses the file.
 */
export function checkDirectory(
  b: Uint8Array,
  file: string,
  limits: ReadLimits
): ZipEntry[] | Issue {
  let entries: ZipEntry[];
  try {
    entries = listZip(b);
  } catch {
    return bilingual(FILE_RULES.unreadable, file, {
      vi: "cấu trúc zip không đầy đủ",
      en: "incomplete zip structure",
    });
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("xl/workbook.xml")) {
    const what = names.has("xl/workbook.bin")
      ? { vi: "tệp .xlsb", en: "an .xlsb file" }
      : [...names].some((n) => n.startsWith("word/"))
        ? { vi: "tệp Word", en: "a Word file" }
        : names.has("content.xml")
          ? { vi: "tệp OpenDocument", en: "an OpenDocument file" }
          : { vi: "tệp zip khác", en: "another kind of zip file" };
    return bilingual(FILE_RULES.notXlsx, file, what);
  }
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limits.maxTotalBytes) {
    return tooBig(
      file,
      { vi: `giải nén ra ${sizeText(declared)}`, en: `${sizeText(declared)} uncompressed` },
      sameText(sizeText(limits.maxTotalBytes))
    );
  }
  const big = entries.find((e) => e.size > limits.maxPartBytes);
  if (big) {
    return tooBig(
      file,
      {
        vi: `${big.name} giải nén ra ${sizeText(big.size)}`,
        en: `${big.name} is ${sizeText(big.size)}`,
      },
      sameText(sizeText(limits.maxPartBytes))
    );
  }
  return entries;
}

function tooBig(
  file: string,
  what: { vi: string; en: string },
  limit: { vi: string; en: string }
): Issue {
  return bilingual(FILE_RULES.tooLarge, file, what, limit);
}

function countCells(bytes: Uint8Array): number {
  const counter = cellCounter();
  counter.push(bytes);
  return counter.count();
}

export const isWorksheetPart = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

/**
 * Inflates the entries in directory order, each bounded by what is left of the limits, counting worksheet
 * cells; `keep` says which parts to return (as bytes) and `skip` which not to inflate at all (counted at
 * their declared size); `inflate` is zlib on the command line (see inflateWhole). Returns the kept parts, or
 * the issue that refuses the file.
 */
export function inflateChecked(
  b: Uint8Array,
  entries: ZipEntry[],
  file: string,
  limits: ReadLimits,
  keep: (name: string) => boolean,
  skip: (name: string) => boolean = () => false,
  inflate?: RawInflater
): Map<string, Uint8Array> | Issue {
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  let cells = 0;
  // Cell starts are 3 bytes at least and never overlap, so a sheet of n bytes holds at most n / 3 cells.
  // Sheets whose bound keeps the file within the limit are counted only if a later sheet may pass it.
  let bound = 0;
  const uncounted: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const kept = keep(entry.name);
    const isSheet = isWorksheetPart(entry.name);
    if (!kept && !isSheet && skip(entry.name)) {
      total += entry.size;
      continue;
    }
    const partLimit = Math.min(limits.maxPartBytes, limits.maxTotalBytes - total);
    let bytes: Uint8Array;
    try {
      bytes = inflateWhole(b, entry, partLimit, inflate);
    } catch (e) {
      if (e instanceof TooLarge) {
        return tooBig(
          file,
          {
            vi: `${entry.name} giải nén ra hơn ${sizeText(e.bytes)}`,
            en: `${entry.name} is over ${sizeText(e.bytes)}`,
          },
          sameText(sizeText(partLimit))
        );
      }
      return bilingual(FILE_RULES.unreadable, file, {
        vi: `phần ${entry.name} bị hỏng`,
        en: `part ${entry.name} is damaged`,
      });
    }
    total += bytes.length;
    if (isSheet) {
      bound += Math.floor(bytes.length / 3);
      if (bound <= limits.maxCells) uncounted.push(bytes);
      else {
        for (const sheet of [...uncounted.splice(0), bytes]) cells += countCells(sheet);
        bound = cells;
      }
    }
    if (cells > limits.maxCells) {
      // Counted so far: the file holds at least this many cells.
      return tooBig(
        file,
        { vi: `hơn ${cellsText(cells).vi}`, en: `over ${cellsText(cells).en}` },
        cellsText(limits.maxCells)
      );
    }
    if (kept) parts.set(entry.name, bytes);
  }
  return parts;
}
