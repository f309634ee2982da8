import { strict as assert } from "node:assert";
import { readWorkbook } from "../../src/excel/read";
import { markerName } from "../../src/excel/markers";
import { FakeExcel } from "./fake-excel";
import { unitGrid, unitWorkbook } from "./fixtures";

describe("excel/read: the open workbook into the sheet model", () => {
  it("copies values, formulas, number formats, value types and sheet facts", async () => {
    const xl = unitWorkbook(2);
    xl.sheet("Đơn vị 2").visibility = "Hidden";
    const { workbook, syncs } = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
    assert.equal(syncs, 3);
    assert.equal(workbook.file, "Bao cao.xlsx");
    assert.deepEqual(
      workbook.sheets.map((s) => [s.name, s.position, s.visibility]),
      [
        ["Đơn vị 1", 0, "Visible"],
        ["Đơn vị 2", 1, "Hidden"],
      ]
    );
    const s = workbook.sheets[0];
    assert.equal(s.address, "A1");
    assert.equal(s.values.length, 10);
    assert.deepEqual(s.values[7], ["2", "Tổng số đảng viên", "người", 5022, 100, ""]);
    assert.deepEqual(s.formulas[4].slice(0, 4), [
      "1",
      "Tổng số tổ chức cơ sở đảng",
      "tổ chức",
      "=D6+D7",
    ]);
    assert.equal(s.numberFormat[3][3], "@");
    assert.equal(s.numberFormat[8][4], "0.0");
    assert.deepEqual(s.valueTypes[8].slice(0, 5), [
      "Empty",
      "String",
      "String",
      "Double",
      "Double",
    ]);
    assert.deepEqual(s.merges, ["A1:F1", "A2:F2"]);
    assert.deepEqual(s.hiddenColumns, [5]);
    assert.deepEqual(s.hiddenRows, []);
    assert.deepEqual(s.comments, { D8: "Số liệu đến 31/12" });
    // The one .VnTime label stands out from the usual font.
    assert.deepEqual(s.fonts, { B9: ".VnTime" });
    assert.deepEqual(workbook.sheets[1].fonts, {});
  });

  it("gives a used range that starts below A1 its own top-left address", async () => {
    const xl = new FakeExcel();
    xl.addSheet("Lệch", [["Tổng số đảng viên", 5022]], "C5");
    const { workbook } = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
    assert.equal(workbook.sheets[0].address, "C5");
    assert.deepEqual(workbook.sheets[0].values, [["Tổng số đảng viên", 5022]]);
  });

  it("reads an empty sheet as an empty grid", async () => {
    const xl = new FakeExcel();
    xl.addSheet("Trống");
    const { workbook } = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
    assert.deepEqual(workbook.sheets[0].values, []);
    assert.equal(workbook.sheets[0].address, "A1");
  });

  for (const api of ["1.4", "1.13"]) {
    it(`makes the same number of round trips for 1, 10 and 100 sheets (ExcelApi ${api})`, async () => {
      const counts: number[] = [];
      for (const n of [1, 10, 100]) {
        const xl = unitWorkbook(n, { api });
        const { workbook, syncs } = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
        assert.equal(workbook.sheets.length, n);
        assert.equal(xl.syncs, syncs);
        counts.push(syncs);
      }
      assert.deepEqual(counts, [3, 3, 3]);
    });
  }

  it("uses no API newer than ExcelApi 1.4 when that is all there is, and still reads the cells", async () => {
    const xl = unitWorkbook(3, { api: "1.4" });
    const { workbook } = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
    const s = workbook.sheets[0];
    assert.equal(workbook.file, "Workbook");
    assert.deepEqual(s.values[7], ["2", "Tổng số đảng viên", "người", 5022, 100, ""]);
    // Merges, hidden columns, fonts and comments need newer Excel: left empty, not guessed.
    assert.deepEqual([s.merges, s.hiddenColumns, s.fonts, s.comments], [[], [], {}, {}]);
  });

  it("splits a sheet too large for one response into row chunks, each sync under the limit", async () => {
    const limit = 200_000;
    const xl = new FakeExcel({ limitBytes: limit });
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `Đơn vị ${i + 1}`,
      i * 7,
      i % 2 === 0 ? "x" : 1.5,
    ]);
    xl.addSheet("Lớn", rows);
    xl.addSheet("Nhỏ", unitGrid("Đảng bộ nhỏ"));
    const budget = limit * 0.8;
    const { workbook, syncs } = await xl.run((ctx) =>
      readWorkbook(ctx, { check: xl.check, budgetBytes: budget })
    );
    assert.ok(syncs > 3, `expected several data syncs, got ${syncs}`);
    assert.ok(xl.log.every((l) => l.response <= limit && l.request <= limit));
    const big = workbook.sheets[0];
    assert.equal(big.values.length, 3000);
    assert.deepEqual(big.values[2999], ["Đơn vị 3000", 2999 * 7, 1.5]);
    assert.deepEqual(big.values[1234], ["Đơn vị 1235", 1234 * 7, "x"]);
    assert.equal(workbook.sheets[1].values[7][3], 5022);
  });

  it("retries in smaller pieces when Excel refuses a response the estimate thought small enough", async () => {
    const limit = 300_000;
    const xl = new FakeExcel({ limitBytes: limit });
    // Long narrative cells: ten times the bytes per cell the estimate assumes.
    const long = "Đảng bộ Khối các cơ quan tỉnh có 61 tổ chức cơ sở đảng trực thuộc. ".repeat(12);
    xl.addSheet(
      "Tường thuật",
      Array.from({ length: 400 }, (_, i) => [i + 1, long])
    );
    const { workbook } = await xl.run((ctx) =>
      readWorkbook(ctx, { check: xl.check, budgetBytes: limit })
    );
    assert.ok(
      xl.log.some((l) => l.response > limit),
      "the first try should have been refused"
    );
    assert.equal(workbook.sheets[0].values.length, 400);
    assert.deepEqual(workbook.sheets[0].values[399], [400, long]);
  });

  it("leaves our own result tabs out and keeps a user's sheet that only shares the name", async () => {
    const xl = unitWorkbook(2);
    const ours = xl.addSheet("Tổng hợp (2)", [["Tổng hợp", "Tổng số"]]);
    xl.addSheet("Tổng hợp", [["Bảng của tôi", 1]]);
    xl.names.set(markerName("summary"), { sheet: ours, address: "A1" });
    const read = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
    assert.deepEqual(
      read.workbook.sheets.map((s) => s.name),
      ["Đơn vị 1", "Đơn vị 2", "Tổng hợp"]
    );
    assert.deepEqual(read.ours, [{ role: "summary", sheet: "Tổng hợp (2)" }]);
  });

  it("also leaves out the very hidden flag record the .xlsx writer keeps", async () => {
    const xl = unitWorkbook(1);
    const record = xl.addSheet("tong_hop_flags", [["sheet", "cell", "fill"]]);
    record.visibility = "VeryHidden";
    xl.names.set("tong_hop_output.flags", { sheet: record, address: "A1" });
    const read = await xl.run((ctx) => readWorkbook(ctx, { check: xl.check }));
    assert.deepEqual(
      read.workbook.sheets.map((s) => s.name),
      ["Đơn vị 1"]
    );
    assert.deepEqual(read.ours, []);
  });
});
