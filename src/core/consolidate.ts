/**
 * Province totals from the units: counts summed exactly, percentages recomputed from the summed counts with
 * their learned base (never summed or averaged), averages weighted by their base or left blank, and every value
 * that could not be read left out with an issue naming the unit and the cell.
 */
import { Analysis, CellReading, FormMeasure, FormRow, Relation, SheetLayout } from "./analysis";
import { fold } from "./keys";
import { analysisIssue } from "./analysis-rules";
import { Issue } from "./issue";
import { OutputSheet, RunOptions, TotalRow } from "./output";
import { decimalSum, numberToPlainString, ratio, roundHalfUp } from "./rounding";
import { formCellKind, unitIndex } from "./relations";
import { buildSummarySheet } from "./summary-sheet";

/** Whole-thing units of measure: a count of these is never fractional. */
const INTEGRAL_UOM =
  /^(người|đảng viên|đồng chí|đ\/c|tổ chức|chi bộ|đảng bộ|cơ sở|đơn vị|lượt|lượt người|cuộc|hộ|xã|phường|thôn|bản|khu phố|lớp|học viên|trường hợp|vụ|tổ|cái|chiếc|quyển|cuốn)$/u;

interface Fraction {
  reading: CellReading;
  unit: SheetLayout;
}

export type TotalHow = "sum" | "percent" | "average" | "blank";

/** One computed total: how it was computed and from what, so the summary tab can write the same as a formula. */
export interface TotalCell {
  value: number | null;
  /** Plain decimal string of the value, exact. */
  exact: string | null;
  how: TotalHow;
  decimals: number;
  relation: Relation | null;
  /** Units whose figure went into a sum. */
  contributors: number;
}

/** Totals by form row (in form order) and form measure (the measures listed in `measures`). */
export interface TotalsGrid {
  rows: FormRow[];
  measures: FormMeasure[];
  cells: TotalCell[][];
  /** Unit figures read as numbers but left out of the totals (a fractional count of people). */
  leftOut: Set<CellReading>;
}

export interface Consolidation {
  totals: TotalRow[];
  sheet: OutputSheet;
  issues: Issue[];
  grid: TotalsGrid;
}

/** The measures that get a total: the form's own non-text columns. */
export function totalMeasures(a: Analysis): FormMeasure[] {
  return a.measures.filter((m) => m.inForm !== false && m.kind !== "text");
}

/** Computes every total. */
export function computeTotals(
  a: Analysis,
  opts: RunOptions = {}
): { grid: TotalsGrid; issues: Issue[] } {
  const issues: Issue[] = [];
  const rows = a.rows;
  const measures = totalMeasures(a);
  const rowAt = new Map(rows.map((r, i) => [r.key, i]));
  const measureAt = new Map(measures.map((m, j) => [m.key, j]));
  const R = rows.length;
  const M = measures.length;
  // Accumulators: integer part as a number while exact (|sum| < 2^53), decimals kept as exact strings.
  const intSum = new Float64Array(R * M);
  const fracs: (Fraction[] | null)[] = new Array<Fraction[] | null>(R * M).fill(null);
  const leftOut = new Set<CellReading>();
  const contributors = new Int32Array(R * M);
  const kinds = rows.map((r) => measures.map((m) => formCellKind(r, m)));
  const written = new Uint8Array(R * M);
  const decimalsSeen: (Map<number, number> | undefined)[] = new Array<
    Map<number, number> | undefined
  >(R * M);
  /** Decimals units show for a cell of the form (the most common), for averages and row percentages. */
  const shownDecimals = (i: number, j: number): number | null => {
    let best: number | null = null;
    let bestN = 0;
    for (const [d, n] of decimalsSeen[i * M + j] ?? []) if (n > bestN) [best, bestN] = [d, n];
    return best;
  };

  for (const u of a.units) {
    // Positions of this unit's rows and columns in the form: one Map lookup each, then a flat loop.
    const mPos = u.measures.map((m) => measureAt.get(m.key) ?? -1);
    for (const row of u.rows) {
      const i = rowAt.get(row.key);
      if (i === undefined) continue;
      for (let k = 0; k < row.cells.length; k++) {
        const j = mPos[k];
        if (j < 0) continue;
        const kind = kinds[i][j];
        const c = row.cells[k];
        if (kind !== "count") {
          // What percentages and averages need later: was anything written, with how many decimals.
          if (c.status === "empty") continue;
          const at = i * M + j;
          written[at] = 1;
          if (c.status === "number" && c.decimals !== null) {
            const h = (decimalsSeen[at] ??= new Map());
            h.set(c.decimals, (h.get(c.decimals) ?? 0) + 1);
          }
          continue;
        }
        if (c.status === "number" && c.value !== null) {
          const at = i * M + j;
          contributors[at]++;
          if (Number.isInteger(c.value)) intSum[at] += c.value;
          else (fracs[at] ??= []).push({ reading: c, unit: u });
        } else if (c.status !== "empty") {
          const date = c.status === "date";
          const fraction = c.fraction ? `${c.fraction.numerator}/${c.fraction.denominator}` : "?";
          issues.push(
            analysisIssue("left-out", date ? "date" : "leftOut", {
              unit: u.unitName,
              file: u.file,
              sheet: u.sheet.name,
              cell: c.address,
              data: {
                raw: String(c.raw),
                label: rows[i].label,
                header: measures[j].header,
                fraction,
              },
              actual: typeof c.raw === "boolean" ? String(c.raw) : c.raw,
            })
          );
        }
      }
    }
  }

  // A count with a fractional part where the form counts whole things (people, organisations, or what the
  // other units all wrote as whole numbers) is a typing slip ("5.022" read as 5,022): left out, said so.
  for (let at = 0; at < R * M; at++) {
    const list = fracs[at];
    if (!list) continue;
    const i = Math.floor(at / M);
    const j = at % M;
    const whole = contributors[at] - list.length;
    const integral =
      INTEGRAL_UOM.test(fold(rows[i].uom ?? "")) || (whole > 0 && whole * 2 >= contributors[at]);
    if (!integral) continue;
    fracs[at] = null;
    for (const { reading: c, unit: u } of list) {
      contributors[at]--;
      leftOut.add(c);
      const thousand = /^-?\d+\.\d{3}$/.test(c.exact ?? "");
      issues.push(
        analysisIssue("left-out", thousand ? "thousands" : "notWhole", {
          unit: u.unitName,
          file: u.file,
          sheet: u.sheet.name,
          cell: c.address,
          data: {
            raw: c.value ?? String(c.raw),
            label: rows[i].label,
            header: measures[j].header,
            probable: thousand ? Number((c.exact ?? "").replace(".", "")) : 0,
          },
          actual: c.value,
          expected: thousand ? Number((c.exact ?? "").replace(".", "")) : null,
        })
      );
    }
  }

  const cells: TotalCell[][] = rows.map((r, i) =>
    measures.map((m, j): TotalCell => {
      const at = i * M + j;
      if (kinds[i][j] !== "count") return blank();
      if (contributors[at] === 0) return { ...blank(), how: "sum" };
      const exact = fracs[at]
        ? decimalSum([
            numberToPlainString(intSum[at]),
            ...fracs[at]!.map((f) => f.reading.exact ?? numberToPlainString(f.reading.value!)),
          ])
        : numberToPlainString(intSum[at]);
      const decimals = exact.includes(".") ? exact.length - exact.indexOf(".") - 1 : 0;
      return {
        value: Number(exact),
        exact,
        how: "sum",
        decimals,
        relation: null,
        contributors: contributors[at],
      };
    })
  );

  const relFor = new Map<string, Relation>();
  for (const rel of a.relations)
    if (rel.kind === "percent" || rel.kind === "average")
      relFor.set(`${rel.target.row}\u0000${rel.target.measure}`, rel);
  const totalOf = (row: string, measure: string): TotalCell | undefined => {
    const i = rowAt.get(row);
    const j = measureAt.get(measure);
    return i === undefined || j === undefined ? undefined : cells[i][j];
  };
  const anyWritten = (i: number, j: number): boolean => written[i * M + j] === 1;

  for (let i = 0; i < R; i++) {
    for (let j = 0; j < M; j++) {
      const kind = kinds[i][j];
      if (kind === "count") continue;
      const row = rows[i];
      const m = measures[j];
      const rel = relFor.get(`${row.key}\u0000${m.key}`);
      if (kind === "percent") {
        const decimals =
          opts.percentDecimals ?? (m.kind === "percent" ? m.decimals : shownDecimals(i, j)) ?? 1;
        if (!rel || rel.kind !== "percent") {
          if (anyWritten(i, j))
            issues.push(
              analysisIssue("total-blank", "percentBase", {
                data: { label: row.label, header: m.header },
              })
            );
          cells[i][j] = { ...blank(), decimals };
          continue;
        }
        const n = totalOf(rel.numerator.row, rel.numerator.measure);
        const d = totalOf(rel.denominator.row, rel.denominator.measure);
        let exact: string | null = null;
        if (n?.exact != null && d?.exact != null && Number(d.exact) !== 0)
          exact = ratio(n.exact, d.exact, decimals);
        cells[i][j] = {
          value: exact === null ? null : Number(exact),
          exact,
          how: "percent",
          decimals,
          relation: rel,
          contributors: 0,
        };
      } else if (kind === "nonAdditive") {
        // An average of whole ages still shows its tenths (47,5 tuổi).
        const decimals = Math.max(1, shownDecimals(i, j) ?? 1);
        if (!rel || rel.kind !== "average") {
          if (anyWritten(i, j))
            issues.push(
              analysisIssue("total-blank", "average", {
                data: { label: row.label, header: m.header },
              })
            );
          cells[i][j] = { ...blank(), decimals };
          continue;
        }
        let num = 0;
        let den = 0;
        let n = 0;
        for (const u of a.units) {
          const idx = unitIndex(u);
          const rv = idx.rowByKey.get(rel.target.row);
          const mv = idx.measureByKey.get(rel.target.measure);
          const rw = idx.rowByKey.get(rel.weight.row);
          const mw = idx.measureByKey.get(rel.weight.measure);
          if (rv === undefined || mv === undefined || rw === undefined || mw === undefined)
            continue;
          const v = u.rows[rv].cells[mv];
          const w = u.rows[rw].cells[mw];
          if (
            v.status !== "number" ||
            w.status !== "number" ||
            v.value === null ||
            w.value === null
          )
            continue;
          num += v.value * w.value;
          den += w.value;
          n++;
        }
        const exact =
          n > 0 && den !== 0 ? roundHalfUp(numberToPlainString(num / den), decimals) : null;
        cells[i][j] = {
          value: exact === null ? null : Number(exact),
          exact,
          how: "average",
          decimals,
          relation: rel,
          contributors: n,
        };
      }
    }
  }
  return { grid: { rows, measures, cells, leftOut }, issues };
}

function blank(): TotalCell {
  return { value: null, exact: null, how: "blank", decimals: 0, relation: null, contributors: 0 };
}

/** The totals for the JSON report: values keyed by the form's own column headers, percentages in points. */
export function totalRows(grid: TotalsGrid): TotalRow[] {
  return grid.rows.map((r, i) => {
    const values: Record<string, number | null> = {};
    grid.measures.forEach((m, j) => (values[m.header] = grid.cells[i][j].value));
    return { code: r.code, label: r.label, values };
  });
}

/** Totals, the "Tổng hợp" tab and the issues met on the way. */
export function consolidate(a: Analysis, opts: RunOptions = {}): Consolidation {
  const { grid, issues } = computeTotals(a, opts);
  return { totals: totalRows(grid), sheet: buildSummarySheet(a, grid, opts), issues, grid };
}
