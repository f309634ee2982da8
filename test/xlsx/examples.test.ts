import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { cellAt } from "../../src/core/model";
import { readXlsx } from "../../src/xlsx/read";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples");

function xlsxUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".xlsx"))
    .sort();
}

describe("examples/: the demo's submissions", () => {
  it("are exactly what scripts/make-examples.ts makes (byte for byte)", function () {
    this.timeout(120000);
    const out = mkdtempSync(join(tmpdir(), "tonghop-examples-"));
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/make-examples.ts", out],
      {
        cwd: ROOT,
        stdio: "pipe",
      }
    );
    const made = xlsxUnder(out);
    assert.deepEqual(made, xlsxUnder(EXAMPLES));
    for (const f of made) {
      assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(EXAMPLES, f))), `${f} differs`);
    }
  });

  it("hold at least 8 units, single-unit files and one workbook of several unit sheets, with the planted mistakes", async () => {
    const sheets: { file: string; name: string; cell: (a: string) => unknown; unit: string }[] = [];
    for (const f of xlsxUnder(EXAMPLES)) {
      const { workbook, issues } = await readXlsx(
        new Uint8Array(readFileSync(join(EXAMPLES, f))),
        f
      );
      assert.deepEqual(issues, [], f);
      for (const s of workbook!.sheets) {
        const unitLine = s.values
          .flat()
          .find((v) => typeof v === "string" && v.startsWith("Đơn vị báo cáo:"));
        if (!unitLine) continue;
        sheets.push({
          file: relative(EXAMPLES, join(EXAMPLES, f)),
          name: s.name,
          unit: String(unitLine).slice("Đơn vị báo cáo: ".length),
          cell: (a) => {
            const m = /^([A-Z])(\d+)$/.exec(a)!;
            return cellAt(s, Number(m[2]) - 1, m[1].charCodeAt(0) - 65);
          },
        });
      }
    }
    assert.ok(sheets.length >= 8, `${sheets.length} units`);
    const perFile = new Map<string, number>();
    for (const s of sheets) perFile.set(s.file, (perFile.get(s.file) ?? 0) + 1);
    assert.ok(
      [...perFile.values()].some((n) => n >= 3),
      "a workbook with several unit sheets"
    );
    assert.ok([...perFile.values()].filter((n) => n === 1).length >= 5, "single-unit files");
    const unit = (name: string) => sheets.find((s) => s.unit === name)!;
    // Row 13 is "1.1 Đảng bộ cơ sở", row 14 "1.2 Chi bộ cơ sở", row 11 the total, row 27 lý luận chính trị.
    const damHa = unit("Đảng bộ huyện Đầm Hà");
    assert.deepEqual([damHa.cell("D11"), damHa.cell("D13"), damHa.cell("D14")], [35, 20, 14]);
    const khoi = unit("Đảng bộ Khối các cơ quan tỉnh");
    assert.deepEqual([khoi.cell("D19"), khoi.cell("D27"), khoi.cell("E27")], [5022, 2344, 47.6]);
    assert.equal(unit("Đảng bộ huyện Tiên Yên").cell("D19"), 3.412);
    assert.equal(unit("Đảng bộ huyện Bình Liêu").cell("D28"), "khoảng 80");
    assert.equal(unit("Đảng bộ thành phố Cẩm Phả").cell("D19"), "6.991");
  });
});
