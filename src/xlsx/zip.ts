/**
 * A look inside a zip before anyone inflates it for real: the central directory's entries and their declared
 * sizes, then a streaming inflate of each entry that stops as soon as it passes a limit (a zip bomb may lie in
 * its directory), counting worksheet cells on the way. Memory stays bounded by the chunk size.
 */
import { Inflate, inflateSync, strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else we cannot read. */
  method: number;
  compressedSize: number;
  /** Uncompressed size as the directory declares it. */
  size: number;
  localOffset: number;
}

/** Thrown for a zip we cannot parse; `reason` is a short English tag for logs and tests. */
export class ZipError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;

function need(b: Uint8Array, end: number): void {
  if (end > b.length) throw new ZipError("truncated");
}

/** Lists the entries of the central directory (zip64 included). Throws ZipError when it is not there. */
export function listZip(b: Uint8Array): ZipEntry[] {
  let e = b.length - 22;
  const stop = Math.max(0, b.length - 22 - 0xffff);
  while (e >= stop && u32(b, e) !== 0x06054b50) e--;
  if (e < stop) throw new ZipError("no end of central directory");
  let count = u16(b, e + 10);
  let offset = u32(b, e + 16);
  if ((count === 0xffff || offset === 0xffffffff) && e >= 20 && u32(b, e - 20) === 0x07064b50) {
    const z = u64(b, e - 12);
    need(b, z + 56);
    if (u32(b, z) !== 0x06064b50) throw new ZipError("bad zip64 directory");
    count = u64(b, z + 32);
    offset = u64(b, z + 48);
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  const decoder = new TextDecoder("utf-8");
  for (let i = 0; i < count; i++) {
    need(b, p + 46);
    if (u32(b, p) !== 0x02014b50) throw new ZipError("bad central directory entry");
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    need(b, p + 46 + nameLen + extraLen + commentLen);
    const name = decoder.decode(b.subarray(p + 46, p + 46 + nameLen));
    // zip64 extra field: the 8-byte values present are those whose 4-byte field is all ones, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(b, x);
      const len = u16(b, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) ((size = u64(b, q)), (q += 8));
        if (compressedSize === 0xffffffff) ((compressedSize = u64(b, q)), (q += 8));
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      x += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's compressed bytes, found through its local header. */
function entryData(b: Uint8Array, entry: ZipEntry): Uint8Array {
  const p = entry.localOffset;
  need(b, p + 30);
  if (u32(b, p) !== 0x04034b50) throw new ZipError("bad local header");
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  need(b, start + entry.compressedSize);
  return b.subarray(start, start + entry.compressedSize);
}

/** Thrown by inflateEntry when an entry grows past its limit. */
export class TooLarge extends Error {
  constructor(readonly bytes: number) {
    super("too large");
  }
}

const CHUNK = 16 * 1024;

/**
 * Inflates one entry in chunks, handing each piece of output to `sink`, and throws TooLarge as soon as the
 * output passes `limit` bytes. Returns the real uncompressed size.
 */
export function inflateEntry(
  b: Uint8Array,
  entry: ZipEntry,
  limit: number,
  sink?: (chunk: Uint8Array) => void
): number {
  const data = entryData(b, entry);
  let total = 0;
  const take = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge(total);
    sink?.(chunk);
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += CHUNK) take(data.subarray(i, i + CHUNK));
    return total;
  }
  if (entry.method !== 8) throw new ZipError(`compression method ${entry.method}`);
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length; i += CHUNK) {
      inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof TooLarge) throw e;
    throw new ZipError("bad deflate data");
  }
  return total;
}

/** Deflate cannot expand data more than about 1032 times: a bound on what an entry can really hold. */
const MAX_RATIO = 1100;

/**
 * Inflates a raw deflate stream whole (Node's zlib on the command line: src/xlsx/node-inflate.ts), throwing
 * TooLarge (any count) when the output would pass `maxOutput` bytes, another error on damaged data;
 * `sizeHint` is the size the directory declares.
 */
export type RawInflater = (data: Uint8Array, maxOutput: number, sizeHint: number) => Uint8Array;

/**
 * Inflates one entry whole, throwing TooLarge past `limit` bytes. With `inflate` given, that does the work;
 * when it throws (damaged, or over the limit) fflate below does it again, so the result or the issue is the
 * same as without it. When even the most an entry of its compressed size could hold is within the limit, it
 * is inflated in one call into a buffer of its declared size (one byte more shows that the directory lied);
 * otherwise it goes through the bounded stream.
 */
export function inflateWhole(
  b: Uint8Array,
  entry: ZipEntry,
  limit: number,
  inflate?: RawInflater
): Uint8Array {
  const data = entryData(b, entry);
  if (entry.method === 0) {
    if (data.length > limit) throw new TooLarge(data.length);
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`compression method ${entry.method}`);
  if (inflate && limit >= 1) {
    try {
      return inflate(data, limit, entry.size);
    } catch (e) {
      // fflate gives the same refusal as without zlib (its TooLarge counts bytes its own way): past the
      // limit, its stream counts without keeping the output.
      if (e instanceof TooLarge) inflateEntry(b, entry, limit);
    }
  }
  if (data.length * MAX_RATIO <= limit && entry.size < limit) {
    let got: Uint8Array;
    try {
      got = inflateSync(data, { out: new Uint8Array(entry.size + 1) });
    } catch {
      throw new ZipError("bad deflate data");
    }
    if (got.length <= entry.size) return got;
  }
  const chunks: Uint8Array[] = [];
  inflateEntry(b, entry, limit, (chunk) => chunks.push(chunk.slice()));
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) (all.set(c, o), (o += c.length));
  return all;
}

/** Counts `<c ` / `<c>` / `<c/>` element starts (worksheet cells) across chunk boundaries. */
export function cellCounter(): { push: (chunk: Uint8Array) => void; count: () => number } {
  let n = 0;
  let prev1 = 0;
  let prev2 = 0;
  const isEnd = (x: number) =>
    x === 0x20 || x === 0x3e || x === 0x2f || x === 0x09 || x === 0x0a || x === 0x0d;
  return {
    push(chunk) {
      const len = chunk.length;
      // Starts cut by the previous chunk's end.
      if (len > 0 && prev2 === 0x3c && prev1 === 0x63 && isEnd(chunk[0])) n++;
      if (len > 1 && prev1 === 0x3c && chunk[0] === 0x63 && isEnd(chunk[1])) n++;
      // A plain loop: indexOf per "<" cost twice as much (1000 small units' sheets: 47-89 against 28-35 ms).
      for (let i = 0; i + 2 < len; i++) {
        if (chunk[i] === 0x3c && chunk[i + 1] === 0x63 && isEnd(chunk[i + 2])) n++;
      }
      if (len >= 2) {
        prev2 = chunk[len - 2];
        prev1 = chunk[len - 1];
      } else if (len === 1) {
        prev2 = prev1;
        prev1 = chunk[0];
      }
    },
    count: () => n,
  };
}

/**
 * Final touches on a workbook ExcelJS wrote: internal hyperlinks keep only their `location` (ExcelJS also
 * gives them an external relationship, which Excel would follow as a file name), and the zip is rebuilt with
 * a fixed entry date so the same content gives the same bytes.
 */
export function repackXlsx(bytes: Uint8Array, date: Date): Uint8Array {
  const files = unzipSync(bytes);
  const out: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const internal = new Map<string, Set<string>>();
  for (const [name, data] of Object.entries(files)) {
    const m = /^xl\/worksheets\/([^/]+\.xml)$/.exec(name);
    if (!m) continue;
    const xml = strFromU8(data);
    const ids = new Set<string>();
    const patched = xml.replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      const id = / r:id="([^"]*)"/.exec(tag);
      if (!id || !/ location="/.test(tag)) return tag;
      ids.add(id[1]);
      return tag.replace(id[0], "");
    });
    if (ids.size) {
      files[name] = strToU8(patched);
      internal.set(`xl/worksheets/_rels/${m[1]}.rels`, ids);
    }
  }
  for (const [rels, ids] of internal) {
    if (!files[rels]) continue;
    files[rels] = strToU8(
      strFromU8(files[rels]).replace(/<Relationship\b[^>]*\/>/g, (tag) => {
        const id = / Id="([^"]*)"/.exec(tag);
        return id && ids.has(id[1]) ? "" : tag;
      })
    );
  }
  // DOS dates start in 1980; the fields are taken as local time, so a local date gives the same bytes anywhere.
  const year = Math.max(1980, date.getFullYear());
  const mtime = new Date(
    year,
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds()
  );
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith("/")) out[name] = [data, { mtime }];
  }
  return zipSync(out, { level: 6 });
}

/** A part deflated elsewhere (Node's zlib): the raw deflate stream, its CRC-32 and uncompressed size. */
export interface Deflated {
  raw: Uint8Array;
  crc: number;
  size: number;
}

/** Deflates one part; `level` 1 (fastest) .. 9 (smallest). */
export type Deflater = (data: Uint8Array, level: number) => Deflated;

/**
 * A zip of parts deflated by `deflate`, entries in the order given, every entry dated `mtime` (DOS time,
 * local fields, as fflate writes it). The container fflate's zipSync writes, so that the browser (fflate) and
 * the command line (zlib, several times faster) give the same kind of file. No zip64: an output part over
 * 4 GB is far past the limits the readers enforce.
 */
export function zipDeflated(
  parts: [string, Uint8Array][],
  mtime: Date,
  level: number,
  deflate: Deflater
): Uint8Array {
  return zipEntries(
    parts.map(([name, data]) => [name, deflate(data, level)]),
    mtime
  );
}

/** A zip of parts already deflated (zipDeflated's container), entries in the order given. */
export function zipEntries(parts: [string, Deflated][], mtime: Date): Uint8Array {
  const encoder = new TextEncoder();
  const time =
    ((mtime.getFullYear() - 1980) << 25) |
    ((mtime.getMonth() + 1) << 21) |
    (mtime.getDate() << 16) |
    (mtime.getHours() << 11) |
    (mtime.getMinutes() << 5) |
    (mtime.getSeconds() >>> 1);
  const entries = parts.map(([name, d]) => ({ name: encoder.encode(name), ...d, offset: 0 }));
  let size = 22;
  for (const e of entries) size += 30 + 46 + 2 * e.name.length + e.raw.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const header = (e: (typeof entries)[number], central: boolean) => {
    view.setUint32(p, central ? 0x02014b50 : 0x04034b50, true);
    p += 4;
    if (central) {
      view.setUint16(p, 20, true); // made by: version 2.0, MS-DOS
      p += 2;
    }
    view.setUint16(p, 20, true); // version needed
    view.setUint16(p + 2, 0x800, true); // UTF-8 names
    view.setUint16(p + 4, 8, true); // deflate
    view.setUint32(p + 6, time, true);
    view.setUint32(p + 10, e.crc >>> 0, true);
    view.setUint32(p + 14, e.raw.length, true);
    view.setUint32(p + 18, e.size, true);
    view.setUint16(p + 22, e.name.length, true);
    view.setUint16(p + 24, 0, true); // extra
    p += 26;
    if (central) {
      // comment length, disk, internal and external attributes: zero; then the local header's offset.
      view.setUint32(p + 10, e.offset, true);
      p += 14;
    }
    out.set(e.name, p);
    p += e.name.length;
  };
  for (const e of entries) {
    e.offset = p;
    header(e, false);
    out.set(e.raw, p);
    p += e.raw.length;
  }
  const directory = p;
  for (const e of entries) header(e, true);
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - directory, true);
  view.setUint32(p + 16, directory, true);
  return out;
}
