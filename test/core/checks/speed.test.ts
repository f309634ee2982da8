/**
 * The check rules take time in proportion to the cells checked. The consolidation helper's bench showed
 * otherwise: 1000 units × 220 rows took 107 s with the checks and 3 s without (labels were re-read for every
 * row of every row, units compared pairwise). Ratios, not times, so that a busy machine does not fail them.
 */
import assert from "node:assert/strict";
import { runChecks } from "../../../src/core/checks";
import { analyze } from "../../../src/core/match";
import { CellValue, sheetFromGrid } from "../../../src/core/model";
import { Analysis } from "../../../src/core/analysis";

function pct(n: number, d: number): number {
  return Math.floor((2000 * n + d) / (2 * d)) / 10;
}

/** Units like the bench's (bench/engine.ts): figures from a hash, no two units alike. */
function analysisOf(units: number, rows: number): Analysis {
  const sheets = Array.from({ length: units }, (_, i) => {
    const grid: CellValue[][] = [
      ["BÁO CÁO THỐNG KÊ ĐẢNG VIÊN"],
      [`Đơn vị báo cáo: Đảng ủy xã số ${i + 1}`],
      [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Tổng số",
        "Nam",
        "Nữ",
        "Tỷ lệ nữ (%)",
        "Cùng kỳ",
        "So với cùng kỳ (%)",
      ],
    ];
    for (let r = 0; r < rows; r++) {
      const h = Math.imul(i * 7919 + r * 104729 + 1, 2654435761) >>> 0;
      const nu = 10 + (h % 900);
      const nam = 20 + ((h >>> 10) % 1200);
      const ck = nam + nu - ((h >>> 20) % 9);
      const label = `Chỉ tiêu thống kê số ${r + 1} về đảng viên`;
      grid.push([
        String(r + 1),
        label,
        "Người",
        nam + nu,
        nam,
        nu,
        pct(nu, nam + nu),
        ck,
        pct(nam + nu, ck),
      ]);
    }
    return sheetFromGrid(`Xã ${i + 1}`, grid);
  });
  return analyze([{ file: "speed.xlsx", sheets }]);
}

/** The least CPU time of a few runs of the checks, in ms (the first runs also compile). */
function checkTime(a: Analysis): number {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    runChecks(a);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

describe("check rules: time in proportion to the cells", function () {
  this.timeout(120000);

  it("10 times the rows take about 10 times as long, not 100 (bench: 1000 units × 220 rows, 107 s)", () => {
    const small = analysisOf(20, 40);
    const large = analysisOf(20, 400);
    checkTime(small);
    const ratio = checkTime(large) / checkTime(small);
    assert.ok(ratio < 20, `ratio ${ratio.toFixed(1)} (linear 10, quadratic 100)`);
  });

  it("10 times the units take about 10 times as long, not 100 (duplicate-unit compared every pair)", () => {
    const small = analysisOf(100, 10);
    const large = analysisOf(1000, 10);
    checkTime(small);
    const ratio = checkTime(large) / checkTime(small);
    assert.ok(ratio < 20, `ratio ${ratio.toFixed(1)} (linear 10, quadratic 100)`);
  });
});
