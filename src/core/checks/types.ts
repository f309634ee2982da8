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
  /** "[3]" for a row with code 3, else the label in brackets: how messages name rows. */
  rowName(key: string): string;
}

/** Where a rule's report goes; a rule only says which cell, which message and which numbers. */
export type ReportFn = (report: Report) => void;

export interface CheckRule {
  meta: RuleMeta;
  check(ctx: CheckContext, report: ReportFn): void;
}
