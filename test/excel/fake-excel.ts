/**
 * A workbook behind a mock of the Excel JavaScript API, built on office-addin-mock's OfficeMockObject (the
 * documented way to unit-test Office.js code). What it adds to the plain mock, so that tests can fail for the
 * reasons real Excel would fail:
 *  - a workbook state that writes change and later reads see (sheets, cells, fills, names, settings);
 *  - writes queued and applied at context.sync(), in order; context.sync() counted;
 *  - reading a property that was not loaded and synced throws, as in Office.js;
 *  - Excel's input rules when a value is written ("=…" becomes a formula, "5,022" a number, "'…" text);
 *  - the 5 MB request and response limit of Excel on the web, per sync;
 *  - requirement sets: calling an API newer than the configured ExcelApi version throws (notes: 1.18).
 * It models what this project uses, nothing more; anything else throws "not modelled".
 */
import { OfficeMockObject } from "office-addin-mock";
import {
  CellValue,
  ValueType,
  cellAddress,
  columnLetters,
  parseAddress,
  parseRange,
} from "../../src/core/model";
import { checkerUpTo, SetChecker } from "../../src/excel/requirements";

export interface FakeCell {
  v: CellValue;
  f?: string;
  fmt: string;
  /** null: no fill. */
  fill: string | null;
  pattern: string;
  font: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  wrap?: boolean;
  align?: string;
  borders?: string[];
  link?: string;
  /** Entered with a leading apostrophe (Excel's quote prefix). */
  prefix?: boolean;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: string[] = [];
  hiddenRows = new Set<number>();
  hiddenCols = new Set<number>();
  comments: { cell: string; content: string }[] = [];
  /** Legacy notes by cell ("B7"), as Worksheet.notes (ExcelApi 1.18) shows them. */
  notes = new Map<string, string>();
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  freeze: { rows: number; cols: number } | null = null;
  autoFilter: string | null = null;
  orientation = "Portrait";
  fitToPagesWide: number | null = null;
  constructor(
    public id: string,
    public name: string,
    public visibility = "Visible"
  ) {}

  cell(a1: string): FakeCell {
    const k = a1.replace(/\$/g, "").toUpperCase();
    let c = this.cells.get(k);
    if (!c) {
      c = { v: "", fmt: "General", fill: null, pattern: "None", font: "Times New Roman" };
      this.cells.set(k, c);
    }
    return c;
  }

  peek(a1: string): FakeCell | undefined {
    return this.cells.get(a1.replace(/\$/g, "").toUpperCase());
  }

  /** Bounding box of cells holding a value or formula, or null when empty. */
  usedBox(): { top: number; left: number; bottom: number; right: number } | null {
    let box: { top: number; left: number; bottom: number; right: number } | null = null;
    for (const [a1, c] of this.cells) {
      if (c.v === "" && !c.f) continue;
      const { row, col } = parseAddress(a1);
      if (!box) box = { top: row, left: col, bottom: row, right: col };
      else {
        box.top = Math.min(box.top, row);
        box.left = Math.min(box.left, col);
        box.bottom = Math.max(box.bottom, row);
        box.right = Math.max(box.right, col);
      }
    }
    return box;
  }

  /** Values of a rectangle as Range.values gives them. */
  grid(a1: string, what: "values" | "formulas" | "numberFormat" | "valueTypes"): unknown[][] {
    const r = parseRange(a1);
    const out: unknown[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: unknown[] = [];
      for (let col = r.left; col <= r.right; col++) {
        const c = this.peek(cellAddress(row, col));
        if (what === "values") line.push(c?.v ?? "");
        else if (what === "formulas") line.push(c?.f ?? c?.v ?? "");
        else if (what === "numberFormat") line.push(c?.fmt ?? "General");
        else line.push(valueType(c));
      }
      out.push(line);
    }
    return out;
  }
}

function valueType(c: FakeCell | undefined): ValueType {
  if (!c || (c.v === "" && !c.f)) return "Empty";
  if (typeof c.v === "number") return "Double";
  if (typeof c.v === "boolean") return "Boolean";
  return /^#(DIV\/0!|N\/A|REF!|VALUE!|NAME\?|NUM!|NULL!)$/.test(c.v) ? "Error" : "String";
}

/** What Excel makes of an input written to a cell (as if typed), in an en-US Excel. */
export function enterInput(c: FakeCell, input: unknown): void {
  c.f = undefined;
  c.prefix = false;
  if (typeof input === "number" || typeof input === "boolean") {
    c.v = input;
    return;
  }
  const s = String(input ?? "");
  if (s === "") c.v = "";
  else if (c.fmt === "@") c.v = s;
  else if (s.startsWith("'")) {
    c.v = s.slice(1);
    c.prefix = true;
  } else if (s.startsWith("=")) {
    c.f = s;
    c.v = "";
  } else if (/^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?\s*$/.test(s)) {
    const t = s.replace(/[,\s]/g, "");
    c.v = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
  } else if (/^\(\d+(\.\d+)?\)$/.test(s)) {
    c.v = -Number(s.slice(1, -1)); // accounting negative
  } else if (
    /^\d{1,2}\/\d{1,2}(\/\d{2,4})?$/.test(s) ||
    /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)[\s\-/.,]+\d/i.test(
      s
    )
  ) {
    c.v = 45000; // a date serial: the text is gone
  } else if (/^(true|false)$/i.test(s)) c.v = s.toLowerCase() === "true";
  else if (/^[+\-@]/.test(s)) {
    c.f = s.startsWith("=") ? s : "=" + s;
    c.v = "#NAME?";
  } else c.v = s;
}

type Handler = (value: unknown) => void;

interface Node {
  raw: OfficeMockObject;
  proxy: any;
  /** Sync count when created: isNullObject and ClientResult values are readable only after a later sync. */
  born: number;
  isNull: boolean;
  sheet: FakeSheet | null;
  /** Sizes of loadable properties (bytes of JSON), for the response payload. */
  sizeOf(prop: string): number;
}

interface Op {
  bytes: number;
  sheet: FakeSheet | null;
  apply(): void;
}

const NOT_LOADED = new Set([
  "Error, property was not loaded",
  "Error, context.sync() was not called",
]);

export interface FakeOptions {
  /** Highest ExcelApi version supported ("1.4", "1.13"). */
  api?: string;
  /** Request and response limit per sync (Excel on the web: 5 MB). */
  limitBytes?: number;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  names = new Map<string, { sheet: FakeSheet; address: string; comment?: string }>();
  settings = new Map<string, unknown>();
  activeSheet: FakeSheet | null = null;
  selected: string | null = null;
  fileName = "Bao cao.xlsx";
  syncs = 0;
  /** Bytes of each sync's request and response. */
  log: { request: number; response: number }[] = [];
  suspendCalls = 0;
  readonly api: string;
  readonly limitBytes: number;
  readonly check: SetChecker;
  private ops: Op[] = [];
  private toSync: { node: Node; props: string[] }[] = [];
  private results: { born: number; size: number; fill(): void }[] = [];
  private nextId = 1;

  constructor(options: FakeOptions = {}) {
    this.api = options.api ?? "1.13";
    this.limitBytes = options.limitBytes ?? 5_000_000;
    this.check = checkerUpTo(this.api);
  }

  addSheet(name: string, grid: CellValue[][] = [], origin = "A1"): FakeSheet {
    const s = new FakeSheet(`{S${this.nextId++}}`, name);
    const o = parseAddress(origin);
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === "") return;
        const cell = s.cell(cellAddress(o.row + r, o.col + c));
        if (typeof v === "string" && v.startsWith("=")) cell.f = v;
        else cell.v = v;
      })
    );
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = s;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s;
  }

  /** Excel.run for the code under test. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const result = await batch(this.context());
    if (this.ops.length > 0) throw new Error("fake: writes queued but never synced");
    return result;
  };

  private requireApi(version: string, what: string): void {
    if (!this.check("ExcelApi", version)) {
      throw new Error(`fake: ${what} needs ExcelApi ${version}, this Excel has ${this.api}`);
    }
  }

  private queue(sheet: FakeSheet | null, args: unknown, apply: () => void): void {
    this.ops.push({ bytes: 60 + JSON.stringify(args ?? null).length, sheet, apply });
  }

  /** A mock object wrapped so that loads, reads and writes follow Office.js rules. */
  private node(
    data: Record<string, unknown>,
    setters: Record<string, Handler>,
    sheet: FakeSheet | null,
    opts: {
      isNull?: boolean;
      children?: Record<string, Node>;
      extra?: Record<string, unknown>;
    } = {}
  ): Node {
    const raw = new OfficeMockObject(data as never);
    const sizes = new Map(
      Object.entries(data).map(([k, v]) => [k, (JSON.stringify(v ?? null) ?? "").length])
    );
    const node: Node = {
      raw,
      proxy: null,
      born: this.syncs,
      isNull: opts.isNull ?? false,
      sheet,
      sizeOf: (p) => sizes.get(p) ?? 0,
    };
    const fake = this;
    node.proxy = new Proxy(raw, {
      get(target, key) {
        if (typeof key === "symbol") return Reflect.get(target, key);
        if (key === "isNullObject") {
          if (fake.syncs <= node.born)
            throw new Error("fake: isNullObject read before context.sync()");
          return node.isNull;
        }
        if (opts.children && key in opts.children) return opts.children[key].proxy;
        if (opts.extra && key in opts.extra) return opts.extra[key];
        if (key === "load") {
          return (props?: string | string[]) => {
            const list = (Array.isArray(props) ? props : String(props ?? "").split(","))
              .map((p) => p.trim())
              .filter((p) => p);
            if (sheet && fake.ops.some((op) => op.sheet === sheet)) {
              throw new Error(
                `fake: load after a queued write to sheet ${sheet.name} in one batch`
              );
            }
            target.load(list);
            fake.toSync.push({ node, props: list });
            return node.proxy;
          };
        }
        const v = Reflect.get(target, key);
        if (typeof v === "string" && NOT_LOADED.has(v)) {
          throw new Error(`PropertyNotLoaded: ${key} was read without load() and context.sync()`);
        }
        return typeof v === "function" ? v.bind(target) : v;
      },
      set(target, key, value) {
        const h = typeof key === "string" ? setters[key] : undefined;
        if (!h) throw new Error(`fake: setting ${String(key)} is not modelled`);
        if (node.isNull) throw new Error(`fake: setting ${String(key)} on a null object`);
        fake.queue(sheet, value, () => h(value));
        return Reflect.set(target, key, value);
      },
    });
    return node;
  }

  private clientResult<T>(sheet: FakeSheet, compute: () => T): { value: T } {
    const born = this.syncs;
    if (this.ops.some((op) => op.sheet === sheet))
      throw new Error("fake: read after write in one batch");
    const data = compute();
    let ready = false;
    this.results.push({ born, size: JSON.stringify(data).length, fill: () => (ready = true) });
    return {
      get value(): T {
        if (!ready) throw new Error("fake: ClientResult.value read before context.sync()");
        return data;
      },
    };
  }

  private rangeNode(sheet: FakeSheet, address: string): Node {
    const a1 = address.replace(/\$/g, "").toUpperCase();
    const whole = /^[A-Z]+:[A-Z]+$/.test(a1);
    const r = whole ? null : parseRange(a1);
    const each = (fn: (c: FakeCell, row: number, col: number, i: number, j: number) => void) => {
      if (!r) throw new Error("fake: cell writes to whole columns are not modelled");
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          fn(sheet.cell(cellAddress(row, col)), row, col, row - r.top, col - r.left);
        }
      }
    };
    const grid2 = (v: unknown, i: number, j: number) =>
      Array.isArray(v) ? (v as unknown[][])[i]?.[j] : v;
    const first = r ? sheet.peek(cellAddress(r.top, r.left)) : undefined;
    const fake = this;
    const fill = this.node(
      {
        color: first?.fill ?? "#FFFFFF",
        pattern: first?.fill ? "Solid" : "None",
        clear: () =>
          fake.queue(sheet, a1, () =>
            each((c) => {
              c.fill = null;
              c.pattern = "None";
            })
          ),
      },
      {
        color: (v) =>
          each((c) => {
            c.fill = String(v).toUpperCase();
            c.pattern = "Solid";
          }),
      },
      sheet
    );
    const font = this.node(
      { bold: false, italic: false, color: "#000000", name: first?.font ?? "Times New Roman" },
      {
        bold: (v) => each((c) => (c.bold = Boolean(v))),
        italic: (v) => each((c) => (c.italic = Boolean(v))),
        color: (v) => each((c) => (c.color = String(v))),
      },
      sheet
    );
    const borders = {
      getItem: (edge: string) =>
        this.node(
          { style: "None" },
          { style: (v) => each((c) => (c.borders = [...(c.borders ?? []), `${edge}:${v}`])) },
          sheet
        ).proxy,
    };
    const format = this.node(
      { wrapText: false, horizontalAlignment: "General", columnWidth: 48, rowHeight: 15 },
      {
        wrapText: (v) => each((c) => (c.wrap = Boolean(v))),
        horizontalAlignment: (v) => each((c) => (c.align = String(v))),
        columnWidth: (v) => {
          if (!whole) throw new Error("fake: column width is set on whole columns here");
          const [from, to] = a1.split(":").map((x) => parseAddress(x + "1").col);
          for (let col = from; col <= to; col++) sheet.colWidths.set(col, Number(v));
        },
        // Excel sets the height of every row the range touches.
        rowHeight: (v) => {
          if (!r) throw new Error("fake: row height is set on a cell range here");
          for (let row = r.top; row <= r.bottom; row++) sheet.rowHeights.set(row, Number(v));
        },
      },
      sheet,
      { children: { fill, font }, extra: { borders } }
    );
    const data: Record<string, unknown> = r
      ? {
          address: `${quoteName(sheet.name)}!${a1}`,
          rowIndex: r.top,
          columnIndex: r.left,
          rowCount: r.bottom - r.top + 1,
          columnCount: r.right - r.left + 1,
          values: sheet.grid(a1, "values"),
          formulas: sheet.grid(a1, "formulas"),
          numberFormat: sheet.grid(a1, "numberFormat"),
          valueTypes: sheet.grid(a1, "valueTypes"),
        }
      : { address: `${quoteName(sheet.name)}!${a1}` };
    const methods = {
      merge: (across: boolean) => {
        this.requireApi("1.2", "Range.merge");
        this.queue(sheet, a1, () => sheet.merges.push(a1));
        void across;
      },
      select: () => this.queue(sheet, a1, () => (this.selected = `${sheet.name}!${a1}`)),
      getCellProperties: (opts: unknown) => {
        this.requireApi("1.9", "Range.getCellProperties");
        void opts;
        return this.clientResult(sheet, () => {
          const rows: unknown[][] = [];
          each((c, _row, _col, i) => {
            (rows[i] ??= []).push({ format: { font: { name: c.font } } });
          });
          return rows;
        });
      },
      getRowProperties: (opts: unknown) => {
        this.requireApi("1.9", "Range.getRowProperties");
        void opts;
        return this.clientResult(sheet, () => {
          const out = [];
          for (let row = r!.top; row <= r!.bottom; row++)
            out.push({ rowIndex: row, rowHidden: sheet.hiddenRows.has(row) });
          return out;
        });
      },
      getColumnProperties: (opts: unknown) => {
        this.requireApi("1.9", "Range.getColumnProperties");
        void opts;
        return this.clientResult(sheet, () => {
          const out = [];
          for (let col = r!.left; col <= r!.right; col++)
            out.push({ columnIndex: col, columnHidden: sheet.hiddenCols.has(col) });
          return out;
        });
      },
      getMergedAreasOrNullObject: () => {
        this.requireApi("1.13", "Range.getMergedAreasOrNullObject");
        const inside = sheet.merges.filter((m) => {
          const q = parseRange(m);
          return (
            q.top >= r!.top && q.bottom <= r!.bottom && q.left >= r!.left && q.right <= r!.right
          );
        });
        const address = inside.map((m) => `${quoteName(sheet.name)}!${m}`).join(", ");
        return this.node({ address }, {}, sheet, { isNull: inside.length === 0 }).proxy;
      },
    };
    const range = this.node(
      { ...data, ...methods },
      {
        values: (v) => each((c, _r, _c, i, j) => enterInput(c, grid2(v, i, j))),
        formulas: (v) => each((c, _r, _c, i, j) => enterInput(c, grid2(v, i, j))),
        numberFormat: (v) => each((c, _r, _c, i, j) => (c.fmt = String(grid2(v, i, j)))),
        hyperlink: (v) => {
          this.requireApi("1.7", "Range.hyperlink");
          const h = v as { documentReference?: string; textToDisplay?: string };
          each((c) => {
            c.link = h.documentReference;
            if (h.textToDisplay !== undefined) {
              c.v = h.textToDisplay;
              c.f = undefined;
            }
          });
        },
      },
      sheet,
      { children: { format } }
    );
    // Ranges remember their sheet and address, for names.add, freezeAt and autoFilter.apply.
    (range.raw as any).__sheet = sheet;
    (range.raw as any).__a1 = a1;
    return range;
  }

  private sheetNode(sheet: FakeSheet): Node {
    const fake = this;
    const comments = this.collection(
      () => sheet.comments.map((cm) => this.commentNode(sheet, cm)),
      "1.10",
      "Worksheet.comments"
    );
    const notes = {
      getItemOrNullObject: (address: string) => {
        this.requireApi("1.18", "Worksheet.notes");
        const k = address.replace(/\$/g, "").toUpperCase();
        if (!/^[A-Z]{1,3}\d+$/.test(k)) throw new Error(`InvalidArgument: note key ${address}`);
        const has = sheet.notes.has(k);
        return this.node(
          {
            content: sheet.notes.get(k) ?? "",
            delete: () => {
              if (!has) throw new Error("fake: delete on a null note");
              this.queue(sheet, k, () => sheet.notes.delete(k));
            },
          },
          { content: (v) => sheet.notes.set(k, String(v)) },
          sheet,
          { isNull: !has }
        ).proxy;
      },
    };
    const freezePanes = {
      freezeRows: (n: number) => {
        this.requireApi("1.7", "freezePanes");
        this.queue(sheet, n, () => (sheet.freeze = { rows: n, cols: 0 }));
      },
      freezeColumns: (n: number) => {
        this.requireApi("1.7", "freezePanes");
        this.queue(sheet, n, () => (sheet.freeze = { rows: 0, cols: n }));
      },
      freezeAt: (range: { address: string }) => {
        this.requireApi("1.7", "freezePanes");
        const q = parseRange(String((range as any).__a1));
        this.queue(
          sheet,
          "freezeAt",
          () => (sheet.freeze = { rows: q.bottom + 1, cols: q.right + 1 })
        );
      },
    };
    const autoFilter = {
      apply: (range: unknown) => {
        this.requireApi("1.9", "autoFilter");
        this.queue(sheet, "autoFilter", () => (sheet.autoFilter = String((range as any).__a1)));
      },
    };
    const pageLayout = this.node(
      { orientation: "Portrait" },
      {
        orientation: (v) => {
          this.requireApi("1.9", "pageLayout");
          sheet.orientation = String(v);
        },
        zoom: (v) => {
          this.requireApi("1.9", "pageLayout");
          sheet.fitToPagesWide =
            (v as { horizontalFitToPages?: number }).horizontalFitToPages ?? null;
        },
      },
      sheet
    );
    return this.node(
      {
        name: sheet.name,
        id: sheet.id,
        position: this.sheets.indexOf(sheet),
        visibility: sheet.visibility,
        getRange: (address: string) => fake.rangeNode(sheet, address).proxy,
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => {
          void valuesOnly;
          const box = sheet.usedBox();
          if (!box) {
            const empty = { address: "", rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 };
            return fake.node(empty, {}, sheet, { isNull: true }).proxy;
          }
          const n = fake.rangeNode(
            sheet,
            `${cellAddress(box.top, box.left)}:${cellAddress(box.bottom, box.right)}`
          );
          return n.proxy;
        },
        delete: () =>
          fake.queue(sheet, "delete", () => {
            const i = fake.sheets.indexOf(sheet);
            if (i < 0) throw new Error(`ItemNotFound: sheet ${sheet.name}`);
            // Office.js refuses to delete a very hidden sheet: it must be made visible or hidden first.
            if (sheet.visibility === "VeryHidden")
              throw Object.assign(
                new Error(`InvalidOperation: sheet ${sheet.name} is very hidden`),
                {
                  code: "InvalidOperation",
                }
              );
            fake.sheets.splice(i, 1);
            if (fake.activeSheet === sheet) fake.activeSheet = fake.sheets[0] ?? null;
          }),
        activate: () => fake.queue(sheet, "activate", () => (fake.activeSheet = sheet)),
      },
      {
        position: (v) => {
          const i = fake.sheets.indexOf(sheet);
          fake.sheets.splice(i, 1);
          fake.sheets.splice(Math.min(Number(v), fake.sheets.length), 0, sheet);
        },
        visibility: (v) => {
          if (!["Visible", "Hidden", "VeryHidden"].includes(String(v)))
            throw new Error(`InvalidArgument: visibility ${String(v)}`);
          sheet.visibility = String(v);
        },
      },
      sheet,
      { children: { pageLayout }, extra: { comments, notes, freezePanes, autoFilter } }
    );
  }

  private commentNode(sheet: FakeSheet, cm: { cell: string; content: string }): Node {
    return this.node(
      {
        content: cm.content,
        getLocation: () => {
          this.requireApi("1.10", "Comment.getLocation");
          return this.rangeNode(sheet, cm.cell).proxy;
        },
      },
      {},
      null
    );
  }

  /** A collection: `load("items/a,items/b")` loads a and b on every item; `items` readable after sync. */
  private collection(
    items: () => Node[],
    api: string | null,
    what: string,
    extra: Record<string, unknown> = {}
  ) {
    const fake = this;
    let loaded: Node[] | null = null;
    let at = -1;
    return {
      ...extra,
      load(props: string) {
        if (api) fake.requireApi(api, what);
        const list = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
        loaded = items();
        at = fake.syncs;
        for (const n of loaded) n.proxy.load(list);
        return this;
      },
      get items() {
        if (!loaded || fake.syncs <= at) throw new Error(`PropertyNotLoaded: ${what}.items`);
        return loaded.map((n) => n.proxy);
      },
    };
  }

  private context(): Excel.RequestContext {
    const fake = this;
    const worksheets = this.collection(
      () => this.sheets.map((s) => this.sheetNode(s)),
      null,
      "worksheets",
      {
        getItemOrNullObject(key: string) {
          fake.requireApi("1.4", "worksheets.getItemOrNullObject");
          const s = fake.sheets.find((x) => x.name === key || x.id === key);
          if (s) return fake.sheetNode(s).proxy;
          const none = { name: "", id: "", position: 0, visibility: "Visible" };
          return fake.node(none, {}, null, { isNull: true }).proxy;
        },
        add(name: string) {
          const s = new FakeSheet(`{S${fake.nextId++}}`, name);
          fake.queue(s, name, () => {
            if (fake.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
              throw Object.assign(new Error(`ItemAlreadyExists: ${name}`), {
                code: "ItemAlreadyExists",
              });
            }
            fake.sheets.push(s);
          });
          return fake.sheetNode(s).proxy;
        },
      }
    );
    const nameNode = (n: string) => {
      const entry = this.names.get(n)!;
      const alive = this.sheets.includes(entry.sheet);
      return this.node(
        {
          name: n,
          value: alive ? `${quoteName(entry.sheet.name)}!${absolute(entry.address)}` : "#REF!",
          delete: () => {
            this.requireApi("1.4", "NamedItem.delete");
            this.queue(null, n, () => this.names.delete(n));
          },
        },
        {},
        null
      );
    };
    const names = this.collection(() => [...this.names.keys()].map(nameNode), null, "names", {
      add(name: string, reference: any, comment?: string) {
        fake.requireApi("1.4", "names.add");
        const sheet: FakeSheet = reference.__sheet;
        const address = String(reference.__a1);
        fake.queue(null, [name, address, comment], () => {
          if (fake.names.has(name)) throw new Error(`ItemAlreadyExists: name ${name}`);
          fake.names.set(name, { sheet, address, comment });
        });
      },
    });
    const settings = {
      getItemOrNullObject(key: string) {
        fake.requireApi("1.4", "settings");
        const has = fake.settings.has(key);
        return fake.node(
          {
            value: has ? fake.settings.get(key) : "",
            delete: () => fake.queue(null, key, () => fake.settings.delete(key)),
          },
          {},
          null,
          { isNull: !has }
        ).proxy;
      },
      add(key: string, value: unknown) {
        fake.requireApi("1.4", "settings");
        fake.queue(null, [key, value], () => fake.settings.set(key, value));
      },
    };
    const workbook = this.node({ name: this.fileName }, {}, null, {
      extra: { worksheets, names, settings },
    });
    const application = {
      suspendScreenUpdatingUntilNextSync() {
        fake.requireApi("1.9", "suspendScreenUpdatingUntilNextSync");
        fake.suspendCalls++;
      },
    };
    return {
      workbook: workbook.proxy,
      application,
      sync: () => fake.sync(),
    } as unknown as Excel.RequestContext;
  }

  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.ops;
    const loads = this.toSync;
    const results = this.results.filter((r) => r.born < this.syncs);
    this.ops = [];
    this.toSync = [];
    this.results = this.results.filter((r) => r.born >= this.syncs);
    const request = ops.reduce((n, op) => n + op.bytes, 0);
    const response =
      loads.reduce((n, l) => n + l.props.reduce((m, p) => m + l.node.sizeOf(p), 0), 0) +
      results.reduce((n, r) => n + r.size, 0);
    this.log.push({ request, response });
    if (request > this.limitBytes) {
      throw Object.assign(new Error("The request payload size has exceeded the limit."), {
        code: "RequestPayloadSizeLimitExceeded",
      });
    }
    if (response > this.limitBytes) {
      throw Object.assign(new Error("The response payload size has exceeded the limit."), {
        code: "ResponsePayloadSizeLimitExceeded",
      });
    }
    for (const op of ops) op.apply();
    for (const l of loads) await l.node.raw.sync();
    for (const r of results) r.fill();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Sheet name as Excel writes it in an address: quoted when it is not a plain word. */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "A1" → "$A$1". */
export function absolute(a1: string): string {
  return a1.replace(/\$/g, "").replace(/^([A-Z]+)(\d+)$/i, "$$$1$$$2");
}

export { columnLetters };
