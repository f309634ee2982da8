import { strict as assert } from "node:assert";
import { engine } from "../../src/commands/engine-binding";
import { handleRibbon } from "../../src/commands/ribbon";
import { unitWorkbook } from "../excel/fixtures";

const event = () => {
  const e = { calls: 0, completed: () => void e.calls++ };
  return e;
};

describe("commands with the real engine, on a mock workbook", () => {
  it("Tổng hợp writes SUM formulas over one column per unit and activates the tab", async () => {
    const xl = unitWorkbook(3);
    const ev = event();
    assert.equal(
      await handleRibbon(ev, "consolidate", { run: xl.run, engine: engine(), check: xl.check }),
      "done"
    );
    assert.equal(ev.calls, 1);
    const s = xl.sheet("Tổng hợp");
    assert.equal(xl.activeSheet, s);
    const row = [...s.cells.entries()]
      .find(([, c]) => c.v === "Tổng số đảng viên")![0]
      .replace(/^[A-Z]+/, "");
    const figures = ["F", "G", "H"].map((col) => s.peek(col + row)!.v);
    assert.deepEqual(figures, [5022, 5035, 5048]);
    assert.equal(s.peek("D" + row)!.f, `=SUM(F${row}:H${row})`);
  });

  it("makes the same number of round trips for 1, 10 and 100 unit sheets", async () => {
    const counts: number[] = [];
    for (const n of [1, 10, 100]) {
      const xl = unitWorkbook(n);
      await handleRibbon(event(), "consolidate", {
        run: xl.run,
        engine: engine(),
        check: xl.check,
      });
      assert.equal(xl.activeSheet!.name, "Tổng hợp");
      counts.push(xl.syncs);
    }
    assert.deepEqual(counts, [5, 5, 5], "three to read; two to write, as there are no flags yet");
  });
});
