/**
 * The task pane: state, actions and the view drawn from the state. One page for both places it runs:
 * in Excel it works on the open workbook (office-mode.ts), in a plain browser on the files given to it
 * (browser-mode.ts). Every piece of workbook text is put in the page as text (dom.ts), never as HTML.
 */
import { Issue, Lang, Message, Severity, countIssues, formatNumber } from "../core/issue";
import { SheetInfo } from "../core/output";
import { ChartError } from "../excel/chart";
import {
  RequirementError,
  missingFeatures,
  requirementMessage,
  supports,
} from "../excel/requirements";
import { SourceFile, readFile, runOnFiles } from "./browser-mode";
import { chartData, percentIndicators } from "./chart-data";
import { Child, glyph, h, severityIcon } from "./dom";
import { StringKey, both, t } from "./i18n";
import {
  OfficeDeps,
  RunKind,
  analysisOf,
  clearWorkbookFlags,
  drawChart,
  goToCell,
  importFiles,
  listSheets,
  runInWorkbook,
} from "./office-mode";
import { Busy, Mode, Notice, Outcome, PaneState, SheetChoice, initialState } from "./state";

/** Issues drawn in the list at most; the rest are on the Kiểm tra tab (or in the file). */
export const MAX_SHOWN = 500;
const SEVERITIES: Severity[] = ["error", "warning", "info"];
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LANG_KEY = "tong-hop-lang";

export interface AppOptions {
  mode: Mode;
  /** Excel.run and the requirement checker (Excel only). */
  office?: OfficeDeps;
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

function errorText(err: unknown): Message {
  if (err instanceof RequirementError) return err.text;
  const e = err as { code?: string; message?: string } | null;
  const detail = [e?.code, e?.message ?? String(err)].filter((x) => x).join(": ");
  return {
    vi: t("vi", "runFailed", { error: detail }),
    en: t("en", "runFailed", { error: detail }),
  };
}

const fileSize = (n: number, lang: Lang) =>
  n >= 1024 * 1024
    ? `${formatNumber(Math.round((n / 1024 / 1024) * 10) / 10, lang)} MB`
    : `${formatNumber(Math.max(1, Math.round(n / 1024)), lang)} KB`;

export class App {
  state: PaneState;
  private readonly office?: OfficeDeps;

  constructor(
    private readonly root: HTMLElement,
    options: AppOptions
  ) {
    this.state = initialState(options.mode, storedLang());
    this.office = options.office;
  }

  /** First draw; in Excel, also the requirement check and the sheet list. */
  async start(): Promise<void> {
    this.render();
    if (this.state.mode === "browser") {
      // Files dropped anywhere on the pane are taken, instead of the browser opening them in its place.
      window.addEventListener("dragover", (e) => e.preventDefault());
      window.addEventListener("drop", (e) => {
        e.preventDefault();
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length > 0 && !this.state.busy) void this.addFiles(files);
      });
    }
    if (this.state.mode === "office" && this.office) {
      const check = this.office.check;
      if (!supports(check, "base")) this.state.blocked = requirementMessage("base");
      this.state.missing = missingFeatures(check)
        .filter((m) => m.id !== "base")
        .map((m) => m.message);
      if (!this.state.blocked) await this.refreshSheets();
    }
    this.state.ready = true;
    this.render();
  }

  // ---------------------------------------------------------------- actions

  private set(patch: Partial<PaneState>): void {
    Object.assign(this.state, patch);
    this.render();
  }

  private say(key: StringKey, data?: Record<string, string | number>): string {
    return t(this.state.lang, key, data);
  }

  private notify(notice: Notice, replace = true): void {
    this.state.notices = replace ? [notice] : [...this.state.notices, notice];
    this.render();
  }

  /** Runs a task with the progress line shown; a failure becomes an error notice. */
  private async task(busy: Busy, work: () => Promise<void>): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy, notices: [] });
    try {
      await work();
    } catch (err) {
      this.state.notices = [...this.state.notices, { tone: "error", text: errorText(err) }];
    } finally {
      this.set({ busy: null });
    }
  }

  setLang(lang: Lang): void {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Storage may be refused; the choice then lasts for this page only.
    }
    this.set({ lang });
  }

  private choicesOf(file: string, sheets: SheetInfo[], ours = false): SheetChoice[] {
    return sheets.map((s) => ({
      file,
      sheet: s.sheet,
      kind: s.kind,
      unitName: s.unitName,
      reason: s.reason,
      checked: s.kind === "unit" && !ours,
    }));
  }

  async refreshSheets(): Promise<void> {
    const office = this.office;
    if (!office) return;
    await this.task({ key: "phase_readWorkbook" }, async () => {
      const { file, sheets } = await listSheets(office);
      const before = new Map(this.state.sheets.map((s) => [s.sheet, s.checked]));
      this.state.sheets = this.choicesOf(file, sheets).map((c) => ({
        ...c,
        checked: before.get(c.sheet) ?? c.checked,
      }));
    });
  }

  /** Browser: reads the files given (picker or drop) and lists their sheets. */
  async addFiles(files: File[]): Promise<void> {
    const xlsx = files.filter((f) => f.name.length > 0);
    if (xlsx.length === 0) return;
    await this.task({ key: "phase_readFile" }, async () => {
      for (let i = 0; i < xlsx.length; i++) {
        const f = xlsx[i];
        this.set({
          busy: { key: "phase_readFile", data: { name: f.name, done: i + 1, total: xlsx.length } },
        });
        const bytes = new Uint8Array(await f.arrayBuffer());
        const read = await readFile(f.name, bytes);
        this.state.files = [...this.state.files.filter((x) => x.name !== f.name), read];
        this.state.sheets = [
          ...this.state.sheets.filter((s) => s.file !== f.name),
          ...this.choicesOf(f.name, read.sheets, read.isOurOutput),
        ];
      }
    });
  }

  removeFile(name: string): void {
    this.state.opened.delete(name);
    this.set({
      files: this.state.files.filter((f) => f.name !== name),
      sheets: this.state.sheets.filter((s) => s.file !== name),
    });
  }

  toggleSheet(index: number, checked: boolean): void {
    const s = this.state.sheets[index];
    if (s) s.checked = checked;
    this.render();
  }

  selectUnits(all: boolean): void {
    const ours = new Set(this.state.files.filter((f) => f.isOurOutput).map((f) => f.name));
    for (const s of this.state.sheets) s.checked = all && s.kind === "unit" && !ours.has(s.file);
    this.render();
  }

  async run(kind: RunKind): Promise<void> {
    const st = this.state;
    const only = st.sheets.filter((s) => s.checked).map((s) => ({ file: s.file, sheet: s.sheet }));
    if (st.mode === "browser" && st.files.length === 0) {
      this.notify({ tone: "warning", text: both("needFiles") });
      return;
    }
    if (only.length === 0) {
      this.notify({ tone: "warning", text: both("needSheets") });
      return;
    }
    const options = {
      lang: st.lang,
      percentDecimals: st.percentDecimals,
      linkToSources: st.linkToSources,
      only,
    };
    const firstPhase: StringKey = st.mode === "office" ? "phase_readWorkbook" : "phase_engine";
    await this.task({ key: firstPhase }, async () => {
      if (st.outcome?.download) URL.revokeObjectURL(st.outcome.download.url);
      st.outcome = null;
      st.selectedIssue = null;
      if (st.mode === "office" && this.office) {
        const done = await runInWorkbook(this.office, kind, options, (phase) =>
          this.set({ busy: { key: `phase_${phase}` } })
        );
        const role = kind === "consolidate" ? "summary" : "issues";
        const summary = done.written.sheets.find((s) => s.role === "summary")?.name ?? null;
        const wb = done.workbook;
        const analysis =
          kind === "consolidate"
            ? analysisOf([wb], { only: only.map((o) => ({ file: wb.file, sheet: o.sheet })) })
            : null;
        st.outcome = {
          kind,
          issues: done.result.issues,
          units: done.result.units.length,
          files: 1,
          sheetName: done.written.sheets.find((s) => s.role === role)?.name ?? null,
          summarySheet: summary,
          flagged: done.written.flagged,
          download: null,
          indicators: analysis ? percentIndicators(analysis, done.result.totals) : [],
          analysis,
          workbooks: [done.workbook],
          percentDecimals: st.percentDecimals,
        };
      } else {
        const done = await runOnFiles(kind, st.files, options, (phase) =>
          this.set({ busy: { key: `phase_${phase}` } })
        );
        const download = done.bytes
          ? {
              url: URL.createObjectURL(new Blob([done.bytes as BlobPart], { type: XLSX_MIME })),
              name: "tong-hop.xlsx",
            }
          : null;
        st.outcome = {
          kind,
          issues: done.issues,
          units: done.result.units.length,
          files: new Set(done.result.units.map((u) => u.file)).size,
          sheetName: null,
          summarySheet: null,
          flagged: 0,
          download,
          indicators: [],
          analysis: null,
          workbooks: done.workbooks,
          percentDecimals: st.percentDecimals,
        };
      }
      st.chartChoice = st.outcome.indicators[0]?.id ?? null;
    });
    // The results are below the controls: take the reader (and screen readers) there.
    if (st.outcome) this.root.querySelector<HTMLElement>("#results-title")?.focus();
  }

  async clearFlags(): Promise<void> {
    const office = this.office;
    if (!office) return;
    await this.task({ key: "phase_clear" }, async () => {
      const r = await clearWorkbookFlags(office);
      this.state.notices = [{ tone: "success", text: both("flagsCleared", { n: r.restored }) }];
      if (r.kept > 0)
        this.state.notices.push({ tone: "info", text: both("flagsKept", { n: r.kept }) });
      // Without ExcelApi 1.18 the command line's notes stay: say so, and what to do instead.
      if (r.notice) this.state.notices.push({ tone: "info", text: r.notice });
    });
  }

  async importFiles(files: File[]): Promise<void> {
    const office = this.office;
    if (!office || files.length === 0) return;
    if (!supports(office.check, "insertWorksheets")) {
      this.notify({ tone: "warning", text: requirementMessage("insertWorksheets") });
      return;
    }
    let imported = 0;
    await this.task({ key: "phase_import", data: { name: files[0].name } }, async () => {
      const loaded = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
      );
      const out = await importFiles(office, loaded, (name) =>
        this.set({ busy: { key: "phase_import", data: { name } } })
      );
      const notices: Notice[] = [];
      for (const p of out.problems) notices.push({ tone: "error", text: p.message });
      for (const name of out.empty)
        notices.push({ tone: "warning", text: both("importNothing", { name }) });
      const names = out.report?.inserted.flatMap((x) => x.names) ?? [];
      imported = names.length;
      if (imported > 0)
        notices.unshift({
          tone: "success",
          text: both("imported", { n: imported, names: names.join(", ") }),
          action: "consolidate",
        });
      this.state.notices = notices;
    });
    if (imported > 0) {
      const notices = this.state.notices;
      await this.refreshSheets();
      this.set({ notices: [...notices, ...this.state.notices] });
    }
  }

  async selectIssue(index: number): Promise<void> {
    const issue = this.state.outcome?.issues[index];
    if (!issue) return;
    this.set({ selectedIssue: index });
    const office = this.office;
    if (this.state.mode !== "office" || !office || !issue.sheet || !issue.cell) return;
    try {
      const found = await goToCell(office, issue.sheet, issue.cell);
      if (!found) this.notify({ tone: "warning", text: both("sheetGone", { sheet: issue.sheet }) });
    } catch (err) {
      this.notify({ tone: "error", text: errorText(err) });
    }
  }

  async drawChart(): Promise<void> {
    const office = this.office;
    const o = this.state.outcome;
    const ind = o?.indicators.find((i) => i.id === this.state.chartChoice);
    if (!office || !o || !o.analysis || !o.summarySheet || !ind) return;
    const data = chartData(o.analysis, ind, o.percentDecimals);
    const lang = this.state.lang;
    const sheet = o.summarySheet;
    await this.task({ key: "phase_chart" }, async () => {
      try {
        const r = await drawChart(office, {
          sheet,
          title: data.title,
          categoryHeader: t(lang, "chartUnit"),
          valueHeader: data.header,
          points: data.points,
          total: data.total === null ? null : { name: t(lang, "chartTotal"), value: data.total },
          decimals: data.decimals,
        });
        this.state.notices = [
          {
            tone: "success",
            text: both("chartDone", { sheet, n: r.bars - (data.total === null ? 0 : 1) }),
          },
        ];
      } catch (err) {
        if (err instanceof ChartError && err.reason === "no-data")
          this.state.notices = [{ tone: "warning", text: both("chartNoData") }];
        else if (err instanceof ChartError)
          this.state.notices = [{ tone: "warning", text: both("sheetGone", { sheet }) }];
        else throw err;
      }
    });
  }

  // ---------------------------------------------------------------- view

  /** Redraws the pane, keeping keyboard focus on the control that had it. */
  render(): void {
    const active = document.activeElement as HTMLElement | null;
    const focusKey = active?.dataset?.key ?? null;
    document.documentElement.lang = this.state.lang;
    document.title = this.say("appTitle");
    this.root.replaceChildren(...this.view());
    if (focusKey) {
      const again = this.root.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`);
      again?.focus();
    }
  }

  private view(): Node[] {
    const st = this.state;
    const nodes: Child[] = [
      this.header(),
      h(
        "main",
        { class: "pane" },
        h("p", { class: "mode" }, this.say(st.mode === "office" ? "modeOffice" : "modeBrowser")),
        st.blocked ? this.noticeView({ tone: "error", text: st.blocked }) : null,
        st.missing.length > 0 ? this.missingView() : null,
        st.blocked ? null : this.sourcesView(),
        st.blocked ? null : this.optionsView(),
        st.blocked ? null : this.actionsView(),
        this.progressView(),
        h(
          "div",
          { class: "notices", attrs: { "aria-live": "polite" } },
          ...st.notices.map((n) => this.noticeView(n))
        ),
        st.outcome ? this.resultsView(st.outcome) : null
      ),
    ];
    return nodes.filter((n): n is Node => n instanceof Node);
  }

  private header(): HTMLElement {
    const lang = this.state.lang;
    const langButton = (code: Lang, label: string, full: string) =>
      h(
        "button",
        {
          class: "seg",
          attrs: {
            type: "button",
            "aria-pressed": lang === code ? "true" : "false",
            "data-key": `lang-${code}`,
            lang: code,
            title: full,
          },
          on: { click: () => this.setLang(code) },
        },
        label
      );
    return h(
      "header",
      { class: "app-header" },
      h("img", { attrs: { src: "assets/icon-32.png", alt: "", width: 24, height: 24 } }),
      h("h1", {}, this.say("appTitle")),
      h(
        "div",
        { class: "segmented", attrs: { role: "group", "aria-label": this.say("language") } },
        langButton("vi", "VI", "Tiếng Việt"),
        langButton("en", "EN", "English")
      )
    );
  }

  private missingView(): HTMLElement {
    const lang = this.state.lang;
    const box = h(
      "details",
      { class: "notice notice-info missing", attrs: { open: this.state.missingOpen } },
      h(
        "summary",
        { attrs: { "data-key": "missing" } },
        this.say("missingFeatures", { n: this.state.missing.length })
      ),
      h("ul", {}, ...this.state.missing.map((m) => h("li", {}, m[lang])))
    );
    box.addEventListener("toggle", () => (this.state.missingOpen = box.open));
    return box;
  }

  private noticeView(n: Notice): HTMLElement {
    const sev: Severity = n.tone === "error" ? "error" : n.tone === "warning" ? "warning" : "info";
    return h(
      "div",
      {
        class: `notice notice-${n.tone}`,
        attrs: { role: n.tone === "error" ? "alert" : "status" },
      },
      n.tone === "success" ? null : severityIcon(sev, this.say(`sevOne_${sev}`)),
      h(
        "div",
        { class: "notice-body" },
        h("p", {}, n.text[this.state.lang]),
        n.action === "consolidate"
          ? h(
              "button",
              {
                class: "btn btn-primary btn-small",
                attrs: { type: "button", "data-key": "notice-consolidate" },
                on: { click: () => void this.run("consolidate") },
              },
              this.say("consolidateNow")
            )
          : null
      )
    );
  }

  private sourcesView(): HTMLElement {
    const st = this.state;
    const office = st.mode === "office";
    const body: Child[] = [];
    if (office) {
      body.push(
        h(
          "div",
          { class: "toolbar" },
          h(
            "button",
            {
              class: "btn btn-subtle",
              attrs: {
                type: "button",
                "data-key": "refresh",
                "aria-label": this.say("refreshLabel"),
                disabled: !!st.busy,
              },
              on: { click: () => void this.refreshSheets() },
            },
            glyph("refresh"),
            this.say("refresh")
          ),
          this.fileButton(
            "import",
            this.say("importFiles"),
            (files) => void this.importFiles(files)
          )
        ),
        h("p", { class: "hint" }, this.say("importHint"))
      );
    } else {
      body.push(this.dropZone());
    }
    if (office) body.push(this.sheetList(st.sheets.map((s, i) => ({ s, i }))));
    else if (st.files.length === 0) body.push(h("p", { class: "empty" }, this.say("noFiles")));
    else body.push(h("div", { class: "files" }, ...st.files.map((f, i) => this.fileView(f, i))));
    if (st.sheets.length > 0) body.push(this.selectionBar());
    else if (office && st.ready) body.push(h("p", { class: "empty" }, this.say("noSheets")));
    return h(
      "section",
      { class: "card", attrs: { "aria-labelledby": "sources-title" } },
      h("h2", { id: "sources-title" }, this.say(office ? "sheetsTitle" : "filesTitle")),
      ...body
    );
  }

  /** A button that opens the file picker (the input itself stays hidden but is what tests fill). */
  private fileButton(key: string, label: string, onFiles: (files: File[]) => void): HTMLElement {
    const input = h("input", {
      class: "visually-hidden",
      id: `${key}-input`,
      attrs: {
        type: "file",
        accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        multiple: true,
        tabindex: -1,
        "aria-hidden": "true",
      },
      on: {
        change: () => {
          const files = Array.from(input.files ?? []);
          input.value = "";
          onFiles(files);
        },
      },
    });
    const button = h(
      "button",
      {
        // One primary button at a time: choosing files until there are some, then Tổng hợp.
        class:
          key !== "files"
            ? "btn btn-subtle"
            : this.state.files.length === 0
              ? "btn btn-primary"
              : "btn",
        attrs: { type: "button", "data-key": `${key}-button`, disabled: !!this.state.busy },
        on: { click: () => input.click() },
      },
      glyph("upload"),
      label
    );
    return h("span", { class: "file-button" }, button, input);
  }

  private dropZone(): HTMLElement {
    const zone = h(
      "div",
      { class: "dropzone", attrs: { "data-testid": "dropzone" } },
      h("p", {}, this.say("dropHint")),
      this.fileButton("files", this.say("chooseFiles"), (files) => void this.addFiles(files))
    );
    const over = (e: Event) => {
      e.preventDefault();
      zone.classList.add("dragover");
    };
    zone.addEventListener("dragenter", over);
    zone.addEventListener("dragover", over);
    zone.addEventListener("dragleave", () => zone.classList.remove("dragover"));
    // The drop itself is taken by the whole page (start()); the zone only shows where to drop.
    zone.addEventListener("drop", () => zone.classList.remove("dragover"));
    return zone;
  }

  /** A file's sheets are shown when there is something to look at, or when there are few files. */
  private fileOpen(f: SourceFile, rows: SheetChoice[]): boolean {
    const mine = this.state.opened.get(f.name);
    if (mine !== undefined) return mine;
    const plain = rows.every((s) => s.kind === "unit" && s.checked);
    return this.state.files.length <= 2 || f.issues.length > 0 || f.isOurOutput || !plain;
  }

  private fileView(f: SourceFile, index: number): HTMLElement {
    const lang = this.state.lang;
    const rows = this.state.sheets.map((s, i) => ({ s, i })).filter((x) => x.s.file === f.name);
    const open = this.fileOpen(
      f,
      rows.map((x) => x.s)
    );
    const chosen = rows.filter((x) => x.s.checked).length;
    const count = f.workbook
      ? this.say("fileSheets", { n: chosen, total: rows.length })
      : this.say("fileUnreadable");
    const bodyId = `file-${index}-body`;
    return h(
      "div",
      { class: "file", attrs: { "data-file": f.name } },
      h(
        "div",
        { class: "file-head" },
        h(
          "button",
          {
            class: "file-toggle",
            attrs: {
              type: "button",
              "aria-expanded": String(open),
              "aria-controls": bodyId,
              "data-key": `file-${index}`,
            },
            on: {
              click: () => {
                this.state.opened.set(f.name, !open);
                this.render();
              },
            },
          },
          h(
            "span",
            { class: "file-title" },
            h("span", { class: "file-name" }, f.name),
            h("span", { class: "file-meta" }, `${fileSize(f.size, lang)} · ${count}`)
          )
        ),
        h(
          "button",
          {
            class: "btn-icon",
            attrs: {
              type: "button",
              "aria-label": this.say("removeFile", { name: f.name }),
              title: this.say("removeFile", { name: f.name }),
              "data-key": `remove-${index}`,
              disabled: !!this.state.busy,
            },
            on: { click: () => this.removeFile(f.name) },
          },
          "×"
        )
      ),
      h(
        "div",
        { class: "file-body", id: bodyId, attrs: { hidden: !open } },
        ...f.issues.map((i) =>
          h(
            "p",
            { class: `file-issue sev-text-${i.severity}` },
            severityIcon(i.severity, this.say(`sevOne_${i.severity}`)),
            h("span", {}, i.message[lang])
          )
        ),
        f.isOurOutput ? h("p", { class: "hint" }, this.say("fileOurs")) : null,
        rows.length > 0 ? this.sheetList(rows) : null
      )
    );
  }

  private sheetList(rows: { s: SheetChoice; i: number }[]): HTMLElement {
    const lang = this.state.lang;
    return h(
      "ul",
      { class: "sheets" },
      ...rows.map(({ s, i }) => {
        const id = `sheet-${i}`;
        const reason = s.reason.split("\n")[lang === "vi" ? 0 : 1] ?? s.reason;
        const detail = s.kind === "unit" && s.unitName ? s.unitName : reason;
        return h(
          "li",
          { class: "sheet" },
          h("input", {
            id,
            attrs: {
              type: "checkbox",
              "data-key": id,
              checked: s.checked,
              disabled: !!this.state.busy,
              "aria-describedby": `${id}-detail`,
            },
            on: {
              change: (e) => this.toggleSheet(i, (e.target as HTMLInputElement).checked),
            },
          }),
          h(
            "label",
            { attrs: { for: id } },
            h("span", { class: "sheet-name" }, s.sheet),
            h("span", { class: "sheet-detail", id: `${id}-detail` }, detail)
          ),
          h("span", { class: `kind kind-${s.kind}` }, this.say(`kind_${s.kind}`))
        );
      })
    );
  }

  private selectionBar(): HTMLElement {
    const sheets = this.state.sheets;
    const n = sheets.filter((s) => s.checked).length;
    const link = (key: string, label: string, all: boolean) =>
      h(
        "button",
        {
          class: "btn-link",
          attrs: { type: "button", "data-key": key, disabled: !!this.state.busy },
          on: { click: () => this.selectUnits(all) },
        },
        label
      );
    return h(
      "div",
      { class: "selection" },
      h(
        "span",
        { attrs: { "aria-live": "polite" } },
        this.say("selected", { n, total: sheets.length })
      ),
      h(
        "span",
        { class: "selection-links" },
        link("select-units", this.say("selectUnits"), true),
        link("select-none", this.say("selectNone"), false)
      )
    );
  }

  private optionsView(): HTMLElement {
    const st = this.state;
    const select = h(
      "select",
      {
        id: "opt-decimals",
        attrs: { "data-key": "opt-decimals", disabled: !!st.busy },
        on: {
          change: (e) => {
            const v = (e.target as HTMLSelectElement).value;
            this.set({ percentDecimals: v === "" ? null : Number(v) });
          },
        },
      },
      ...[null, 0, 1, 2].map((d) =>
        h(
          "option",
          { attrs: { value: d === null ? "" : String(d), selected: st.percentDecimals === d } },
          d === null ? this.say("decimalsForm") : String(d)
        )
      )
    );
    return h(
      "section",
      { class: "card", attrs: { "aria-labelledby": "options-title" } },
      h("h2", { id: "options-title" }, this.say("optionsTitle")),
      h(
        "div",
        { class: "field" },
        h("label", { attrs: { for: "opt-decimals" } }, this.say("decimals")),
        select
      ),
      h(
        "div",
        { class: "check" },
        h("input", {
          id: "opt-links",
          attrs: {
            type: "checkbox",
            "data-key": "opt-links",
            checked: st.linkToSources,
            disabled: !!st.busy,
          },
          on: {
            change: (e) => this.set({ linkToSources: (e.target as HTMLInputElement).checked }),
          },
        }),
        h("label", { attrs: { for: "opt-links" } }, this.say("links"))
      )
    );
  }

  private actionsView(): HTMLElement {
    const busy = !!this.state.busy;
    const button = (key: string, label: string, cls: string, act: () => void, icon?: SVGElement) =>
      h(
        "button",
        {
          class: `btn ${cls}`,
          attrs: { type: "button", "data-key": key, disabled: busy },
          on: { click: act },
        },
        icon ?? null,
        label
      );
    return h(
      "div",
      { class: "actions" },
      button(
        "run-consolidate",
        this.say("consolidate"),
        "btn-primary",
        () => void this.run("consolidate")
      ),
      button(
        "run-validate",
        this.say("validate"),
        "btn-secondary",
        () => void this.run("validate")
      ),
      this.state.mode === "office"
        ? button(
            "clear-flags",
            this.say("clearFlags"),
            "btn-subtle",
            () => void this.clearFlags(),
            glyph("eraser")
          )
        : null
    );
  }

  private progressView(): HTMLElement | null {
    const b = this.state.busy;
    if (!b) return null;
    return h(
      "div",
      { class: "progress", attrs: { role: "status", "aria-live": "polite" } },
      h(
        "div",
        {
          class: "progress-track",
          attrs: { role: "progressbar", "aria-label": this.say("busy"), "aria-busy": "true" },
        },
        h("div", { class: "progress-bar" })
      ),
      h("p", { class: "progress-text" }, this.say(b.key, b.data))
    );
  }

  private resultsView(o: Outcome): HTMLElement {
    const lang = this.state.lang;
    const counts = countIssues(o.issues).bySeverity;
    const summary =
      o.kind === "consolidate"
        ? o.sheetName
          ? this.say("doneConsolidateSheet", { units: o.units, sheet: o.sheetName })
          : this.say("doneConsolidate", { units: o.units, files: o.files })
        : o.sheetName
          ? this.say("doneValidateSheet", { units: o.units, sheet: o.sheetName })
          : this.say("doneValidate", { units: o.units });
    return h(
      "section",
      { class: "card results", attrs: { "aria-labelledby": "results-title" } },
      h("h2", { id: "results-title", attrs: { tabindex: -1 } }, this.say("resultsTitle")),
      h("p", { class: "summary" }, summary),
      o.flagged > 0 ? h("p", { class: "hint" }, this.say("flagged", { n: o.flagged })) : null,
      h(
        "ul",
        { class: "counts", attrs: { "aria-label": this.say("counts") } },
        ...SEVERITIES.map((s) =>
          h(
            "li",
            { class: `count count-${s}`, attrs: { "data-severity": s } },
            severityIcon(s, this.say(`sevOne_${s}`)),
            h("span", { class: "count-n" }, formatNumber(counts[s], lang)),
            h("span", { class: "count-label" }, this.say(`sev_${s}`))
          )
        )
      ),
      o.download
        ? h(
            "a",
            {
              class: "btn btn-primary download",
              attrs: { href: o.download.url, download: o.download.name, "data-key": "download" },
            },
            glyph("download"),
            this.say("download")
          )
        : null,
      o.indicators.length > 0 && o.summarySheet ? this.chartView(o) : null,
      this.issuesView(o)
    );
  }

  private chartView(o: Outcome): HTMLElement {
    const st = this.state;
    return h(
      "div",
      { class: "chart-box" },
      h("h3", {}, this.say("chartTitle")),
      h(
        "div",
        { class: "field" },
        h("label", { attrs: { for: "chart-indicator" } }, this.say("chartIndicator")),
        h(
          "select",
          {
            id: "chart-indicator",
            attrs: { "data-key": "chart-indicator", disabled: !!st.busy },
            on: { change: (e) => this.set({ chartChoice: (e.target as HTMLSelectElement).value }) },
          },
          ...o.indicators.map((ind) =>
            h(
              "option",
              { attrs: { value: ind.id, selected: ind.id === st.chartChoice } },
              ind.label
            )
          )
        )
      ),
      h(
        "button",
        {
          class: "btn btn-secondary",
          attrs: { type: "button", "data-key": "chart-draw", disabled: !!st.busy },
          on: { click: () => void this.drawChart() },
        },
        glyph("chart"),
        this.say("chartDraw")
      )
    );
  }

  private issuesView(o: Outcome): HTMLElement {
    if (o.issues.length === 0)
      return h("p", { class: "no-issues" }, severityIcon("info", ""), this.say("noIssues"));
    const lang = this.state.lang;
    const groups = new Map<string, { issue: Issue; index: number }[]>();
    o.issues.slice(0, MAX_SHOWN).forEach((issue, index) => {
      const name = issue.unit ?? issue.file ?? this.say("generalGroup");
      const list = groups.get(name) ?? [];
      list.push({ issue, index });
      groups.set(name, list);
    });
    const box = h("div", { class: "issues" }, h("h3", {}, this.say("issuesTitle")));
    for (const [name, list] of groups) {
      const worst = SEVERITIES.find((s) => list.some((x) => x.issue.severity === s)) ?? "info";
      const details = h(
        "details",
        { class: "group", attrs: { open: !this.state.folded.has(name), "data-unit": name } },
        h(
          "summary",
          { attrs: { "data-key": `group-${name}` } },
          severityIcon(worst, this.say(`sevOne_${worst}`)),
          h("span", { class: "group-name" }, name),
          h("span", { class: "group-count" }, formatNumber(list.length, lang))
        ),
        h("ul", {}, ...list.map((x) => this.issueView(x.issue, x.index)))
      );
      details.addEventListener("toggle", () => {
        if (details.open) this.state.folded.delete(name);
        else this.state.folded.add(name);
      });
      box.appendChild(details);
    }
    if (o.issues.length > MAX_SHOWN)
      box.appendChild(
        h(
          "p",
          { class: "hint" },
          this.say("moreIssues", { shown: MAX_SHOWN, total: o.issues.length })
        )
      );
    return box;
  }

  private issueView(issue: Issue, index: number): HTMLElement {
    const lang = this.state.lang;
    const selected = this.state.selectedIssue === index;
    const place = [issue.sheet, issue.cell].filter((x) => x).join(" · ");
    const where =
      issue.sheet && issue.cell
        ? this.say("where", { file: issue.file ?? "", sheet: issue.sheet, cell: issue.cell })
        : issue.file
          ? this.say("whereFile", { file: issue.file })
          : null;
    const value = (v: number | string) => (typeof v === "number" ? formatNumber(v, lang) : v);
    const numbers =
      issue.expected !== null && issue.actual !== null
        ? this.say("expectedActual", {
            expected: value(issue.expected),
            actual: value(issue.actual),
          })
        : null;
    const canGo = this.state.mode === "office" && issue.sheet && issue.cell;
    return h(
      "li",
      { class: `issue sev-${issue.severity}${selected ? " selected" : ""}` },
      h(
        "button",
        {
          class: "issue-button",
          attrs: {
            type: "button",
            "data-key": `issue-${index}`,
            "aria-expanded": this.state.mode === "browser" ? String(selected) : null,
            title: canGo ? this.say("goTo", { cell: issue.cell!, sheet: issue.sheet! }) : null,
          },
          on: { click: () => void this.selectIssue(index) },
        },
        severityIcon(issue.severity, this.say(`sevOne_${issue.severity}`)),
        h(
          "span",
          { class: "issue-text" },
          h("span", { class: "issue-message" }, issue.message[lang]),
          place ? h("span", { class: "issue-place" }, place) : null
        )
      ),
      selected && this.state.mode === "browser" && (where || numbers)
        ? h(
            "div",
            { class: "issue-detail", attrs: { role: "status" } },
            where ? h("p", {}, where) : null,
            numbers ? h("p", {}, numbers) : null
          )
        : null
    );
  }
}
