import assert from "node:assert/strict";
import { Analysis, Relation } from "../../src/core/analysis";
import { consolidate } from "../../src/core/consolidate";
import { analyze } from "../../src/core/match";
import { sheetFromGrid } from "../../src/core/model";
import { printRelation } from "../../src/core/rules-text";
import { Line, SmallUnit, smallSheet, workbooksOf } from "./build";

function printed(a: Analysis, source?: Relation["source"]): string[] {
  return a.relations.filter((r) => !source || r.source === source).map((r) => printRelation(r, a));
}

/** Five đảng ủy with the same form; percentages of row 3 written against the total (row 2). */
function party(total: number, women: number, llct: number, pct?: number): Line[] {
  const p = pct ?? Math.floor((2000 * llct + total) / (2 * total)) / 10;
  return [
    ["I", "ĐẢNG VIÊN", ""],
    ["1", "Tổng số đảng viên", "Người", total, ""],
    ["1.1", "Đảng viên nữ", "Người", women, Math.floor((2000 * women + total) / (2 * total)) / 10],
    ["2", "Đảng viên có trình độ lý luận chính trị từ trung cấp trở lên", "Người", llct, p],
  ];
}

const FIVE: SmallUnit[] = [
  { name: "Đảng ủy xã Đầm Hà", lines: party(5022, 2101, 2344) },
  { name: "Đảng ủy xã Tiên Yên", lines: party(2068, 905, 1130) },
  { name: "Đảng ủy phường Cẩm Phả", lines: party(4210, 1888, 1966) },
  { name: "Đảng ủy xã Ba Chẽ", lines: party(866, 344, 365) },
  // This unit wrote 47,6 where 2344/5022 = 46,7: the others still agree on the base.
  { name: "Đảng ủy phường Uông Bí", lines: party(5022, 2101, 2344, 47.6) },
];

describe("relation learning", () => {
  it("agreement across units: the base most units' percentages come from", () => {
    const a = analyze(workbooksOf(FIVE));
    const lines = printed(a, "consensus");
    assert.ok(lines.includes("Tỷ lệ [2] = [2] / [1]"), lines.join("\n"));
    assert.ok(lines.includes("Tỷ lệ [1.1] = [1.1] / [1]"), lines.join("\n"));
    assert.deepEqual(a.notLearned, []);
  });

  it("a single unit: no consensus, said so; the parent base when it fits", () => {
    const a = analyze(workbooksOf(FIVE.slice(0, 1)));
    assert.ok(a.notLearned.length >= 2, JSON.stringify(a.notLearned));
    assert.ok(a.notLearned.some((n) => n.vi.includes("trình độ lý luận chính trị")));
    assert.deepEqual(printed(a, "hierarchy"), ["[1.1] <= [1]", "Tỷ lệ [1.1] = [1.1] / [1]"]);
    assert.ok(!a.relations.some((r) => r.kind === "percent" && r.target.row.includes("lý luận")));
  });

  it("“gồm” makes a partition, “trong đó” subsets, from the markers", () => {
    const lines: Line[] = [
      ["1", "Tổng số tổ chức cơ sở đảng, gồm:", "Tổ chức", 61],
      ["1.1", "Đảng bộ cơ sở", "Tổ chức", 37],
      ["1.2", "Chi bộ cơ sở", "Tổ chức", 24],
      ["2", "Tổng số đảng viên", "Người", 5022],
      ["2.1", "Trong đó: nữ", "Người", 2101],
      ["2.2", "Dân tộc thiểu số", "Người", 312],
    ];
    const a = analyze(workbooksOf([{ name: "Đảng ủy xã Đầm Hà", lines, headers: ["Số lượng"] }]));
    assert.deepEqual(printed(a, "markers"), [
      "[1] = [1.1] + [1.2]",
      "[2.1] <= [2]",
      "[2.2] <= [2]",
    ]);
  });

  it("children without a marker: a partition where the units' figures add up, else subsets", () => {
    const unit = (name: string, nam: number, nu: number, dt: number): SmallUnit => ({
      name,
      headers: ["Số lượng"],
      lines: [
        ["1", "Đảng viên mới kết nạp", "Người", nam + nu],
        ["1.1", "Nam", "Người", nam],
        ["1.2", "Nữ", "Người", nu],
        ["2", "Tổng số đảng viên", "Người", 900 + dt],
        ["2.1", "Đảng viên là người dân tộc thiểu số", "Người", dt],
        ["2.2", "Đảng viên là người có đạo", "Người", dt + 3],
      ],
    });
    const a = analyze(
      workbooksOf([unit("Đảng ủy xã A", 30, 20, 100), unit("Đảng ủy xã B", 12, 9, 40)])
    );
    assert.deepEqual(printed(a, "hierarchy"), [
      "[1] = [1.1] + [1.2]",
      "[2.1] <= [2]",
      "[2.2] <= [2]",
    ]);
  });

  it("the template's formulas come first", () => {
    const template = smallSheet({
      name: "",
      sheet: "Mẫu",
      lines: [
        ["1", "Tổng số đảng viên", "Người", "", ""],
        ["2", "Đảng viên nữ", "Người", "", ""],
      ],
      // The form says women are a share of the total: row 2's percentage = D7/D6*100.
      formulas: [[1, 1, "=IF(D6=0,0,ROUND(D7/D6*100,1))"]],
    });
    const units: SmallUnit[] = [
      {
        name: "Đảng ủy xã A",
        lines: [
          ["1", "Tổng số đảng viên", "Người", 200, ""],
          ["2", "Đảng viên nữ", "Người", 50, 25],
        ],
      },
    ];
    const a = analyze(workbooksOf(units, [template]));
    assert.equal(a.template?.sheet.name, "Mẫu");
    assert.deepEqual(printed(a, "formula"), ["Tỷ lệ [2] = [2] / [1]"]);
    assert.equal(a.units.length, 1);
  });

  it("formulas the units wrote: the most common shape per cell", () => {
    const unit = (name: string, f: string): SmallUnit => ({
      name,
      headers: ["Số lượng"],
      lines: [
        ["1", "Tổng số tổ chức cơ sở đảng", "Tổ chức", 61],
        ["1.1", "Đảng bộ cơ sở", "Tổ chức", 37],
        ["1.2", "Chi bộ cơ sở", "Tổ chức", 24],
      ],
      formulas: [[0, 0, f]],
    });
    const a = analyze(
      workbooksOf([unit("A", "=SUM(D7:D8)"), unit("B", "=D7+D8"), unit("C", "=D7*2")])
    );
    assert.deepEqual(printed(a, "formula"), ["[1] = [1.1] + [1.2]"]);
  });

  it("one formula text means each unit's own rows (the text is read once for all units)", () => {
    // "=D7+D8" in every unit; in B and C a row inserted above 1.1 makes it that row plus 1.1.
    const unit = (name: string, inserted: boolean): SmallUnit => ({
      name,
      headers: ["Số lượng"],
      lines: [
        ["1", "Tổng số tổ chức cơ sở đảng", "Tổ chức", 61],
        ...(inserted ? [["1.0", "Đảng bộ bộ phận", "Tổ chức", 5] as Line] : []),
        ["1.1", "Đảng bộ cơ sở", "Tổ chức", 37],
        ["1.2", "Chi bộ cơ sở", "Tổ chức", 24],
      ],
      formulas: [[0, 0, "=D7+D8"]],
    });
    const a = analyze(workbooksOf([unit("A", false), unit("B", true), unit("C", true)]));
    assert.deepEqual(printed(a, "formula"), ["[1] = [1.0] + [1.1]"]);
    const b = analyze(workbooksOf([unit("A", false), unit("B", false), unit("C", true)]));
    assert.deepEqual(printed(b, "formula"), ["[1] = [1.1] + [1.2]"]);
  });

  it("the column-number row: “3 (=2*100/1)” and “1 (=2+3)”", () => {
    const u: SmallUnit = {
      name: "Đảng ủy xã A",
      headers: ["Tổng số", "Nữ", "Tỷ lệ nữ (%)", "Nam"],
      columnNumbers: ["1 (=2+4)", "2", "3 (=2*100/1)", "4"],
      lines: [
        ["1", "Đảng viên mới kết nạp", "Người", 50, 20, 40, 30],
        ["2", "Đảng viên chính thức", "Người", 40, 10, 25, 30],
      ],
    };
    const a = analyze(workbooksOf([u]));
    assert.deepEqual(printed(a, "column-numbers"), [
      "Cột [Tổng số] = [Nữ] + [Nam]",
      "[1 | Tỷ lệ nữ (%)] = [1 | Nữ] / [1]",
      "[2 | Tỷ lệ nữ (%)] = [2 | Nữ] / [2]",
    ]);
  });

  it("a rules tab replaces learning, and its unreadable lines are reported", () => {
    const rules = sheetFromGrid("Quy tắc", [
      ["Quy tắc kiểm tra"],
      ["STT", "Quy tắc", "Nguồn"],
      [1, "[2] <= [1]", "Trang Quy tắc"],
      [2, "Tỷ lệ [2] = [2] / [1]", ""],
      [3, "[9] = [1] + [2]", ""],
    ]);
    const a = analyze(workbooksOf(FIVE, [rules]));
    assert.deepEqual(printed(a), ["[2] <= [1]", "Tỷ lệ [2] = [2] / [1]"]);
    assert.ok(a.relations.every((r) => r.source === "rules-sheet"));
    const bad = a.issues.filter((i) => i.rule === "rules-sheet");
    assert.equal(bad.length, 1);
    assert.equal(bad[0].cell, "B5");
    assert.match(bad[0].message.vi, /\[9\]/);
  });

  it("an average row is weighted by its parent's count, never summed", () => {
    const unit = (name: string, total: number, age: number): SmallUnit => ({
      name,
      headers: ["Số lượng"],
      lines: [
        ["1", "Tổng số đảng viên", "Người", total],
        ["1.1", "Tuổi đời bình quân", "Tuổi", age],
      ],
    });
    const a = analyze(workbooksOf([unit("A", 100, 40), unit("B", 300, 50)]));
    assert.deepEqual(printed(a, "hierarchy"), ["[1.1] bình quân theo [1]"]);
    const { totals } = consolidate(a);
    assert.equal(totals[1].values["Số lượng"], 47.5);
  });
});
