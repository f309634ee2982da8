/**
 * Our "Kiểm tra" and "Quy tắc" tabs carry the summary tab's signature, so that a copy renamed by staff is
 * still known as ours and never read as a unit's report.
 */
import assert from "node:assert/strict";
import { runChecks } from "../../../src/core/checks";
import { OUR_SIGNATURE, classifySheet } from "../../../src/core/layout/detect";
import { CellValue, sheetFromGrid } from "../../../src/core/model";
import { OutputSheet } from "../../../src/core/output";
import { buildAnalysis } from "./build";

/** The tab as a reader would find it in the output workbook, under another name. */
function renamed(tab: OutputSheet, name: string) {
  const grid: CellValue[][] = tab.cells.map((row) =>
    Array.from(row, (c) => (c?.v === undefined ? "" : c.v))
  );
  return sheetFromGrid(name, grid);
}

describe("our check tabs carry the signature", () => {
  const analysis = buildAnalysis([
    {
      name: "Xã A",
      rows: [
        { code: "1", label: "Tổng số đảng viên", uom: "Người", values: [5022, ""] },
        { code: "2", label: "Đảng viên nữ", uom: "Người", values: [2344, 47.6] },
      ],
    },
  ]);
  const { sheets } = runChecks(analysis, { lang: "en" });
  const vi = runChecks(analysis, { lang: "vi" }).sheets;

  for (const role of ["issues", "rules"] as const) {
    it(`the ${role} tab names us near its top, in either language`, () => {
      for (const tabs of [sheets, vi]) {
        const tab = tabs.find((s) => s.role === role);
        assert.ok(tab);
        const top = tab.cells.slice(0, 8).flat();
        assert.ok(top.some((c) => c?.v === OUR_SIGNATURE));
      }
    });

    it(`a renamed copy of the ${role} tab is ours, not a unit (regression: read as a report)`, () => {
      const tab = sheets.find((s) => s.role === role)!;
      const { info, layout } = classifySheet("out.xlsx", renamed(tab, "Bản sao của tôi"));
      assert.equal(info.kind, "ours");
      assert.equal(layout, null);
    });
  }

  it("the same grid without the signature is not taken for ours", () => {
    const tab = sheets.find((s) => s.role === "issues")!;
    const sheet = renamed(tab, "Bản sao của tôi");
    const cleared = sheetFromGrid(
      sheet.name,
      sheet.values.map((row) => row.map((v) => (v === OUR_SIGNATURE ? "" : v)))
    );
    assert.notEqual(classifySheet("out.xlsx", cleared).info.kind, "ours");
  });
});
