import { strict as assert } from "node:assert";
import { FLAG_FILL, Flag, OutputSheet } from "../../src/core/output";
import { FLAG_SETTING, markerName } from "../../src/excel/markers";
import { clearFlags, writeResult } from "../../src/excel/write";
import { FakeSheet, enterInput } from "./fake-excel";
import { unitWorkbook } from "./fixtures";

/** Strings Excel would turn into formulas, numbers, dates or booleans if written plainly. */
const TRICKY = [
  "=B2 là ô tổng",
  "+84 912 345 678",
  "-",
  "5.022",
  "9/10",
  "TRUE",
  "@Ban Tổ chức",
  "(5)",
  "1.1",
];

function summary(units: string[]): OutputSheet {
  const n = units.length;
  const unitsEnd = String.fromCharCode(66 + n); // units are in C…
  const last = String.fromCharCode(67 + n); // then the total
  const sum = (row: number) => `=SUM(C${row}:${unitsEnd}${row})`;
  return {
    role: "summary",
    name: "Tổng hợp",
    cells: [
      [{ v: "TỔNG HỢP SỐ LƯỢNG TỔ CHỨC ĐẢNG, ĐẢNG VIÊN", bold: true, align: "center" }],
      [
        { v: "STT", bold: true, border: true },
        { v: "Chỉ tiêu", bold: true, border: true },
        ...units.map((u) => ({ v: u, bold: true, border: true, link: { sheet: u, cell: "D4" } })),
        { v: "Tổng", bold: true, border: true },
      ],
      [
        { v: "1" },
        { v: "Tổng số tổ chức cơ sở đảng" },
        ...units.map(() => ({ v: 61 })),
        { f: sum(3), v: 61 * n, fmt: "#,##0" },
      ],
      [
        { v: "2" },
        { v: "Tổng số đảng viên" },
        ...units.map(() => ({ v: 5022 })),
        { f: sum(4), v: 5022 * n, fmt: "#,##0" },
      ],
      [
        { v: "" },
        { v: "Trong đó: nữ (%)" },
        ...units.map(() => ({ v: 46.7, fmt: "0.0" })),
        { f: `=ROUND(${last}4/${last}3,1)`, fmt: "0.0", fill: "#E2EFDA" },
      ],
      TRICKY.map((v) => ({ v, italic: true })),
    ],
    merges: [`A1:${last}1`],
    columnWidths: [6, 40, ...units.map(() => 12), 12],
    freeze: { rows: 2, cols: 2 },
    autoFilter: `A2:${last}5`,
    landscape: true,
    fitToWidth: true,
  };
}

function issues(): OutputSheet {
  return {
    role: "issues",
    name: "Kiểm tra",
    cells: [
      [
        { v: "Đơn vị", bold: true },
        { v: "Ô", bold: true },
        { v: "Vấn đề", bold: true },
      ],
      [
        { v: "Đơn vị 1" },
        { v: "E9", link: { sheet: "Đơn vị 1", cell: "E9" } },
        { v: "Tỷ lệ 47,6% không khớp: 2.344 / 5.022 = 46,7%", wrap: true },
      ],
      [{ v: "Tổng hợp" }, { v: "D4", link: { sheet: "Tổng hợp", cell: "D4" } }, { v: "Tổng cộng" }],
    ],
    merges: [],
    columnWidths: [20, 8, 60],
    freeze: { rows: 1, cols: 0 },
    autoFilter: "A1:C3",
    landscape: false,
    fitToWidth: true,
  };
}

const flag = (sheet: string, cell: string, severity: Flag["severity"] = "error"): Flag => ({
  file: "Bao cao.xlsx",
  sheet,
  cell,
  severity,
  message: "Tỷ lệ không khớp",
});

function snapshot(s: FakeSheet): string {
  return JSON.stringify([...s.cells.entries()].map(([k, c]) => [k, c.v, c.f ?? null]).sort());
}

describe("excel/write: result tabs and flags into the workbook", () => {
  it("writes values, formulas as formulas, tricky text as text, and the tab's layout", async () => {
    const xl = unitWorkbook(2);
    const report = await xl.run((ctx) =>
      writeResult(
        ctx,
        { sheets: [summary(["Đơn vị 1", "Đơn vị 2"]), issues()], flags: [] },
        {
          check: xl.check,
          activate: "summary",
        }
      )
    );
    assert.equal(report.syncs, 2, "no flags: the fill-reading sync is skipped");
    assert.deepEqual(report.sheets, [
      { role: "summary", name: "Tổng hợp" },
      { role: "issues", name: "Kiểm tra" },
    ]);
    const s = xl.sheet("Tổng hợp");
    assert.equal(xl.activeSheet, s);
    assert.equal(s.peek("B4")!.v, "Tổng số đảng viên");
    assert.equal(s.peek("C4")!.v, 5022);
    assert.equal(s.peek("E4")!.f, "=SUM(C4:D4)");
    assert.equal(s.peek("E4")!.fmt, "#,##0");
    assert.equal(s.peek("E5")!.f, "=ROUND(E4/E3,1)");
    assert.equal(s.peek("E5")!.fill, "#E2EFDA");
    // Every tricky string is stored as the same text, with no formula.
    TRICKY.forEach((text, c) => {
      const cell = s.peek(String.fromCharCode(65 + c) + "6")!;
      assert.equal(cell.v, text, `cell ${c}: ${JSON.stringify(cell)}`);
      assert.equal(cell.f, undefined);
      assert.equal(cell.italic, true);
    });
    assert.equal(s.peek("A1")!.bold, true);
    assert.equal(s.peek("A1")!.align, "Center");
    assert.deepEqual(s.merges, ["A1:E1"]);
    assert.deepEqual(s.peek("C2")!.borders, [
      "EdgeTop:Continuous",
      "EdgeBottom:Continuous",
      "EdgeLeft:Continuous",
      "EdgeRight:Continuous",
      "InsideVertical:Continuous",
    ]);
    assert.deepEqual([s.colWidths.get(0), s.colWidths.get(1)], [35.25, 213.75]);
    assert.deepEqual(s.freeze, { rows: 2, cols: 2 });
    assert.equal(s.autoFilter, "A2:E5");
    assert.equal(s.orientation, "Landscape");
    assert.equal(s.fitToPagesWide, 1);
    assert.equal(s.peek("C2")!.link, "'Đơn vị 1'!D4");
    assert.equal(s.peek("C2")!.v, "Đơn vị 1");
    const k = xl.sheet("Kiểm tra");
    assert.equal(k.peek("B2")!.link, "'Đơn vị 1'!E9");
    assert.equal(k.peek("C2")!.wrap, true);
    assert.equal(xl.names.get(markerName("summary"))!.sheet, s);
    assert.equal(xl.names.get(markerName("issues"))!.sheet, k);
    assert.equal(xl.suspendCalls, 1);
  });

  it("the fake Excel would have turned the tricky strings into formulas and numbers", () => {
    const made = TRICKY.map((text) => {
      const c = {
        v: "" as string | number | boolean,
        fmt: "General",
        fill: null,
        pattern: "None",
        font: "Arial",
      };
      enterInput(c, text);
      return c.v === text && !("f" in c && c.f);
    });
    assert.deepEqual(
      made,
      TRICKY.map(() => false)
    );
  });

  it("falls back on Excel 2019 (ExcelApi 1.7) and on ExcelApi 1.4, and says what it skipped", async () => {
    const xl = unitWorkbook(1, { api: "1.4" });
    const report = await xl.run((ctx) =>
      writeResult(
        ctx,
        { sheets: [issues()], flags: [flag("Đơn vị 1", "E9")] },
        { check: xl.check, activate: "issues" }
      )
    );
    const k = xl.sheet("Kiểm tra");
    assert.equal(k.peek("B2")!.f, `=HYPERLINK("#'Đơn vị 1'!E9","E9")`);
    assert.equal(k.freeze, null);
    assert.deepEqual(report.skipped.sort(), [
      "autoFilter",
      "freezePanes",
      "hyperlinks",
      "pageLayout",
      "screenUpdating",
    ]);
    assert.equal(xl.suspendCalls, 0);
    assert.equal(xl.sheet("Đơn vị 1").peek("E9")!.fill, FLAG_FILL.error.toUpperCase());
  });

  it("replaces its own tabs on a re-run and never touches a user's sheet of the same name", async () => {
    const xl = unitWorkbook(2);
    const mine = xl.addSheet("Tổng hợp", [["Bảng tự làm của tôi", 123]]);
    const before = snapshot(mine);
    const write = () =>
      xl.run((ctx) =>
        writeResult(
          ctx,
          { sheets: [summary(["Đơn vị 1", "Đơn vị 2"])], flags: [] },
          { check: xl.check, activate: "summary" }
        )
      );
    const first = await write();
    assert.deepEqual(first.sheets, [{ role: "summary", name: "Tổng hợp (2)" }]);
    const ours1 = xl.sheet("Tổng hợp (2)");
    ours1.cell("Z99").v = "left over from the first run";
    const second = await write();
    assert.deepEqual(second.sheets, [{ role: "summary", name: "Tổng hợp (2)" }]);
    assert.deepEqual(
      xl.sheets.map((s) => s.name),
      ["Đơn vị 1", "Đơn vị 2", "Tổng hợp", "Tổng hợp (2)"]
    );
    assert.notEqual(xl.sheet("Tổng hợp (2)"), ours1, "the old tab was replaced");
    assert.equal(xl.sheet("Tổng hợp (2)").peek("Z99"), undefined);
    assert.equal(snapshot(mine), before);
    assert.equal(xl.sheet("Tổng hợp"), mine);
    assert.equal(xl.names.size, 1);
    // A link from the issues tab to the summary follows the name the summary got.
    await xl.run((ctx) =>
      writeResult(
        ctx,
        { sheets: [summary(["Đơn vị 1", "Đơn vị 2"]), issues()], flags: [] },
        { check: xl.check }
      )
    );
    assert.equal(xl.sheet("Kiểm tra").peek("B3")!.link, "'Tổng hợp (2)'!D4");
  });

  it("re-run after the user renamed our tab still replaces it (the marker follows renames)", async () => {
    const xl = unitWorkbook(1);
    const sheets = { sheets: [summary(["Đơn vị 1"])], flags: [] };
    await xl.run((ctx) => writeResult(ctx, sheets, { check: xl.check }));
    xl.sheet("Tổng hợp").name = "Tổng hợp quý I";
    await xl.run((ctx) => writeResult(ctx, sheets, { check: xl.check }));
    assert.deepEqual(
      xl.sheets.map((s) => s.name),
      ["Đơn vị 1", "Tổng hợp"]
    );
  });

  it("flags cells with fills, saves the fills they cover, and clearFlags restores them", async () => {
    const xl = unitWorkbook(2);
    const u1 = xl.sheet("Đơn vị 1");
    const u2 = xl.sheet("Đơn vị 2");
    u2.cell("D6").fill = "#FFFF00";
    u2.cell("D6").pattern = "Solid";
    const values = [snapshot(u1), snapshot(u2)];
    const report = await xl.run((ctx) =>
      writeResult(
        ctx,
        {
          sheets: [issues()],
          flags: [
            flag("Đơn vị 1", "E9"),
            flag("Đơn vị 2", "D6", "warning"),
            flag("Đơn vị 1", "E9", "info"),
            flag("Không có", "A1"),
          ],
        },
        { check: xl.check }
      )
    );
    assert.deepEqual([report.flagged, report.unplaced, report.syncs], [2, 1, 3]);
    assert.equal(u1.peek("E9")!.fill, FLAG_FILL.error.toUpperCase(), "the most severe flag shows");
    assert.equal(u2.peek("D6")!.fill, FLAG_FILL.warning.toUpperCase());
    assert.ok(xl.settings.has(FLAG_SETTING));
    assert.deepEqual([snapshot(u1), snapshot(u2)], values, "no value in a unit sheet changed");

    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual(cleared, { restored: 2, kept: 0, syncs: 3 });
    assert.equal(u1.peek("E9")!.fill, null);
    assert.equal(u2.peek("D6")!.fill, "#FFFF00");
    assert.equal(xl.settings.has(FLAG_SETTING), false);
  });

  it("keeps a colour the user gave a flagged cell when flags are cleared", async () => {
    const xl = unitWorkbook(1);
    await xl.run((ctx) =>
      writeResult(
        ctx,
        { sheets: [], flags: [flag("Đơn vị 1", "E9"), flag("Đơn vị 1", "D8")] },
        { check: xl.check }
      )
    );
    xl.sheet("Đơn vị 1").cell("E9").fill = "#00B050";
    const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual([cleared.restored, cleared.kept], [1, 1]);
    assert.equal(xl.sheet("Đơn vị 1").peek("E9")!.fill, "#00B050");
    assert.equal(xl.sheet("Đơn vị 1").peek("D8")!.fill, null);
  });

  it("a re-run moves the flags: old ones restored, repeated ones keep the original fill", async () => {
    const xl = unitWorkbook(1);
    const u = xl.sheet("Đơn vị 1");
    u.cell("D6").fill = "#FFFF00";
    const run = (flags: Flag[]) =>
      xl.run((ctx) => writeResult(ctx, { sheets: [], flags }, { check: xl.check }));
    await run([flag("Đơn vị 1", "E9"), flag("Đơn vị 1", "D6", "warning")]);
    const second = await run([flag("Đơn vị 1", "D6"), flag("Đơn vị 1", "D7", "info")]);
    assert.deepEqual([second.flagged, second.restored], [2, 1]);
    assert.equal(u.peek("E9")!.fill, null);
    assert.equal(u.peek("D6")!.fill, FLAG_FILL.error.toUpperCase());
    assert.equal(u.peek("D7")!.fill, FLAG_FILL.info.toUpperCase());
    await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
    assert.deepEqual(
      [u.peek("D6")!.fill, u.peek("D7")!.fill, u.peek("E9")!.fill],
      ["#FFFF00", null, null]
    );
  });

  it("never flags a cell of one of our own tabs", async () => {
    const xl = unitWorkbook(1);
    await xl.run((ctx) =>
      writeResult(ctx, { sheets: [summary(["Đơn vị 1"])], flags: [] }, { check: xl.check })
    );
    const report = await xl.run((ctx) =>
      writeResult(ctx, { sheets: [issues()], flags: [flag("Tổng hợp", "C3")] }, { check: xl.check })
    );
    assert.deepEqual([report.flagged, report.unplaced], [0, 1]);
    assert.equal(xl.sheet("Tổng hợp").peek("C3")!.fill, null);
  });

  it("makes the same number of round trips for 1, 10 and 100 unit sheets, flags on every one", async () => {
    const counts: number[][] = [];
    for (const n of [1, 10, 100]) {
      const xl = unitWorkbook(n);
      const units = xl.sheets.map((s) => s.name);
      const flags = units.flatMap((u) => [
        flag(u, "E9"),
        flag(u, "D6", "warning"),
        flag(u, "B9", "info"),
      ]);
      const sheets = [summary(units.slice(0, 20)), issues()];
      const written = await xl.run((ctx) =>
        writeResult(ctx, { sheets, flags }, { check: xl.check, activate: "summary" })
      );
      const cleared = await xl.run((ctx) => clearFlags(ctx, { check: xl.check }));
      assert.equal(written.flagged, 3 * n);
      assert.equal(cleared.restored, 3 * n);
      counts.push([written.syncs, cleared.syncs, xl.suspendCalls]);
    }
    assert.deepEqual(counts, [
      [3, 3, 2],
      [3, 3, 2],
      [3, 3, 2],
    ]);
  });
});
