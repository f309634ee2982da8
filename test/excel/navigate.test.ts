import { strict as assert } from "node:assert";
import { selectCell } from "../../src/excel/navigate";
import { unitWorkbook } from "./fixtures";

describe("excel/navigate: going to an issue's cell", () => {
  it("activates the sheet and selects the cell", async () => {
    const xl = unitWorkbook(3);
    assert.equal(await xl.run((ctx) => selectCell(ctx, "Đơn vị 3", "E9")), true);
    assert.equal(xl.activeSheet!.name, "Đơn vị 3");
    assert.equal(xl.selected, "Đơn vị 3!E9");
    assert.equal(xl.syncs, 2);
  });

  it("says false, and moves nothing, when the sheet is gone", async () => {
    const xl = unitWorkbook(1);
    assert.equal(await xl.run((ctx) => selectCell(ctx, "Đơn vị 9", "A1")), false);
    assert.equal(xl.activeSheet!.name, "Đơn vị 1");
    assert.equal(xl.selected, null);
  });
});
