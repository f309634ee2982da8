/**
 * Writes a run's result into the open workbook: our tabs (replacing our previous ones, never a user's
 * sheet), and the flags on unit cells (fills that can be cleared again). A constant number of round trips:
 *   1. the sheet list, our markers and the saved flags;
 *   2. the current fills of the cells to flag and of the cells flagged before (skipped when there are none);
 *   3. every write, with screen updating suspended (more syncs only if the data exceed the 5 MB limit).
 *
 * The fills that flags cover are kept in the workbook's add-in settings (Excel.SettingCollection, ExcelApi
 * 1.4): saved inside the file, invisible to users and formulas, not a sheet the engine or a user could take
 * for data. A fill is restored only while the cell still has our flag colour, so a user's recolouring wins.
 * A workbook `tonghop` wrote carries its own record (flags.ts): it is read (one more sync), taken over into
 * the settings and removed.
 */
import { columnLetters } from "../core/model";
import { estimateRowHeights, FLAG_FILL, Flag, OutputRole, OutputSheet } from "../core/output";
import { quoteSheet, rangeAddress, sheetOfReference } from "./address";
import { DEFAULT_BUDGET, Job, runJobs } from "./batch";
import { gridWidth, hyperlinkFormula, inputRows, styleRuns, widthToPoints } from "./cells";
import {
  Fill,
  FlagRecord,
  SavedFlag,
  SheetRef,
  fillJobs,
  isNoFill,
  key,
  loadFlagState,
  mergeRecords,
  readRecord,
  removeRecord,
  restoreFill,
  savedOf,
  stillFlagged,
} from "./flags";
import { FLAG_SETTING, markerName, roleOfMarker, uniqueSheetName } from "./markers";
import { FeatureId, SetChecker, supports } from "./requirements";

// Clearing lives with the flag records; callers keep finding it here.
export { clearFlags } from "./flags";
export type { ClearReport } from "./flags";
export type { SavedFlag } from "./flags";

export interface WriteOptions {
  check: SetChecker;
  /** The tab to activate when done (the command's result), or none. */
  activate?: OutputRole | null;
  budgetBytes?: number;
  /** Leave the flags as they are (e.g. when only a failure notice is written). */
  keepFlags?: boolean;
}

export interface WriteReport {
  /** Our tabs as written: their role and the name they got. */
  sheets: { role: OutputRole; name: string }[];
  /** Cells flagged now. */
  flagged: number;
  /** Cells whose earlier flag was removed (fill restored). */
  restored: number;
  /** Flags not applied because their sheet is missing or is one of ours. */
  unplaced: number;
  /** Features this Excel lacks that the output would have used; a fallback or nothing was written. */
  skipped: FeatureId[];
  syncs: number;
}

interface Phase1 {
  sheets: SheetRef[];
  ours: Map<OutputRole, { sheet: SheetRef | null; marker: Excel.NamedItem }>;
  saved: SavedFlag[];
  setting: Excel.Setting;
  /** The command line's flag record, if the workbook carries one. */
  record: FlagRecord | null;
}

/** Loads the sheet list, our markers and the saved flags (one sync). */
async function loadState(context: Excel.RequestContext): Promise<Phase1> {
  const { sheets, names, setting, record } = await loadFlagState(context);
  const ours = new Map<OutputRole, { sheet: SheetRef | null; marker: Excel.NamedItem }>();
  for (const item of names) {
    const role = roleOfMarker(item.name);
    if (!role) continue;
    const target = sheetOfReference(String(item.value));
    ours.set(role, { sheet: sheets.find((s) => s.name === target) ?? null, marker: item });
  }
  return { sheets, ours, saved: savedOf(setting), setting, record };
}

export async function writeResult(
  context: Excel.RequestContext,
  out: { sheets: OutputSheet[]; flags: Flag[] },
  options: WriteOptions
): Promise<WriteReport> {
  const check = options.check;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET;
  const skipped = new Set<FeatureId>();
  let syncs = 1;
  const state = await loadState(context);

  // Which sheets stay, which of ours go, which names the new tabs get.
  const roles = new Set(out.sheets.map((s) => s.role));
  const replaced = new Map<OutputRole, SheetRef | null>();
  for (const [role, o] of state.ours) if (roles.has(role)) replaced.set(role, o.sheet);
  const goingIds = new Set([...replaced.values()].filter((s) => s).map((s) => s!.id));
  const staying = state.sheets.filter((s) => !goingIds.has(s.id));
  const ourIds = new Set([...state.ours.values()].filter((o) => o.sheet).map((o) => o.sheet!.id));
  const taken = staying.map((s) => s.name);
  const named = out.sheets.map((s) => {
    const name = uniqueSheetName(s.name, taken);
    taken.push(name);
    return { sheet: s, name };
  });
  const nameOf = new Map(named.map((n) => [n.sheet.name, n.name]));

  // Phase 2: current fills of the cells to flag now and of those flagged before.
  const byName = new Map(staying.map((s) => [s.name, s]));
  const byId = new Map(staying.map((s) => [s.id, s]));
  let unplaced = 0;
  const now = new Map<string, { sheet: SheetRef; cell: string; flag: Flag }>();
  const keep = options.keepFlags === true;
  for (const flag of keep ? [] : out.flags) {
    const sheet = byName.get(flag.sheet);
    if (!sheet || ourIds.has(sheet.id)) {
      unplaced++;
      continue;
    }
    const k = key(sheet.id, flag.cell);
    const had = now.get(k);
    // Several flags on one cell: the most severe colour shows.
    if (!had || severityRank(flag) < severityRank(had.flag))
      now.set(k, { sheet, cell: flag.cell, flag });
  }
  // The command line's record, when the workbook carries one: read (one sync), then taken over and removed.
  let recorded: SavedFlag[] = [];
  if (state.record && !keep) {
    recorded = await readRecord(context, state.record, state.sheets);
    syncs++;
  }
  const before = new Map<string, { sheet: SheetRef; saved: SavedFlag }>();
  for (const saved of keep ? [] : mergeRecords(state.saved, recorded)) {
    const sheet = byId.get(saved.sheetId);
    if (sheet) before.set(key(sheet.id, saved.cell), { sheet, saved });
  }
  const withPattern = supports(check, "fillPattern");
  const current = new Map<string, Fill>();
  const toLoad = [
    ...now.values(),
    ...[...before.entries()]
      .filter(([k]) => !now.has(k))
      .map(([, b]) => ({ sheet: b.sheet, cell: b.saved.cell })),
  ];
  if (toLoad.length > 0)
    syncs += await runJobs(context, fillJobs(toLoad, withPattern, current), budget);

  // Phase 3: every write.
  const jobs: Job[] = [];
  const written: { role: OutputRole; name: string }[] = [];
  const created = new Map<OutputRole, Excel.Worksheet>();
  jobs.push({
    bytes: 2000,
    queue() {
      for (const [role, sheet] of replaced) {
        sheet?.ws.delete();
        state.ours.get(role)!.marker.delete();
      }
      for (const { sheet, name } of named) {
        const ws = context.workbook.worksheets.add(name);
        const old = replaced.get(sheet.role);
        if (old) ws.position = old.position;
        created.set(sheet.role, ws);
        written.push({ role: sheet.role, name });
      }
      return () => {};
    },
  });
  for (const { sheet } of named) {
    jobs.push(...sheetJobs(() => created.get(sheet.role)!, sheet, nameOf, check, skipped));
  }

  // Flags: restore what is no longer flagged, colour what is, save what the colours cover.
  const savedNow: SavedFlag[] = [];
  const restores: { sheet: SheetRef; saved: SavedFlag }[] = [];
  for (const [k, b] of before) {
    if (now.has(k)) continue;
    const cur = current.get(k);
    if (stillFlagged(b.saved, cur)) restores.push(b);
  }
  const paints = [...now.entries()].map(([k, n]) => {
    const fill = FLAG_FILL[n.flag.severity];
    const cur = current.get(k) ?? { color: "#FFFFFF", pattern: "None" };
    const earlier = before.get(k)?.saved;
    // A cell still wearing our earlier flag keeps the fill saved then, not our colour.
    const prev = earlier && stillFlagged(earlier, cur) ? earlier.prev : isNoFill(cur) ? null : cur;
    savedNow.push({ sheetId: n.sheet.id, sheet: n.sheet.name, cell: n.cell, fill, prev });
    return { ...n, fill };
  });
  const restored = restores.length;
  for (let i = 0; i < Math.max(restores.length, paints.length); i += 500) {
    const r = restores.slice(i, i + 500);
    const p = paints.slice(i, i + 500);
    jobs.push({
      bytes: (r.length + p.length) * 150,
      queue() {
        r.forEach((b) => restoreFill(b.sheet.ws.getRange(b.saved.cell), b.saved.prev));
        p.forEach((n) => (n.sheet.ws.getRange(n.cell).format.fill.color = n.fill));
        return () => {};
      },
    });
  }
  jobs.push({
    bytes: JSON.stringify(savedNow).length + 2000,
    queue() {
      if (keep) {
        // Flags and their saved fills stay as they are.
      } else if (savedNow.length > 0) {
        context.workbook.settings.add(FLAG_SETTING, JSON.stringify(savedNow));
      } else if (!state.setting.isNullObject) state.setting.delete();
      if (!keep && state.record) removeRecord(state.record);
      for (const { sheet } of named) {
        const ws = created.get(sheet.role)!;
        context.workbook.names.add(
          markerName(sheet.role),
          ws.getRange("A1"),
          "Tổng hợp báo cáo: trang kết quả, được thay khi chạy lại / result tab, replaced on re-run"
        );
      }
      const target = options.activate ? created.get(options.activate) : undefined;
      if (target) target.activate();
      return () => {};
    },
  });

  const suspend = supports(check, "screenUpdating");
  if (!suspend) skipped.add("screenUpdating");
  syncs += await runJobs(context, jobs, budget, () => {
    if (suspend) context.application.suspendScreenUpdatingUntilNextSync();
  });
  return {
    sheets: written,
    flagged: paints.length,
    restored,
    unplaced,
    skipped: [...skipped],
    syncs,
  };
}

function severityRank(flag: Flag): number {
  return flag.severity === "error" ? 0 : flag.severity === "warning" ? 1 : 2;
}

/** The jobs that fill one of our tabs: cells in row blocks, then styles, merges, widths and sheet settings. */
function sheetJobs(
  getWs: () => Excel.Worksheet,
  sheet: OutputSheet,
  nameOf: Map<string, string>,
  check: SetChecker,
  skipped: Set<FeatureId>
): Job[] {
  const jobs: Job[] = [];
  const width = gridWidth(sheet);
  const rows = sheet.cells.length;
  const links = supports(check, "hyperlinks");
  if (width > 0) {
    // Rows per block from the real size of the data, so that each request stays under the budget.
    let from = 0;
    while (from < rows) {
      let to = from;
      let bytes = 0;
      while (to < rows && (to === from || bytes < 1_000_000)) {
        const { formulas, formats } = inputRows(sheet, to, to + 1);
        bytes += JSON.stringify(formulas).length + JSON.stringify(formats).length;
        to++;
      }
      const [a, b] = [from, to];
      jobs.push({
        bytes,
        queue() {
          const ws = getWs();
          const { formulas, formats } = inputRows(sheet, a, b);
          if (!links) replaceLinksWithFormulas(sheet, a, formulas, nameOf);
          const range = ws.getRange(rangeAddress(a, 0, b - 1, width - 1));
          range.numberFormat = formats;
          range.formulas = formulas;
          return () => {};
        },
      });
      from = to;
    }
  }
  const runs = styleRuns(sheet);
  const linkCells = sheet.cells.flatMap((row, r) =>
    row.map((cell, c) => ({ cell, r, c })).filter((x) => x.cell?.link)
  );
  if (linkCells.length > 0 && !links) skipped.add("hyperlinks");
  const settingsFeatures: FeatureId[] = [];
  if (sheet.freeze.rows + sheet.freeze.cols > 0) settingsFeatures.push("freezePanes");
  if (sheet.autoFilter) settingsFeatures.push("autoFilter");
  if (sheet.landscape || sheet.fitToWidth) settingsFeatures.push("pageLayout");
  for (const f of settingsFeatures) if (!supports(check, f)) skipped.add(f);

  jobs.push({
    bytes: runs.length * 200 + linkCells.length * 300 + sheet.merges.length * 100 + 3000,
    queue() {
      const ws = getWs();
      for (const run of runs) {
        const fmt = ws.getRange(rangeAddress(run.row, run.c0, run.row, run.c1)).format;
        switch (run.key) {
          case "bold":
            fmt.font.bold = true;
            break;
          case "italic":
            fmt.font.italic = true;
            break;
          case "color":
            fmt.font.color = String(run.value);
            break;
          case "fill":
            fmt.fill.color = String(run.value);
            break;
          case "wrap":
            fmt.wrapText = true;
            break;
          case "align":
            fmt.horizontalAlignment =
              run.value === "center" ? "Center" : run.value === "right" ? "Right" : "Left";
            break;
          case "border":
            for (const edge of [
              "EdgeTop",
              "EdgeBottom",
              "EdgeLeft",
              "EdgeRight",
              "InsideVertical",
            ] as const) {
              if (edge === "InsideVertical" && run.c0 === run.c1) continue;
              fmt.borders.getItem(edge).style = "Continuous";
            }
            break;
        }
      }
      for (const m of sheet.merges) ws.getRange(m).merge(false);
      sheet.columnWidths.forEach((chars, c) => {
        const col = columnLetters(c);
        if (chars > 0) ws.getRange(`${col}:${col}`).format.columnWidth = widthToPoints(chars);
      });
      for (const [r, h] of Object.entries(estimateRowHeights(sheet))) {
        const row = Number(r) + 1;
        ws.getRange(`A${row}`).format.rowHeight = h; // a cell's row height is its row's
      }
      if (links) {
        for (const { cell, r, c } of linkCells) {
          const target = cell.link!;
          ws.getRange(rangeAddress(r, c, r, c)).hyperlink = {
            documentReference: `${quoteSheet(nameOf.get(target.sheet) ?? target.sheet)}!${target.cell}`,
            textToDisplay: String(cell.v ?? target.cell),
          };
        }
      }
      if (supports(check, "freezePanes")) {
        const { rows: fr, cols: fc } = sheet.freeze;
        if (fr > 0 && fc > 0)
          ws.freezePanes.freezeAt(ws.getRange(rangeAddress(0, 0, fr - 1, fc - 1)));
        else if (fr > 0) ws.freezePanes.freezeRows(fr);
        else if (fc > 0) ws.freezePanes.freezeColumns(fc);
      }
      if (sheet.autoFilter && supports(check, "autoFilter"))
        ws.autoFilter.apply(ws.getRange(sheet.autoFilter));
      if (supports(check, "pageLayout")) {
        if (sheet.landscape) ws.pageLayout.orientation = "Landscape";
        if (sheet.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1 };
      }
      return () => {};
    },
  });
  return jobs;
}

/** Without Range.hyperlink, a link cell becomes =HYPERLINK("#'Sheet'!A1","text"). */
function replaceLinksWithFormulas(
  sheet: OutputSheet,
  from: number,
  formulas: (string | number | boolean)[][],
  nameOf: Map<string, string>
): void {
  formulas.forEach((row, i) =>
    row.forEach((_, c) => {
      const cell = sheet.cells[from + i]?.[c];
      if (cell?.link && !cell.f) {
        const target = nameOf.get(cell.link.sheet) ?? cell.link.sheet;
        row[c] = hyperlinkFormula(target, cell.link.cell, String(cell.v ?? cell.link.cell));
      }
    })
  );
}
