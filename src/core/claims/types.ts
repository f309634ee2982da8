/**
 * What the claim checker finds in prose and what it concludes about each claim.
 */
import type { Message } from "../issue";

/**
 * share: "2.344 đảng viên (đạt 46,7%)", a part of a whole; target: "đạt 106% kế hoạch";
 * ratio: "bằng 98% so với cùng kỳ"; change-percent: "tăng 12% so với năm 2023"; excess: "vượt 6% kế hoạch";
 * fraction: "60/61 chi, đảng bộ" (alone or with a percentage); partition: "gồm 37 ... và 24 ..." (parts add up
 * to the whole); subset: "trong đó có 939 ..." (each part at most the whole); change: "tăng 1.529 so với
 * đầu nhiệm kỳ (5.462)".
 */
export type ClaimKind =
  | "share"
  | "target"
  | "ratio"
  | "change-percent"
  | "excess"
  | "fraction"
  | "partition"
  | "subset"
  | "change";

/**
 * consistent: a compatible figure confirms it; wrong: the figures in scope contradict it (an error);
 * truncated: only cutting digits, not rounding half up, gives it (a warning, "làm tròn xuống");
 * unverifiable: nothing in scope confirms or refutes it (an info at most).
 */
export type Verdict = "consistent" | "wrong" | "truncated" | "unverifiable";

export interface Claim {
  kind: ClaimKind;
  verdict: Verdict;
  /** text-percent, text-sum, text-fraction or text-change. */
  rule: string;
  /** UTF-16 offsets of the claim's fragment in the checked text. */
  index: number;
  end: number;
  /** 1-based line and column of the fragment (for a cell: within the cell's text). */
  line: number;
  column: number;
  /** The fragment that holds the claim. */
  text: string;
  /** The figure the claim states, as written ("46,7%", "61", "1.529", "60/61"). */
  written: string;
  /** The figures the verdict rests on (the confirming ones, or the contradicting ones). */
  figures: number[];
  /** The value those figures give (46.7), or null. */
  expected: number | string | null;
  /** The value written (47.6), or null. */
  actual: number | string | null;
  /** The explanation, naming the numbers. */
  message: Message;
}

/** A figure of the row a text cell belongs to, passed in as extra context by the caller. */
export interface RowFigure {
  value: number;
  /** Exact decimal string; defaults to String(value). */
  exact?: string;
  /** The column's header or label ("Số lượng", "Kế hoạch", "Cùng kỳ năm trước"). */
  label?: string;
  /** What the figure is, when the caller knows: a plan, an earlier value, or a total. */
  role?: "target" | "previous" | "total" | "count";
}

export interface CheckTextOptions {
  /** File name to put on issues. */
  file?: string | null;
  /** Report unverifiable claims as info issues (default false: they stay in `claims` only). */
  reportUnverifiable?: boolean;
}
