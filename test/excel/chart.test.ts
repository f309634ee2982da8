/**
 * excel/chart: the chart of one percentage indicator by unit, written through a workbook mocked with
 * office-addin-mock. The mock keeps Office.js's rule that a property is readable only after load() and
 * context.sync(), records what is written where, and counts the syncs.
 */
import { strict as assert } from "node:assert";
import { OfficeMockObject } from "office-addin-mock";
import {
  CHART_DATA_NAME,
  CHART_NAME,
  ChartError,
  ChartSpec,
  chartTable,
  writeChart,
} from "../../src/excel/chart";
import { checkerUpTo } from "../../src/excel/requirements";

interface Recorded {
  ranges: Map<string, any[]>;
  namesAdded: { name: string; address: string; comment: string }[];
  charts: { type: string; source: string; seriesBy: string; mock: any }[];
  deleted: string[];
  syncs: number;
}

interface Setup {
  /** The summary tab exists. */
  sheet?: boolean;
  usedRows?: number;
  /** The value of our chart-table marker, if there is one. */
  marker?: string | null;
  charts?: string[];
}

function mockWorkbook(setup: Setup = {}): { context: any; rec: Recorded } {
  const rec: Recorded = { ranges: new Map(), namesAdded: [], charts: [], deleted: [], syncs: 0 };
  const all: OfficeMockObject[] = [];
  const mock = (data: Record<string, unknown>, isNull?: boolean): any => {
    const m = new OfficeMockObject(data as never) as any;
    if (isNull !== undefined) m.isNullObject = isNull;
    all.push(m);
    return m;
  };
  const range = (address: string): any => {
    const r = mock({
      address,
      values: [],
      numberFormat: [],
      format: { font: { bold: false }, fill: { color: "#FFFFFF" } },
      clear: () => rec.deleted.push(`range ${address}`),
    });
    r.__address = address; // the mock's own `address` is readable only after a load, as in Office.js
    rec.ranges.set(address, [...(rec.ranges.get(address) ?? []), r]);
    return r;
  };
  const chartMock = (name: string) =>
    mock({ name, delete: () => rec.deleted.push(`chart ${name}`) });
  const existingCharts = (setup.charts ?? []).map(chartMock);
  // A collection: office-addin-mock has no navigation into arrays, so items/name is modelled here, with
  // the same rule (readable only after load() and a sync).
  let chartsLoaded: "no" | "queued" | "yes" = "no";
  const pending: (() => void)[] = [];
  const charts = {
    load(props: string) {
      assert.equal(props, "items/name");
      chartsLoaded = "queued";
      for (const c of existingCharts) c.load("name");
      pending.push(() => (chartsLoaded = "yes"));
    },
    get items() {
      if (chartsLoaded !== "yes") throw new Error("charts.items read before load() and sync()");
      return existingCharts;
    },
    add: (type: string, source: any, seriesBy: string) => {
      const point = mock({ format: { fill: { setSolidColor: (c: string) => (point.color = c) } } });
      const series = mock({
        format: { fill: { setSolidColor: (c: string) => (series.color = c) } },
        points: { getItemAt: (i: number) => ((point.index = i), point) },
      });
      const chart = mock({
        name: "Chart 1",
        title: { text: "" },
        legend: { visible: true },
        dataLabels: { showValue: false },
        axes: { categoryAxis: { reversePlotOrder: false } },
        series: { getItemAt: () => series },
        setPosition: (from: string, to: string) => (chart.position = [from, to]),
      });
      chart.seriesMock = series;
      chart.pointMock = point;
      rec.charts.push({ type, source: source.__address, seriesBy, mock: chart });
      return chart;
    },
  };
  const used = mock({ rowIndex: 0, rowCount: setup.usedRows ?? 30 }, false);
  const sheetExists = setup.sheet !== false;
  const ws = mock(
    {
      name: "Tổng hợp",
      getUsedRangeOrNullObject: () => used,
      getRange: (a: string) => range(a),
    },
    !sheetExists
  );
  ws.charts = charts;
  const marker = mock(
    { value: setup.marker ?? "", delete: () => rec.deleted.push("marker") },
    setup.marker === undefined || setup.marker === null
  );
  const context = {
    workbook: {
      worksheets: {
        getItemOrNullObject: (name: string) => (name === "Tổng hợp" ? ws : mock({ name }, true)),
      },
      names: {
        getItemOrNullObject: (name: string) => {
          assert.equal(name, CHART_DATA_NAME);
          return marker;
        },
        add: (name: string, r: any, comment: string) =>
          rec.namesAdded.push({ name, address: r.__address, comment }),
      },
    },
    sync: async () => {
      rec.syncs++;
      for (const m of all) await m.sync();
      for (const done of pending.splice(0)) done();
    },
  };
  return { context, rec };
}

const SPEC: ChartSpec = {
  sheet: "Tổng hợp",
  title: "1. Đảng viên nữ",
  categoryHeader: "Đơn vị",
  valueHeader: "Tỷ lệ (%)",
  points: [
    { name: "Đảng bộ huyện Đầm Hà", value: 38.9 },
    { name: "Đảng bộ thành phố Cẩm Phả", value: 47.2 },
    { name: "Đảng bộ huyện Bình Liêu", value: 41 },
  ],
  total: { name: "Tổng hợp", value: 44.4 },
  decimals: 1,
};

const unitsSpec = (n: number): ChartSpec => ({
  ...SPEC,
  points: Array.from({ length: n }, (_, i) => ({ name: `Đơn vị ${i + 1}`, value: (i * 7) % 100 })),
});

describe("excel/chart: a chart of one percentage by unit on the summary tab", () => {
  it("writes the table under the summary and draws bars from it, in three syncs", async () => {
    const { context, rec } = mockWorkbook({ usedRows: 30 });
    const report = await writeChart(context, SPEC, { check: checkerUpTo("1.13") });
    assert.equal(report.syncs, 3);
    assert.equal(rec.syncs, 3);
    // Rows 1–30 are the summary; one blank row, then the table from B32.
    assert.equal(report.dataRange, "B32:C37");
    const table = rec.ranges.get("B32:C37")![0];
    assert.deepEqual(table.values, [
      ["'1. Đảng viên nữ", ""],
      ["Đơn vị", "Tỷ lệ (%)"],
      ["Tổng hợp", 44.4],
      ["Đảng bộ thành phố Cẩm Phả", 47.2],
      ["Đảng bộ huyện Bình Liêu", 41],
      ["Đảng bộ huyện Đầm Hà", 38.9],
    ]);
    assert.deepEqual(table.numberFormat.slice(1, 3), [
      ["General", "General"],
      ["General", "0.0"],
    ]);
    assert.equal(rec.ranges.get("B32:C33")![0].format.font.bold, true);
    assert.deepEqual(
      rec.namesAdded.map((n) => [n.name, n.address]),
      [[CHART_DATA_NAME, "B32:C37"]]
    );
    assert.equal(rec.charts.length, 1);
    const c = rec.charts[0];
    assert.deepEqual([c.type, c.source, c.seriesBy], ["BarClustered", "B33:C37", "Columns"]);
    assert.equal(c.mock.name, CHART_NAME);
    assert.equal(c.mock.title.text, "1. Đảng viên nữ");
    assert.equal(c.mock.legend.visible, false);
    assert.equal(c.mock.dataLabels.showValue, true);
    assert.equal(c.mock.axes.categoryAxis.reversePlotOrder, true);
    assert.equal(c.mock.seriesMock.color, "#0F6CBD");
    // The total is the first bar, in its own colour.
    assert.equal(c.mock.pointMock.index, 0);
    assert.notEqual(c.mock.pointMock.color, "#0F6CBD");
    // Beside the table, tall enough for every bar.
    assert.deepEqual(c.mock.position, ["D32", "J45"]);
    assert.deepEqual(rec.deleted, []);
    assert.equal(report.bars, 4);
  });

  it("drawing again replaces our table and chart in place, and leaves a user's chart alone", async () => {
    const { context, rec } = mockWorkbook({
      usedRows: 37,
      marker: "='Tổng hợp'!$B$32:$C$37",
      charts: ["Biểu đồ của tôi", CHART_NAME],
    });
    const spec = { ...SPEC, points: SPEC.points.slice(0, 1), total: null };
    const report = await writeChart(context, spec, { check: checkerUpTo("1.13") });
    assert.deepEqual(rec.deleted, ["range B32:C37", "marker", `chart ${CHART_NAME}`]);
    assert.equal(report.dataRange, "B32:C34");
    assert.deepEqual(
      rec.namesAdded.map((n) => n.address),
      ["B32:C34"]
    );
    assert.equal(rec.charts[0].mock.pointMock.color, undefined, "no total bar to colour");
    assert.equal(report.syncs, 3);
  });

  it("starts a new table under the summary when the old marker points nowhere (#REF! after a re-run)", async () => {
    const { context, rec } = mockWorkbook({ usedRows: 12, marker: "=#REF!" });
    const report = await writeChart(context, SPEC, { check: checkerUpTo("1.13") });
    assert.equal(report.dataRange, "B14:C19");
    assert.deepEqual(rec.deleted, ["marker"]);
  });

  it("writes unit names that look like formulas as text", async () => {
    const { context, rec } = mockWorkbook();
    const names = [
      '=HYPERLINK("http://x")',
      "+84 912",
      "-Đơn vị",
      "@Ban",
      "<img src=x onerror=alert(1)>",
    ];
    const spec = {
      ...SPEC,
      total: null,
      points: names.map((name, i) => ({ name, value: 50 - i })),
    };
    await writeChart(context, spec, { check: checkerUpTo("1.13") });
    const values = rec.ranges.get("B32:C38")![0].values as (string | number)[][];
    assert.deepEqual(
      values.slice(2).map((r) => r[0]),
      ['\'=HYPERLINK("http://x")', "'+84 912", "'-Đơn vị", "'@Ban", "<img src=x onerror=alert(1)>"]
    );
  });

  it("keeps Excel's own bar order where ExcelApi 1.7 is missing", async () => {
    const { context, rec } = mockWorkbook();
    await writeChart(context, SPEC, { check: checkerUpTo("1.4") });
    assert.notEqual(rec.charts[0].mock.axes.categoryAxis.reversePlotOrder, true);
  });

  it("says so when the summary tab is gone, after one sync and without writing", async () => {
    const { context, rec } = mockWorkbook({ sheet: false });
    await assert.rejects(
      writeChart(context, SPEC, { check: checkerUpTo("1.13") }),
      (e: unknown) => {
        return e instanceof ChartError && e.reason === "no-sheet";
      }
    );
    assert.equal(rec.syncs, 1);
    assert.equal(rec.ranges.size + rec.namesAdded.length + rec.charts.length, 0);
  });

  it("refuses an indicator without figures before touching the workbook", async () => {
    const { context, rec } = mockWorkbook();
    const empty = { ...SPEC, points: [], total: null };
    await assert.rejects(writeChart(context, empty, { check: checkerUpTo("1.13") }), ChartError);
    assert.equal(rec.syncs, 0);
  });

  for (const n of [1, 10, 100])
    it(`takes three syncs for ${n} unit(s)`, async () => {
      const { context, rec } = mockWorkbook();
      const report = await writeChart(context, unitsSpec(n), { check: checkerUpTo("1.13") });
      assert.equal(rec.syncs, 3);
      assert.equal(report.bars, n + 1);
      assert.equal(rec.ranges.get(report.dataRange)![0].values.length, n + 3);
    });

  it("chartTable: title, header, total, then units from the highest value down", () => {
    assert.deepEqual(
      chartTable({
        ...SPEC,
        points: [
          { name: "a", value: 1 },
          { name: "b", value: 3 },
        ],
      }).map((r) => r[0]),
      ["1. Đảng viên nữ", "Đơn vị", "Tổng hợp", "b", "a"]
    );
  });
});
