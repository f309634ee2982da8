import { strict as assert } from "node:assert";
import { WorkbookModel } from "../../src/core/model";
import { FLAG_FILL, OutputSheet, RunOptions, RunResult } from "../../src/core/output";
import { CommandKind, Engine, failureMessage, handleRibbon } from "../../src/commands/ribbon";
import { RequirementError } from "../../src/excel/requirements";
import { FakeExcel } from "../excel/fake-excel";
import { unitWorkbook } from "../excel/fixtures";

/** A stand-in engine: sums D8 (đảng viên) over the sheets it is given and flags each unit's E9. */
class RecordingEngine implements Engine {
  seen: { kind: CommandKind; sheets: string[]; opts: RunOptions }[] = [];
  constructor(private fail = false) {}

  private run(kind: CommandKind, wbs: WorkbookModel[], opts: RunOptions): RunResult {
    const sheets = wbs.flatMap((w) => w.sheets);
    this.seen.push({ kind, sheets: sheets.map((s) => s.name), opts });
    if (this.fail) throw new Error("Không nhận ra biểu mẫu");
    const total = sheets.reduce((n, s) => n + Number(s.values[7]?.[3] ?? 0), 0);
    const tab = (role: OutputSheet["role"], name: string, v: string | number): OutputSheet => ({
      role,
      name,
      cells: [[{ v: name, bold: true }], [{ v }]],
      merges: [],
      columnWidths: [30],
      freeze: { rows: 1, cols: 0 },
      autoFilter: null,
      landscape: false,
      fitToWidth: false,
    });
    const out: OutputSheet[] = [tab("issues", "Kiểm tra", sheets.length)];
    if (kind === "consolidate") out.unshift(tab("summary", "Tổng hợp", total));
    return {
      units: sheets.map((s) => ({ name: s.name, file: wbs[0].file, sheet: s.name })),
      totals: [],
      issues: [],
      sheets: out,
      flags: sheets.map((s) => ({
        file: wbs[0].file,
        sheet: s.name,
        cell: "E9",
        severity: "warning",
        message: "?",
      })),
    };
  }

  consolidate(wbs: WorkbookModel[], opts: RunOptions): RunResult {
    return this.run("consolidate", wbs, opts);
  }

  validate(wbs: WorkbookModel[], opts: RunOptions): RunResult {
    return this.run("validate", wbs, opts);
  }
}

function event() {
  const e = { calls: 0, completed: () => void e.calls++ };
  return e;
}

describe("commands/ribbon: the Tổng hợp and Kiểm tra buttons", () => {
  it("Tổng hợp reads the units, writes the summary, activates it and completes the event", async () => {
    const xl = unitWorkbook(3);
    const engine = new RecordingEngine();
    const ev = event();
    const outcome = await handleRibbon(ev, "consolidate", { run: xl.run, engine, check: xl.check });
    assert.equal(outcome, "done");
    assert.equal(ev.calls, 1);
    assert.deepEqual(engine.seen[0].sheets, ["Đơn vị 1", "Đơn vị 2", "Đơn vị 3"]);
    assert.equal(engine.seen[0].opts.lang, "vi");
    assert.equal(xl.activeSheet!.name, "Tổng hợp");
    assert.equal(xl.sheet("Tổng hợp").peek("A2")!.v, 5022 * 3 + 13 * 3);
    assert.equal(xl.sheet("Đơn vị 2").peek("E9")!.fill, FLAG_FILL.warning.toUpperCase());
    assert.equal(xl.syncs, 6, "three to read, three to write");
  });

  it("a second Tổng hợp does not read its own earlier tabs as units", async () => {
    const xl = unitWorkbook(2);
    const engine = new RecordingEngine();
    await handleRibbon(event(), "consolidate", { run: xl.run, engine, check: xl.check });
    await handleRibbon(event(), "consolidate", { run: xl.run, engine, check: xl.check });
    assert.deepEqual(engine.seen[1].sheets, ["Đơn vị 1", "Đơn vị 2"]);
    assert.deepEqual(
      xl.sheets.map((s) => s.name),
      ["Đơn vị 1", "Đơn vị 2", "Tổng hợp", "Kiểm tra"]
    );
  });

  it("Kiểm tra activates the issues tab", async () => {
    const xl = unitWorkbook(2);
    const ev = event();
    assert.equal(
      await handleRibbon(ev, "validate", {
        run: xl.run,
        engine: new RecordingEngine(),
        check: xl.check,
      }),
      "done"
    );
    assert.equal(ev.calls, 1);
    assert.equal(xl.activeSheet!.name, "Kiểm tra");
    assert.equal(
      xl.sheets.some((s) => s.name === "Tổng hợp"),
      false
    );
  });

  it("makes the same number of round trips for 1, 10 and 100 unit sheets", async () => {
    const counts: number[] = [];
    for (const n of [1, 10, 100]) {
      const xl = unitWorkbook(n);
      await handleRibbon(event(), "consolidate", {
        run: xl.run,
        engine: new RecordingEngine(),
        check: xl.check,
      });
      counts.push(xl.syncs);
    }
    assert.deepEqual(counts, [6, 6, 6]);
  });

  it("an engine failure completes the event and says so on the Kiểm tra tab, flags untouched", async () => {
    const xl = unitWorkbook(2);
    await handleRibbon(event(), "consolidate", {
      run: xl.run,
      engine: new RecordingEngine(),
      check: xl.check,
    });
    const ev = event();
    const outcome = await handleRibbon(ev, "validate", {
      run: xl.run,
      engine: new RecordingEngine(true),
      check: xl.check,
    });
    assert.equal(outcome, "failed");
    assert.equal(ev.calls, 1);
    const k = xl.sheet("Kiểm tra");
    assert.equal(xl.activeSheet, k);
    assert.equal(k.peek("B1"), undefined);
    assert.match(String(k.peek("A2")!.v), /^Không kiểm tra được: Không nhận ra biểu mẫu\./);
    assert.match(String(k.peek("A3")!.v), /^Could not validate: Không nhận ra biểu mẫu\./);
    assert.equal(
      xl.sheet("Đơn vị 1").peek("E9")!.fill,
      FLAG_FILL.warning.toUpperCase(),
      "earlier flags stay"
    );
    assert.equal(xl.sheets.filter((s) => s.name.startsWith("Kiểm tra")).length, 1);
  });

  it("when Excel refuses everything, the event is still completed and the console gets the reason", async () => {
    const ev = event();
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const outcome = await handleRibbon(ev, "consolidate", {
        run: () =>
          Promise.reject(
            Object.assign(new Error("Cell is being edited"), {
              code: "InvalidOperationInCellEditMode",
            })
          ),
        engine: new RecordingEngine(),
        check: new FakeExcel().check,
      });
      assert.equal(outcome, "failed");
    } finally {
      console.error = original;
    }
    assert.equal(ev.calls, 1);
    assert.match(
      String(logged[0][0]),
      /^Could not consolidate: InvalidOperationInCellEditMode: Cell is being edited\./
    );
  });

  it("an Excel without ExcelApi 1.4 gets told which Excel is needed", async () => {
    const xl = new FakeExcel({ api: "1.3" });
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    const ev = event();
    try {
      const outcome = await handleRibbon(ev, "consolidate", {
        run: xl.run,
        engine: new RecordingEngine(),
        check: xl.check,
      });
      assert.equal(outcome, "failed");
    } finally {
      console.error = original;
    }
    assert.equal(ev.calls, 1);
    const m = failureMessage("consolidate", new RequirementError("base"));
    assert.equal(logged[0][0], m.en);
    assert.match(
      m.vi,
      /Cần Excel 2019 hoặc Microsoft 365 \(phiên bản 1701 trở lên\), Excel trên web \(ExcelApi 1\.4\)/
    );
    assert.match(m.en, /Instead: use the tool's web page or the tonghop command/);
  });
});
