/**
 * The understood workbook: what layout detection, row matching and relation learning produce, and what
 * consolidation and the check rules read. Positions are absolute 0-based rows and columns of the sheet.
 */
import { CellValue, SheetModel } from "./model";
import { Issue } from "./issue";
import { SheetInfo, SheetKind } from "./output";

/** count: additive; percent: a rate in percent points; nonAdditive: bình quân, tuổi, thu nhập...; text: Ghi chú. */
export type MeasureKind = "count" | "percent" | "nonAdditive" | "text";

export interface Measure {
  /** Absolute 0-based column in its sheet. */
  col: number;
  /** The form's own header text; two-row headers joined with " - " ("Số lượng - Nam"). */
  header: string;
  /** normalizeLabel(header): matches measures across units. */
  key: string;
  kind: MeasureKind;
  /** Decimals the column shows for percentages (from number formats or written text); null if unknown. */
  decimals: number | null;
  /** The column-number row's text for this column ("4 (=2*100/3)"), if the form has one. */
  columnNumber: string | null;
}

export type CellStatus = "number" | "empty" | "text" | "error" | "ambiguous" | "date";

export interface CellReading {
  row: number;
  col: number;
  /** A1 address ("E18"). */
  address: string;
  raw: CellValue;
  /** The cell's formula ("=C5/C3*100"), or null. */
  formula: string | null;
  numberFormat: string;
  status: CellStatus;
  /** Counts as they are; percentages in percent points (46.7) however stored (46.7, 0.467 with %, "46,7%"). */
  value: number | null;
  /** The value as written or shown, as a plain decimal string, for exact checks. */
  exact: string | null;
  /** Decimals shown (by the number format or the written text). */
  decimals: number | null;
  /** The value was read from text ("6.991"). */
  fromText: boolean;
  /** "60/61" written in the cell (or a date Excel made of it, see status "date"). */
  fraction: { numerator: number; denominator: number } | null;
}

/**
 * How a row's children relate to it: `partition` is "gồm"/"chia ra" (the parts add up exactly to the whole);
 * `subset` is "trong đó" (each part is at most the whole; parts may overlap and are never added up).
 */
export type RowMarker = "partition" | "subset" | null;

export interface IndicatorRow {
  row: number;
  /** "I", "1", "1.1", "a", "-", "+", or null. */
  code: string | null;
  /** The label as written, without its code. */
  label: string;
  /** Match key across units (from code and normalised label). */
  key: string;
  /** Đơn vị tính. */
  uom: string | null;
  /** 0 for sections (I, A), 1 for items (1, 2), 2 for sub-items (1.1, a), 3 for "-" and "+" rows... */
  depth: number;
  /** Index into layout.rows of the parent row, or null. */
  parent: number | null;
  marker: RowMarker;
  /**
   * The group this row is in under its parent: a part of a "gồm" whole or a "trong đó" item. A whole may
   * have both ("Tổng số, gồm: chính thức, dự bị; trong đó: nữ..."); its `marker` is its first group's.
   */
  under?: RowMarker;
  /** Not additive (bình quân, trung bình, tuổi, thu nhập): never summed. */
  nonAdditive: boolean;
  /** The row holds percentages in its count columns (ĐVT "%", label "Tỷ lệ ..."). */
  percent?: boolean;
  /** Parallel to layout.measures. */
  cells: CellReading[];
}

export interface SheetLayout {
  /** The input path as given. */
  file: string;
  sheet: SheetModel;
  kind: SheetKind;
  /** From "Đơn vị báo cáo:", else the heading, else the sheet name. */
  unitName: string;
  title: string | null;
  /** "Kỳ báo cáo" text. */
  period: string | null;
  headerRows: number[];
  columnNumberRow: number | null;
  codeCol: number | null;
  labelCol: number;
  uomCol: number | null;
  measures: Measure[];
  rows: IndicatorRow[];
}

/** Where a relation was learned from, strongest first. */
export type RelationSource =
  "rules-sheet" | "formula" | "column-numbers" | "markers" | "hierarchy" | "consensus";

/** A cell of the form: an indicator row (by key) and a measure (by key). */
export interface FormRef {
  row: string;
  measure: string;
}

export type Relation =
  /** gồm/chia ra: whole = sum of parts, in every count measure. */
  | { kind: "partition"; whole: string; parts: string[]; source: RelationSource }
  /** trong đó: part ≤ whole, in every count measure. */
  | { kind: "subset"; whole: string; part: string; source: RelationSource }
  /** target (a percentage) = numerator / denominator × 100. */
  | {
      kind: "percent";
      target: FormRef;
      numerator: FormRef;
      denominator: FormRef;
      source: RelationSource;
    }
  /** A not-additive row (bình quân, tuổi) totalled as an average weighted by another row's count. */
  | { kind: "average"; target: FormRef; weight: FormRef; source: RelationSource }
  /** A column that is the sum of others in every row ("2 (=3+4)"). */
  | { kind: "columnSum"; whole: string; parts: string[]; source: RelationSource }
  /** cuối kỳ = đầu kỳ + tăng − giảm. */
  | {
      kind: "balance";
      end: string;
      start: string;
      plus: string[];
      minus: string[];
      source: RelationSource;
    };

/** A row of the form as a whole (the union over units, in the form's order). */
export interface FormRow {
  key: string;
  code: string | null;
  label: string;
  uom: string | null;
  depth: number;
  parentKey: string | null;
  marker: RowMarker;
  /** The group this row is in under its parent ("gồm" part or "trong đó" item), as in IndicatorRow. */
  under?: RowMarker;
  nonAdditive: boolean;
  /** The row holds percentages in its count columns (ĐVT "%", label "Tỷ lệ ..."). */
  percent?: boolean;
  /** How many unit sheets have this row. */
  unitCount: number;
  /** In the template (or in most units): rows a unit lacks are missing-indicator; others are extra. */
  inForm: boolean;
}

export interface FormMeasure {
  key: string;
  header: string;
  kind: MeasureKind;
  decimals: number | null;
  columnNumber: string | null;
  /** How many unit sheets have this column. */
  unitCount?: number;
  /** In the template (or in most units); other columns are a unit's additions, left out of the totals. */
  inForm?: boolean;
}

export interface Analysis {
  /** Every sheet of every input, with its kind and why. */
  sheets: SheetInfo[];
  /** Unit sheets in input order. */
  units: SheetLayout[];
  /** The form itself ("Mẫu", "Biểu mẫu" sheet), if one was given. */
  template: SheetLayout | null;
  rows: FormRow[];
  measures: FormMeasure[];
  relations: Relation[];
  /** Rules that could not be learned (e.g. a single unit gives no consensus), one line each, vi and en. */
  notLearned: { vi: string; en: string }[];
  /** Issues found while understanding (unreadable cells, unmatched rows...). */
  issues: Issue[];
}
