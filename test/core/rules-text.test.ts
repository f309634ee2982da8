import assert from "node:assert/strict";
import { FormMeasure, FormRow, Relation } from "../../src/core/analysis";
import { analyze } from "../../src/core/match";
import { parseRelation, printRelation, rowRefs } from "../../src/core/rules-text";
import { unitWorkbooks } from "../fixtures/units";

const row = (
  key: string,
  code: string | null,
  label: string,
  parentKey: string | null = null
): FormRow => ({
  key,
  code,
  label,
  uom: "Người",
  depth: code?.includes(".") ? 2 : 1,
  parentKey,
  marker: null,
  nonAdditive: false,
  unitCount: 3,
  inForm: true,
});
const measure = (key: string, header: string, kind: FormMeasure["kind"]): FormMeasure => ({
  key,
  header,
  kind,
  decimals: kind === "percent" ? 1 : null,
  columnNumber: null,
  inForm: true,
});

const FORM = {
  rows: [
    row("i", "I", "ĐẢNG VIÊN"),
    row("tong", "1", "Tổng số đảng viên", "i"),
    row("nu", "1.1", "Đảng viên nữ", "tong"),
    row("dt", "1.2", "Đảng viên dân tộc thiểu số", "tong"),
    row("ii", "II", "KẾT NẠP"),
    row("kn", "1", "Số đảng viên mới kết nạp", "ii"),
    row("kn-nu", "-", "Nữ", "kn"),
    row("dau", "2", "Số đầu kỳ", "ii"),
    row("tang", "3", "Tăng", "ii"),
    row("giam", "4", "Giảm", "ii"),
    row("cuoi", "5", "Số cuối kỳ", "ii"),
  ],
  measures: [
    measure("sl", "Số lượng", "count"),
    measure("ck", "Cùng kỳ", "count"),
    measure("tl", "Tỷ lệ (%)", "percent"),
    measure("nam", "Nam", "count"),
  ],
};

describe("rules text: the Quy tắc tab's lines", () => {
  it("names rows by unique code, section and item, or label", () => {
    const refs = rowRefs(FORM);
    assert.equal(refs.get("tong"), "I.1");
    assert.equal(refs.get("kn"), "II.1");
    assert.equal(refs.get("nu"), "1.1");
    assert.equal(refs.get("kn-nu"), "Nữ");
    assert.equal(refs.get("cuoi"), "5");
  });

  const good: [string, Relation][] = [
    [
      "[I.1] = [1.1] + [1.2]",
      { kind: "partition", whole: "tong", parts: ["nu", "dt"], source: "rules-sheet" },
    ],
    ["[1.1] <= [I.1]", { kind: "subset", whole: "tong", part: "nu", source: "rules-sheet" }],
    ["[I.1] >= [1.1]", { kind: "subset", whole: "tong", part: "nu", source: "rules-sheet" }],
    [
      "[1.1] ≤ [Tổng số đảng viên]",
      { kind: "subset", whole: "tong", part: "nu", source: "rules-sheet" },
    ],
    [
      "Tỷ lệ [1.1] = [1.1] / [I.1]",
      {
        kind: "percent",
        target: { row: "nu", measure: "tl" },
        numerator: { row: "nu", measure: "sl" },
        denominator: { row: "tong", measure: "sl" },
        source: "rules-sheet",
      },
    ],
    [
      "Tỷ lệ (%) [1.1] = Số lượng [1.1] / [I.1] * 100",
      {
        kind: "percent",
        target: { row: "nu", measure: "tl" },
        numerator: { row: "nu", measure: "sl" },
        denominator: { row: "tong", measure: "sl" },
        source: "rules-sheet",
      },
    ],
    [
      "[5 | Tỷ lệ (%)] = [5] / [5 | Cùng kỳ]",
      {
        kind: "percent",
        target: { row: "cuoi", measure: "tl" },
        numerator: { row: "cuoi", measure: "sl" },
        denominator: { row: "cuoi", measure: "ck" },
        source: "rules-sheet",
      },
    ],
    [
      "[5] = [2] + [3] - [4]",
      {
        kind: "balance",
        end: "cuoi",
        start: "dau",
        plus: ["tang"],
        minus: ["giam"],
        source: "rules-sheet",
      },
    ],
    [
      "Cột [Số lượng] = [Nam] + [Cùng kỳ]",
      { kind: "columnSum", whole: "sl", parts: ["nam", "ck"], source: "rules-sheet" },
    ],
    [
      "{Số lượng} = {Nam} + {Cùng kỳ}",
      { kind: "columnSum", whole: "sl", parts: ["nam", "ck"], source: "rules-sheet" },
    ],
    [
      "[I.1] bình quân theo [1.1]",
      {
        kind: "average",
        target: { row: "tong", measure: "sl" },
        weight: { row: "nu", measure: "sl" },
        source: "rules-sheet",
      },
    ],
  ];
  for (const [text, want] of good) {
    it(`reads ${text}`, () =>
      assert.deepEqual(parseRelation(text, FORM), { ok: true, relation: want }));
  }

  const bad: [string, RegExp][] = [
    ["[9.9] = [1.1] + [1.2]", /không có chỉ tiêu \[9\.9\]/],
    ["[I.1] = [1.1] [1.2]", /thiếu phép tính/],
    ["[I.1] = [1.1] * [1.2]", /thiếu phép tính|chỉ dùng/],
    ["[1.1] <= [I.1] <= [1.2]", /hai chỉ tiêu/],
    ["Cột [Số lượng] = [Phụ nữ]", /không có cột/],
    ["[I.1 | Bình quân] = [1.1] / [1.2]", /không có cột/],
    ["[I.1] = [1.1] + [1.2", /đóng ngoặc/],
  ];
  for (const [text, why] of bad) {
    it(`refuses ${text}`, () => {
      const r = parseRelation(text, FORM);
      assert.ok(r && !r.ok, `parsed ${text}`);
      assert.match(r.reason.vi, why);
    });
  }

  it("lines without brackets are not rules (titles, notes)", () => {
    assert.equal(parseRelation("Quy tắc kiểm tra", FORM), null);
    assert.equal(parseRelation("Nguồn", FORM), null);
  });

  it("prints every learned relation so that it reads back the same", () => {
    const a = analyze(unitWorkbooks());
    assert.ok(a.relations.length >= 10);
    for (const rel of a.relations) {
      const text = printRelation(rel, a);
      const back = parseRelation(text, a, rel.source);
      assert.deepEqual(back, { ok: true, relation: rel }, text);
    }
    const texts = a.relations.map((r) => printRelation(r, a));
    assert.ok(texts.includes("[1] = [1.1] + [1.2]"), texts.join("\n"));
    assert.ok(texts.includes("Tỷ lệ [4] = [4] / [3]"), texts.join("\n"));
    assert.ok(texts.includes("[3.3] bình quân theo [3]"), texts.join("\n"));
  });
});
