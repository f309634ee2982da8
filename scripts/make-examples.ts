/**
 * Builds examples/: unit submissions of one report form ("Biểu số 02-BTCTW") as real offices send them, from
 * the figures of the published reports in ../shared/seeds (Đảng bộ Khối các cơ quan tỉnh Quảng Ninh: 61 tổ
 * chức cơ sở đảng = 37 + 24, 5.022 đảng viên, 2.344 có trình độ lý luận chính trị trung cấp trở lên; huyện Đầm
 * Hà: 35 chi, đảng bộ, 2.068 đảng viên; 6.991 đảng viên, 45 kỷ luật, 72 xóa tên...), other units with figures
 * of the same scale. A few genuine mistakes are made on purpose so that `npm run demo` has something to show:
 *   - Khối các cơ quan tỉnh writes 47,6% where 2.344 / 5.022 = 46,7%;
 *   - Đầm Hà's parts do not add up: 20 đảng bộ cơ sở + 14 chi bộ cơ sở ≠ 35 tổ chức cơ sở đảng;
 *   - Tiên Yên's "3.412" đảng viên was read by an English Excel as the decimal 3.412;
 *   - Bình Liêu writes the text "khoảng 80" where a count belongs.
 * Percentages are stored as offices store them: 46.7, 0.467 with a % format, the text "46,7", formulas.
 * The output is deterministic (fixed dates, fixed zip entry times): running it again gives the same bytes.
 *
 * Usage: tsx scripts/make-examples.ts [OUT_DIR]   (default: examples)
 */
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { repackXlsx } from "../src/xlsx/zip";

/** The date written in the files (their creation date and the zip entries' times). */
const FILE_DATE = new Date(Date.UTC(2025, 0, 15, 8, 0, 0));
const PERIOD = "Năm 2024 (số liệu đến ngày 31/12/2024)";

interface Figures {
  tccsd: number;
  dbcs: number;
  cbcs: number;
  chiBo: number;
  tccsdTot: number;
  nhatThe: number;
  dangVien: number;
  chinhThuc: number;
  duBi: number;
  nu: number;
  dtts: number;
  daiHoc: number;
  llct: number;
  ketNap: number;
  dvTot: number;
  tuoi: number;
  kyLuat: number;
  xoaTen: number;
}

type PercentStyle = "number" | "fraction" | "text" | "formula";

interface Unit {
  /** "Đơn vị báo cáo:" */
  name: string;
  /** The issuing committee in the header block, upper case. */
  body: string;
  place: string;
  figures: Figures;
  percent: PercentStyle;
  /** Cell overrides by indicator key: what the office actually typed. */
  typed?: Partial<Record<keyof Figures | `${keyof Figures}%`, string | number>>;
  /** Notes in the Ghi chú column by indicator key. */
  notes?: Partial<Record<keyof Figures, string>>;
  /** Extra blank rows above the table (a header lower than in the other units). */
  shift?: number;
  /** An indicator row of its own, after the given key. */
  extraRow?: { after: keyof Figures; label: string; uom: string; value: number };
  signer: { maker: string; title: string; name: string };
}

/** The form's indicator rows: code, label, unit of measure, figure, base of its percentage. */
interface FormRow {
  code: string;
  label: string;
  uom?: string;
  key?: keyof Figures;
  base?: keyof Figures;
  section?: boolean;
}

const FORM: FormRow[] = [
  { code: "I", label: "TỔ CHỨC CƠ SỞ ĐẢNG", section: true },
  { code: "1", label: "Tổng số tổ chức cơ sở đảng", uom: "Tổ chức", key: "tccsd" },
  { code: "", label: "Gồm:" },
  { code: "1.1", label: "Đảng bộ cơ sở", uom: "Tổ chức", key: "dbcs", base: "tccsd" },
  { code: "1.2", label: "Chi bộ cơ sở", uom: "Tổ chức", key: "cbcs", base: "tccsd" },
  { code: "2", label: "Số chi bộ trực thuộc đảng ủy cơ sở", uom: "Chi bộ", key: "chiBo" },
  {
    code: "3",
    label: "Tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    uom: "Tổ chức",
    key: "tccsdTot",
    base: "tccsd",
  },
  {
    code: "4",
    label: "Tổ chức cơ sở đảng có bí thư cấp ủy đồng thời là thủ trưởng cơ quan, đơn vị",
    uom: "Tổ chức",
    key: "nhatThe",
    base: "tccsd",
  },
  { code: "II", label: "ĐẢNG VIÊN", section: true },
  { code: "1", label: "Tổng số đảng viên", uom: "Người", key: "dangVien" },
  { code: "", label: "Gồm:" },
  { code: "1.1", label: "Đảng viên chính thức", uom: "Người", key: "chinhThuc", base: "dangVien" },
  { code: "1.2", label: "Đảng viên dự bị", uom: "Người", key: "duBi", base: "dangVien" },
  { code: "", label: "Trong đó:" },
  { code: "-", label: "Đảng viên nữ", uom: "Người", key: "nu", base: "dangVien" },
  {
    code: "-",
    label: "Đảng viên là người dân tộc thiểu số",
    uom: "Người",
    key: "dtts",
    base: "dangVien",
  },
  {
    code: "-",
    label: "Có trình độ chuyên môn từ đại học trở lên",
    uom: "Người",
    key: "daiHoc",
    base: "dangVien",
  },
  {
    code: "-",
    label: "Có trình độ lý luận chính trị từ trung cấp trở lên",
    uom: "Người",
    key: "llct",
    base: "dangVien",
  },
  { code: "2", label: "Đảng viên mới kết nạp trong năm", uom: "Người", key: "ketNap" },
  {
    code: "3",
    label: "Đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên",
    uom: "Người",
    key: "dvTot",
    base: "dangVien",
  },
  { code: "4", label: "Tuổi bình quân của đảng viên", uom: "Tuổi", key: "tuoi" },
  { code: "III", label: "KIỂM TRA, GIÁM SÁT VÀ KỶ LUẬT ĐẢNG", section: true },
  { code: "1", label: "Đảng viên bị xử lý kỷ luật trong năm", uom: "Người", key: "kyLuat" },
  { code: "2", label: "Đảng viên bị xóa tên trong năm", uom: "Người", key: "xoaTen" },
];

/** Figures whose parts add up, with the percentage bases used above. */
function figures(f: Omit<Figures, "chinhThuc"> & { chinhThuc?: number }): Figures {
  return { ...f, chinhThuc: f.chinhThuc ?? f.dangVien - f.duBi };
}

const UNITS: (Unit & { file: string; sheet: string; book?: string })[] = [
  {
    file: "dang-bo-khoi-cac-co-quan-tinh.xlsx",
    sheet: "Biểu 02",
    name: "Đảng bộ Khối các cơ quan tỉnh",
    body: "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
    place: "Hạ Long",
    percent: "number",
    figures: figures({
      tccsd: 61,
      dbcs: 37,
      cbcs: 24,
      chiBo: 251,
      tccsdTot: 58,
      nhatThe: 60,
      dangVien: 5022,
      duBi: 131,
      nu: 2260,
      dtts: 190,
      daiHoc: 4545,
      llct: 2344,
      ketNap: 152,
      dvTot: 4835,
      tuoi: 41.8,
      kyLuat: 3,
      xoaTen: 2,
    }),
    // 2.344 / 5.022 = 46,7%; the office typed 47,6.
    typed: { "llct%": 47.6 },
    notes: { llct: "Trong đó 939 cử nhân, cao cấp", nhatThe: "60/61 chi, đảng bộ cơ sở" },
    signer: { maker: "Phạm Thu Hà", title: "PHÓ BÍ THƯ", name: "Vũ Văn Diện" },
  },
  {
    file: "dam-ha.xlsx",
    sheet: "Biểu 02",
    name: "Đảng bộ huyện Đầm Hà",
    body: "HUYỆN ỦY ĐẦM HÀ",
    place: "Đầm Hà",
    percent: "number",
    figures: figures({
      tccsd: 35,
      dbcs: 21,
      cbcs: 14,
      chiBo: 182,
      tccsdTot: 31,
      nhatThe: 9,
      dangVien: 2068,
      duBi: 74,
      nu: 805,
      dtts: 472,
      daiHoc: 1120,
      llct: 690,
      ketNap: 78,
      dvTot: 1951,
      tuoi: 45.2,
      kyLuat: 2,
      xoaTen: 1,
    }),
    // 20 + 14 = 34, not the 35 written above (the office forgot a newly formed đảng bộ).
    typed: { dbcs: 20 },
    signer: { maker: "Nguyễn Thị Nga", title: "PHÓ BÍ THƯ THƯỜNG TRỰC", name: "Hoàng Văn Thắng" },
  },
  {
    file: "tien-yen.xlsx",
    sheet: "Sheet1",
    name: "Đảng bộ huyện Tiên Yên",
    body: "HUYỆN ỦY TIÊN YÊN",
    place: "Tiên Yên",
    percent: "fraction",
    figures: figures({
      tccsd: 44,
      dbcs: 26,
      cbcs: 18,
      chiBo: 215,
      tccsdTot: 40,
      nhatThe: 12,
      dangVien: 3412,
      duBi: 96,
      nu: 1311,
      dtts: 1580,
      daiHoc: 1702,
      llct: 1105,
      ketNap: 101,
      dvTot: 3208,
      tuoi: 44.6,
      kyLuat: 4,
      xoaTen: 3,
    }),
    // Typed "3.412" in an English-locale Excel: stored as the decimal 3.412.
    typed: { dangVien: 3.412 },
    signer: { maker: "Lý Văn Sáng", title: "BÍ THƯ", name: "Chìu Văn Hùng" },
  },
  {
    file: "binh-lieu.xlsx",
    sheet: "Biểu 02",
    name: "Đảng bộ huyện Bình Liêu",
    body: "HUYỆN ỦY BÌNH LIÊU",
    place: "Bình Liêu",
    percent: "number",
    figures: figures({
      tccsd: 30,
      dbcs: 15,
      cbcs: 15,
      chiBo: 118,
      tccsdTot: 27,
      nhatThe: 7,
      dangVien: 1986,
      duBi: 83,
      nu: 702,
      dtts: 1490,
      daiHoc: 905,
      llct: 611,
      ketNap: 80,
      dvTot: 1890,
      tuoi: 43.9,
      kyLuat: 1,
      xoaTen: 2,
    }),
    typed: { ketNap: "khoảng 80" },
    notes: { ketNap: "Số liệu chưa chốt" },
    signer: { maker: "Vi Thị Hằng", title: "PHÓ BÍ THƯ", name: "Lục Thanh Chung" },
  },
  {
    file: "cac-don-vi-mien-dong.xlsx",
    book: "Hướng dẫn",
    sheet: "Hải Hà",
    name: "Đảng bộ huyện Hải Hà",
    body: "HUYỆN ỦY HẢI HÀ",
    place: "Hải Hà",
    percent: "text",
    figures: figures({
      tccsd: 48,
      dbcs: 29,
      cbcs: 19,
      chiBo: 236,
      tccsdTot: 45,
      nhatThe: 11,
      dangVien: 3870,
      duBi: 120,
      nu: 1502,
      dtts: 688,
      daiHoc: 2110,
      llct: 1377,
      ketNap: 132,
      dvTot: 3712,
      tuoi: 43.1,
      kyLuat: 5,
      xoaTen: 4,
    }),
    signer: { maker: "Đỗ Thị Lan", title: "PHÓ BÍ THƯ", name: "Nguyễn Văn Hưng" },
  },
  {
    file: "cac-don-vi-mien-dong.xlsx",
    sheet: "Ba Chẽ",
    name: "Đảng bộ huyện Ba Chẽ",
    body: "HUYỆN ỦY BA CHẼ",
    place: "Ba Chẽ",
    percent: "number",
    figures: figures({
      tccsd: 26,
      dbcs: 10,
      cbcs: 16,
      chiBo: 97,
      tccsdTot: 24,
      nhatThe: 6,
      dangVien: 1604,
      duBi: 59,
      nu: 590,
      dtts: 1011,
      daiHoc: 712,
      llct: 498,
      ketNap: 61,
      dvTot: 1530,
      tuoi: 42.7,
      kyLuat: 0,
      xoaTen: 1,
    }),
    shift: 1,
    signer: { maker: "Triệu Thị Mai", title: "BÍ THƯ", name: "Bàn Văn Quý" },
  },
  {
    file: "cac-don-vi-mien-dong.xlsx",
    sheet: "Vân Đồn",
    name: "Đảng bộ huyện Vân Đồn",
    body: "HUYỆN ỦY VÂN ĐỒN",
    place: "Vân Đồn",
    percent: "fraction",
    figures: figures({
      tccsd: 39,
      dbcs: 22,
      cbcs: 17,
      chiBo: 160,
      tccsdTot: 36,
      nhatThe: 10,
      dangVien: 2755,
      duBi: 88,
      nu: 1046,
      dtts: 301,
      daiHoc: 1630,
      llct: 942,
      ketNap: 95,
      dvTot: 2650,
      tuoi: 42.2,
      kyLuat: 2,
      xoaTen: 2,
    }),
    signer: { maker: "Phạm Văn Long", title: "PHÓ BÍ THƯ", name: "Lê Văn Ánh" },
  },
  {
    file: "cam-pha.xlsx",
    sheet: "Biểu 02",
    name: "Đảng bộ thành phố Cẩm Phả",
    body: "THÀNH ỦY CẨM PHẢ",
    place: "Cẩm Phả",
    percent: "number",
    figures: figures({
      tccsd: 52,
      dbcs: 40,
      cbcs: 12,
      chiBo: 480,
      tccsdTot: 49,
      nhatThe: 33,
      dangVien: 6991,
      duBi: 210,
      nu: 2880,
      dtts: 140,
      daiHoc: 4410,
      llct: 2675,
      ketNap: 866,
      dvTot: 6930,
      tuoi: 47.5,
      kyLuat: 45,
      xoaTen: 72,
    }),
    // Counts pasted from a Word report arrive as text.
    typed: { dangVien: "6.991" },
    notes: { ketNap: "Tính từ đầu nhiệm kỳ đến 31/12/2024" },
    signer: {
      maker: "Trần Thị Bích",
      title: "PHÓ BÍ THƯ THƯỜNG TRỰC",
      name: "Trang Thị Bích Ngọc",
    },
  },
  {
    file: "quang-yen.xlsx",
    sheet: "Biểu 02",
    name: "Đảng bộ thị xã Quảng Yên",
    body: "THỊ ỦY QUẢNG YÊN",
    place: "Quảng Yên",
    percent: "number",
    figures: figures({
      tccsd: 57,
      dbcs: 38,
      cbcs: 19,
      chiBo: 402,
      tccsdTot: 53,
      nhatThe: 19,
      dangVien: 5615,
      duBi: 164,
      nu: 2304,
      dtts: 95,
      daiHoc: 3190,
      llct: 2011,
      ketNap: 187,
      dvTot: 5420,
      tuoi: 46.3,
      kyLuat: 6,
      xoaTen: 5,
    }),
    extraRow: {
      after: "ketNap",
      label: "Đảng viên được tặng Huy hiệu Đảng trong năm",
      uom: "Người",
      value: 214,
    },
    signer: { maker: "Ngô Thị Thủy", title: "BÍ THƯ", name: "Vũ Quyết Tiến" },
  },
  {
    file: "nop-bo-sung/uong-bi.xlsx",
    sheet: "Biểu 02",
    name: "Đảng bộ thành phố Uông Bí",
    body: "THÀNH ỦY UÔNG BÍ",
    place: "Uông Bí",
    percent: "formula",
    figures: figures({
      tccsd: 63,
      dbcs: 41,
      cbcs: 22,
      chiBo: 455,
      tccsdTot: 59,
      nhatThe: 28,
      dangVien: 6420,
      duBi: 177,
      nu: 2718,
      dtts: 88,
      daiHoc: 3905,
      llct: 2406,
      ketNap: 203,
      dvTot: 6218,
      tuoi: 46.9,
      kyLuat: 4,
      xoaTen: 6,
    }),
    signer: { maker: "Bùi Thị Thu", title: "PHÓ BÍ THƯ", name: "Nguyễn Mạnh Cường" },
  },
];

/** n / d × 100 rounded half up to one decimal, in integers (no floating-point ties). */
function percent1(n: number, d: number): number {
  return Math.floor((2 * n * 1000 + d) / (2 * d)) / 10;
}

/** "46,7" as a Vietnamese office writes it. */
const viDecimal = (x: number) => x.toFixed(1).replace(".", ",");

const FONT = "Times New Roman";
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function fillSheet(ws: ExcelJS.Worksheet, unit: Unit): void {
  const f = unit.figures;
  ws.properties.defaultRowHeight = 18;
  [6, 58, 11, 12, 11, 28].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const put = (address: string, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = {}) => {
    const cell = ws.getCell(address);
    cell.value = value;
    cell.font = { name: FONT, size: 13, ...(style.font ?? {}) };
    if (style.alignment) cell.alignment = style.alignment;
    if (style.numFmt) cell.numFmt = style.numFmt;
    if (style.border) cell.border = style.border;
  };
  const center: Partial<ExcelJS.Alignment> = {
    horizontal: "center",
    vertical: "middle",
    wrapText: true,
  };
  const bold = { name: FONT, size: 13, bold: true };

  put("A1", unit.body, { font: bold, alignment: center });
  ws.mergeCells("A1:B1");
  put("D1", "ĐẢNG CỘNG SẢN VIỆT NAM", { font: { ...bold, underline: true }, alignment: center });
  ws.mergeCells("D1:F1");
  put("A2", "*", { alignment: center });
  ws.mergeCells("A2:B2");
  put("D2", "Biểu số 02-BTCTW", {
    font: { name: FONT, size: 12, italic: true },
    alignment: center,
  });
  ws.mergeCells("D2:F2");

  let r = 4 + (unit.shift ?? 0);
  put(`A${r}`, "BÁO CÁO SỐ LƯỢNG, CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN", {
    font: { ...bold, size: 14 },
    alignment: center,
  });
  ws.mergeCells(`A${r}:F${r}`);
  r++;
  put(`A${r}`, `Kỳ báo cáo: ${PERIOD}`, {
    font: { name: FONT, size: 13, italic: true },
    alignment: center,
  });
  ws.mergeCells(`A${r}:F${r}`);
  r++;
  put(`A${r}`, `Đơn vị báo cáo: ${unit.name}`, { font: { name: FONT, size: 13 } });
  ws.mergeCells(`A${r}:F${r}`);
  r += 2;

  const header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)", "Ghi chú"];
  header.forEach((h, i) =>
    put(`${"ABCDEF"[i]}${r}`, h, { font: bold, alignment: center, border: THIN })
  );
  ws.getRow(r).height = 33;
  r++;
  ["A", "B", "C", "1", "2", "3"].forEach((h, i) =>
    put(`${"ABCDEF"[i]}${r}`, h, {
      font: { name: FONT, size: 11, italic: true },
      alignment: center,
      border: THIN,
    })
  );
  r++;

  const rowOf: Partial<Record<keyof Figures, number>> = {};
  const rows: FormRow[] = [];
  for (const row of FORM) {
    rows.push({ ...row });
    if (unit.extraRow && row.key === unit.extraRow.after) {
      rows.push({
        code: String(Number(row.code) + 0.5),
        label: unit.extraRow.label,
        uom: unit.extraRow.uom,
      });
    }
  }
  // The extra row takes the next number and the rows after it in its section move down by one.
  let renumber = false;
  for (const row of rows) {
    if (row.section) renumber = false;
    if (/\.5$/.test(row.code)) {
      row.code = String(Math.ceil(Number(row.code)));
      renumber = true;
    } else if (renumber && /^\d+$/.test(row.code)) {
      row.code = String(Number(row.code) + 1);
    }
  }
  for (const row of rows) {
    const italic = row.code === "" || row.code === "-";
    const font = { name: FONT, size: 13, bold: Boolean(row.section), italic: row.code === "" };
    put(`A${r}`, row.code, {
      font,
      alignment: { horizontal: "center", vertical: "middle" },
      border: THIN,
    });
    put(`B${r}`, row.label, {
      font: { ...font, italic },
      alignment: { wrapText: true, vertical: "middle" },
      border: THIN,
    });
    put(`C${r}`, row.uom ?? "", { font, alignment: center, border: THIN });
    const key = row.key;
    let count: ExcelJS.CellValue = "";
    if (key) {
      rowOf[key] = r;
      count = unit.typed?.[key] ?? f[key];
    } else if (row.uom) {
      count = unit.extraRow?.value ?? "";
    }
    put(`D${r}`, count, {
      font,
      numFmt:
        key === "tuoi"
          ? "0.0"
          : typeof count === "number" && !Number.isInteger(count)
            ? "General"
            : "#,##0",
      alignment: { horizontal: "right", vertical: "middle" },
      border: THIN,
    });
    put(`E${r}`, "", {
      font,
      border: THIN,
      alignment: { horizontal: "right", vertical: "middle" },
    });
    put(`F${r}`, unit.notes?.[key as keyof Figures] ?? "", {
      font: { ...font, size: 11 },
      alignment: { wrapText: true, vertical: "middle" },
      border: THIN,
    });
    r++;
  }
  // Percentages once every row has its place (formulas refer to the base row).
  for (const row of rows) {
    if (!row.key || !row.base) continue;
    const cell = ws.getCell(`E${rowOf[row.key]}`);
    const value = percent1(f[row.key], f[row.base]);
    const typed = unit.typed?.[`${row.key}%`];
    switch (unit.percent) {
      case "number":
        cell.value = typed ?? value;
        cell.numFmt = "0.0";
        break;
      case "fraction":
        cell.value = Math.round((Number(typed ?? value) / 100) * 10000) / 10000;
        cell.numFmt = "0.0%";
        break;
      case "text":
        cell.value = typeof typed === "number" ? viDecimal(typed) : (typed ?? viDecimal(value));
        break;
      case "formula":
        cell.value = {
          formula: `D${rowOf[row.key]}/D${rowOf[row.base]}*100`,
          result: (f[row.key] / f[row.base]) * 100,
        };
        cell.numFmt = "0.0";
        break;
    }
  }
  r++;
  put(`D${r}`, `${unit.place}, ngày 15 tháng 01 năm 2025`, {
    font: { name: FONT, size: 13, italic: true },
    alignment: center,
  });
  ws.mergeCells(`D${r}:F${r}`);
  r++;
  put(`A${r}`, "NGƯỜI LẬP BIỂU", { font: bold, alignment: center });
  ws.mergeCells(`A${r}:B${r}`);
  put(`D${r}`, "T/M BAN THƯỜNG VỤ", { font: bold, alignment: center });
  ws.mergeCells(`D${r}:F${r}`);
  r++;
  put(`D${r}`, unit.signer.title, { font: bold, alignment: center });
  ws.mergeCells(`D${r}:F${r}`);
  r += 4;
  put(`A${r}`, unit.signer.maker, { font: bold, alignment: center });
  ws.mergeCells(`A${r}:B${r}`);
  put(`D${r}`, unit.signer.name, { font: bold, alignment: center });
  ws.mergeCells(`D${r}:F${r}`);

  ws.pageSetup = {
    orientation: "portrait",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}

function instructions(ws: ExcelJS.Worksheet): void {
  ws.getColumn(1).width = 100;
  const lines = [
    "HƯỚNG DẪN ĐIỀN BIỂU SỐ 02-BTCTW",
    "1. Mỗi đơn vị điền một trang tính, giữ nguyên thứ tự và tên các chỉ tiêu.",
    "2. Cột Số lượng ghi số nguyên; cột Tỷ lệ (%) làm tròn một chữ số thập phân.",
    "3. Tỷ lệ của các chỉ tiêu đảng viên tính trên tổng số đảng viên; của tổ chức cơ sở đảng tính trên tổng số " +
      "tổ chức cơ sở đảng.",
    "4. Gửi về Ban Tổ chức Tỉnh ủy trước ngày 20/01/2025.",
  ];
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.font = { name: FONT, size: 13, bold: i === 0 };
    cell.alignment = { wrapText: true };
  });
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? "examples";
  const books = new Map<string, ExcelJS.Workbook>();
  for (const unit of UNITS) {
    let wb = books.get(unit.file);
    if (!wb) {
      wb = new ExcelJS.Workbook();
      wb.creator = "Ban Tổ chức";
      wb.lastModifiedBy = "Ban Tổ chức";
      wb.created = FILE_DATE;
      wb.modified = FILE_DATE;
      books.set(unit.file, wb);
      if (unit.book) instructions(wb.addWorksheet(unit.book));
    }
    fillSheet(wb.addWorksheet(unit.sheet), unit);
  }
  for (const [file, wb] of books) {
    const path = join(outDir, file);
    mkdirSync(dirname(path), { recursive: true });
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    writeFileSync(path, repackXlsx(bytes, FILE_DATE));
    process.stdout.write(`${path}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
