/**
 * Workbook sets that between them reach every check rule and every way a figure is written: the engine's
 * snapshot test runs on them, and so can any test that compares a faster path with an earlier one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unitWorkbook } from "../../bench/generate";
import { SheetModel, WorkbookModel, sheetFromGrid } from "../../src/core/model";
import { readXlsxSync } from "../../src/xlsx/fast-read";
import { validationSet } from "../fixtures/validation-units";
import { Line, workbooksOf } from "./build";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const EXAMPLE_FILES = [
  "binh-lieu.xlsx",
  "cac-don-vi-mien-dong.xlsx",
  "cam-pha.xlsx",
  "dam-ha.xlsx",
  "dang-bo-khoi-cac-co-quan-tinh.xlsx",
  "quang-yen.xlsx",
  "tien-yen.xlsx",
  "nop-bo-sung/uong-bi.xlsx",
];

function read(bytes: Uint8Array, file: string): WorkbookModel {
  const r = readXlsxSync(bytes, file);
  if (!r.workbook) throw new Error(`${file} did not read`);
  return r.workbook;
}

/** The bench's generated unit files (seeded), units `from` to `from + count - 1`. */
export function benchUnits(form: "small" | "large", from: number, count: number): WorkbookModel[] {
  const out: WorkbookModel[] = [];
  for (let i = from; i < from + count; i++)
    out.push(read(unitWorkbook(form, i), `don-vi-${String(i).padStart(4, "0")}.xlsx`));
  return out;
}

export function exampleWorkbooks(): WorkbookModel[] {
  return EXAMPLE_FILES.map((f) => read(new Uint8Array(readFileSync(join(EXAMPLES, f))), f));
}

export function goldenSets(): { name: string; workbooks: WorkbookModel[] }[] {
  const validation = validationSet().workbooks;
  const small = benchUnits("small", 0, 60);
  const examples = exampleWorkbooks();
  return [
    { name: "validation fixture set", workbooks: validation },
    { name: "examples", workbooks: examples },
    { name: "60 small bench units", workbooks: small },
    { name: "3 large bench units", workbooks: benchUnits("large", 0, 3) },
    { name: "one unit", workbooks: small.slice(5, 6) },
    { name: "two units", workbooks: validation.slice(0, 2) },
    { name: "three units", workbooks: [...validation.slice(3, 5), small[7], examples[3]] },
    { name: "hidden data", workbooks: withHiddenData(examples) },
    { name: "left-out figures", workbooks: leftOutUnits() },
  ];
}

/** The examples with figures hidden three ways: rows (Đầm Hà), a column (Bình Liêu), a whole sheet (Tiên Yên). */
function withHiddenData(examples: WorkbookModel[]): WorkbookModel[] {
  const hide: Record<string, Partial<SheetModel>> = {
    "dam-ha.xlsx": { hiddenRows: [2, 3] },
    "binh-lieu.xlsx": { hiddenColumns: [4] },
    "tien-yen.xlsx": { visibility: "Hidden" },
  };
  return examples.map((wb) => {
    const h = hide[wb.file];
    return h ? { ...wb, sheets: wb.sheets.map((s) => ({ ...s, ...h })) } : wb;
  });
}

/** Units whose figures under percentages are left out, blank, words or absent (consolidate-left-out's form). */
function leftOutUnits(): WorkbookModel[] {
  const rules = sheetFromGrid("Quy tắc", [
    ["Quy tắc kiểm tra"],
    ["Quy tắc", "Nguồn"],
    ["[1] = [1.1] + [1.2]"],
    ["Tỷ lệ [1.1] = [1.1] / [1]"],
    ["Tỷ lệ [2] = [2] / [1]"],
    ["[3] bình quân theo [1]"],
  ]);
  // `drop`: the row the unit lacks ("1" Tổng số or "2" nữ).
  const unit = (name: string, total: unknown, nu: unknown, drop = "") => {
    const lines: Line[] = [
      ["1", "Tổng số đảng viên", "Người", total as number, ""],
      ["1.1", "Đảng viên chính thức", "Người", 90, ""],
      ["1.2", "Đảng viên dự bị", "Người", 10, ""],
      ["2", "Đảng viên nữ", "Người", nu as number, ""],
      ["3", "Tuổi bình quân của đảng viên", "Tuổi", 44, ""],
    ];
    return { name, lines: lines.filter((l) => l[0] !== drop) };
  };
  return workbooksOf(
    [
      unit("Đảng ủy xã A", 100, 40),
      unit("Đảng ủy xã B", 3.412, 50),
      unit("Đảng ủy xã C", "", 30),
      unit("Đảng ủy xã D", 100, "khoảng 30"),
      unit("Đảng ủy xã E", 100, 0),
      unit("Đảng ủy xã F", 100, 20, "1"),
      unit("Đảng ủy xã H", 0, 20, "2"),
      unit("Đảng ủy xã I", 100, 20, "2"),
      unit("Đảng ủy xã G", 0, ""),
      unit("Đảng ủy xã K", "", 0),
    ],
    [rules]
  );
}
