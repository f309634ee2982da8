/**
 * Unit report sheets for the Office-layer tests, in the shape of a "Biểu số" form, with figures from the
 * published Quảng Ninh report in ../shared/seeds (61 tổ chức cơ sở đảng = 37 đảng bộ cơ sở + 24 chi bộ cơ sở,
 * 5.022 đảng viên, 2.344 nữ = 46,7%), varied a little per unit.
 */
import { CellValue } from "../../src/core/model";
import { FakeExcel, FakeSheet } from "./fake-excel";

export function unitGrid(unit: string, k = 0): CellValue[][] {
  const dbcs = 37 + k;
  const cbcs = 24 + (k % 3);
  const dv = 5022 + 13 * k;
  const nu = 2344 + 5 * k;
  return [
    ["ĐẢNG BỘ TỈNH QUẢNG NINH", "", "", "", "", ""],
    ["BÁO CÁO SỐ LƯỢNG TỔ CHỨC ĐẢNG, ĐẢNG VIÊN", "", "", "", "", ""],
    [`Đơn vị báo cáo: ${unit}`, "", "", "", "", ""],
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)", "Ghi chú"],
    ["1", "Tổng số tổ chức cơ sở đảng", "tổ chức", "=D6+D7", "", ""],
    ["-", "Đảng bộ cơ sở", "tổ chức", dbcs, "", ""],
    ["-", "Chi bộ cơ sở", "tổ chức", cbcs, "", ""],
    ["2", "Tổng số đảng viên", "người", dv, 100, ""],
    ["", "Trong đó: nữ", "người", nu, Math.round((nu / dv) * 1000) / 10, ""],
    ["", "Người lập biểu", "", "", "", "Bí thư"],
  ];
}

/** A workbook with n unit sheets, merged title rows, a hidden column and a comment on the first. */
export function unitWorkbook(
  n: number,
  options: { api?: string; limitBytes?: number } = {}
): FakeExcel {
  const xl = new FakeExcel(options);
  for (let i = 0; i < n; i++) {
    const s = xl.addSheet(`Đơn vị ${i + 1}`, unitGrid(`Đảng bộ đơn vị số ${i + 1}`, i));
    decorate(s, i);
  }
  return xl;
}

function decorate(s: FakeSheet, i: number): void {
  // The cached value of "=D6+D7", as Excel would have it.
  s.cell("D5").v = Number(s.peek("D6")!.v) + Number(s.peek("D7")!.v);
  s.merges.push("A1:F1", "A2:F2");
  s.cell("D4").fmt = "@";
  s.cell("E9").fmt = "0.0";
  s.hiddenCols.add(5);
  if (i === 0) {
    s.comments.push({ cell: "D8", content: "Số liệu đến 31/12" });
    s.cell("B9").font = ".VnTime";
  }
}
