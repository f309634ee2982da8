/**
 * Times the engine on a generated input: 1000 unit sheets × 40 indicator rows × 6 measure columns (plus the
 * title block and the label columns), about the size of a province's full collection of a large form.
 * Run: npx tsx bench/engine.ts [units] [rows]
 */
import { consolidate } from "../src/core/engine";
import { computeTotals } from "../src/core/consolidate";
import { classifySheet } from "../src/core/layout/detect";
import { analyze } from "../src/core/match";
import { buildSummarySheet } from "../src/core/summary-sheet";
import { CellValue, WorkbookModel, sheetFromGrid } from "../src/core/model";

function unit(i: number, rows: number): ReturnType<typeof sheetFromGrid> {
  const grid: CellValue[][] = [
    ["ĐẢNG BỘ TỈNH QUẢNG NINH"],
    ["BÁO CÁO THỐNG KÊ ĐẢNG VIÊN"],
    ["Kỳ báo cáo: Năm 2025"],
    [`Đơn vị báo cáo: Đảng ủy xã số ${i + 1}`],
    ["STT", "Chỉ tiêu", "ĐVT", "Tổng số", "Nam", "Nữ", "Tỷ lệ nữ (%)", "Cùng kỳ", "Tỷ lệ so cùng kỳ (%)"],
  ];
  for (let r = 0; r < rows; r++) {
    const nu = 10 + ((i * 7 + r * 13) % 90);
    const nam = 20 + ((i * 11 + r * 5) % 120);
    const tong = nam + nu;
    const ck = tong - ((i + r) % 9);
    const pct = (n: number, d: number): number => Math.floor((2000 * n + d) / (2 * d)) / 10;
    grid.push([String(r + 1), `Chỉ tiêu thống kê số ${r + 1} về đảng viên`, "Người", tong, nam, nu, pct(nu, tong), ck, pct(tong, ck)]);
  }
  return sheetFromGrid(`Xã ${i + 1}`, grid);
}

const units = Number(process.argv[2] ?? 1000);
const rows = Number(process.argv[3] ?? 40);
const wb: WorkbookModel = { file: "bench.xlsx", sheets: Array.from({ length: units }, (_, i) => unit(i, rows)) };
const cells = wb.sheets.reduce((s, sh) => s + sh.values.length * sh.values[0].length, 0);
const t0 = performance.now();
const gc = (globalThis as { gc?: () => void }).gc;
if (process.env.PHASES) {
  for (let k = 0; k < 2; k++) {
  gc?.();
  const t = performance.now();
  for (const s of wb.sheets) classifySheet(wb.file, s);
  const t1 = performance.now();
  const a = analyze([wb]);
  const t2 = performance.now();
  const { grid } = computeTotals(a);
  const t3 = performance.now();
  buildSummarySheet(a, grid);
  const t4 = performance.now();
  console.log(`layouts ${(t1 - t).toFixed(0)} ms, analyze ${(t2 - t1).toFixed(0)} ms, totals ${(t3 - t2).toFixed(0)} ms, summary ${(t4 - t3).toFixed(0)} ms`);
  }
}
gc?.();
const t5 = performance.now();
const cpu0 = process.cpuUsage();
const result = consolidate([wb]);
const cpu = process.cpuUsage(cpu0);
const ms = performance.now() - t5;
void t0;
console.log(
  `${units} units × ${rows} rows: ${cells.toLocaleString("en")} cells in ${ms.toFixed(0)} ms; ` +
    `(CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms); ${result.totals.length} total rows, ${result.sheets[0].cells.length} × ${result.sheets[0].cells[6].length} summary cells, ${result.issues.length} issues`
);
