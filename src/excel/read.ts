/**
 * Reads the open workbook into the sheet model. Every load is queued first and synced once per phase, so the
 * number of round trips does not grow with the number of sheets:
 *   1. the sheet list and defined names (our tabs' markers), the workbook's name;
 *   2. each sheet's used range (address and size) and its comments;
 *   3. the cells in row chunks (values, formulas, number formats, value types) with fonts, hidden rows and
 *      columns, merged areas and comment places, packed into syncs under Excel on the web's 5 MB limit.
 */
import {
  CellValue,
  OurTab,
  parseAddress,
  SheetModel,
  SheetVisibility,
  ValueType,
  WorkbookModel,
} from "../core/model";
import { OutputRole } from "../core/output";
import { rangeAddress, sheetOfReference, splitAreas, stripSheet } from "./address";
import { DEFAULT_BUDGET, Job, runJobs } from "./batch";
import { isOurMarker, readBack, roleOfMarker } from "./markers";
import { SetChecker, supports } from "./requirements";

export interface ReadOptions {
  check: SetChecker;
  /** Bytes per sync; the default keeps clear of the 5 MB limit. */
  budgetBytes?: number;
  /** Estimated response bytes per cell for values, formulas, number format and value type together. */
  bytesPerCell?: number;
  /** Also read our own result tabs (normally left out: they are outputs, not units). */
  includeOurs?: boolean;
}

/** One of our result tabs found in the workbook. */
export interface OurSheet {
  role: OutputRole;
  sheet: string;
}

export interface ReadResult {
  workbook: WorkbookModel;
  ours: OurSheet[];
  /** Round trips made (for tests and the pane's diagnostics). */
  syncs: number;
}

/** Response bytes per cell: two copies of the text (values, formulas), a format, a type, JSON punctuation. */
export const BYTES_PER_CELL = 100;
/** Extra bytes per cell when fonts are read too ({"format":{"font":{"name":"Times New Roman"}}}). */
const FONT_BYTES_PER_CELL = 60;

interface Pending {
  sheet: Excel.Worksheet;
  model: SheetModel;
  used?: Excel.Range;
  comments?: Excel.CommentCollection;
  /** Rows of each chunk by its first row, joined in order at the end. */
  chunks: Map<number, ChunkData>;
  fontCells: { cell: string; font: string }[];
}

interface ChunkData {
  values: CellValue[][];
  formulas: CellValue[][];
  numberFormat: string[][];
  valueTypes: ValueType[][];
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions
): Promise<ReadResult> {
  const check = options.check;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET;
  const withFonts = supports(check, "cellProperties");
  const perCell = (options.bytesPerCell ?? BYTES_PER_CELL) + (withFonts ? FONT_BYTES_PER_CELL : 0);
  let syncs = 0;

  // Phase 1: which sheets there are, which of them are ours.
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/position,items/visibility");
  const names = context.workbook.names;
  names.load("items/name,items/value");
  const wb = supports(check, "workbookName") ? context.workbook : null;
  if (wb) wb.load("name");
  syncs++;
  await context.sync();

  const ours = findOurs(names.items);
  // Every sheet one of our markers points at is an output (also the .xlsx writer's hidden flag record).
  const ourNames = new Set(
    names.items
      .filter((n) => isOurMarker(n.name))
      .map((n) => sheetOfReference(String(n.value)))
      .filter((s): s is string => s !== null)
  );
  // The rules tab is read too (whatever it is named now), but handed over apart from the sheets.
  const readRole = new Map(ours.filter((o) => readBack(o.role)).map((o) => [o.sheet, o.role]));
  const pending: Pending[] = [];
  for (const ws of sheets.items) {
    if (ourNames.has(ws.name) && !options.includeOurs && !readRole.has(ws.name)) continue;
    pending.push({
      sheet: ws,
      model: emptySheet(ws.name, ws.position, ws.visibility as SheetVisibility),
      chunks: new Map(),
      fontCells: [],
    });
  }

  // Phase 2: the extent of each sheet.
  for (const p of pending) {
    p.used = p.sheet.getUsedRangeOrNullObject(true);
    p.used.load("rowIndex,columnIndex,rowCount,columnCount");
    if (supports(check, "comments")) {
      p.comments = p.sheet.comments;
      p.comments.load("items/content");
    }
  }
  syncs++;
  await context.sync();

  // Phase 3: the cells, in chunks of rows, plus per-sheet extras, packed into syncs.
  const jobs: Job[] = [];
  for (const p of pending) {
    const used = p.used!;
    if (used.isNullObject) continue;
    const top = used.rowIndex;
    const left = used.columnIndex;
    const rows = used.rowCount;
    const cols = used.columnCount;
    p.model.address = rangeAddress(top, left, top, left);
    const rowsPerChunk = Math.max(1, Math.floor(budget / (cols * perCell)));
    for (let r = 0; r < rows; r += rowsPerChunk) {
      jobs.push(
        chunkJob(p, top + r, left, Math.min(rowsPerChunk, rows - r), cols, perCell, withFonts)
      );
    }
    jobs.push(extrasJob(p, used, check, rows, cols));
  }
  syncs += await runJobs(context, jobs, budget);

  const sheetModels = pending.map((p) => finish(p));
  markNonDefaultFonts(pending, sheetModels);
  const tabs: OurTab[] = [];
  const unitSheets = options.includeOurs
    ? sheetModels
    : sheetModels.filter((s) => {
        const role = readRole.get(s.name);
        if (role) tabs.push({ role, sheet: s });
        return !role;
      });
  const workbook: WorkbookModel = {
    file: wb?.name || "Workbook",
    sheets: unitSheets,
    ...(tabs.length > 0 ? { ours: tabs } : {}),
  };
  return { workbook, ours, syncs };
}

/** Our tabs, from the defined names that mark them ("tong_hop_output.summary" → its sheet). */
export function findOurs(items: { name: string; value: unknown }[]): OurSheet[] {
  const out: OurSheet[] = [];
  for (const item of items) {
    const role = roleOfMarker(item.name);
    const sheet = role ? sheetOfReference(String(item.value)) : null;
    if (role && sheet) out.push({ role, sheet });
  }
  return out;
}

function emptySheet(name: string, position: number, visibility: SheetVisibility): SheetModel {
  return {
    name,
    address: "A1",
    values: [],
    formulas: [],
    numberFormat: [],
    valueTypes: [],
    merges: [],
    visibility,
    hiddenRows: [],
    hiddenColumns: [],
    fonts: {},
    comments: {},
    position,
  };
}

/** Reads rows [top, top+rows) of a sheet's used columns; split in halves if Excel refuses the size. */
function chunkJob(
  p: Pending,
  top: number,
  left: number,
  rows: number,
  cols: number,
  perCell: number,
  withFonts: boolean
): Job {
  return {
    bytes: rows * cols * perCell,
    queue() {
      const range = p.sheet.getRange(rangeAddress(top, left, top + rows - 1, left + cols - 1));
      range.load("values,formulas,numberFormat,valueTypes");
      const fonts = withFonts
        ? range.getCellProperties({ format: { font: { name: true } } })
        : null;
      // The collector runs after runJobs has synced this batch (the linter cannot see that).
      /* eslint-disable office-addins/call-sync-after-load, office-addins/call-sync-before-read */
      return () => {
        p.chunks.set(top, {
          values: range.values as CellValue[][],
          formulas: range.formulas as CellValue[][],
          numberFormat: range.numberFormat as string[][],
          valueTypes: range.valueTypes as ValueType[][],
        });
        /* eslint-enable office-addins/call-sync-after-load, office-addins/call-sync-before-read */
        if (!fonts) return;
        fonts.value.forEach((row, i) =>
          row.forEach((cell, j) => {
            const font = cell.format?.font?.name;
            if (font)
              p.fontCells.push({ cell: rangeAddress(top + i, left + j, top + i, left + j), font });
          })
        );
      };
    },
    split() {
      if (rows < 2) return null;
      const half = Math.floor(rows / 2);
      return [
        chunkJob(p, top, left, half, cols, perCell, withFonts),
        chunkJob(p, top + half, left, rows - half, cols, perCell, withFonts),
      ];
    },
  };
}

/** Hidden rows and columns, merged areas and comment places of one sheet. */
function extrasJob(
  p: Pending,
  used: Excel.Range,
  check: SetChecker,
  rows: number,
  cols: number
): Job {
  const comments = p.comments?.items ?? [];
  return {
    bytes: 40 * (rows + cols) + 2000 + comments.reduce((n, c) => n + 200 + c.content.length * 2, 0),
    queue() {
      const rowProps = supports(check, "cellProperties")
        ? used.getRowProperties({ rowIndex: true, rowHidden: true })
        : null;
      const colProps = supports(check, "cellProperties")
        ? used.getColumnProperties({ columnIndex: true, columnHidden: true })
        : null;
      const merged = supports(check, "mergedAreas") ? used.getMergedAreasOrNullObject() : null;
      if (merged) merged.load("address");
      const places = comments.map((c) => {
        const where = c.getLocation();
        where.load("address");
        return where;
      });
      return () => {
        if (rowProps) p.model.hiddenRows = hiddenIndexes(rowProps.value, "rowIndex", "rowHidden");
        if (colProps)
          p.model.hiddenColumns = hiddenIndexes(colProps.value, "columnIndex", "columnHidden");
        if (merged && !merged.isNullObject)
          p.model.merges = splitAreas(merged.address).map(stripSheet);
        places.forEach(
          (where, i) => (p.model.comments[stripSheet(where.address)] = comments[i].content)
        );
      };
    },
  };
}

function hiddenIndexes<K extends string, H extends string>(
  props: Partial<Record<K, number> & Record<H, boolean>>[],
  indexKey: K,
  hiddenKey: H
): number[] {
  return props.filter((x) => x[hiddenKey] === true).map((x) => Number(x[indexKey]));
}

function finish(p: Pending): SheetModel {
  const m = p.model;
  for (const top of [...p.chunks.keys()].sort((a, b) => a - b)) {
    const c = p.chunks.get(top)!;
    m.values.push(...c.values);
    m.formulas.push(...c.formulas);
    m.numberFormat.push(...c.numberFormat);
    m.valueTypes.push(...c.valueTypes);
  }
  return m;
}

/**
 * Keeps the fonts of text cells whose font is not the workbook's usual one (the most frequent among text
 * cells), so that a stray ".VnTime" or "VNI-Times" label stands out.
 */
function markNonDefaultFonts(pending: Pending[], models: SheetModel[]): void {
  const textFonts: { model: SheetModel; cell: string; font: string }[] = [];
  pending.forEach((p, i) => {
    const m = models[i];
    const origin = m.address;
    for (const { cell, font } of p.fontCells) {
      if (isTextCell(m, origin, cell)) textFonts.push({ model: m, cell, font });
    }
  });
  const counts = new Map<string, number>();
  for (const t of textFonts) counts.set(t.font, (counts.get(t.font) ?? 0) + 1);
  let usual = "";
  for (const [font, n] of counts) if (n > (counts.get(usual) ?? 0)) usual = font;
  for (const t of textFonts) if (t.font !== usual) t.model.fonts[t.cell] = t.font;
}

function isTextCell(m: SheetModel, origin: string, cell: string): boolean {
  const o = parseAddress(origin);
  const c = parseAddress(cell);
  return m.valueTypes[c.row - o.row]?.[c.col - o.col] === "String";
}
