import assert from "node:assert/strict";
import {
  checkCellText,
  checkText,
  CLAIM_RULES,
  decodeText,
  encodingIssue,
} from "../../src/core/claims";
import { unicodeToVni } from "../../src/core/text-decode";

describe("claim checker: entry points", () => {
  const para =
    "Đảng bộ có 61 tổ chức cơ sở đảng (gồm 37 đảng bộ cơ sở và 23 chi bộ cơ sở) với tổng số 5.022 đảng viên.";

  it("checkText: each line is a paragraph; lines and columns are 1-based; file is carried", () => {
    const text = `Tiêu đề\n\n${para}\r\n2.344 đảng viên (đạt 46,6%).`;
    const { claims, issues } = checkText(text, { file: "bao-cao.txt" });
    const sum = issues.find((i) => i.rule === "text-sum");
    assert.ok(sum);
    assert.equal(sum.line, 3);
    assert.equal(sum.column, 12);
    assert.equal(sum.file, "bao-cao.txt");
    assert.equal(sum.severity, "error");
    assert.equal(sum.expected, 60);
    assert.equal(sum.actual, 61);
    assert.equal(sum.message.vi, "Tổng các phần không khớp: 37 + 23 = 60, khác 61");
    assert.equal(sum.message.en, "Parts do not add up: 37 + 23 = 60, not 61");
    // 5.022 is in another paragraph: the 46,6% on line 4 has no base in its own paragraph.
    const share = claims.find((c) => c.written === "46,6%");
    assert.equal(share?.verdict, "unverifiable");
    assert.equal(share?.line, 4);
    assert.equal(issues.filter((i) => i.severity === "info").length, 0);
  });

  it("reports unverifiable claims as infos only when asked", () => {
    const text = "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt trên 96%.";
    assert.equal(checkText(text).issues.length, 0);
    const infos = checkText(text, { reportUnverifiable: true }).issues;
    assert.equal(infos.length, 1);
    assert.equal(infos[0].severity, "info");
  });

  it("a truncated percentage is a warning that says it is rounded down", () => {
    const { issues } = checkText("Đảng bộ có 5.022 đảng viên; 2.344 đảng viên (đạt 46,6%) là nữ.");
    assert.equal(issues.length, 1);
    assert.equal(issues[0].severity, "warning");
    assert.match(issues[0].message.vi, /làm tròn xuống/);
    assert.match(issues[0].message.vi, /2\.344 \/ 5\.022 = 46,6746%, làm tròn là 46,7%/);
  });

  it("columns count the text as given, even when it is decomposed (NFD)", () => {
    const nfd = `Ghi chú: ${para}`.normalize("NFD");
    const { issues } = checkText(nfd);
    assert.equal(issues.length, 1);
    const i = issues[0];
    assert.equal(nfd.slice((i.column ?? 0) - 1).startsWith("61"), true);
    assert.equal(
      i.text?.normalize("NFC"),
      "61 tổ chức cơ sở đảng (gồm 37 đảng bộ cơ sở và 23 chi bộ cơ sở)"
    );
  });

  it("checkCellText: row figures are the context; line and column are within the cell", () => {
    const { issues } = checkCellText(
      "Ghi chú:\nđạt 47,6%",
      [5022, { value: 2344, label: "Số lượng" }],
      {
        place: { sheet: "Biểu 1", cell: "F12" },
      }
    );
    assert.equal(issues.length, 1);
    assert.equal(issues[0].line, 2);
    assert.equal(issues[0].column, 1);
    assert.equal(issues[0].cell, "F12");
    assert.equal(issues[0].sheet, "Biểu 1");
    assert.equal(issues[0].message.vi, "Tỷ lệ 47,6% không khớp: 2.344 / 5.022 = 46,7%");
  });

  it("checkCellText ignores non-finite row figures", () => {
    assert.deepEqual(checkCellText("đạt 46,7%", [NaN, Infinity]).issues, []);
  });

  it("exports the rules it reports under and the decoder", () => {
    assert.deepEqual(
      CLAIM_RULES.map((r) => r.id),
      ["text-percent", "text-sum", "text-fraction", "text-change"]
    );
    for (const r of CLAIM_RULES) assert.ok(r.description.vi && r.description.en);
    assert.equal(decodeText(new Uint8Array([0x41])).text, "A");
  });

  it("decoding notes become text-encoding issues: info for converted legacy text, warning for unknown bytes", () => {
    assert.equal(encodingIssue(decodeText(new Uint8Array([0x41]))), null);
    const vni = encodingIssue(
      decodeText(unicodeToVni("Đảng bộ có 61 tổ chức cơ sở đảng")),
      "cu.txt"
    );
    assert.equal(vni?.rule, "text-encoding");
    assert.equal(vni?.severity, "info");
    assert.equal(vni?.actual, "vni");
    assert.equal(vni?.file, "cu.txt");
    const unknown = encodingIssue(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9])));
    assert.equal(unknown?.severity, "warning");
  });
});
