/**
 * Times the engine on a generated input: by default 1000 unit sheets × 40 indicator rows × 6 measure columns
 * (plus the title block, STT, Chỉ tiêu and ĐVT), the size of a province's whole collection of a large form.
 * Reports understanding + consolidation (read, match, learn, total, build the Tổng hợp tab) and the check
 * rules separately, wall and CPU time.
 * Run: node --import tsx bench/engine.ts [units] [rows]
 */
import { consolidate as consolidateAnalysis } from "../src/core/consolidate";
import { analyzeWorkbooks } from "../src/core/engine";
import { CellValue, WorkbookModel, sheetFromGrid } from "../src/core/model";
import { runChecks } from "../src/core/run-checks";

function pct(n: number, d: number): number {
  return Math.floor((2000 * n + d) / (2 * d)) / 10;
}

function unit(i: number, rows: number): ReturnType<typeof sheetFromGrid> {
  const grid: CellValue[][] = [
    ["ĐẢNG BỘ TỈNH QUẢNG NINH"],
    ["BÁO CÁO THỐNG KÊ ĐẢNG VIÊN"],
    ["Kỳ báo cáo: Năm 2025"],
    [`Đơn vị báo cáo: Đảng ủy xã số ${i + 1}`],
    ["STT", "Chỉ tiêu", "ĐVT", "Tổng số", "Nam", "Nữ", "Tỷ lệ nữ (%)", "Cùng kỳ", "So với cùng kỳ (%)"],
  ];
  for (let r = 0; r < rows; r++) {
    // Figures from a hash of (unit, row): no two units alike.
    const h = Math.imul(i * 7919 + r * 104729 + 1, 2654435761) >>> 0;
    const nu = 10 + (h % 900);
    const nam = 20 + ((h >>> 10) % 1200);
    const tong = nam + nu;
    const ck = tong - ((h >>> 20) % 9);
    const label = `Chỉ tiêu thống kê số ${r + 1} về đảng viên`;
    grid.push([String(r + 1), label, "Người", tong, nam, nu, pct(nu, tong), ck, pct(tong, ck)]);
  }
  return sheetFromGrid(`Xã ${i + 1}`, grid);
}

function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

const units = Number(process.argv[2] ?? 1000);
const rows = Number(process.argv[3] ?? 40);
const wb: WorkbookModel = {
  file: "bench.xlsx",
  sheets: Array.from({ length: units }, (_, i) => unit(i, rows)),
};
const cells = wb.sheets.reduce((s, sh) => s + sh.values.length * sh.values[0].length, 0);
const engine = timed(() => {
  const a = analyzeWorkbooks([wb]);
  return { a, done: consolidateAnalysis(a) };
});
// NO_CHECKS=1 times understanding and consolidation alone (the check rules are timed after them).
const checks = process.env.NO_CHECKS
  ? { value: { issues: [] }, wall: 0, cpu: 0 }
  : timed(() => runChecks(engine.value.a));
const ms = (n: number): string => `${n.toFixed(0)} ms`;
const sheet = engine.value.done.sheet!;
console.log(
  `${units} units × ${rows} rows × 6 measures (${cells.toLocaleString("en")} cells): ` +
    `understanding + consolidation ${ms(engine.wall)} (CPU ${ms(engine.cpu)}), ` +
    `${engine.value.done.totals.length} total rows, Tổng hợp ${sheet.cells.length} × ${sheet.cells[6].length}; ` +
    `check rules ${ms(checks.wall)} (CPU ${ms(checks.cpu)}), ${checks.value.issues.length} issues`
);
