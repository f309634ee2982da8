/**
 * taskpane/chart-data: the percentage indicators offered for the chart, and each unit's value of one, over
 * the example submissions (real figures from the seeds).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbooks, consolidate } from "../../src/core/engine";
import { WorkbookModel } from "../../src/core/model";
import { chartData, percentIndicators } from "../../src/taskpane/chart-data";
import { readXlsx } from "../../src/xlsx/read";

const EXAMPLES = join(__dirname, "..", "..", "examples");

async function read(name: string, edit?: (ws: ExcelJS.Worksheet) => void): Promise<WorkbookModel> {
  let bytes: Uint8Array = readFileSync(join(EXAMPLES, name));
  if (edit) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    edit(wb.worksheets[0]);
    bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  }
  return (await readXlsx(bytes, name)).workbook!;
}

describe("taskpane/chart-data: what the chart can show", () => {
  let wbs: WorkbookModel[];
  before(async () => {
    wbs = [
      await read("dam-ha.xlsx"),
      await read("cam-pha.xlsx"),
      // Quảng Yên typed 50,0 % women where its counts say otherwise: the chart recomputes it.
      await read("quang-yen.xlsx", (ws) => {
        ws.getCell("E24").value = 50;
      }),
    ];
  });

  it("offers the form's percentage cells that have figures, in the form's order, with their totals", () => {
    const run = consolidate(wbs);
    const inds = percentIndicators(analyzeWorkbooks(wbs), run.totals);
    const labels = inds.map((i) => i.label);
    assert.ok(labels.includes("1.1. Đảng bộ cơ sở"));
    assert.ok(labels.includes("Đảng viên nữ"), 'a "-" row keeps its label alone');
    // Rows whose percentage column is empty in every unit are not offered.
    assert.ok(!labels.some((l) => l.endsWith("Tổng số đảng viên")), labels.join(" | "));
    assert.ok(!labels.some((l) => l.endsWith("Đảng viên bị xóa tên trong năm")));
    const nu = inds.find((i) => i.label === "Đảng viên nữ")!;
    const total = run.totals.find((r) => r.label === "Đảng viên nữ")!;
    assert.equal(nu.total, total.values["Tỷ lệ (%)"]);
    assert.equal(nu.measure.header, "Tỷ lệ (%)");
    // One percentage column: no header added to the labels.
    assert.ok(inds.every((i) => !i.label.includes("(Tỷ lệ (%))")));
  });

  it("gives each unit's percentage from its own counts, so a mistyped one does not distort the bars", () => {
    const a = analyzeWorkbooks(wbs);
    const run = consolidate(wbs);
    const nu = percentIndicators(a, run.totals).find((i) => i.label === "Đảng viên nữ")!;
    const data = chartData(a, nu);
    assert.equal(data.header, "Tỷ lệ (%)");
    assert.equal(data.decimals, 1);
    const byUnit = new Map(data.points.map((p) => [p.name, p.value]));
    assert.equal(byUnit.get("Đảng bộ huyện Đầm Hà"), 38.9); // 805 / 2.068
    assert.equal(byUnit.get("Đảng bộ thị xã Quảng Yên"), 41); // 2.304 women, as its counts say, not the 50 typed
    assert.deepEqual(data.missing, []);
    assert.equal(data.points.length, 3);
    assert.equal(data.total, nu.total);
  });

  it("keeps the decimals asked for", () => {
    const a = analyzeWorkbooks(wbs);
    const nu = percentIndicators(a, consolidate(wbs).totals).find(
      (i) => i.label === "Đảng viên nữ"
    )!;
    const data = chartData(a, nu, 2);
    assert.equal(data.decimals, 2);
    assert.equal(
      new Map(data.points.map((p) => [p.name, p.value])).get("Đảng bộ huyện Đầm Hà"),
      38.93
    );
  });

  it("lists a unit without the figure as missing instead of drawing a zero", async () => {
    const gap = [
      wbs[0],
      await read("cam-pha.xlsx", (ws) => {
        ws.getCell("D24").value = null;
        ws.getCell("E24").value = null;
      }),
    ];
    const a = analyzeWorkbooks(gap);
    const nu = percentIndicators(a, consolidate(gap).totals).find(
      (i) => i.label === "Đảng viên nữ"
    )!;
    const data = chartData(a, nu);
    assert.deepEqual(data.missing, ["Đảng bộ thành phố Cẩm Phả"]);
    assert.deepEqual(
      data.points.map((p) => p.name),
      ["Đảng bộ huyện Đầm Hà"]
    );
  });
});
