import assert from "node:assert/strict";
import { consolidate, detectSheets, validate } from "../../src/core/engine";
import { WorkbookModel, sheetFromGrid } from "../../src/core/model";
import { unitGrid } from "../excel/fixtures";

const report = (file: string, unit: string, k = 0): WorkbookModel => ({
  file,
  sheets: [sheetFromGrid("Biểu 02", unitGrid(unit, k))],
});

const names: WorkbookModel = {
  file: "nop/danh-sach.xlsx",
  sheets: [
    sheetFromGrid("Danh sách", [
      ["DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU 30 NĂM TUỔI ĐẢNG"],
      ["Họ và tên", "Năm sinh", "Chi bộ"],
      ["Nguyễn Văn An", 1968, "Chi bộ khu 1"],
    ]),
    sheetFromGrid("Ghi chú", [["Biểu số liệu sẽ gửi sau."]]),
  ],
};

describe("engine: a workbook with no report form is named in an issue", () => {
  it("one error for the file, in both languages, naming its sheets; the reports are still consolidated", () => {
    const run = consolidate([
      report("a.xlsx", "Đảng bộ xã A"),
      names,
      report("b.xlsx", "Đảng bộ xã B", 1),
    ]);
    assert.deepEqual(
      run.units.map((u) => u.file),
      ["a.xlsx", "b.xlsx"]
    );
    const found = run.issues.filter((i) => i.rule === "no-form");
    assert.equal(found.length, 1);
    const [i] = found;
    assert.deepEqual(
      [i.file, i.sheet, i.cell, i.severity],
      ["nop/danh-sach.xlsx", null, null, "error"]
    );
    assert.match(i.message.vi, /Không tìm thấy biểu báo cáo.*“Danh sách”, “Ghi chú”.*hãy kiểm tra/);
    assert.match(i.message.en, /No report form in the file.*“Danh sách”, “Ghi chú”.*check that/);
    assert.ok(!/\n/.test(i.message.vi + i.message.en), "one line");
  });

  it("validate says it too; a file with a report, or the form alone, says nothing", () => {
    const template: WorkbookModel = {
      file: "mau.xlsx",
      sheets: [
        sheetFromGrid(
          "Mẫu",
          unitGrid("", 0).map((row, r) =>
            r >= 4 && r <= 8 ? row.map((v, c) => (c >= 3 ? "" : v)) : row
          )
        ),
      ],
    };
    assert.equal(detectSheets(template)[0].kind, "template");
    const run = validate([names, report("a.xlsx", "Đảng bộ xã A"), template]);
    assert.deepEqual(
      run.issues.filter((i) => i.rule === "no-form").map((i) => i.file),
      ["nop/danh-sach.xlsx"]
    );
  });

  it("a run restricted to chosen sheets does not complain about the others", () => {
    const run = validate([names, report("a.xlsx", "Đảng bộ xã A")], {
      only: [{ file: "a.xlsx", sheet: "Biểu 02" }],
    });
    assert.equal(run.issues.filter((i) => i.rule === "no-form").length, 0);
  });
});
