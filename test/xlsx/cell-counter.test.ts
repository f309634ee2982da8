import assert from "node:assert/strict";
import { strToU8 } from "fflate";
import { cellCounter } from "../../src/xlsx/zip";

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
