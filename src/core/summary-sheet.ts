/**
 * The "Tổng hợp" tab: the form's title and period, the number of units, the form's rows (STT, Chỉ tiêu, ĐVT),
 * the province totals, then one column per unit. Totals are SUM formulas over the unit columns, percentages
 * formulas over the total columns, each with its cached value, so the file shows numbers in any reader and
 * stays live when a unit's figure is corrected.
 */
import { Analysis, SheetLayout } from "./analysis";
import { TotalCell, TotalsGrid } from "./consolidate";
import { OUR_SIGNATURE } from "./layout/detect";
import { cellAddress, columnLetters } from "./model";
import { formatFor } from "./numfmt";
import { copySheetNames } from "./sheetnames";
import { Message } from "./issue";
import { OutCell, OutputSheet, RunOptions } from "./output";

export const SUMMARY_NAME = "Tổng hợp";
export const OUR_TAB_NAMES = ["Tổng hợp", "Kiểm tra", "Quy tắc"];
const MAX_COLUMNS = 16384;

/**
 * Names of the unit sheets' copies in an output workbook, parallel to `units`: the writers' rule
 * (copySheetNames) with our tabs' names reserved, so that the unit columns' links find their sheets.
 */
export function unitSheetNames(units: SheetLayout[]): string[] {
  // The summary and the checks' links both ask for the same run's names: the last answer is kept.
  const inputs = units.map((u) => ({ sheet: u.sheet.name, name: u.unitName }));
  const last = lastNames;
  if (
    last !== null &&
    last.inputs.length === inputs.length &&
    last.inputs.every((x, i) => x.sheet === inputs[i].sheet && x.name === inputs[i].name)
  )
    return last.names.slice();
  const names = copySheetNames(inputs, OUR_TAB_NAMES);
  lastNames = { inputs, names: names.slice() };
  return names;
}

let lastNames: { inputs: { sheet: string; name: string }[]; names: string[] } | null = null;

// A unit cell's format by kind and decimals (0 to 4), built once: no string made per cell.
const FORMATS = {
  count: [0, 1, 2, 3, 4].map((d) => formatFor("count", d)),
  percent: [0, 1, 2, 3, 4].map((d) => formatFor("percent", d)),
};
function fmtOf(kind: "count" | "percent", decimals: number): string {
  return FORMATS[kind][decimals] ?? formatFor(kind, decimals);
}

/** Our own words on the tab, in the run's language; the form's texts stay as the form wrote them. */
const WORDS: Record<string, Message> = {
  title: { vi: "TỔNG HỢP BÁO CÁO", en: "CONSOLIDATED REPORT" },
  period: { vi: "Kỳ báo cáo", en: "Period" },
  units: { vi: "Số đơn vị tổng hợp", en: "Units consolidated" },
  code: { vi: "STT", en: "No." },
  label: { vi: "Chỉ tiêu", en: "Indicator" },
  uom: { vi: "ĐVT", en: "Unit" },
  total: { vi: "Tổng hợp", en: "Total" },
  notes: { vi: "Ghi chú:", en: "Notes:" },
  tooMany: {
    vi: "Quá nhiều đơn vị để ghi mỗi đơn vị một cột; số tổng hợp ghi thành giá trị",
    en: "Too many units for a column each; totals are written as values",
  },
};

// Blank unit cells are alike: one shared (read-only) cell each, not a thousand copies.
const EMPTY_UNIT_CELL: OutCell = Object.freeze({ border: true });
const MISSING_UNIT_CELL: OutCell = Object.freeze({ border: true, fill: "#F2F2F2" });

/**
 * Characters a number takes in "#,##0" with `decimals` (digits, thousands separators, point, sign), plus a
 * margin: the least column width that shows it rather than "#####".
 */
function numberWidth(v: number, decimals: number): number {
  const a = Math.abs(v);
  const digits = a < 1 ? 1 : Math.floor(Math.log10(a)) + 1;
  return (
    digits + Math.floor((digits - 1) / 3) + (decimals > 0 ? decimals + 1 : 0) + (v < 0 ? 1 : 0) + 2
  );
}

const HEADER_FILL = "#DDEBF7";
const TOTAL_FILL = "#FFF2CC";

export function buildSummarySheet(
  a: Analysis,
  grid: TotalsGrid,
  opts: RunOptions = {}
): OutputSheet {
  const units = a.units;
  const names = unitSheetNames(units);
  const ref = a.template ?? units[0] ?? null;
  const { rows, measures } = grid;
  // Measures whose unit figures are shown (counts and averages); percentages are recomputed, not traced.
  const firstTotal = 3;
  const firstUnit = firstTotal + measures.length;
  const traceable = measures.filter((m) => m.kind === "count" || m.kind === "nonAdditive");
  // Excel has 16.384 columns: beyond that the units' columns are left out and totals are plain values.
  const fits = firstUnit + traceable.length * units.length <= MAX_COLUMNS;
  const traced = fits ? traceable : [];
  const blockStart = new Map<string, number>();
  traced.forEach((m, b) => blockStart.set(m.key, firstUnit + b * units.length));
  const width = firstUnit + traced.length * units.length;

  const cells: OutCell[][] = [];
  const merges: string[] = [];
  const lastCol = columnLetters(Math.max(width, 6) - 1);
  const lang = opts.lang ?? "vi";
  const say = (m: Message): string => m[lang];
  const title = ref?.title ?? units.find((u) => u.title)?.title ?? say(WORDS.title);
  cells.push([{ v: title, bold: true, align: "center" }]);
  merges.push(`A1:${lastCol}1`);
  const period = ref?.period ?? units.find((u) => u.period)?.period ?? null;
  cells.push([
    { v: period ? `${say(WORDS.period)}: ${period}` : "", italic: true, align: "center" },
  ]);
  merges.push(`A2:${lastCol}2`);
  cells.push([{ v: `${say(WORDS.units)}: ${units.length}`, align: "center" }]);
  merges.push(`A3:${lastCol}3`);
  cells.push([
    { v: OUR_SIGNATURE, italic: true, color: "#7F7F7F" },
    ...(fits ? [] : [{ v: say(WORDS.tooMany), italic: true, color: "#C00000" }]),
  ]);
  cells.push([]);

  const h1 = cells.length; // 0-based row of the first header row
  const head = (v: string, extra: Partial<OutCell> = {}): OutCell => ({
    v,
    bold: true,
    fill: HEADER_FILL,
    align: "center",
    wrap: true,
    border: true,
    ...extra,
  });
  const top: OutCell[] = [head(say(WORDS.code)), head(say(WORDS.label)), head(say(WORDS.uom))];
  const sub: OutCell[] = [head(""), head(""), head("")];
  for (let c = 0; c < 3; c++) merges.push(`${cellAddress(h1, c)}:${cellAddress(h1 + 1, c)}`);
  measures.forEach((m, j) => {
    top.push(head(j === 0 ? say(WORDS.total) : ""));
    sub.push(head(m.header, { fill: TOTAL_FILL }));
  });
  if (measures.length > 1)
    merges.push(`${cellAddress(h1, firstTotal)}:${cellAddress(h1, firstUnit - 1)}`);
  const linkOn = opts.linkToSources !== false;
  for (const m of traced) {
    const start = blockStart.get(m.key)!;
    units.forEach((u, k) => {
      top.push(head(k === 0 ? m.header : ""));
      const measure = u.measures.find((x) => x.key === m.key);
      const linkCell = cellAddress(u.headerRows[0], measure ? measure.col : u.labelCol);
      sub.push(
        head(
          u.unitName,
          linkOn ? { link: { sheet: names[k], cell: linkCell }, color: "#0563C1" } : {}
        )
      );
    });
    if (units.length > 1)
      merges.push(`${cellAddress(h1, start)}:${cellAddress(h1, start + units.length - 1)}`);
  }
  cells.push(top, sub);
  const firstData = cells.length;

  const rowAt = new Map(rows.map((r, i) => [r.key, firstData + i]));
  const totalColOf = new Map(measures.map((m, j) => [m.key, firstTotal + j]));
  // Per unit, its column for each traced measure (-1: it has none).
  const formRowAt = new Map(rows.map((r, i) => [r.key, i]));
  const unitMeasureOf = units.map((u) =>
    traced.map((m) => u.measures.findIndex((x) => x.key === m.key))
  );
  let labelWidth = 20;
  // Totals that leave units out say so below the table, each marked with its note's number.
  const notes: string[] = [];
  const marked = (fmt: string, t: TotalCell, where: string): string => {
    if (!t.note) return fmt;
    notes.push(`${where}: ${say(t.note)}`);
    return `${fmt}" (${notes.length})"`;
  };
  /** Minus each left-out unit's own cell of a row and measure: " -N(F12)-N(H12)", or null when not traced. */
  const lessUnits = (t: TotalCell, row: string, measure: string): string | null => {
    const r = rowAt.get(row);
    const start = blockStart.get(measure);
    if (r === undefined || start === undefined) return null;
    return (t.leftOut ?? []).map((g) => `-N(${cellAddress(r, start + g.unit)})`).join("");
  };
  // Per column, the width its widest number needs (0: no number).
  const numberWidths = new Array<number>(width).fill(0);
  const needs = (
    col: number,
    v: number | string | null,
    decimals: number,
    bold = false,
    more = 0
  ) => {
    if (typeof v !== "number") return;
    const w = (numberWidth(v, decimals) + more) * (bold ? 1.1 : 1);
    if (w > numberWidths[col]) numberWidths[col] = w;
  };

  rows.forEach((r, i) => {
    const out: OutCell[] = [];
    const extra = !r.inForm;
    out.push({ v: r.code ?? "", align: "center", border: true });
    out.push({ v: r.label, wrap: true, border: true, italic: extra, bold: r.depth === 0 });
    out.push({ v: r.uom ?? "", align: "center", border: true });
    labelWidth = Math.max(labelWidth, Math.min(60, r.label.length * 0.9 + 2 * r.depth));
    const sheetRow = firstData + i;
    measures.forEach((m, j) => {
      const t = grid.cells[i][j];
      const cached = t.value === null ? "" : t.value;
      // A note's marker (" (12)") shows after the number.
      needs(firstTotal + j, t.value, t.decimals, true, t.note ? 5 : 0);
      const base: OutCell = { border: true, bold: true, fill: TOTAL_FILL };
      if (t.how === "sum") {
        const start = blockStart.get(m.key);
        const fmt = marked(formatFor("count", t.decimals), t, `${r.label} (${m.header})`);
        // A row no unit filled in (a section heading) stays blank rather than showing a SUM of nothing.
        if (start === undefined || units.length === 0 || t.contributors === 0)
          out.push({ ...base, v: cached, fmt });
        else
          out.push({
            ...base,
            f: `=SUM(${cellAddress(sheetRow, start)}:${cellAddress(sheetRow, start + units.length - 1)})`,
            v: cached,
            fmt,
          });
      } else if (t.how === "percent" && t.relation?.kind === "percent") {
        const nr = rowAt.get(t.relation.numerator.row);
        const nc = totalColOf.get(t.relation.numerator.measure);
        const dr = rowAt.get(t.relation.denominator.row);
        const dc = totalColOf.get(t.relation.denominator.measure);
        const fmt = marked(formatFor("percent", t.decimals), t, `${r.label} (${m.header})`);
        // Units left out of the ratio leave it on both sides: their own cells are taken off both totals.
        const nLess = lessUnits(t, t.relation.numerator.row, t.relation.numerator.measure);
        const dLess = lessUnits(t, t.relation.denominator.row, t.relation.denominator.measure);
        if (nr === undefined || nc === undefined || dr === undefined || dc === undefined)
          out.push({ ...base, v: cached, fmt });
        else if (!t.leftOut?.length) {
          const n = cellAddress(nr, nc);
          const d = cellAddress(dr, dc);
          out.push({
            ...base,
            f: `=IF(N(${d})=0,"",ROUND(${n}/${d}*100,${t.decimals}))`,
            v: cached,
            fmt,
          });
        } else if (nLess === null || dLess === null) out.push({ ...base, v: cached, fmt });
        else {
          const n = `(N(${cellAddress(nr, nc)})${nLess})`;
          const d = `(N(${cellAddress(dr, dc)})${dLess})`;
          out.push({
            ...base,
            f: `=IF(${d}=0,"",ROUND(${n}/${d}*100,${t.decimals}))`,
            v: cached,
            fmt,
          });
        }
      } else if (t.how === "average" && t.relation?.kind === "average") {
        const vs = blockStart.get(t.relation.target.measure);
        const ws = blockStart.get(t.relation.weight.measure);
        const wr = rowAt.get(t.relation.weight.row);
        const vr = rowAt.get(t.relation.target.row);
        const fmt = marked(formatFor("count", t.decimals), t, `${r.label} (${m.header})`);
        if (
          vs === undefined ||
          ws === undefined ||
          wr === undefined ||
          vr === undefined ||
          units.length === 0
        )
          out.push({ ...base, v: cached, fmt });
        else {
          const v = `${cellAddress(vr, vs)}:${cellAddress(vr, vs + units.length - 1)}`;
          const w = `${cellAddress(wr, ws)}:${cellAddress(wr, ws + units.length - 1)}`;
          const den = `SUMPRODUCT(--ISNUMBER(${v}),${w})`;
          out.push({
            ...base,
            f: `=IF(${den}=0,"",ROUND(SUMPRODUCT(${v},${w})/${den},${t.decimals}))`,
            v: cached,
            fmt,
          });
        }
      } else out.push({ ...base, v: "" });
    });
    out.length = width;
    cells.push(out);
  });

  // Units repeat each other's figures: one shared, read-only cell (and the width it needs) per figure and
  // format, not a cell made for each of millions of unit figures.
  const figureCells = new Map<string, Map<number, { cell: OutCell; width: number }>>();
  const figureCell = (
    v: number,
    kind: "count" | "percent",
    decimals: number
  ): { cell: OutCell; width: number } => {
    const fmt = fmtOf(kind, decimals);
    // -0 and 0 are one Map key: a -0 gets a cell of its own.
    if (Object.is(v, -0))
      return { cell: { v, fmt, border: true }, width: numberWidth(v, decimals) };
    let byValue = figureCells.get(fmt);
    if (!byValue) figureCells.set(fmt, (byValue = new Map()));
    let hit = byValue.get(v);
    if (!hit) {
      hit = { cell: Object.freeze({ v, fmt, border: true }), width: numberWidth(v, decimals) };
      byValue.set(v, hit);
    }
    return hit;
  };
  // Unit columns, unit by unit and row by row: each unit's readings lie together in memory, and a row's cells
  // are written together, so a thousand units stay fast.
  const formRowOfUnit = units.map((u) => u.rows.map((r) => formRowAt.get(r.key) ?? -1));
  const hasLeftOut = grid.leftOut.size > 0;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const fr = formRowOfUnit[k];
    for (let ri = 0; ri < u.rows.length; ri++) {
      const i = fr[ri];
      if (i < 0) continue;
      const out = cells[firstData + i];
      const unitCells = u.rows[ri].cells;
      for (let b = 0; b < traced.length; b++) {
        const mi = unitMeasureOf[k][b];
        if (mi < 0) continue;
        const col = firstUnit + b * units.length + k;
        const c = unitCells[mi];
        let cell: OutCell;
        if (c.status === "number" && c.value !== null && !(hasLeftOut && grid.leftOut.has(c))) {
          const kind = rows[i].percent ? "percent" : "count";
          const figure = figureCell(c.value, kind, Math.min(c.decimals ?? 0, 4));
          cell = figure.cell;
          if (figure.width > numberWidths[col]) numberWidths[col] = figure.width;
        } else if (c.status === "empty") cell = EMPTY_UNIT_CELL;
        // What the unit wrote, as text: SUM leaves it out, as the total does; never a formula. Right-aligned,
        // level with the numbers of its column.
        else
          cell = {
            v: c.exact ?? String(c.raw),
            italic: true,
            color: "#C00000",
            border: true,
            align: "right",
          };
        out[col] = cell;
      }
    }
  }
  // Cells of rows or columns a unit does not have.
  for (let i = 0; i < rows.length; i++) {
    const out = cells[firstData + i];
    for (let col = firstUnit; col < width; col++) out[col] ??= MISSING_UNIT_CELL;
  }
  if (notes.length > 0) {
    cells.push([], [{ v: say(WORDS.notes), bold: true, italic: true }]);
    notes.forEach((n, k) => cells.push([{ v: `(${k + 1}) ${n}`, italic: true }]));
  }

  // Wide enough for the header (which wraps) and for every number (never "#####").
  const columnWidths: number[] = [6, Math.round(labelWidth), 9];
  measures.forEach((m, j) =>
    columnWidths.push(
      Math.max(11, Math.min(18, m.header.length * 0.8), Math.ceil(numberWidths[firstTotal + j]))
    )
  );
  for (let b = 0; b < traced.length; b++)
    units.forEach((u, k) =>
      columnWidths.push(
        Math.max(
          10,
          Math.min(18, u.unitName.length * 0.55),
          Math.ceil(numberWidths[firstUnit + b * units.length + k])
        )
      )
    );

  return {
    role: "summary",
    name: SUMMARY_NAME,
    cells,
    merges,
    columnWidths,
    freeze: { rows: firstData, cols: 3 },
    autoFilter: null,
    landscape: true,
    fitToWidth: true,
  };
}
