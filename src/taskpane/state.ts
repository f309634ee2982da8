/**
 * The pane's state, one plain object: the view is drawn from it afresh after every change (the language
 * switch included), so what is shown never drifts from what is known.
 */
import { Analysis } from "../core/analysis";
import { Issue, Lang, Message } from "../core/issue";
import { SheetKind } from "../core/output";
import { WorkbookModel } from "../core/model";
import { SourceFile } from "./browser-mode";
import { PercentIndicator } from "./chart-data";
import { StringKey } from "./i18n";
import { RunKind } from "./office-mode";

export type Mode = "office" | "browser";

export interface SheetChoice {
  file: string;
  sheet: string;
  kind: SheetKind;
  unitName: string | null;
  /** Why the sheet was classified so ("vi\nen"). */
  reason: string;
  checked: boolean;
}

export interface Notice {
  tone: "info" | "success" | "warning" | "error";
  text: Message;
  /** A follow-up the notice offers (after "Nhập tệp": consolidate now). */
  action?: "consolidate";
}

export interface Busy {
  key: StringKey;
  data?: Record<string, string | number>;
}

export interface Outcome {
  kind: RunKind;
  issues: Issue[];
  units: number;
  files: number;
  /** In Excel: the tab written (summary or issues). */
  sheetName: string | null;
  /** In Excel: the summary tab, for the chart. */
  summarySheet: string | null;
  flagged: number;
  download: { url: string; name: string } | null;
  indicators: PercentIndicator[];
  analysis: Analysis | null;
  workbooks: WorkbookModel[];
  percentDecimals: number | null;
}

export interface PaneState {
  lang: Lang;
  mode: Mode;
  ready: boolean;
  /** Browser mode: the files added. */
  files: SourceFile[];
  sheets: SheetChoice[];
  percentDecimals: number | null;
  linkToSources: boolean;
  busy: Busy | null;
  notices: Notice[];
  /** Excel lacks these features (messages in both languages); shown folded. */
  missing: Message[];
  missingOpen: boolean;
  /** The workbook cannot be used at all (ExcelApi 1.4 missing). */
  blocked: Message | null;
  outcome: Outcome | null;
  /** Index into outcome.issues of the issue last clicked. */
  selectedIssue: number | null;
  /** Unit groups folded by the user. */
  folded: Set<string>;
  /** Files opened or closed by the user (by name); others follow fileOpenByDefault. */
  opened: Map<string, boolean>;
  chartChoice: string | null;
}

export function initialState(mode: Mode, lang: Lang = "vi"): PaneState {
  return {
    lang,
    mode,
    ready: false,
    files: [],
    sheets: [],
    percentDecimals: null,
    linkToSources: true,
    busy: null,
    notices: [],
    missing: [],
    missingOpen: false,
    blocked: null,
    outcome: null,
    selectedIssue: null,
    folded: new Set(),
    opened: new Map(),
    chartChoice: null,
  };
}
