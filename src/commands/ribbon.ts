/**
 * What the ribbon buttons do, apart from Office's plumbing: read the workbook, run the engine, write the
 * result tabs and flags, activate the result. The engine and Excel.run are passed in, so tests run the
 * whole command against a mock workbook and a stand-in engine.
 *
 * A command has no window of its own, so a failure is reported where the user is looking: a "Kiểm tra" tab
 * with the reason in Vietnamese and English, activated. Only if Excel cannot even write that (e.g. while a
 * cell is being edited) does the message go to the console alone. The event is always completed.
 */
import { Lang, Message } from "../core/issue";
import { WorkbookModel } from "../core/model";
import { OutputRole, OutputSheet, RunOptions, RunResult } from "../core/output";
import { readWorkbook } from "../excel/read";
import { RequirementError, SetChecker, requireFeature } from "../excel/requirements";
import { WriteReport, writeResult } from "../excel/write";

/** The engine facade (src/core/engine.ts) as the commands use it. */
export interface Engine {
  consolidate(wbs: WorkbookModel[], opts: RunOptions): RunResult;
  validate(wbs: WorkbookModel[], opts: RunOptions): RunResult;
}

export type CommandKind = "consolidate" | "validate";

export interface CommandDeps {
  /** Excel.run, or a mock's run. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  engine: Engine;
  check: SetChecker;
  lang?: Lang;
}

export interface CommandOutcome {
  result: RunResult;
  written: WriteReport;
  /** Round trips: reading plus writing. */
  syncs: number;
}

/** The tab each command shows when done. */
const SHOWN: Record<CommandKind, OutputRole> = { consolidate: "summary", validate: "issues" };

/** Read → engine → write → activate, in one Excel.run. */
export async function runWorkbookCommand(
  kind: CommandKind,
  deps: CommandDeps
): Promise<CommandOutcome> {
  requireFeature(deps.check, "base");
  return deps.run(async (context) => {
    const read = await readWorkbook(context, { check: deps.check });
    const opts: RunOptions = { lang: deps.lang ?? "vi" };
    const result =
      kind === "consolidate"
        ? deps.engine.consolidate([read.workbook], opts)
        : deps.engine.validate([read.workbook], opts);
    const shown = result.sheets.some((s) => s.role === SHOWN[kind])
      ? SHOWN[kind]
      : (result.sheets[0]?.role ?? null);
    const written = await writeResult(context, result, { check: deps.check, activate: shown });
    return { result, written, syncs: read.syncs + written.syncs };
  });
}

/** The words for a failure: what could not be done and why, in both languages. */
export function failureMessage(kind: CommandKind, err: unknown): Message {
  const what =
    kind === "consolidate"
      ? { vi: "Không tổng hợp được", en: "Could not consolidate" }
      : { vi: "Không kiểm tra được", en: "Could not validate" };
  if (err instanceof RequirementError) {
    return { vi: `${what.vi}. ${err.text.vi}`, en: `${what.en}. ${err.text.en}` };
  }
  const e = err as { message?: string; code?: string } | null;
  const detail = [e?.code, e?.message ?? String(err)].filter((x) => x).join(": ");
  return {
    vi: `${what.vi}: ${detail}. Hãy thử lại (không đang sửa ô nào); nếu vẫn lỗi, dùng lệnh tonghop hoặc trang web của công cụ với các tệp .xlsx.`,
    en: `${what.en}: ${detail}. Try again (with no cell being edited); if it still fails, use the tonghop command or the tool's web page on the .xlsx files.`,
  };
}

/** A one-message "Kiểm tra" tab that says what went wrong. */
export function failureSheet(
  kind: CommandKind,
  err: unknown,
  when: Date = new Date()
): OutputSheet {
  const m = failureMessage(kind, err);
  return {
    role: "issues",
    name: "Kiểm tra",
    cells: [
      [{ v: "Lỗi khi chạy / Run failed", bold: true, color: "#9C0006" }],
      [{ v: m.vi, wrap: true }],
      [{ v: m.en, wrap: true, italic: true }],
      [{ v: `Lúc / At: ${when.toISOString()}` }],
    ],
    merges: [],
    columnWidths: [100],
    freeze: { rows: 0, cols: 0 },
    autoFilter: null,
    landscape: false,
    fitToWidth: false,
  };
}

/** Runs a ribbon command: always completes the event, and reports a failure in words. */
export async function handleRibbon(
  event: { completed(): void },
  kind: CommandKind,
  deps: CommandDeps
): Promise<"done" | "failed"> {
  try {
    await runWorkbookCommand(kind, deps);
    return "done";
  } catch (err) {
    try {
      await deps.run((context) =>
        writeResult(
          context,
          { sheets: [failureSheet(kind, err)], flags: [] },
          { check: deps.check, activate: "issues", keepFlags: true }
        )
      );
    } catch (writeErr) {
      // Excel refused even the notice; the console is all that is left.
      console.error(failureMessage(kind, err).en, writeErr);
    }
    return "failed";
  } finally {
    event.completed();
  }
}
