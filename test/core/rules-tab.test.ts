/**
 * Which tab is the "Quy tắc" (rules) tab whose rules replace learning: the one our marker says is the rules
 * tab whatever staff renamed it to (readers hand it over in WorkbookModel.ours), else a sheet named so, else a
 * copy that still carries our title and signature. Regression: a renamed rules tab was known as ours but its
 * rules were not read, because the tab was looked for by its name.
 */
import assert from "node:assert/strict";
import { Analysis } from "../../src/core/analysis";
import { OUR_SIGNATURE } from "../../src/core/layout/detect";
import { runChecks } from "../../src/core/checks";
import { analyze } from "../../src/core/match";
import { CellValue, OurTab, SheetModel, WorkbookModel, sheetFromGrid } from "../../src/core/model";
import { printRelation } from "../../src/core/rules-text";
import { Line, SmallUnit, workbooksOf } from "./build";

function party(total: number, women: number, llct: number): Line[] {
  const pct = (n: number) => Math.floor((2000 * n + total) / (2 * total)) / 10;
  return [
    ["1", "Tổng số đảng viên", "Người", total, ""],
    ["1.1", "Đảng viên nữ", "Người", women, pct(women)],
    ["2", "Đảng viên có trình độ lý luận chính trị từ trung cấp trở lên", "Người", llct, pct(llct)],
  ];
}

const UNITS: SmallUnit[] = [
  { name: "Đảng ủy xã Đầm Hà", lines: party(5022, 2101, 2344) },
  { name: "Đảng ủy xã Tiên Yên", lines: party(2068, 905, 1130) },
  { name: "Đảng ủy phường Cẩm Phả", lines: party(4210, 1888, 1966) },
];

/** The one rule staff left on the tab: learning alone would find more (the percentages' bases). */
const RULE = "[2] <= [1]";

function rulesGrid(opts: { title?: boolean; signature?: boolean } = {}): CellValue[][] {
  return [
    [opts.title === false ? "Bảng ghi chép" : "Quy tắc kiểm tra"],
    ["Sửa hoặc thêm quy tắc ở cột A rồi chạy lại."],
    [opts.signature === false ? "" : OUR_SIGNATURE],
    [],
    ["Quy tắc", "Nguồn"],
    [RULE, "Trang Quy tắc"],
  ];
}

function withSheet(sheet: SheetModel): WorkbookModel[] {
  return workbooksOf(UNITS, [sheet]);
}

function withTab(tab: OurTab): WorkbookModel[] {
  return workbooksOf(UNITS).map((wb) => ({ ...wb, ours: [tab] }));
}

const fromTab = (a: Analysis): boolean =>
  a.relations.length === 1 &&
  a.relations[0].source === "rules-sheet" &&
  printRelation(a.relations[0], a) === RULE;

const learned = (a: Analysis): boolean =>
  a.relations.length > 0 && a.relations.every((r) => r.source !== "rules-sheet");

describe("the rules tab: found by its marker, its name or our signature", () => {
  const valid: [string, WorkbookModel[]][] = [
    ["a sheet named “Quy tắc”", withSheet(sheetFromGrid("Quy tắc", rulesGrid()))],
    ["a sheet named “Rules 2025”", withSheet(sheetFromGrid("Rules 2025", rulesGrid()))],
    [
      "our marked rules tab renamed “Luật của tỉnh” (regression)",
      withTab({ role: "rules", sheet: sheetFromGrid("Luật của tỉnh", rulesGrid()) }),
    ],
    [
      "our marked rules tab renamed, its title and signature deleted",
      withTab({
        role: "rules",
        sheet: sheetFromGrid("Bảng 3", rulesGrid({ title: false, signature: false })),
      }),
    ],
    [
      "an unmarked copy renamed “Bản sao của tôi”, with our title and signature",
      withSheet(sheetFromGrid("Bản sao của tôi", rulesGrid())),
    ],
  ];
  for (const [name, wbs] of valid)
    it(`reads the rules of ${name}`, () => {
      const a = analyze(wbs);
      assert.ok(fromTab(a), a.relations.map((r) => printRelation(r, a)).join("\n"));
    });

  const invalid: [string, WorkbookModel[]][] = [
    [
      "our issues tab that staff renamed “Quy tắc” (the marker says what it is)",
      withTab({ role: "issues", sheet: sheetFromGrid("Quy tắc", rulesGrid()) }),
    ],
    [
      "a user's sheet with rule-like text, neither our title nor our signature",
      withSheet(sheetFromGrid("Ghi chép", rulesGrid({ title: false, signature: false }))),
    ],
    [
      "a sheet with our title but not our signature",
      withSheet(sheetFromGrid("Ghi chép", rulesGrid({ signature: false }))),
    ],
  ];
  for (const [name, wbs] of invalid)
    it(`learns instead of reading ${name}`, () => {
      const a = analyze(wbs);
      assert.ok(
        learned(a),
        a.relations.map((r) => `${printRelation(r, a)} ${r.source}`).join("\n")
      );
    });

  it("our tab unedited (what learning finds): the run is the one without it, sources and notes kept", () => {
    const plain = analyze(workbooksOf(UNITS));
    const tab = runChecks(plain).sheets.find((s) => s.role === "rules")!;
    const grid = tab.cells.map((r) => r.map((c) => c?.v ?? ""));
    const again = analyze(withTab({ role: "rules", sheet: sheetFromGrid("Luật của tỉnh", grid) }));
    assert.deepEqual(again.relations, plain.relations);
    assert.deepEqual(again.notLearned, plain.notLearned);
    // One line taken off: then the tab is what staff want, and only its rules count.
    const edited = grid.filter((r) => r[0] !== printRelation(plain.relations[0], plain));
    const used = analyze(withTab({ role: "rules", sheet: sheetFromGrid("Luật của tỉnh", edited) }));
    assert.equal(used.relations.length, plain.relations.length - 1);
    assert.ok(used.relations.every((r) => r.source === "rules-sheet"));
  });

  it("keeps our marked tab out of the units and the sheet list", () => {
    const wbs = withTab({ role: "rules", sheet: sheetFromGrid("Luật của tỉnh", rulesGrid()) });
    const a = analyze(wbs);
    assert.equal(a.units.length, 3);
    assert.ok(!a.sheets.some((s) => s.sheet === "Luật của tỉnh"));
  });
});
