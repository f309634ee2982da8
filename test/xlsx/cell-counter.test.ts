import assert from "node:assert/strict";
import { strToU8 } from "fflate";
import { formatNumber } from "../../src/core/issue";
import { DEFAULT_LIMITS, FILE_RULES } from "../../src/xlsx/file-rules";
import { checkDirectory, inflateChecked } from "../../src/xlsx/precheck";
import { cellCounter } from "../../src/xlsx/zip";
import { minimalXlsx } from "./fixtures";

/** Cell starts as a regular expression counts them over the whole text. */
const expected = (xml: string) => (xml.match(/<c[ >/\t\n\r]/g) ?? []).length;

describe("xlsx/zip: cellCounter counts worksheet cells", () => {
  const cases: [string, string, number][] = [
    ["open and close", `<row><c r="A1"><v>1</v></c><c>2</c></row>`, 2],
    ["self-closing", `<c/><c r="B2"/><c\tr="C3"/>`, 3],
    ["line ends after the name", `<c\nr="A1"/><c\r\nr="A2"/>`, 2],
    [
      "not cells: <col>, <cols>, </c>, <cfRule>, text",
      `<cols><col min="1"/></cols><cfRule/></c>c<`,
      0,
    ],
    ["at the very end, no byte after it", `<v>1</v><c`, 0],
    ["Vietnamese text around", `<t>Chỉ tiêu</t><c r="A1" t="s"><v>0</v></c><t>Đơn vị</t>`, 1],
  ];
  for (const [name, xml, count] of cases) {
    it(`${name}: ${count}`, () => {
      assert.equal(expected(xml), count);
      const whole = cellCounter();
      whole.push(strToU8(xml));
      assert.equal(whole.count(), count);
    });
  }

  it("gives the same count however the bytes are cut into chunks", () => {
    const xml = cases.map((c) => c[1]).join("") + `<c r="Z9"/>`;
    const bytes = strToU8(xml);
    const total = expected(xml);
    for (let size = 1; size <= 8; size++) {
      for (let offset = 0; offset < size; offset++) {
        const counter = cellCounter();
        counter.push(bytes.subarray(0, offset));
        for (let i = offset; i < bytes.length; i += size) counter.push(bytes.subarray(i, i + size));
        assert.equal(counter.count(), total, `chunks of ${size} from ${offset}`);
      }
    }
  });
});

describe("xlsx/precheck: the cell limit over several sheets", () => {
  const sheetXml = (cells: number, filler: number) =>
    `<row r="1">${"<c/>".repeat(cells)}</row>` +
    `<row r="2"><c><v>${"9".repeat(filler)}</v></c></row>`;
  // Cells per sheet (each sheet also holds one cell of `filler` digits), the limit, and the count the issue
  // names (the running count at the first sheet that passes it), or null when the file is within the limit.
  const cases: [number[], number, number, number | null][] = [
    [[10, 10, 10], 0, 33, null],
    [[10, 10, 10], 0, 32, 33],
    [[10, 10, 10], 0, 21, 22],
    [[10, 20], 0, 15, 32],
    [[30], 0, 30, 31],
    [[30], 0, 31, null],
    [[5, 5, 5], 0, 500_000, null],
    // The first sheets' bound stays within the limit (not counted), the last one's passes it.
    [[20, 20, 80], 0, 100, 123],
    [[20, 20, 50], 0, 100, null],
    [[20, 20, 50, 40], 0, 100, 134],
    [[0, 40], 3000, 40, 42],
    [[40, 0], 3000, 41, 42],
    [[40, 0], 3000, 42, null],
  ];
  for (const [counts, filler, maxCells, over] of cases) {
    it(`${counts.join("+")} cells (filler ${filler}), limit ${maxCells}: ${over ?? "read"}`, () => {
      const b = minimalXlsx(counts.map((n, i) => ({ name: `S${i}`, data: sheetXml(n, filler) })));
      const limits = { ...DEFAULT_LIMITS, maxCells };
      const entries = checkDirectory(b, "f.xlsx", limits);
      assert.ok(Array.isArray(entries));
      const got = inflateChecked(b, entries, "f.xlsx", limits, () => true);
      if (over === null) assert.ok(got instanceof Map);
      else {
        assert.ok(!(got instanceof Map));
        assert.equal(got.rule, FILE_RULES.tooLarge.id);
        assert.match(got.message.en, new RegExp(`over ${formatNumber(over, "en")} cells`));
      }
    });
  }
});
