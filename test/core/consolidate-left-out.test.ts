/**
 * A unit's figure left out of a total is left out of every percentage and average over it, on both sides:
 * the numerator and the base come from the same units. Regression: the demo's Tiên Yên typed "3.412" đảng
 * viên in an English Excel; its Tổng số was left out but its parts were not, and the summary showed Đảng
 * viên chính thức 38.541 against Tổng số 36.331, 106,1%.
 */
import assert from "node:assert/strict";
import { consolidate } from "../../src/core/engine";
import { CellValue, cellAddress, sheetFromGrid } from "../../src/core/model";
import { RunResult } from "../../src/core/output";
import { Line, SmallUnit, workbooksOf } from "./build";
import { sheetEvaluator } from "./sheet-eval";

type Key = "total" | "chinh" | "duBi" | "nu" | "tuoi";
type Figures = Record<Key, CellValue>;

/** Rules given, not learned: the cases change figures that learning would read differently. */
const RULES = sheetFromGrid("Quy tắc", [
  ["Quy tắc kiểm tra"],
  ["Quy tắc", "Nguồn"],
  ["[1] = [1.1] + [1.2]"],
  ["[2] <= [1]"],
  ["Tỷ lệ [1.1] = [1.1] / [1]"],
  ["Tỷ lệ [1.2] = [1.2] / [1]"],
  ["Tỷ lệ [2] = [2] / [1]"],
  ["[3] bình quân theo [1]"],
]);

const A: Figures = { total: 100, chinh: 90, duBi: 10, nu: 40, tuoi: 40 };
const B: Figures = { total: 200, chinh: 180, duBi: 20, nu: 50, tuoi: 50 };
const C: Figures = { total: 3412, chinh: 3400, duBi: 12, nu: 1000, tuoi: 44 };

function unit(name: string, f: Figures, without: Key[] = []): SmallUnit {
  const lines: [Key, Line][] = [
    ["total", ["1", "Tổng số đảng viên", "Người", f.total, ""]],
    ["chinh", ["1.1", "Đảng viên chính thức", "Người", f.chinh, ""]],
    ["duBi", ["1.2", "Đảng viên dự bị", "Người", f.duBi, ""]],
    ["nu", ["2", "Đảng viên nữ", "Người", f.nu, ""]],
    ["tuoi", ["3", "Tuổi bình quân của đảng viên", "Tuổi", f.tuoi, ""]],
  ];
  return { name, lines: lines.filter(([k]) => !without.includes(k)).map(([, l]) => l) };
}

function run(c: Partial<Figures>, without: Key[] = []): RunResult {
  const units = [
    unit("Đảng ủy xã A", A),
    unit("Đảng ủy xã B", B),
    unit("Đảng ủy xã C", { ...C, ...c }, without),
  ];
  return consolidate(workbooksOf(units, [RULES]));
}

function total(r: RunResult, code: string, header: "Số lượng" | "Tỷ lệ (%)"): number | null {
  return r.totals.find((t) => t.code === code)!.values[header];
}

interface Case {
  name: string;
  c: Partial<Figures>;
  without?: Key[];
  /** Tổng số; Tỷ lệ of chính thức and of nữ; Tuổi bình quân. */
  want: { total: number; chinh: number; nu: number; tuoi: number };
  /** The note under the summary for these rows, if the unit is left out of them. */
  notes: { total?: RegExp; chinh?: RegExp; nu?: RegExp; tuoi?: RegExp };
  /** The issue that says what the left-out figure costs: its cell in C's sheet, and a piece of its text. */
  issue?: { cell: string | null; text: RegExp };
}

// C's sheet: the header is row 5, Tổng số row 6 (D6), chính thức D7, dự bị D8, nữ D9, tuổi D10.
const CASES: Case[] = [
  {
    name: "every figure read: sums and ratios over the three units, no note",
    c: {},
    // 3670 / 3712 = 98,87%; 1090 / 3712 = 29,36%; (40·100 + 50·200 + 44·3412) / 3712 = 44,2.
    want: { total: 3712, chinh: 98.9, nu: 29.4, tuoi: 44.2 },
    notes: {},
  },
  {
    name: "regression: Tổng số typed 3.412 in an English Excel, left out: C out of every ratio over it",
    c: { total: 3.412 },
    // 270 / 300 = 90,0% (not 3670 / 300 = 1223,3%); 90 / 300 = 30,0%; (4000 + 10000) / 300 = 46,7.
    want: { total: 300, chinh: 90, nu: 30, tuoi: 46.7 },
    notes: {
      total: /Tổng của 2\/3 đơn vị, trừ Đảng ủy xã C \(ghi 3,412\)/,
      chinh:
        /Tỷ lệ tính trên 2\/3 đơn vị, trừ Đảng ủy xã C \(“Tổng số đảng viên” ghi 3,412\): 270 \/ 300 = 90,0%/,
      nu: /2\/3 đơn vị, trừ Đảng ủy xã C.*: 90 \/ 300 = 30,0%/,
      tuoi: /Bình quân tính trên 2\/3 đơn vị, trừ Đảng ủy xã C/,
    },
    issue: {
      cell: "D6",
      text: /^“Tổng số đảng viên” không cộng được, nên .*Đảng viên chính thức \(90,0%\)/,
    },
  },
  {
    name: "Tổng số written as words: left out, and C with it from the ratios",
    c: { total: "khoảng 3400" },
    want: { total: 300, chinh: 90, nu: 30, tuoi: 46.7 },
    notes: {
      total: /trừ Đảng ủy xã C \(ghi “khoảng 3400”\)/,
      chinh: /trừ Đảng ủy xã C \(“Tổng số đảng viên” ghi “khoảng 3400”\)/,
      nu: /: 90 \/ 300 = 30,0%/,
      tuoi: /trừ Đảng ủy xã C/,
    },
    issue: { cell: "D6", text: /không cộng được/ },
  },
  {
    name: "Tổng số blank while its parts are filled in: the parts have no base, C leaves the ratios",
    c: { total: "" },
    // The average has no weight for C either: 14000 / 300.
    want: { total: 300, chinh: 90, nu: 30, tuoi: 46.7 },
    notes: {
      chinh: /trừ Đảng ủy xã C \(“Tổng số đảng viên” để trống\)/,
      nu: /để trống\): 90 \/ 300 = 30,0%/,
    },
    issue: { cell: "D6", text: /^“Tổng số đảng viên” để trống, nên/ },
  },
  {
    name: "a part written as words: C's base leaves that ratio only",
    c: { nu: "khoảng 1000" },
    want: { total: 3712, chinh: 98.9, nu: 30, tuoi: 44.2 },
    notes: { nu: /trừ Đảng ủy xã C \(“Đảng viên nữ” ghi “khoảng 1000”\): 90 \/ 300 = 30,0%/ },
    issue: { cell: "D9", text: /Đảng viên nữ \(30,0%\)$/ },
  },
  {
    name: "a part left blank counts as none: C stays in the ratio, no note",
    c: { nu: "" },
    // 90 / 3712 = 2,42%.
    want: { total: 3712, chinh: 98.9, nu: 2.4, tuoi: 44.2 },
    notes: {},
  },
  {
    name: "a unit without the part's row: its base leaves that ratio",
    c: {},
    without: ["nu"],
    want: { total: 3712, chinh: 98.9, nu: 30, tuoi: 44.2 },
    notes: { nu: /trừ Đảng ủy xã C \(không có dòng “Đảng viên nữ”\)/ },
    issue: { cell: null, text: /^Không có “Đảng viên nữ”, nên/ },
  },
];

/** The summary's note for a row (code) and column, by the marker its total cell carries. */
function noteOf(r: RunResult, code: string, col: number): string | null {
  const sheet = r.sheets.find((s) => s.role === "summary")!;
  const row = sheet.cells.find((cells) => cells[0]?.v === code)!;
  const marker = /" \((\d+)\)"$/.exec(row[col].fmt ?? "");
  if (!marker) return null;
  const line = sheet.cells.find((cells) => String(cells[0]?.v ?? "").startsWith(`(${marker[1]}) `));
  return line ? String(line[0].v) : null;
}

describe("consolidate: a unit left out of a total is left out of the ratios over it", () => {
  for (const k of CASES) {
    describe(k.name, () => {
      const r = run(k.c, k.without);

      it("totals: the units that could be read, ratios over the same units on both sides", () => {
        assert.deepEqual(
          {
            total: total(r, "1", "Số lượng"),
            chinh: total(r, "1.1", "Tỷ lệ (%)"),
            nu: total(r, "2", "Tỷ lệ (%)"),
            tuoi: total(r, "3", "Số lượng"),
          },
          k.want
        );
        // Each unit's parts are at most its base: so is every share of the total.
        for (const t of r.totals) assert.ok((t.values["Tỷ lệ (%)"] ?? 0) <= 100, t.label);
      });

      it("the summary notes the units left out, with the numbers, and only then", () => {
        const got = {
          total: noteOf(r, "1", 3),
          chinh: noteOf(r, "1.1", 4),
          nu: noteOf(r, "2", 4),
          tuoi: noteOf(r, "3", 3),
        };
        for (const key of ["total", "chinh", "nu", "tuoi"] as const) {
          const want = k.notes[key];
          if (want) assert.match(got[key] ?? "(none)", want, key);
          else assert.equal(got[key], null, key);
        }
      });

      it("every formula of the summary computes the value it caches", () => {
        const sheet = r.sheets.find((s) => s.role === "summary")!;
        const evaluate = sheetEvaluator(sheet);
        let n = 0;
        sheet.cells.forEach((row, i) =>
          row.forEach((c, j) => {
            if (!c?.f) return;
            n++;
            assert.equal(evaluate(cellAddress(i, j)) ?? "", c.v, `${cellAddress(i, j)} ${c.f}`);
          })
        );
        assert.ok(n >= 8, `${n} formulas`);
      });

      it("the issue says what the unit's figure costs, at its cell", () => {
        const found = r.issues.filter((i) => i.rule === "total-partial");
        if (!k.issue) return assert.deepEqual(found, []);
        assert.equal(found.length, 1, found.map((i) => i.message.vi).join("\n"));
        const [i] = found;
        assert.deepEqual([i.severity, i.unit, i.cell], ["info", "Đảng ủy xã C", k.issue.cell]);
        assert.match(i.message.vi, k.issue.text);
        assert.match(i.message.en, /so on the summary tab this unit is also left out of/);
      });
    });
  }
});
