/**
 * taskpane/office-mode: what the pane does in Excel, run against the mock workbook of test/excel (built on
 * office-addin-mock): list the sheets, run on the chosen ones, go to a cell, clear flags, import files.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { FLAG_FILL, RunResult } from "../../src/core/output";
import { RequirementError } from "../../src/excel/requirements";
import { writeResult } from "../../src/excel/write";
import {
  OfficeDeps,
  clearWorkbookFlags,
  goToCell,
  importFiles,
  listSheets,
  runInWorkbook,
} from "../../src/taskpane/office-mode";
import { FakeExcel } from "../excel/fake-excel";
import { withInsert } from "../excel/fake-insert";
import { unitWorkbook } from "../excel/fixtures";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const deps = (xl: FakeExcel): OfficeDeps => ({ run: xl.run, check: xl.check });

async function noteOnlyWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Ghi chú").getCell("A1").value = "Danh sách người nhận báo cáo";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("taskpane/office-mode: the pane's work in Excel", () => {
  it("lists every sheet of the workbook with its kind", async () => {
    const xl = unitWorkbook(3);
    xl.addSheet("Ghi chú", [["Danh sách người nhận báo cáo"], ["Văn phòng Tỉnh ủy"]]);
    const { file, sheets } = await listSheets(deps(xl));
    assert.equal(file, xl.fileName);
    assert.deepEqual(
      sheets.map((s) => [s.sheet, s.kind]),
      [
        ["Đơn vị 1", "unit"],
        ["Đơn vị 2", "unit"],
        ["Đơn vị 3", "unit"],
        ["Ghi chú", "other"],
      ]
    );
    assert.equal(sheets[1].unitName, "Đảng bộ đơn vị số 2");
  });

  it("consolidates only the chosen sheets, writes the summary tab and shows it", async () => {
    const xl = unitWorkbook(3);
    const phases: string[] = [];
    const done = await runInWorkbook(
      deps(xl),
      "consolidate",
      { lang: "vi", only: [{ sheet: "Đơn vị 1" }, { sheet: "Đơn vị 3" }] },
      (p) => phases.push(p)
    );
    assert.deepEqual(phases, ["readWorkbook", "engine", "writeWorkbook"]);
    assert.deepEqual(
      done.result.units.map((u) => u.sheet),
      ["Đơn vị 1", "Đơn vị 3"]
    );
    const summary = done.written.sheets.find((s) => s.role === "summary")!;
    assert.equal(summary.name, "Tổng hợp");
    assert.equal(xl.activeSheet?.name, "Tổng hợp");
    // 5.022 + 5.048 đảng viên (units 1 and 3), not unit 2's.
    const total = done.result.totals.find((r) => r.label === "Tổng số đảng viên")!;
    assert.equal(total.values["Số lượng"], 5022 + 5048);
  });

  it("takes as many round trips for 10 sheets as for 1", async () => {
    const syncs: number[] = [];
    for (const n of [1, 10]) {
      const xl = unitWorkbook(n);
      const only = xl.sheets.map((s) => ({ sheet: s.name }));
      await runInWorkbook(deps(xl), "consolidate", { only });
      syncs.push(xl.syncs);
    }
    assert.equal(syncs[0], syncs[1]);
  });

  it("goes to an issue's cell, and says false when its sheet is gone", async () => {
    const xl = unitWorkbook(2);
    assert.equal(await goToCell(deps(xl), "Đơn vị 2", "D8"), true);
    assert.equal(xl.selected, "Đơn vị 2!D8");
    assert.equal(xl.activeSheet?.name, "Đơn vị 2");
    assert.equal(await goToCell(deps(xl), "Đơn vị 9", "D8"), false);
    assert.equal(xl.selected, "Đơn vị 2!D8");
  });

  it("clears the flags a run painted, restoring the fills they covered", async () => {
    const xl = unitWorkbook(1);
    xl.sheet("Đơn vị 1").cell("D8").fill = "#C6EFCE";
    const run: Pick<RunResult, "sheets" | "flags"> = {
      sheets: [],
      flags: [
        { file: xl.fileName, sheet: "Đơn vị 1", cell: "D8", severity: "error", message: "x" },
        { file: xl.fileName, sheet: "Đơn vị 1", cell: "D9", severity: "warning", message: "y" },
      ],
    };
    await xl.run((context) => writeResult(context, run, { check: xl.check }));
    assert.equal(xl.sheet("Đơn vị 1").peek("D8")!.fill, FLAG_FILL.error.toUpperCase());
    const r = await clearWorkbookFlags(deps(xl));
    assert.equal(r.restored, 2);
    assert.equal(xl.sheet("Đơn vị 1").peek("D8")!.fill, "#C6EFCE");
    assert.equal(xl.sheet("Đơn vị 1").peek("D9")!.fill, null);
  });

  it("imports the report sheets of good files, names what it inserted, and reports the others", async () => {
    const xl = unitWorkbook(1);
    xl.addSheet("Biểu 02", [["Đã có trang này"]]);
    const calls: string[][] = [];
    const files = [
      { name: "dam-ha.xlsx", bytes: readFileSync(join(EXAMPLES, "dam-ha.xlsx")) },
      {
        name: "cac-don-vi-mien-dong.xlsx",
        bytes: readFileSync(join(EXAMPLES, "cac-don-vi-mien-dong.xlsx")),
      },
      {
        name: "hong.xlsx",
        bytes: new TextEncoder().encode("STT;Chỉ tiêu;Số lượng\n1;Đảng viên;5022"),
      },
      { name: "ghi-chu.xlsx", bytes: await noteOnlyWorkbook() },
    ].map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    const seen: string[] = [];
    const out = await importFiles(withInsert(xl, calls), files, (name) => seen.push(name));
    assert.deepEqual(
      seen,
      files.map((f) => f.name)
    );
    // The instructions sheet of the second file is left out; the broken and the empty file insert nothing.
    assert.deepEqual(calls, [["Biểu 02"], ["Hải Hà", "Ba Chẽ", "Vân Đồn"]]);
    assert.deepEqual(out.report!.inserted, [
      { file: "dam-ha.xlsx", names: ["Biểu 02 (2)"] },
      { file: "cac-don-vi-mien-dong.xlsx", names: ["Hải Hà", "Ba Chẽ", "Vân Đồn"] },
    ]);
    assert.equal(out.report!.syncs, 2);
    assert.deepEqual(
      out.problems.map((p) => p.file),
      ["hong.xlsx"]
    );
    assert.deepEqual(out.empty, ["ghi-chu.xlsx"]);
    assert.deepEqual(
      xl.sheets.map((s) => s.name),
      ["Đơn vị 1", "Biểu 02", "Biểu 02 (2)", "Hải Hà", "Ba Chẽ", "Vân Đồn"]
    );
  });

  it("refuses to import where ExcelApi 1.13 is missing, with the message that says what to do", async () => {
    const xl = unitWorkbook(1, { api: "1.12" });
    const files = [
      { name: "dam-ha.xlsx", bytes: new Uint8Array(readFileSync(join(EXAMPLES, "dam-ha.xlsx"))) },
    ];
    await assert.rejects(importFiles(withInsert(xl, []), files), (e: unknown) => {
      assert.ok(e instanceof RequirementError);
      assert.match(e.text.vi, /ExcelApi 1\.13/);
      assert.match(e.text.vi, /Di chuyển hoặc Sao chép/);
      return true;
    });
    assert.equal(xl.sheets.length, 1);
  });
});
