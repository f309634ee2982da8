/**
 * Builds small Analysis objects for rule tests without going through layout detection: a unit is a list of
 * rows (code, label, ĐVT, one value per measure); the sheet model, cell readings, form rows and relations are
 * derived here the way the analysis would state them.
 */
import {
  Analysis,
  CellReading,
  CellStatus,
  FormRow,
  IndicatorRow,
  Measure,
  MeasureKind,
  Relation,
  RelationSource,
  RowMarker,
  SheetLayout,
} from "../../../src/core/analysis";
import { CellValue, SheetModel, cellAddress, sheetFromGrid } from "../../../src/core/model";
import { parseNumeral } from "../../../src/core/numerals";
import { numberToPlainString } from "../../../src/core/rounding";
import { normalizeLabel } from "../../../src/core/text";

export interface MeasureSpec {
  header: string;
  kind: MeasureKind;
  decimals?: number | null;
}

/** A cell given with its number format, formula or a forced reading. */
export interface CellSpec {
  v: CellValue;
  fmt?: string;
  f?: string;
  status?: CellStatus;
  fraction?: { numerator: number; denominator: number };
}

export interface RowSpec {
  code?: string | null;
  label: string;
  uom?: string | null;
  values?: (CellValue | CellSpec)[];
  /** Code or label of the parent; by default the nearest row above with a shallower code. */
  parent?: string | null;
  marker?: RowMarker;
  nonAdditive?: boolean;
}

export interface UnitSpec {
  name: string;
  file?: string;
  sheet?: string;
  measures?: MeasureSpec[];
  rows: RowSpec[];
  /** Cell notes by A1 address. */
  comments?: Record<string, string>;
  /** The sheet's visibility, and its hidden rows and columns (absolute, 0-based), as the reader gives them. */
  visibility?: SheetModel["visibility"];
  hiddenRows?: number[];
  hiddenColumns?: number[];
}

export type RelationSpec =
  | { kind: "partition" | "columnSum"; whole: string; parts: string[]; source?: RelationSource }
  | { kind: "subset"; whole: string; part: string; source?: RelationSource }
  | {
      kind: "percent";
      target: [string, string];
      numerator: [string, string];
      denominator: [string, string];
      source?: RelationSource;
    }
  | {
      kind: "balance";
      end: string;
      start: string;
      plus: string[];
      minus: string[];
      source?: RelationSource;
    };

export const DEFAULT_MEASURES: MeasureSpec[] = [
  { header: "Số lượng", kind: "count", decimals: null },
  { header: "Tỷ lệ (%)", kind: "percent", decimals: 1 },
];

const FIRST_MEASURE_COL = 3;

function depthOf(code: string | null | undefined): number {
  if (!code) return 1;
  if (/^[IVXLC]+$/.test(code) || /^[A-Z]$/.test(code)) return 0;
  if (/^\d+$/.test(code)) return 1;
  if (/^\d+(\.\d+)+$/.test(code)) return code.split(".").length;
  if (/^[a-zđ]$/.test(code)) return 2;
  if (code === "-") return 3;
  if (code === "+") return 4;
  return 1;
}

function decimalsOfFormat(fmt: string): number | null {
  if (fmt === "General" || fmt === "@") return null;
  const m = /0(?:\.(0+))?/.exec(fmt);
  return m ? (m[1]?.length ?? 0) : null;
}

const ERROR_RE = /^#(DIV\/0!|N\/A|REF!|VALUE!|NAME\?|NUM!|NULL!)$/;

/** Reads a cell the way the analysis does: counts as they are, percentages in percent points. */
export function readCell(
  spec: CellValue | CellSpec,
  row: number,
  col: number,
  kind: MeasureKind
): { reading: CellReading; value: CellValue; fmt: string; formula: CellValue } {
  const s: CellSpec = typeof spec === "object" ? spec : { v: spec };
  const fmt = s.fmt ?? "General";
  const base = {
    row,
    col,
    address: cellAddress(row, col),
    raw: s.v,
    formula: s.f ?? null,
    numberFormat: fmt,
    fromText: false,
    fraction: s.fraction ?? null,
  };
  let reading: CellReading;
  const v = s.v;
  if (v === "") {
    reading = { ...base, status: "empty", value: null, exact: null, decimals: null };
  } else if (typeof v === "number") {
    const percentStored = kind === "percent" && fmt.includes("%");
    const value = percentStored ? Number((v * 100).toPrecision(12)) : v;
    reading = {
      ...base,
      status: /[dmy]/.test(fmt) && !fmt.includes("0") ? "date" : "number",
      value,
      exact: numberToPlainString(value),
      decimals: decimalsOfFormat(fmt),
    };
  } else if (typeof v === "boolean") {
    reading = { ...base, status: "text", value: null, exact: null, decimals: null };
  } else if (ERROR_RE.test(v)) {
    reading = { ...base, status: "error", value: null, exact: null, decimals: null };
  } else {
    const r = parseNumeral(v);
    if (r.ok && r.numeral.kind !== "fraction") {
      reading = {
        ...base,
        status: "number",
        value: r.numeral.value,
        exact: r.numeral.exact,
        decimals: r.numeral.decimals,
        fromText: true,
      };
    } else if (r.ok) {
      reading = {
        ...base,
        status: "text",
        value: null,
        exact: null,
        decimals: null,
        fromText: true,
        fraction: { numerator: r.numeral.numerator ?? 0, denominator: r.numeral.denominator ?? 0 },
      };
    } else {
      const status: CellStatus = r.reason === "ambiguous" ? "ambiguous" : "text";
      reading = { ...base, status, value: null, exact: null, decimals: null, fromText: true };
    }
  }
  if (s.status) reading.status = s.status;
  return { reading, value: v, fmt, formula: s.f ?? v };
}

/** One unit sheet: header row "STT | Chỉ tiêu | ĐVT | measures...", then the rows. */
export function buildUnit(spec: UnitSpec, position = 0): SheetLayout {
  const measureSpecs = spec.measures ?? DEFAULT_MEASURES;
  const measures: Measure[] = measureSpecs.map((m, i) => ({
    col: FIRST_MEASURE_COL + i,
    header: m.header,
    key: normalizeLabel(m.header),
    kind: m.kind,
    decimals: m.decimals ?? null,
    columnNumber: null,
  }));
  const grid: CellValue[][] = [["STT", "Chỉ tiêu", "ĐVT", ...measures.map((m) => m.header)]];
  const formats: string[][] = [grid[0].map(() => "General")];
  const formulas: CellValue[][] = [grid[0].slice()];
  const rows: IndicatorRow[] = [];
  spec.rows.forEach((rs, i) => {
    const r = i + 1;
    const code = rs.code ?? null;
    const depth = depthOf(code);
    let parent: number | null = null;
    if (rs.parent !== undefined) {
      const p =
        rs.parent === null
          ? -1
          : rows.findIndex((x) => x.code === rs.parent || x.label === rs.parent);
      parent = p >= 0 ? p : null;
    } else {
      for (let j = rows.length - 1; j >= 0; j--) {
        if (rows[j].depth < depth) {
          parent = j;
          break;
        }
      }
    }
    const cells = measures.map((m, mi) => readCell(rs.values?.[mi] ?? "", r, m.col, m.kind));
    grid.push([code ?? "", rs.label, rs.uom ?? "", ...cells.map((c) => c.value)]);
    formats.push(["General", "General", "General", ...cells.map((c) => c.fmt)]);
    formulas.push([code ?? "", rs.label, rs.uom ?? "", ...cells.map((c) => c.formula)]);
    rows.push({
      row: r,
      code,
      label: rs.label,
      key: normalizeLabel(rs.label),
      uom: rs.uom ?? null,
      depth,
      parent,
      marker: rs.marker ?? null,
      nonAdditive: rs.nonAdditive ?? false,
      cells: cells.map((c) => c.reading),
    });
  });
  const sheetName = spec.sheet ?? spec.name;
  return {
    file: spec.file ?? `${spec.name}.xlsx`,
    sheet: sheetFromGrid(sheetName, grid, {
      numberFormat: formats,
      formulas,
      position,
      comments: spec.comments ?? {},
      visibility: spec.visibility,
      hiddenRows: spec.hiddenRows,
      hiddenColumns: spec.hiddenColumns,
    }),
    kind: "unit",
    unitName: spec.name,
    title: null,
    period: null,
    headerRows: [0],
    columnNumberRow: null,
    codeCol: 0,
    labelCol: 1,
    uomCol: 2,
    measures,
    rows,
  };
}

function formRowsOf(units: SheetLayout[], template: SheetLayout | null): FormRow[] {
  const out = new Map<string, FormRow>();
  const sources = template ? [template, ...units] : units;
  for (const u of sources) {
    for (const r of u.rows) {
      const existing = out.get(r.key);
      if (existing) {
        if (u !== template) existing.unitCount++;
        continue;
      }
      out.set(r.key, {
        key: r.key,
        code: r.code,
        label: r.label,
        uom: r.uom,
        depth: r.depth,
        parentKey: r.parent === null ? null : u.rows[r.parent].key,
        marker: r.marker,
        nonAdditive: r.nonAdditive,
        unitCount: u === template ? 0 : 1,
        inForm: false,
      });
    }
  }
  const templateKeys = new Set(template?.rows.map((r) => r.key) ?? []);
  for (const f of out.values()) {
    f.inForm = template ? templateKeys.has(f.key) : f.unitCount * 2 > units.length;
  }
  return [...out.values()];
}

export interface AnalysisSpec {
  relations?: RelationSpec[];
  template?: UnitSpec;
  notLearned?: { vi: string; en: string }[];
}

/** A whole analysis over the units; relation specs name rows by code or label. */
export function buildAnalysis(unitSpecs: UnitSpec[], spec: AnalysisSpec = {}): Analysis {
  const units = unitSpecs.map((u, i) => buildUnit(u, i));
  const template = spec.template ? buildUnit(spec.template) : null;
  const rows = formRowsOf(units, template);
  const keyOf = (name: string): string => {
    const byCode = rows.find((r) => r.code === name);
    if (byCode) return byCode.key;
    const byLabel = rows.find((r) => r.label === name);
    return byLabel ? byLabel.key : normalizeLabel(name);
  };
  const ref = ([r, m]: [string, string]): { row: string; measure: string } => ({
    row: keyOf(r),
    measure: normalizeLabel(m),
  });
  const relations: Relation[] = (spec.relations ?? []).map((r): Relation => {
    const source = r.source ?? "consensus";
    switch (r.kind) {
      case "partition":
        return { kind: "partition", whole: keyOf(r.whole), parts: r.parts.map(keyOf), source };
      case "columnSum":
        return {
          kind: "columnSum",
          whole: normalizeLabel(r.whole),
          parts: r.parts.map(normalizeLabel),
          source,
        };
      case "subset":
        return { kind: "subset", whole: keyOf(r.whole), part: keyOf(r.part), source };
      case "percent":
        return {
          kind: "percent",
          target: ref(r.target),
          numerator: ref(r.numerator),
          denominator: ref(r.denominator),
          source,
        };
      case "balance":
        return {
          kind: "balance",
          end: keyOf(r.end),
          start: keyOf(r.start),
          plus: r.plus.map(keyOf),
          minus: r.minus.map(keyOf),
          source,
        };
    }
  });
  const measures = units[0]?.measures ?? [];
  return {
    sheets: units.map((u) => ({
      file: u.file,
      sheet: u.sheet.name,
      kind: "unit" as const,
      unitName: u.unitName,
      reason: "test",
    })),
    units,
    template,
    rows,
    measures: measures.map((m) => ({
      key: m.key,
      header: m.header,
      kind: m.kind,
      decimals: m.decimals,
      columnNumber: m.columnNumber,
    })),
    relations,
    notLearned: spec.notLearned ?? [],
    issues: [],
  };
}
