/**
 * The summary tab holds one cell per unit figure: millions for a large form and hundreds of units. Equal
 * figures share one read-only cell (the bench's 300 large units: 1.8 million cells, a few thousand objects),
 * and sharing changes nothing a writer sees.
 */
import assert from "node:assert/strict";
import { consolidate } from "../../src/core/engine";
import { CellValue, sheetFromGrid } from "../../src/core/model";
import { OutCell } from "../../src/core/output";

function unit(i: number, figures: CellValue[]): CellValue[][] {
  return [
    ["BÁO CÁO THỐNG KÊ ĐẢNG VIÊN"],
    [`Đơn vị báo cáo: Đảng ủy xã số ${i + 1}`],
    ["STT", "Chỉ tiêu", "ĐVT", "Số lượng", "Nữ"],
    ["1", "Tổng số đảng viên", "Người", figures[0], figures[1]],
    ["2", "Đảng viên mới kết nạp", "Người", figures[2], figures[3]],
  ];
}

describe("summary tab: unit figures' cells", () => {
  const units = [
    [120, 45, 3, 1],
    [120, 45, 0, 0],
    [98, 45, 3, 1],
    [-0, 45, 3, 1],
  ];
  const result = consolidate([
    {
      file: "xa.xlsx",
      sheets: units.map((f, i) => sheetFromGrid(`Xã ${i + 1}`, unit(i, f))),
    },
  ]);
  const summary = result.sheets.find((s) => s.role === "summary")!;
  const figureCells = summary.cells.flat().filter((c): c is OutCell => !!c && c.fmt === "#,##0");
  const find = (v: number): OutCell[] => figureCells.filter((c) => Object.is(c.v, v) && !c.bold);

  it("are one shared, read-only cell per figure and format", () => {
    const all120 = find(120);
    assert.equal(all120.length, 2);
    assert.equal(all120[0], all120[1]);
    const all45 = find(45);
    assert.equal(all45.length, 4);
    assert.ok(all45.every((c) => c === all45[0]));
    assert.ok(Object.isFrozen(all45[0]));
    assert.deepEqual({ ...all45[0] }, { v: 45, fmt: "#,##0", border: true });
  });

  it("keep a -0 as written, apart from 0", () => {
    const [minusZero] = find(-0);
    assert.ok(minusZero, "no cell for -0");
    assert.ok(Object.is(minusZero.v, -0));
    assert.ok(find(0).every((c) => Object.is(c.v, 0)));
  });
});
