/**
 * Builders for .xlsx files in tests: a minimal package from worksheet XML (for what ExcelJS will not write:
 * shared formulas, formulas without cached values, lying zip directories), and the bad files of issue 8.
 */
import { Deflate, strToU8, zipSync } from "fflate";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** A workbook whose sheets are given as the inside of <sheetData> (cells with inline strings or numbers). */
export function minimalXlsx(sheets: { name: string; data: string; state?: string }[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
${sheets
  .map(
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
  )
  .join("\n")}
</Types>`
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
        .map(
          (s, i) =>
            `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`
        )
        .join("")}</sheets></workbook>`
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
        )
        .join("")}</Relationships>`
    ),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${s.data}</sheetData></worksheet>`
    );
  });
  return zipSync(files, { level: 1 });
}

/** An inline-string cell. */
export const str = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
/** A number cell. */
export const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;

/** An OLE compound file header followed by a directory name, as an .xls or an encrypted .xlsx starts. */
export function oleFile(streamName: string): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let i = 0; i < streamName.length; i++) b[1024 + i * 2] = streamName.charCodeAt(i);
  return b;
}

/**
 * A zip bomb: a valid workbook plus one worksheet whose directory says `declared` bytes but which inflates to
 * `real` bytes of spaces (made in chunks, never held whole).
 */
export function zipBomb(declared: number, real: number): Uint8Array {
  const good = minimalXlsx([{ name: "Biểu", data: `<row r="1">${num("A1", 1)}</row>` }]);
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (chunk) => parts.push(chunk));
  const block = new Uint8Array(1 << 20).fill(0x20);
  for (let done = 0; done < real; done += block.length) {
    deflate.push(
      block.subarray(0, Math.min(block.length, real - done)),
      done + block.length >= real
    );
  }
  const data = concat(parts);
  // Append the bomb as another entry by rebuilding the zip by hand: local header, data, directory.
  return appendStoredEntry(good, "xl/worksheets/bomb.xml", data, declared);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) (all.set(p, o), (o += p.length));
  return all;
}

const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** Adds a deflated entry with a chosen declared size to an existing zip (rewrites its directory). */
function appendStoredEntry(
  zip: Uint8Array,
  name: string,
  deflated: Uint8Array,
  declared: number
): Uint8Array {
  let e = zip.length - 22;
  while (zip[e] !== 0x50 || zip[e + 1] !== 0x4b || zip[e + 2] !== 5 || zip[e + 3] !== 6) e--;
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const count = dv.getUint16(e + 10, true);
  const cdSize = dv.getUint32(e + 12, true);
  const cdOffset = dv.getUint32(e + 16, true);
  const nameBytes = strToU8(name);
  const local = new Uint8Array([
    ...le32(0x04034b50),
    ...le16(20),
    ...le16(0),
    ...le16(8),
    ...le16(0),
    ...le16(0),
    ...le32(0),
    ...le32(deflated.length),
    ...le32(declared),
    ...le16(nameBytes.length),
    ...le16(0),
    ...nameBytes,
  ]);
  const localOffset = cdOffset;
  const central = new Uint8Array([
    ...le32(0x02014b50),
    ...le16(20),
    ...le16(20),
    ...le16(0),
    ...le16(8),
    ...le16(0),
    ...le16(0),
    ...le32(0),
    ...le32(deflated.length),
    ...le32(declared),
    ...le16(nameBytes.length),
    ...le16(0),
    ...le16(0),
    ...le16(0),
    ...le16(0),
    ...le32(0),
    ...le32(localOffset),
    ...nameBytes,
  ]);
  const before = zip.subarray(0, cdOffset);
  const oldCd = zip.subarray(cdOffset, cdOffset + cdSize);
  const newCdOffset = before.length + local.length + deflated.length;
  const eocd = new Uint8Array([
    ...le32(0x06054b50),
    ...le16(0),
    ...le16(0),
    ...le16(count + 1),
    ...le16(count + 1),
    ...le32(cdSize + central.length),
    ...le32(newCdOffset),
    ...le16(0),
  ]);
  return concat([before, local, deflated, oldCd, central, eocd]);
}
