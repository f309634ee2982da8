/**
 * The flags on unit cells and the fills they covered, from both records a workbook can carry:
 *  - the add-in's own, in the workbook's add-in settings (Excel.SettingCollection, ExcelApi 1.4);
 *  - the command line's: the very hidden sheet "tong_hop_flags" that `tonghop` writes (sheet | cell | fill
 *    before, as the .xlsx style's JSON | note before), marked by the defined name "tong_hop_output.flags".
 * So a workbook written by `tonghop` and then opened in Excel is cleared by the add-in as well. A fill is
 * restored only while the cell still wears one of our flag colours, so a user's recolouring wins. The notes
 * the command line wrote ("[Tổng hợp] …" lines after the unit's own note) go too, where Excel exposes notes
 * (ExcelApi 1.18); only our lines are taken out, so a user's edits to a note stay.
 */
import { ANALYSIS_RULES } from "../core/analysis-rules";
import { RULES } from "../core/checks";
import { CLAIM_RULES } from "../core/claims/rules";
import { Message, RuleMeta } from "../core/issue";
import { NO_FORM } from "../core/no-form";
import { FLAG_FILL } from "../core/output";
import { sheetOfReference } from "./address";
import { DEFAULT_BUDGET, Job, runJobs } from "./batch";
import { FLAG_SETTING, FLAGS_MARKER } from "./markers";
import { SetChecker, requirementMessage, supports } from "./requirements";
import { NOTE_MARK } from "../xlsx/plan";

/** A fill as Office.js reports it; pattern only where ExcelApi 1.9 is available. */
export interface Fill {
  color: string;
  pattern?: string;
}

/** One flagged cell as saved in the settings. `prev` null: the cell had no fill. */
export interface SavedFlag {
  sheetId: string;
  sheet: string;
  cell: string;
  /** The colour we painted; "" when the record does not say which (the command line's): any flag colour. */
  fill: string;
  prev: Fill | null;
  /** The cell's note before the command line added its lines ("" for none); only in the CLI's record. */
  note?: string;
}

export interface SheetRef {
  ws: Excel.Worksheet;
  id: string;
  name: string;
  position: number;
}

/** The command line's flag record in this workbook: its sheet and the defined name that marks it. */
export interface FlagRecord {
  sheet: SheetRef;
  marker: Excel.NamedItem;
}

/** The CLI record among the workbook's names (loaded with items/name,items/value), or null. */
export function findRecord(names: Excel.NamedItem[], sheets: SheetRef[]): FlagRecord | null {
  const marker = names.find((n) => n.name.toLowerCase() === FLAGS_MARKER);
  const target = marker ? sheetOfReference(String(marker.value)) : null;
  const sheet = target === null ? undefined : sheets.find((s) => s.name === target);
  return marker && sheet ? { sheet, marker } : null;
}

/** Reads the CLI record's rows (one sync): the flags it lists on sheets that are still there. */
export async function readRecord(
  context: Excel.RequestContext,
  record: FlagRecord,
  sheets: SheetRef[]
): Promise<SavedFlag[]> {
  const used = record.sheet.ws.getUsedRangeOrNullObject(true);
  used.load("values");
  await context.sync();
  if (used.isNullObject) return [];
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const out: SavedFlag[] = [];
  for (const row of used.values.slice(1)) {
    const [name, cell, fill, note] = row.map((v) => String(v ?? ""));
    const sheet = byName.get(name);
    if (!sheet || !/^[A-Z]{1,3}\d+$/i.test(cell)) continue;
    out.push({
      sheetId: sheet.id,
      sheet: name,
      cell,
      fill: "",
      prev: fillOfRecord(fill),
      note: note ?? "",
    });
  }
  return out;
}

/**
 * Both records by cell. Where both list a cell (an add-in run before it read the CLI record painted over the
 * CLI's flag and saved that colour as the fill before), the CLI's fill before is the true one.
 */
export function mergeRecords(saved: SavedFlag[], recorded: SavedFlag[]): SavedFlag[] {
  const cli = new Map(recorded.map((r) => [key(r.sheetId, r.cell), r]));
  const out = saved.map((s) => {
    const r = cli.get(key(s.sheetId, s.cell));
    if (!r) return s;
    cli.delete(key(s.sheetId, s.cell));
    return s.prev && isFlagColor(s.prev.color) ? { ...s, prev: r.prev } : s;
  });
  return [...out, ...cli.values()];
}

/** Takes the CLI record out of the workbook: its marker, then its sheet (a very hidden sheet is unhidden first). */
export function removeRecord(record: FlagRecord): void {
  record.marker.delete();
  record.sheet.ws.visibility = "Hidden";
  record.sheet.ws.delete();
}

export function parseSaved(value: unknown): SavedFlag[] {
  try {
    const parsed = typeof value === "string" ? JSON.parse(value) : value;
    return Array.isArray(parsed) ? (parsed as SavedFlag[]) : [];
  } catch {
    return [];
  }
}

export const key = (sheetId: string, cell: string) => `${sheetId}!${cell.toUpperCase()}`;

/** What clearFlags and the writer first load (one sync): the sheets, the defined names, both flag records. */
export interface FlagState {
  sheets: SheetRef[];
  names: Excel.NamedItem[];
  setting: Excel.Setting;
  /** The command line's flag record, if the workbook carries one. */
  record: FlagRecord | null;
}

export async function loadFlagState(context: Excel.RequestContext): Promise<FlagState> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id,items/position");
  const names = context.workbook.names;
  names.load("items/name,items/value");
  const setting = context.workbook.settings.getItemOrNullObject(FLAG_SETTING);
  setting.load("value");
  await context.sync();
  const sheets: SheetRef[] = worksheets.items.map((ws) => ({
    ws,
    id: ws.id,
    name: ws.name,
    position: ws.position,
  }));
  return { sheets, names: names.items, setting, record: findRecord(names.items, sheets) };
}

/** The flags the add-in saved in the workbook's settings. */
export function savedOf(setting: Excel.Setting): SavedFlag[] {
  return setting.isNullObject ? [] : parseSaved(setting.value);
}

/**
 * Queues one Office load per cell (200 cells a job, `bytesPerCell` each) for cells on existing sheets; after
 * the sync, what `collect` makes of each loaded object goes into `out`, keyed by sheet id and cell.
 */
function cellJobs<L, T>(
  cells: { sheet: SheetRef; cell: string }[],
  bytesPerCell: number,
  load: (sheet: SheetRef, cell: string) => L,
  collect: (loaded: L) => T,
  out: Map<string, T>
): Job[] {
  const per = 200;
  const jobs: Job[] = [];
  for (let i = 0; i < cells.length; i += per) {
    const part = cells.slice(i, i + per);
    jobs.push({
      bytes: part.length * bytesPerCell,
      queue() {
        const loaded = part.map(({ sheet, cell }) => load(sheet, cell));
        return () =>
          loaded.forEach((l, j) => out.set(key(part[j].sheet.id, part[j].cell), collect(l)));
      },
    });
  }
  return jobs;
}

/** Queues fill loads for cells on existing sheets; returns them keyed by sheet id and cell. */
export function fillJobs(
  cells: { sheet: SheetRef; cell: string }[],
  withPattern: boolean,
  out: Map<string, Fill>
): Job[] {
  return cellJobs(
    cells,
    120,
    (sheet, cell) => {
      const fill = sheet.ws.getRange(cell).format.fill;
      fill.load(withPattern ? "color,pattern" : "color");
      return fill;
    },
    (f) => ({
      color: String(f.color ?? "").toUpperCase(),
      pattern: withPattern ? f.pattern : undefined,
    }),
    out
  );
}

let patterns: RegExp[] | null = null;

/**
 * Is this line one of the checks' messages? The command line now marks every line it adds (flagNote in
 * src/xlsx/plan.ts), but files it wrote before did not: there a flag's later messages follow its "[Tổng hợp] "
 * line without the mark (buildFlags joins them with a line break), so they are told by their wording.
 */
export function isCheckMessage(line: string): boolean {
  if (!patterns) {
    const metas: RuleMeta[] = [
      ...RULES.map((r) => r.meta),
      ...Object.values(ANALYSIS_RULES),
      ...CLAIM_RULES,
      NO_FORM,
    ];
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // A template that is only a placeholder (text-claim's "{vi}") carries another's text, listed too.
    patterns = metas
      .flatMap((m) => Object.values(m.messages))
      .flatMap((t) => [t.vi, t.en])
      .filter((t) => t.replace(/\{\w+(?::\w+)?\}/g, "").trim().length >= 8)
      .map(
        (t) =>
          new RegExp(
            `^${t
              .split(/\{\w+(?::\w+)?\}/)
              .map(escape)
              .join(".*")}$`
          )
      );
  }
  return patterns.some((p) => p.test(line));
}

/**
 * What a note should become once our lines go: undefined to leave it as it is (none of our lines remain, so
 * the user has rewritten it), "" to delete it, otherwise the new text. The note the unit wrote (`before`)
 * comes back whole while it still opens the note; any line the user added is kept. Our lines: those with
 * the mark, and the check messages right after one.
 */
export function restoredNote(content: string, before: string): string | undefined {
  const lines = content.split(/\r?\n/);
  if (!lines.some((l) => l.startsWith(NOTE_MARK))) return undefined;
  const head = before && content.startsWith(`${before}\n`) ? before : "";
  const rest = head ? content.slice(head.length + 1).split(/\r?\n/) : lines;
  let inOurs = false;
  const kept = rest.filter((l) => {
    inOurs = l.startsWith(NOTE_MARK) || (inOurs && isCheckMessage(l));
    return !inOurs;
  });
  const text = (head ? [head, ...kept] : kept).join("\n");
  return text.trim() === "" ? "" : text;
}

/** Queues note lookups (ExcelApi 1.18) for cells on existing sheets; returns them keyed by sheet id and cell. */
export function noteJobs(
  cells: { sheet: SheetRef; cell: string }[],
  out: Map<string, Excel.Note>
): Job[] {
  // A note's text is a few hundred characters: the unit's note and one line per message.
  return cellJobs(
    cells,
    400,
    (sheet, cell) => {
      const note = sheet.ws.notes.getItemOrNullObject(cell);
      note.load("content");
      return note;
    },
    (n) => n,
    out
  );
}

/** No fill: pattern "None" where known, otherwise Excel's white. */
export function isNoFill(f: Fill): boolean {
  return f.pattern !== undefined ? f.pattern === "None" : f.color === "#FFFFFF";
}

export function sameColor(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

const FLAG_COLORS = Object.values(FLAG_FILL);

function isFlagColor(color: string): boolean {
  return FLAG_COLORS.some((c) => sameColor(c, color));
}

/** Does the cell still wear the flag this record speaks of? */
export function stillFlagged(saved: SavedFlag, current: Fill | undefined): boolean {
  if (!current) return false;
  return saved.fill ? sameColor(current.color, saved.fill) : isFlagColor(current.color);
}

export function restoreFill(range: Excel.Range, prev: Fill | null): void {
  if (!prev || isNoFill(prev)) range.format.fill.clear();
  else range.format.fill.color = prev.color;
}

// ---------------------------------------------------------------------------------------------------------
// The CLI record's fills: the .xlsx style as JSON ({"type":"pattern","pattern":"solid","fgColor":{...}}).

/** The colours of the theme the command line's workbooks carry (Office 2007, as ExcelJS writes it). */
const THEME =
  "FFFFFF 000000 EEECE1 1F497D 4F81BD C0504D 9BBB59 8064A2 4BACC6 F79646 0000FF 800080".split(" ");

/** Excel's legacy palette by index (0–7 repeat 8–15); 64 and 65 are the system's text and window colours. */
const INDEXED = (
  "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF " +
  "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 " +
  "C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF " +
  "800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 3366FF 33CCCC " +
  "99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333 " +
  "000000 FFFFFF"
).split(" ");

interface XlsxColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

/** "#RRGGBB" of an .xlsx colour, or null when it names none. */
export function colorOf(c: XlsxColor | undefined): string | null {
  if (!c) return null;
  if (typeof c.argb === "string" && /^[0-9A-F]{6,8}$/i.test(c.argb))
    return `#${c.argb.slice(-6).toUpperCase()}`;
  if (typeof c.theme === "number" && THEME[c.theme])
    return `#${tinted(THEME[c.theme], typeof c.tint === "number" ? c.tint : 0)}`;
  if (typeof c.indexed === "number" && INDEXED[c.indexed]) return `#${INDEXED[c.indexed]}`;
  return null;
}

/**
 * A theme colour lightened (tint > 0) or darkened (tint < 0) on its lightness, as Excel does: hue, lightness
 * and saturation on Windows' 0–240 scale, rounded there (Excel's own swatches differ by a unit at most).
 */
function tinted(hex: string, tint: number): string {
  if (tint === 0) return hex;
  const HLS = 240;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l0 = (max + min) / 2;
  const d = max - min;
  const s0 = d === 0 ? 0 : l0 <= 0.5 ? d / (max + min) : d / (2 - max - min);
  let h0 = 0;
  if (d !== 0) {
    if (max === r) h0 = (g - b) / d;
    else if (max === g) h0 = 2 + (b - r) / d;
    else h0 = 4 + (r - g) / d;
    h0 = (((h0 / 6) % 1) + 1) % 1;
  }
  const [h, s] = [Math.round(h0 * HLS) / HLS, Math.round(s0 * HLS) / HLS];
  const lum = Math.round(l0 * HLS);
  const l = Math.round(tint < 0 ? lum * (1 + tint) : lum * (1 - tint) + HLS * tint) / HLS;
  // Back to RGB (the usual HLS formulas).
  const m2 = l <= 0.5 ? l * (1 + s) : l + s - l * s;
  const m1 = 2 * l - m2;
  const channel = (t: number): number => {
    const x = ((t % 1) + 1) % 1;
    if (x < 1 / 6) return m1 + (m2 - m1) * x * 6;
    if (x < 0.5) return m2;
    if (x < 2 / 3) return m1 + (m2 - m1) * (2 / 3 - x) * 6;
    return m1;
  };
  const rgb = s === 0 ? [l, l, l] : [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
  return rgb
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, "0")
        .toUpperCase()
    )
    .join("");
}

/**
 * The fill a cell had before the command line flagged it, from the record's JSON: null for none. A patterned
 * fill comes back as its pattern colour, a gradient as its first colour (a flat fill either way).
 */
export function fillOfRecord(text: string): Fill | null {
  if (!text) return null;
  let f: {
    type?: string;
    pattern?: string;
    fgColor?: XlsxColor;
    bgColor?: XlsxColor;
    stops?: { color?: XlsxColor }[];
  };
  try {
    f = JSON.parse(text) as typeof f;
  } catch {
    return null;
  }
  if (!f || typeof f !== "object") return null;
  const color =
    f.type === "gradient"
      ? colorOf(f.stops?.[0]?.color)
      : !f.pattern || f.pattern === "none"
        ? null
        : (colorOf(f.fgColor) ?? colorOf(f.bgColor));
  return color ? { color, pattern: "Solid" } : null;
}

// ---------------------------------------------------------------------------------------------------------

/** What clearFlags did. `notes` and `notice` only for a workbook that carries the command line's record. */
export interface ClearReport {
  restored: number;
  kept: number;
  syncs: number;
  /** Notes of the command line's put back as the unit wrote them (or deleted): with ExcelApi 1.18. */
  notes?: number;
  /** Without ExcelApi 1.18: the notes stay, and this says why and what to do. */
  notice?: Message;
}

/**
 * Removes every flag this tool set, from either record, restoring the fills they covered: three syncs, one
 * more when the workbook carries the command line's record (its rows are read before the cells' fills, and
 * its cells' notes are read along with the fills).
 */
export async function clearFlags(
  context: Excel.RequestContext,
  options: { check: SetChecker; budgetBytes?: number }
): Promise<ClearReport> {
  const budget = options.budgetBytes ?? DEFAULT_BUDGET;
  const { sheets, setting, record } = await loadFlagState(context);
  let syncs = 1;
  let recorded: SavedFlag[] = [];
  if (record) {
    recorded = await readRecord(context, record, sheets);
    syncs++;
  }
  const saved = mergeRecords(savedOf(setting), recorded);
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const entries = saved
    .map((s) => ({ sheet: byId.get(s.sheetId), saved: s }))
    .filter(
      (e): e is { sheet: SheetRef; saved: SavedFlag } => !!e.sheet && e.sheet !== record?.sheet
    );
  const withNotes = supports(options.check, "notes");
  const noteCells = recorded
    .map((r) => ({ sheet: byId.get(r.sheetId), cell: r.cell, before: r.note ?? "" }))
    .filter(
      (e): e is { sheet: SheetRef; cell: string; before: string } =>
        !!e.sheet && e.sheet !== record?.sheet
    );
  const current = new Map<string, Fill>();
  const notes = new Map<string, Excel.Note>();
  if (entries.length > 0) {
    syncs += await runJobs(
      context,
      [
        ...fillJobs(
          entries.map((e) => ({ sheet: e.sheet, cell: e.saved.cell })),
          supports(options.check, "fillPattern"),
          current
        ),
        ...(withNotes ? noteJobs(noteCells, notes) : []),
      ],
      budget
    );
  }
  const restores = entries.filter((e) =>
    stillFlagged(e.saved, current.get(key(e.sheet.id, e.saved.cell)))
  );
  if (restores.length === 0 && setting.isNullObject && !record)
    return { restored: 0, kept: entries.length, syncs };
  const noteWrites = noteCells.flatMap((e) => {
    const note = notes.get(key(e.sheet.id, e.cell));
    if (!note || note.isNullObject) return [];
    const text = restoredNote(String(note.content ?? ""), e.before);
    return text === undefined ? [] : [{ note, text }];
  });
  const jobs: Job[] = [];
  for (let i = 0; i < restores.length; i += 500) {
    const part = restores.slice(i, i + 500);
    jobs.push({
      bytes: part.length * 150,
      queue() {
        part.forEach((e) => restoreFill(e.sheet.ws.getRange(e.saved.cell), e.saved.prev));
        return () => {};
      },
    });
  }
  for (let i = 0; i < noteWrites.length; i += 500) {
    const part = noteWrites.slice(i, i + 500);
    jobs.push({
      bytes: part.reduce((n, w) => n + 100 + 2 * w.text.length, 0),
      queue() {
        // Only our lines go: the note is deleted when nothing else was in it.
        for (const { note, text } of part) {
          if (text === "") note.delete();
          else note.content = text;
        }
        return () => {};
      },
    });
  }
  // The records go last, in the same sync as the last writes.
  jobs.push({
    bytes: 500,
    queue() {
      if (!setting.isNullObject) setting.delete();
      if (record) removeRecord(record);
      return () => {};
    },
  });
  const suspend = supports(options.check, "screenUpdating");
  syncs += await runJobs(context, jobs, budget, () => {
    if (suspend) context.application.suspendScreenUpdatingUntilNextSync();
  });
  const report: ClearReport = {
    restored: restores.length,
    kept: entries.length - restores.length,
    syncs,
  };
  if (noteCells.length > 0) {
    if (withNotes) report.notes = noteWrites.length;
    else report.notice = requirementMessage("notes");
  }
  return report;
}
