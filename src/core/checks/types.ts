/**
 * What a check rule is and what it sees. A rule (ESLint style) declares its meta and, given one unit sheet
 * in the context of the whole analysis, reports problems; the engine renders messages and fills in places.
 */
import {
  Analysis,
  CellReading,
  FormRef,
  FormRow,
  IndicatorRow,
  Measure,
  Relation,
  SheetLayout,
} from "../analysis";
import { Report, RuleMeta } from "../issue";

export interface CheckContext {
  analysis: Analysis;
  unit: SheetLayout;
  /** Index of `unit` in analysis.units. */
  unitIndex: number;
  /** The relations the rules use: the learned ones, plus the ones read off markers when none were learned. */
  relations: readonly Relation[];
  /** The unit's row with this key (the first one if the unit repeats it). */
  row(key: string): IndicatorRow | undefined;
  /** The unit's measure with this key. */
  measure(key: string): Measure | undefined;
  /** The unit's cell for a row key and a measure key. */
  cell(ref: FormRef): CellReading | undefined;
  /** The form's row with this key. */
  formRow(key: string): FormRow | undefined;
  /** "[3]" for a row with code 3, else the label in brackets: how rules and lists of rows name them. */
  rowName(key: string): string;
  /** “Tổng số đảng viên” [3]: the label (shortened) before the code, how a message names one row. */
  rowTitle(key: string): string;
  /** The percentage relations whose target is this cell of the form. */
  percentRelations(row: string, measure: string): readonly PercentRelation[];
  /** The wholes of the partitions and subsets this row is a part of, in relation order. */
  wholesOf(row: string): readonly string[];
  /** A value built once per run of the checks (shared by every unit), under `key`. */
  perRun<T>(key: string, build: () => T): T;
  /** A value built once per unit in a run, under `key`. */
  perUnit<T>(key: string, build: () => T): T;
  /**
   * The cell's own mistake (a thousands slip, a fractional count, text or an error value where a number
   * belongs, a value left out of the totals), if it has one: its figure must not feed checks of other cells.
   */
  doubt(cell: CellReading | undefined): Doubt | undefined;
  /** Notes that the running rule left out the check it would report at `at` because of `doubt`. */
  skip(doubt: Doubt, at: string | null): void;
  /** What every rule asks of each cell of the unit, worked out once for all of them. */
  facts(): UnitFacts;
}

/** Bits of UnitFacts.bits: what a cell holds (see isCountCell, isPercentCell, isNumberCell). */
export const CELL = {
  /** An additive count (isCountCell). */
  count: 1,
  /** A percentage (isPercentCell). */
  percent: 2,
  /** A number belongs there (isNumberCell: every column but Ghi chú). */
  number: 4,
  /** Its figure has a fractional part (hasFraction of exactOf). */
  fractional: 8,
  /** The cell is doubtful (ctx.doubt). */
  doubtful: 16,
  /** Its figure is a whole number below 10^15 written as such ("5022"): UnitFacts.value holds it. */
  whole: 32,
  /** No cell, or an empty one. */
  blank: 64,
} as const;

/**
 * The questions every rule asks of every cell, answered once per unit: cell (ri, mi) of the unit (row
 * ri of unit.rows, measure mi of unit.measures) is at index ri × width + mi.
 */
export interface UnitFacts {
  width: number;
  /** exactOf of each cell: its figure as an exact decimal string, or null. */
  exact: (string | null)[];
  /** CELL bits of each cell. */
  bits: Uint8Array;
  /** The figure of each cell with the CELL.whole bit, as a number (0 elsewhere). */
  value: Float64Array;
  /** The index in unit.rows of the unit's row with this key (the first one, as ctx.row). */
  rowAt: ReadonlyMap<string, number>;
  /** The index in unit.measures of the unit's measure with this key (the first one, as ctx.measure). */
  measureAt: ReadonlyMap<string, number>;
  /** Whether any cell of the unit is doubtful. */
  anyDoubt: boolean;
}

/** A cell whose figure the rules that relate cells do not trust, reported by a rule at the cell itself. */
export interface Doubt {
  cell: CellReading;
  /**
   * What was probably meant (3412 for a 3.412 typed in an English-locale Excel), or null: used only to
   * clear a check that it explains, never to report one.
   */
  corrected: string | null;
}

export type PercentRelation = Extract<Relation, { kind: "percent" }>;

/** Where a rule's report goes; a rule only says which cell, which message and which numbers. */
export type ReportFn = (report: Report) => void;

export interface CheckRule {
  meta: RuleMeta;
  check(ctx: CheckContext, report: ReportFn): void;
}
