/**
 * SECURITY.md and the README state the manifest's permission and the read limits: the numbers written there are
 * the constants the reader uses, so that the documents cannot drift from the code.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LIMITS } from "../../src/xlsx/file-rules";
import { ROOT } from "./run-cli";

const MB = 1024 * 1024;
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
/** 500000 → "500 000", as the documents write it. */
const spaced = (n: number) => n.toLocaleString("en-US").replace(/,/g, " ");

describe("reliability: SECURITY.md and the README tell the limits and the permission as they are", () => {
  const security = read("SECURITY.md");
  const readme = read("README.md");

  it("the manifest asks for ReadWriteDocument, and SECURITY.md says so and why", () => {
    assert.match(read("manifest.xml"), /<Permissions>ReadWriteDocument<\/Permissions>/);
    assert.match(security, /\*\*`ReadWriteDocument`\*\*: reading and writing the open workbook/);
    assert.match(security, /\*\*`ReadWriteDocument`\*\*: đọc và ghi sổ tính đang mở/);
  });

  it("the limits tables of SECURITY.md hold the reader's constants, in both languages", () => {
    const rows: [RegExp, string][] = [
      [/\| Size of the \.xlsx file \| (.+) \|/, `${DEFAULT_LIMITS.maxFileBytes / MB} MB`],
      [/\| All parts, uncompressed \| (.+) \|/, `${DEFAULT_LIMITS.maxTotalBytes / MB} MB`],
      [/\| One part .* \| (.+) \|/, `${DEFAULT_LIMITS.maxPartBytes / MB} MB`],
      [/\| Cells holding data, whole file \| (.+) \|/, spaced(DEFAULT_LIMITS.maxCells)],
      [/\| Used range of one sheet [^|]* \| ([\d ]+\d) /, spaced(DEFAULT_LIMITS.maxSheetArea)],
      [/\| Used range read with a warning \| over (.+) \|/, spaced(DEFAULT_LIMITS.warnSheetArea)],
      [/\| Kích thước tệp \.xlsx \| (.+) \|/, `${DEFAULT_LIMITS.maxFileBytes / MB} MB`],
      [/\| Tổng dung lượng sau giải nén \| (.+) \|/, `${DEFAULT_LIMITS.maxTotalBytes / MB} MB`],
      [/\| Một phần của tệp .* \| (.+) \|/, `${DEFAULT_LIMITS.maxPartBytes / MB} MB`],
      [/\| Số ô có dữ liệu trong cả tệp \| (.+) \|/, spaced(DEFAULT_LIMITS.maxCells)],
      [/\| Vùng dữ liệu của một trang [^|]* \| ([\d ]+\d) /, spaced(DEFAULT_LIMITS.maxSheetArea)],
      [/\| Vùng dữ liệu đọc kèm cảnh báo \| trên (.+) \|/, spaced(DEFAULT_LIMITS.warnSheetArea)],
    ];
    for (const [re, value] of rows) assert.equal(re.exec(security)?.[1], value, re.source);
  });

  it("the README's Giới hạn and Limits sections give the same numbers", () => {
    for (const heading of ["### Giới hạn", "### Limits"]) {
      const at = readme.indexOf(heading);
      assert.ok(at >= 0, heading);
      const section = readme.slice(at, readme.indexOf("###", at + heading.length));
      for (const n of [
        `${DEFAULT_LIMITS.maxFileBytes / MB} MB`,
        `${DEFAULT_LIMITS.maxTotalBytes / MB} MB`,
        `${DEFAULT_LIMITS.maxPartBytes / MB} MB`,
        spaced(DEFAULT_LIMITS.maxCells),
        spaced(DEFAULT_LIMITS.maxSheetArea),
        spaced(DEFAULT_LIMITS.warnSheetArea),
      ])
        assert.ok(section.includes(n), `${heading}: ${n}`);
    }
    assert.match(readme, /### Quyền riêng tư/);
    assert.match(readme, /### Privacy/);
  });
});
