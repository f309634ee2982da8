import { strict as assert } from "assert";
import { cellAddress } from "../../src/core/model";
import {
  PackedStyles,
  SheetLook,
  hasLookStyles,
  lookStyleAt,
  packedLook,
  stylesWithinRange,
} from "../../src/xlsx/look";

const bold = { font: { bold: true } };
const boxed = { border: { top: { style: "thin" as const } } };

/** A 3 × 4 used range at C5 (0-based row 4, col 2): bold on the first row, a box at D6 and F7, nothing else. */
function sample(): { packed: PackedStyles; record: SheetLook["styles"] } {
  const at = new Int32Array(12).fill(-1);
  at[0] = at[1] = at[2] = at[3] = 0; // C5:F5
  at[4 + 1] = 1; // D6
  at[8 + 3] = 1; // F7
  const packed = { top: 4, left: 2, width: 4, at, list: [bold, boxed] };
  const record = { C5: bold, D5: bold, E5: bold, F5: bold, D6: boxed, F7: boxed };
  return { packed, record };
}

describe("xlsx/look: a sheet's look styles packed by position", () => {
  it("gives every cell, inside and outside the used range, the style the record by address gives", () => {
    const { packed, record } = sample();
    const look = packedLook({}, {}, packed);
    for (let row = 0; row < 10; row++) {
      for (let col = 0; col < 9; col++) {
        const address = cellAddress(row, col);
        assert.equal(lookStyleAt(look, row, col, address), record[address], address);
      }
    }
    // Looked up by position: nothing unpacked.
    assert.ok(look.packed);
  });

  it("unpacks `styles` once when asked, equal to the record, marked within range, and drops the packed form", () => {
    const { packed, record } = sample();
    const look = packedLook({ 2: 12 }, { 4: 20 }, packed);
    assert.deepEqual(look.styles, record);
    assert.equal(look.styles, look.styles);
    assert.ok(stylesWithinRange.has(look.styles));
    assert.equal(look.packed, undefined);
  });

  it("compares and serialises as the plain look with the same styles", () => {
    const { packed, record } = sample();
    const plain: SheetLook = { columnWidths: { 2: 12 }, rowHeights: {}, styles: record };
    assert.deepStrictEqual(packedLook({ 2: 12 }, {}, sample().packed), plain);
    assert.equal(JSON.stringify(packedLook({ 2: 12 }, {}, packed)), JSON.stringify(plain));
  });

  it("after the record is edited (a restored flag's own style, even outside the range), lookups see the edit", () => {
    const { packed } = sample();
    const look = packedLook({}, {}, packed);
    const own = {
      ...look.styles.D6,
      fill: { type: "pattern" as const, pattern: "solid" as const },
    };
    look.styles.D6 = own;
    look.styles.A1 = own;
    assert.equal(lookStyleAt(look, 5, 3, "D6"), own);
    assert.equal(lookStyleAt(look, 0, 0, "A1"), own);
    assert.equal(lookStyleAt(look, 4, 2, "C5"), bold);
  });

  it("tells whether a look has any style, packed or not", () => {
    const cases: [string, SheetLook | undefined, boolean][] = [
      ["no look", undefined, false],
      ["a plain look without styles", { columnWidths: {}, rowHeights: {}, styles: {} }, false],
      ["a plain look with one", { columnWidths: {}, rowHeights: {}, styles: { A1: bold } }, true],
      [
        "a packed look without styles",
        packedLook({}, {}, { top: 0, left: 0, width: 3, at: new Int32Array(0), list: [] }),
        false,
      ],
      ["a packed look with some", packedLook({}, {}, sample().packed), true],
    ];
    for (const [name, look, expected] of cases) assert.equal(hasLookStyles(look), expected, name);
  });
});
