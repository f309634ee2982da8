/**
 * A bar chart of one percentage indicator by unit on the summary tab, because people compare units faster by
 * looking than by reading. The chart's figures are written as a small table under the summary (a chart needs
 * a range), marked by a defined name so that drawing another indicator replaces the table and the chart
 * instead of piling them up. Three syncs, whatever the number of units: find the tab, find the old chart and
 * the free rows, write.
 */
import { parseRange } from "../core/model";
import { rangeAddress, sheetOfReference, stripSheet } from "./address";
import { cellInput } from "./cells";
import { MARKER_PREFIX } from "./markers";
import { SetChecker } from "./requirements";

/** The chart's name on the sheet, to find and replace it. */
export const CHART_NAME = "TongHopBieuDo";
/** Defined name marking the chart's table (one of our markers, not a tab role). */
export const CHART_DATA_NAME = MARKER_PREFIX + "chart";

export interface ChartSpec {
  /** The summary tab. */
  sheet: string;
  title: string;
  /** Headers of the table's two columns ("Đơn vị", "Tỷ lệ (%)"). */
  categoryHeader: string;
  valueHeader: string;
  points: { name: string; value: number }[];
  /** The consolidated value, drawn first and in another colour; null for none. */
  total: { name: string; value: number } | null;
  decimals: number;
}

export interface ChartReport {
  /** The table the chart draws ("B40:C52"). */
  dataRange: string;
  chartName: string;
  /** Bars drawn (units plus the total). */
  bars: number;
  syncs: number;
}

export class ChartError extends Error {
  constructor(
    readonly reason: "no-sheet" | "no-data",
    readonly sheet: string
  ) {
    super(reason === "no-sheet" ? `Sheet not found: ${sheet}` : "Nothing to draw");
    this.name = "ChartError";
  }
}

/** The table's column: B, where the summary's wide label column gives unit names room. */
const TABLE_COL = 1;
const BRAND = "#0F6CBD";
const TOTAL_COLOR = "#E3A21A";

/** Rows of the chart's table: title, header, the total, then units from the highest value down. */
export function chartTable(spec: ChartSpec): (string | number)[][] {
  const units = spec.points.slice().sort((x, y) => y.value - x.value);
  const bars = spec.total ? [spec.total, ...units] : units;
  return [
    [spec.title, ""],
    [spec.categoryHeader, spec.valueHeader],
    ...bars.map((p) => [p.name, p.value] as [string, number]),
  ];
}

export async function writeChart(
  context: Excel.RequestContext,
  spec: ChartSpec,
  options: { check: SetChecker }
): Promise<ChartReport> {
  const bars = spec.points.length + (spec.total ? 1 : 0);
  if (bars === 0) throw new ChartError("no-data", spec.sheet);

  // 1. The tab and our previous table's name.
  const ws = context.workbook.worksheets.getItemOrNullObject(spec.sheet);
  ws.load("name");
  const marker = context.workbook.names.getItemOrNullObject(CHART_DATA_NAME);
  marker.load("value");
  await context.sync();
  if (ws.isNullObject) throw new ChartError("no-sheet", spec.sheet);

  // 2. Where the summary ends, and the charts already there.
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  const charts = ws.charts;
  charts.load("items/name");
  await context.sync();

  const oldRef = marker.isNullObject ? null : String(marker.value);
  const oldSheet = oldRef ? sheetOfReference(oldRef) : null;
  const old = oldSheet === ws.name ? parseRange(stripSheet(oldRef!)) : null;
  const end = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  // The old table's place when there is one (the summary above it has not moved), else under the summary.
  const top = old ? old.top : end + 1;
  const table = chartTable(spec);
  const bottom = top + table.length - 1;
  const dataRange = rangeAddress(top, TABLE_COL, bottom, TABLE_COL + 1);

  // 3. Replace: clear the old table and chart, write the new table, draw.
  if (old) ws.getRange(rangeAddress(old.top, old.left, old.bottom, old.right)).clear();
  if (!marker.isNullObject) marker.delete();
  for (const c of charts.items) if (c.name === CHART_NAME) c.delete();

  const range = ws.getRange(dataRange);
  range.numberFormat = table.map((_, i) => [
    "General",
    i < 2 ? "General" : decimalsFormat(spec.decimals),
  ]);
  // Unit names are written as text whatever they start with (=, +, -, @ would make a formula).
  range.values = table.map((row) => row.map((v) => (typeof v === "string" ? cellInput({ v }) : v)));
  const head = ws.getRange(rangeAddress(top, TABLE_COL, top + 1, TABLE_COL + 1));
  head.format.font.bold = true;
  ws.getRange(rangeAddress(top + 1, TABLE_COL, top + 1, TABLE_COL + 1)).format.fill.color =
    "#DDEBF7";
  context.workbook.names.add(
    CHART_DATA_NAME,
    range,
    "Tổng hợp báo cáo: số liệu của biểu đồ / the chart's figures"
  );

  const source = ws.getRange(rangeAddress(top + 1, TABLE_COL, bottom, TABLE_COL + 1));
  const chart = ws.charts.add("BarClustered", source, "Columns");
  chart.name = CHART_NAME;
  chart.title.text = spec.title;
  chart.legend.visible = false;
  chart.dataLabels.showValue = true;
  const series = chart.series.getItemAt(0);
  series.format.fill.setSolidColor(BRAND);
  if (spec.total) series.points.getItemAt(0).format.fill.setSolidColor(TOTAL_COLOR);
  // Bars read top-down in the table's order (Excel draws the first category at the bottom otherwise).
  if (options.check("ExcelApi", "1.7")) chart.axes.categoryAxis.reversePlotOrder = true;
  const height = Math.max(14, bars + 4);
  chart.setPosition(
    rangeAddress(top, TABLE_COL + 2, top, TABLE_COL + 2),
    rangeAddress(top + height - 1, TABLE_COL + 8, top + height - 1, TABLE_COL + 8)
  );
  await context.sync();
  return { dataRange, chartName: CHART_NAME, bars, syncs: 3 };
}

function decimalsFormat(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
}
