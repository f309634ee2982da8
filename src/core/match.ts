/**
 * Lining up the units: every unit's rows and columns are matched to one form (the template when given, else
 * the union of the units in their usual order) by code and normalised label, so that rows in another order,
 * a header on another row, an extra column, NFD labels, other casing or tone placement all line up. A row that
 * matches nothing is kept as its own form row (inForm false), never dropped or merged.
 */
import {
  Analysis,
  FormMeasure,
  FormRow,
  IndicatorRow,
  Measure,
  MeasureKind,
  SheetLayout,
} from "./analysis";
import { Issue } from "./issue";
import { WorkbookModel } from "./model";
import { SheetInfo } from "./output";
import { looseKey, measureLooseKey, nfc } from "./keys";
import { classifySheet } from "./layout/detect";
import { OurSheet, learnRelations } from "./relations";
import { analysisIssue } from "./analysis-rules";

export interface AnalyzeOptions {
  /** Restrict the units to these sheets (file + sheet). */
  only?: { file: string; sheet: string }[];
  /** Called after each sheet is read (sheets done, sheets in all). */
  onProgress?: (done: number, total: number) => void;
}

function tokens(s: string): Set<string> {
  return new Set(
    looseKey(s)
      .split(" ")
      .filter((t) => t.length > 0)
  );
}

/** Dice similarity of two labels' words. */
export function labelSimilarity(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const t of x) if (y.has(t)) common++;
  return (2 * common) / (x.size + y.size);
}

function codePath(rows: IndicatorRow[], i: number): string | null {
  const r = rows[i];
  if (!r.code || r.code === "-" || r.code === "+" || r.code === "*") return null;
  const parts = [r.code];
  let p = r.parent;
  while (p !== null) {
    const c = rows[p].code;
    if (c && c !== "-" && c !== "+" && c !== "*") parts.unshift(c);
    p = rows[p].parent;
  }
  return parts.join("/");
}

interface RowAcc {
  row: FormRow;
  labels: Map<string, number>;
  /** The layout and row index the form row's structure comes from. */
  ref: { layout: SheetLayout; index: number };
  order: number;
  positions: number[];
}

export function median(xs: number[]): number {
  // A typed array sorts numbers natively: no comparator called for each of a thousand units' places.
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Reads every workbook, classifies its sheets, matches the units, learns the relations. */
export function analyze(workbooks: WorkbookModel[], options: AnalyzeOptions = {}): Analysis {
  const sheets: SheetInfo[] = [];
  const units: SheetLayout[] = [];
  const templates: SheetLayout[] = [];
  const ours: OurSheet[] = [];
  const only = options.only ? new Set(options.only.map((o) => `${o.file}\u0000${o.sheet}`)) : null;
  const total = workbooks.reduce((n, wb) => n + wb.sheets.length, 0);
  let done = 0;
  for (const wb of workbooks) {
    // Our tabs a reader found by their markers: the rules tab is read whatever staff renamed it to.
    for (const t of wb.ours ?? []) ours.push({ file: wb.file, sheet: t.sheet, role: t.role });
    for (const sheet of wb.sheets) {
      const { info, layout } = classifySheet(wb.file, sheet);
      options.onProgress?.(++done, total);
      sheets.push(info);
      if (info.kind === "ours") ours.push({ file: wb.file, sheet });
      if (!layout) continue;
      if (info.kind === "template") templates.push(layout);
      else if (info.kind === "unit") {
        if (only && !only.has(`${wb.file}\u0000${sheet.name}`)) continue;
        units.push(layout);
      }
    }
  }
  const template = templates[0] ?? null;
  const issues: Issue[] = [];
  const measures = matchMeasures(template, units, issues);
  const rows = matchRows(template, units);
  const analysis: Analysis = {
    sheets,
    units,
    template,
    rows,
    measures,
    relations: [],
    notLearned: [],
    issues,
  };
  learnRelations(analysis, ours);
  return analysis;
}

function matchMeasures(
  template: SheetLayout | null,
  units: SheetLayout[],
  issues: Issue[]
): FormMeasure[] {
  const form: FormMeasure[] = [];
  const byKey = new Map<string, number>();
  const byLoose = new Map<string, number>();
  const kinds: Map<MeasureKind, number>[] = [];
  const decimals: Map<number, number>[] = [];
  const inTemplate = new Set<number>();
  const add = (m: Measure): number => {
    const i = form.length;
    let key = m.key;
    for (let n = 2; byKey.has(key); n++) key = `${m.key} #${n}`;
    form.push({
      key,
      header: m.header.normalize("NFC"),
      kind: m.kind,
      decimals: m.decimals,
      columnNumber: m.columnNumber,
      unitCount: 0,
      inForm: false,
    });
    byKey.set(key, i);
    const loose = measureLooseKey(m.header);
    if (!byLoose.has(loose)) byLoose.set(loose, i);
    kinds.push(new Map());
    decimals.push(new Map());
    return i;
  };
  const place = (layout: SheetLayout, isTemplate: boolean): void => {
    const taken = new Set<number>();
    for (const m of layout.measures) {
      let i = byKey.get(m.key);
      if (i === undefined || taken.has(i)) i = byLoose.get(measureLooseKey(m.header));
      if (i !== undefined && taken.has(i)) i = undefined;
      if (i === undefined) {
        // Same kind, same place among the columns of that kind, not yet used by this unit.
        const ordinal = layout.measures.filter((x) => x.kind === m.kind && x.col < m.col).length;
        const sameKind = form.map((f, k) => ({ f, k })).filter((x) => x.f.kind === m.kind);
        const cand = sameKind[ordinal];
        if (
          cand &&
          !taken.has(cand.k) &&
          (form[cand.k].inForm || isTemplate) &&
          !byKeyInLayout(layout, cand.f.key)
        )
          i = cand.k;
      }
      if (i === undefined) i = add(m);
      taken.add(i);
      m.key = form[i].key;
      if (isTemplate) {
        inTemplate.add(i);
        form[i].inForm = true;
      } else {
        form[i].unitCount = (form[i].unitCount ?? 0) + 1;
        kinds[i].set(m.kind, (kinds[i].get(m.kind) ?? 0) + 1);
        if (m.decimals !== null)
          decimals[i].set(m.decimals, (decimals[i].get(m.decimals) ?? 0) + 1);
        if (form[i].columnNumber === null) form[i].columnNumber = m.columnNumber;
      }
    }
  };
  if (template) place(template, true);
  for (const u of units) {
    place(u, false);
    // Until every unit is placed, "in form" means "seen in the first unit" for the ordinal fallback.
    if (!template && u === units[0]) for (const f of form) f.inForm = true;
  }
  const n = units.length;
  for (let i = 0; i < form.length; i++) {
    const f = form[i];
    if (template) f.inForm = inTemplate.has(i);
    else f.inForm = n <= 1 || (f.unitCount ?? 0) * 2 > n;
    if (!inTemplate.has(i)) {
      let best: MeasureKind = f.kind;
      let bestN = 0;
      for (const [k, c] of kinds[i]) if (c > bestN) [best, bestN] = [k, c];
      f.kind = best;
    }
    if (f.decimals === null || !inTemplate.has(i)) {
      let best: number | null = f.decimals;
      let bestN = 0;
      for (const [d, c] of decimals[i]) if (c > bestN) [best, bestN] = [d, c];
      f.decimals = best;
    }
  }
  for (const u of units) {
    for (const m of u.measures) {
      const f = form.find((x) => x.key === m.key);
      if (f && !f.inForm && f.kind !== "text")
        issues.push(
          analysisIssue("extra-column", "extra", {
            unit: u.unitName,
            file: u.file,
            sheet: u.sheet.name,
            cell: cellOf(u.headerRows[0], m.col),
            data: { header: m.header },
          })
        );
    }
  }
  return form;
}

function byKeyInLayout(layout: SheetLayout, key: string): boolean {
  return layout.measures.some((m) => m.key === key);
}

function cellOf(row: number, col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s + String(row + 1);
}

function matchRows(template: SheetLayout | null, units: SheetLayout[]): FormRow[] {
  const accs: RowAcc[] = [];
  const byKey = new Map<string, number>();
  const byLoose = new Map<string, number>();
  const byPath = new Map<string, number>();
  const assigned: Map<SheetLayout, number[]> = new Map();

  const newRow = (layout: SheetLayout, index: number): number => {
    const r = layout.rows[index];
    let key = r.key;
    for (let n = 2; byKey.has(key); n++) key = `${r.key} #${n}`;
    const i = accs.length;
    accs.push({
      row: {
        key,
        code: r.code,
        label: r.label,
        uom: r.uom,
        depth: r.depth,
        parentKey: null,
        marker: r.marker,
        under: r.under ?? null,
        nonAdditive: r.nonAdditive,
        percent: r.percent ?? false,
        unitCount: 0,
        inForm: false,
      },
      labels: new Map(),
      ref: { layout, index },
      order: i,
      positions: [],
    });
    byKey.set(key, i);
    const loose = looseKey(key);
    if (!byLoose.has(loose)) byLoose.set(loose, i);
    const path = codePath(layout.rows, index);
    if (path && !byPath.has(path)) byPath.set(path, i);
    return i;
  };

  // Form rows a layout already took, as the number of the layout's placing that took them (no set per unit).
  const takenBy: number[] = [];
  let placing = 0;
  const place = (layout: SheetLayout, isTemplate: boolean): void => {
    const stamp = ++placing;
    const taken = (i: number): boolean => takenBy[i] === stamp;
    const out: number[] = [];
    for (let idx = 0; idx < layout.rows.length; idx++) {
      const r = layout.rows[idx];
      let i = byKey.get(r.key);
      if (i === undefined || taken(i)) {
        const j = byLoose.get(looseKey(r.key));
        i = j !== undefined && !taken(j) ? j : undefined;
      }
      if (i === undefined) {
        const path = codePath(layout.rows, idx);
        const j = path ? byPath.get(path) : undefined;
        if (j !== undefined && !taken(j) && labelSimilarity(accs[j].row.label, r.label) >= 0.6)
          i = j;
      }
      if (i === undefined) i = newRow(layout, idx);
      takenBy[i] = stamp;
      out.push(i);
      const acc = accs[i];
      if (!isTemplate) {
        acc.row.unitCount++;
        const l = nfc(r.label);
        acc.labels.set(l, (acc.labels.get(l) ?? 0) + 1);
      }
      if (r.marker && !acc.row.marker) acc.row.marker = r.marker;
    }
    assigned.set(layout, out);
  };

  if (template) place(template, true);
  for (const u of units) place(u, false);

  // Which rows are the form's: the template's, else those most units have.
  const n = units.length;
  const inTemplate = new Set(template ? assigned.get(template) : []);
  for (let i = 0; i < accs.length; i++) {
    const a = accs[i];
    a.row.inForm = template ? inTemplate.has(i) : n <= 1 || a.row.unitCount * 2 > n;
    if (!template || !inTemplate.has(i)) {
      // The label most units wrote, so one unit's casing does not become the form's.
      let best = a.row.label;
      let bestN = 0;
      for (const [l, c] of a.labels) if (c > bestN) [best, bestN] = [l, c];
      a.row.label = best;
    }
  }

  // Order: the template's, else the median place among the form rows; additions after their predecessor.
  const pos = new Float64Array(accs.length).fill(NaN);
  if (template) {
    assigned.get(template)!.forEach((i, k) => (pos[i] = k));
  } else {
    for (const u of units) {
      let k = 0;
      const list = assigned.get(u)!;
      for (let x = 0; x < list.length; x++) {
        const i = list[x];
        if (accs[i].row.inForm) accs[i].positions.push(k++);
      }
    }
    for (let i = 0; i < accs.length; i++)
      if (accs[i].row.inForm) pos[i] = median(accs[i].positions);
  }
  const extraPos = new Map<number, number[]>();
  for (const u of units) {
    let prev = -0.5;
    let seq = 0;
    const placed = assigned.get(u)!;
    for (let x = 0; x < placed.length; x++) {
      const i = placed[x];
      if (!Number.isNaN(pos[i]) && accs[i].row.inForm) {
        prev = pos[i];
        seq = 0;
        continue;
      }
      seq++;
      const list = extraPos.get(i) ?? [];
      list.push(prev + seq / 1000 + 0.0001);
      extraPos.set(i, list);
    }
  }
  for (const [i, list] of extraPos) if (Number.isNaN(pos[i])) pos[i] = median(list);
  const order = accs
    .map((_, i) => i)
    .sort((a, b) => pos[a] - pos[b] || accs[a].order - accs[b].order);

  // Structure from the reference layout: the parent's form key.
  for (const a of accs) {
    const lr = a.ref.layout.rows[a.ref.index];
    if (lr.parent !== null) {
      const pi = assigned.get(a.ref.layout)![lr.parent];
      a.row.parentKey = accs[pi].row.key;
    }
  }
  // Unit rows take the form's keys, so that relations (by key) apply to every unit.
  for (const [layout, list] of assigned)
    for (let k = 0; k < list.length; k++) layout.rows[k].key = accs[list[k]].row.key;
  return order.map((i) => accs[i].row);
}
