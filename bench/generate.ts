/**
 * Seeded unit workbooks for the benchmark, in two forms:
 *   - "small": the examples' form (Biểu số 02-BTCTW: STT | Chỉ tiêu | Đơn vị tính | Số lượng | Tỷ lệ (%) |
 *     Ghi chú), grown to 40 indicator rows (49 rows with headings and markers), percentages stored as offices store them (46.7; 0.467 with a %
 *     format; the text "46,7"; shared formulas), header block, column-number row, signature footer;
 *   - "large": a statistics form of 500 indicator rows × 12 measure columns (Tổng số, Nữ, Dân tộc thiểu số,
 *     ..., five age groups that add up to the total).
 * A few units make the mistakes real units make (a percentage typed wrong, parts that do not add up, a note),
 * none of which changes what a plain sum of the count column gives, so the pandas reference and our totals
 * can be compared. The same seed gives the same bytes.
 *
 * Usage: tsx bench/generate.ts [small|large] [units] [files|book] [--seed N]   (writes under bench/data/)
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { BuildCell, BuildSheet, Styles, buildXlsx } from "./xlsx-build";

export type FormName = "small" | "large";
export type Layout = "files" | "book";

export interface DatasetSpec {
  form: FormName;
  units: number;
  layout: Layout;
  seed?: number;
}

/** Bumped when the generated content changes, so cached data sets are rebuilt. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20250115;
const FILE_DATE = new Date(Date.UTC(2025, 0, 15, 8, 0, 0));
const PERIOD = "Năm 2024 (số liệu đến ngày 31/12/2024)";

/** mulberry32: small, fast, good enough to vary figures; one stream per unit. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  "Hòa Bình",
  "Tân Lập",
  "Quang Trung",
  "Đông Hải",
  "Hồng Phong",
  "An Sinh",
  "Bình Dương",
  "Cẩm Thạch",
  "Đại Yên",
  "Hà Khánh",
  "Hải Lạng",
  "Hoành Bồ",
  "Kim Sơn",
  "Lê Lợi",
  "Minh Thành",
  "Nam Hòa",
  "Phong Cốc",
  "Quảng La",
  "Sơn Dương",
  "Thống Nhất",
  "Tiền An",
  "Vạn Ninh",
  "Yên Thanh",
  "Đồng Rui",
  "Hải Tiến",
  "Quảng Đức",
  "Đầm Hà",
  "Bình Liêu",
  "Tiên Yên",
  "Vân Đồn",
];
const KINDS = ["xã", "phường", "xã", "xã", "phường"];

/** "Đảng bộ xã Hòa Bình" ..., unique for every index. */
export function unitName(i: number): string {
  const place = PLACES[i % PLACES.length];
  const round = Math.floor(i / PLACES.length);
  const kind = KINDS[(i + round) % KINDS.length];
  return `Đảng bộ ${kind} ${place}${round > 0 ? ` ${round + 1}` : ""}`;
}

// ---------------------------------------------------------------------------------------------------------
// The small form.

interface SmallRow {
  code: string;
  label: string;
  uom?: string;
  key?: string;
  base?: string;
  section?: boolean;
}

const R = (code: string, label: string, uom?: string, key?: string, base?: string): SmallRow => ({
  code,
  label,
  uom,
  key,
  base,
});
const SECTION = (code: string, label: string): SmallRow => ({ code, label, section: true });

export const SMALL_FORM: SmallRow[] = [
  SECTION("I", "TỔ CHỨC CƠ SỞ ĐẢNG"),
  R("1", "Tổng số tổ chức cơ sở đảng", "Tổ chức", "tccsd"),
  R("", "Gồm:"),
  R("1.1", "Đảng bộ cơ sở", "Tổ chức", "dbcs", "tccsd"),
  R("1.2", "Chi bộ cơ sở", "Tổ chức", "cbcs", "tccsd"),
  R("2", "Số chi bộ trực thuộc đảng ủy cơ sở", "Chi bộ", "chiBo"),
  R("3", "Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ", "Tổ chức", "tcXs", "tccsd"),
  R("4", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "Tổ chức", "tcTot", "tccsd"),
  R("5", "Tổ chức cơ sở đảng hoàn thành nhiệm vụ", "Tổ chức", "tcHt", "tccsd"),
  R("6", "Tổ chức cơ sở đảng không hoàn thành nhiệm vụ", "Tổ chức", "tcKht", "tccsd"),
  R("7", "Tổ chức cơ sở đảng thành lập mới trong năm", "Tổ chức", "tcMoi"),
  SECTION("II", "ĐẢNG VIÊN"),
  R("1", "Tổng số đảng viên", "Người", "dv"),
  R("", "Gồm:"),
  R("1.1", "Đảng viên chính thức", "Người", "ct", "dv"),
  R("1.2", "Đảng viên dự bị", "Người", "db", "dv"),
  R("", "Trong đó:"),
  R("-", "Đảng viên nữ", "Người", "nu", "dv"),
  R("-", "Đảng viên là người dân tộc thiểu số", "Người", "dtts", "dv"),
  R("-", "Đảng viên theo tôn giáo", "Người", "tg", "dv"),
  R("-", "Có trình độ chuyên môn từ đại học trở lên", "Người", "dh", "dv"),
  R("-", "Có trình độ lý luận chính trị từ trung cấp trở lên", "Người", "llct", "dv"),
  R("2", "Đảng viên chia theo độ tuổi"),
  R("2.1", "Từ 30 tuổi trở xuống", "Người", "a30", "dv"),
  R("2.2", "Từ 31 đến 40 tuổi", "Người", "a40", "dv"),
  R("2.3", "Từ 41 đến 50 tuổi", "Người", "a50", "dv"),
  R("2.4", "Từ 51 đến 60 tuổi", "Người", "a60", "dv"),
  R("2.5", "Trên 60 tuổi", "Người", "a61", "dv"),
  R("3", "Đảng viên mới kết nạp trong năm", "Người", "kn"),
  R("", "Trong đó:"),
  R("-", "Nữ", "Người", "knNu", "kn"),
  R("-", "Đoàn viên thanh niên", "Người", "knDv", "kn"),
  R("4", "Đảng viên hoàn thành xuất sắc nhiệm vụ", "Người", "dvXs", "dv"),
  R("5", "Đảng viên hoàn thành tốt nhiệm vụ", "Người", "dvTot", "dv"),
  R("6", "Đảng viên được miễn công tác và sinh hoạt đảng", "Người", "mien", "dv"),
  R("7", "Tuổi bình quân của đảng viên", "Tuổi", "tuoi"),
  R("8", "Đảng viên được tặng Huy hiệu Đảng trong năm", "Người", "hh"),
  R("9", "Đảng viên được công nhận chính thức trong năm", "Người", "cnct"),
  SECTION("III", "KIỂM TRA, GIÁM SÁT VÀ KỶ LUẬT ĐẢNG"),
  R("1", "Tổ chức đảng bị xử lý kỷ luật", "Tổ chức", "tcKl"),
  R("2", "Đảng viên bị xử lý kỷ luật trong năm", "Người", "kl"),
  R("", "Chia ra:"),
  R("-", "Khiển trách", "Người", "klKt"),
  R("-", "Cảnh cáo", "Người", "klCc"),
  R("-", "Cách chức", "Người", "klCch"),
  R("-", "Khai trừ", "Người", "klKtr"),
  R("3", "Đảng viên bị xóa tên trong năm", "Người", "xt"),
  R("4", "Đảng viên xin ra khỏi Đảng", "Người", "ra"),
  R("5", "Đảng viên từ trần", "Người", "tt"),
];

/** Splits `total` into parts by weights, rounding so the parts add up exactly. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((s, p) => s + p, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]++;
  return parts;
}

function smallFigures(rand: () => number): Record<string, number> {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const share = (n: number, lo: number, hi: number) => Math.round(n * (lo + rand() * (hi - lo)));
  const f: Record<string, number> = {};
  f.tccsd = int(18, 70);
  [f.dbcs, f.cbcs] = split(f.tccsd, [0.5 + rand(), 0.4 + rand() * 0.6]);
  f.chiBo = f.dbcs * int(3, 9);
  [f.tcXs, f.tcTot, f.tcHt, f.tcKht] = split(f.tccsd, [
    0.15,
    0.6 + rand() * 0.2,
    0.15,
    rand() * 0.05,
  ]);
  f.dv = int(700, 7200);
  f.db = share(f.dv, 0.02, 0.045);
  f.ct = f.dv - f.db;
  f.nu = share(f.dv, 0.33, 0.49);
  f.dtts = share(f.dv, 0.01, 0.7);
  f.tg = share(f.dv, 0, 0.05);
  f.dh = share(f.dv, 0.4, 0.9);
  f.llct = share(f.dv, 0.25, 0.5);
  [f.a30, f.a40, f.a50, f.a60, f.a61] = split(f.dv, [
    0.08 + rand() * 0.06,
    0.25,
    0.28,
    0.22,
    0.1 + rand() * 0.1,
  ]);
  f.kn = share(f.dv, 0.02, 0.04);
  f.knNu = share(f.kn, 0.4, 0.6);
  f.knDv = share(f.kn, 0.5, 0.9);
  f.dvXs = share(f.dv, 0.1, 0.2);
  f.dvTot = share(f.dv, 0.65, 0.78);
  f.mien = share(f.dv, 0.01, 0.04);
  f.tuoi = Math.round((38 + rand() * 12) * 10) / 10;
  f.hh = share(f.dv, 0.01, 0.03);
  f.cnct = share(f.dv, 0.015, 0.035);
  f.tcMoi = int(0, 2);
  f.tcKl = int(0, 2);
  f.kl = share(f.dv, 0, 0.006);
  [f.klKt, f.klCc, f.klCch, f.klKtr] = f.kl ? split(f.kl, [0.5, 0.3, 0.1, 0.1]) : [0, 0, 0, 0];
  f.xt = share(f.dv, 0, 0.003);
  f.ra = share(f.dv, 0, 0.001);
  f.tt = share(f.dv, 0.004, 0.01);
  return f;
}

/** n / d × 100 rounded half up to one decimal, in integers (no floating-point ties). */
function percent1(n: number, d: number): number {
  return d === 0 ? 0 : Math.floor((2 * n * 1000 + d) / (2 * d)) / 10;
}

type PercentStyle = "number" | "fraction" | "text" | "formula";
const PERCENT_STYLES: PercentStyle[] = ["number", "number", "fraction", "text", "formula"];

interface SmallStyles {
  title: number;
  titleU: number;
  italic: number;
  plain: number;
  header: number;
  colnum: number;
  code: number;
  codeB: number;
  label: number;
  labelB: number;
  labelI: number;
  uom: number;
  count: number;
  decimal: number;
  pct: number;
  pctFrac: number;
  pctText: number;
  note: number;
}

function smallStyles(st: Styles): SmallStyles {
  const center = { horizontal: "center", vertical: "middle", wrap: true };
  const right = { horizontal: "right", vertical: "middle" };
  return {
    title: st.add({ font: { bold: true }, align: center }),
    titleU: st.add({ font: { bold: true, underline: true }, align: center }),
    italic: st.add({ font: { italic: true }, align: center }),
    plain: st.add({}),
    header: st.add({ font: { bold: true }, align: center, border: true }),
    colnum: st.add({ font: { size: 11, italic: true }, align: center, border: true }),
    code: st.add({ align: { horizontal: "center", vertical: "middle" }, border: true }),
    codeB: st.add({ font: { bold: true }, align: { horizontal: "center" }, border: true }),
    label: st.add({ align: { vertical: "middle", wrap: true }, border: true }),
    labelB: st.add({
      font: { bold: true },
      align: { vertical: "middle", wrap: true },
      border: true,
    }),
    labelI: st.add({
      font: { italic: true },
      align: { vertical: "middle", wrap: true },
      border: true,
    }),
    uom: st.add({ align: center, border: true }),
    count: st.add({ numFmt: "#,##0", align: right, border: true }),
    decimal: st.add({ numFmt: "0.0", align: right, border: true }),
    pct: st.add({ numFmt: "0.0", align: right, border: true }),
    pctFrac: st.add({ numFmt: "0.0%", align: right, border: true }),
    pctText: st.add({ align: right, border: true }),
    note: st.add({ font: { size: 11 }, align: { vertical: "middle", wrap: true }, border: true }),
  };
}

/** One unit's sheet of the small form. */
export function smallSheet(
  i: number,
  seed: number,
  st: SmallStyles,
  sheetName: string
): BuildSheet {
  const rand = rng(seed * 7919 + i * 104729 + 1);
  const f = smallFigures(rand);
  const name = unitName(i);
  const style = PERCENT_STYLES[Math.floor(rand() * PERCENT_STYLES.length)];
  // Mistakes real units make; none changes the plain sum of the count column.
  const typo = rand() < 0.05 ? "llct" : null;
  const partsOff = rand() < 0.04;
  const note = rand() < 0.3;
  if (partsOff) f.dbcs += 1;
  const rows: (BuildCell | null)[][] = [];
  const merges: string[] = [];
  const put = (r: number, c: number, cell: BuildCell) => {
    while (rows.length <= r) rows.push([]);
    rows[r][c] = cell;
  };
  put(0, 0, { v: "ĐẢNG BỘ TỈNH QUẢNG NINH", s: st.title });
  merges.push("A1:B1");
  put(0, 3, { v: "ĐẢNG CỘNG SẢN VIỆT NAM", s: st.titleU });
  merges.push("D1:F1");
  put(1, 0, { v: name.toUpperCase(), s: st.title });
  merges.push("A2:B2");
  put(1, 3, { v: "Biểu số 02-BTCTW", s: st.italic });
  merges.push("D2:F2");
  put(3, 0, { v: "BÁO CÁO SỐ LƯỢNG, CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN", s: st.title });
  merges.push("A4:F4");
  put(4, 0, { v: `Kỳ báo cáo: ${PERIOD}`, s: st.italic });
  merges.push("A5:F5");
  put(5, 0, { v: `Đơn vị báo cáo: ${name}`, s: st.plain });
  merges.push("A6:F6");
  ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)", "Ghi chú"].forEach((h, c) =>
    put(7, c, { v: h, s: st.header })
  );
  ["A", "B", "C", "1", "2", "3"].forEach((h, c) => put(8, c, { v: h, s: st.colnum }));
  let r = 9;
  const rowOf: Record<string, number> = {};
  for (const row of SMALL_FORM) if (row.key) rowOf[row.key] = r + SMALL_FORM.indexOf(row);
  const shared = new Map<string, { si: number; master: number; last: number }>();
  let nextSi = 0;
  if (style === "formula") {
    // Rows sharing a base form one shared-formula group when they are consecutive, as Excel saves a fill-down.
    let prev: string | null = null;
    let group: { si: number; master: number; last: number } | null = null;
    SMALL_FORM.forEach((row, k) => {
      const at = 9 + k;
      if (row.base && row.base === prev && group && group.last === at - 1) group.last = at;
      else if (row.base) {
        group = { si: -1, master: at, last: at };
        shared.set(`${row.base}@${at}`, group);
      } else group = null;
      prev = row.base ?? null;
    });
    for (const g of shared.values()) if (g.last > g.master) g.si = nextSi++;
  }
  const groupOf = (at: number) =>
    [...shared.values()].find((g) => g.si >= 0 && at >= g.master && at <= g.last);
  for (const row of SMALL_FORM) {
    const section = Boolean(row.section);
    const marker = row.code === "";
    put(r, 0, { v: row.code || undefined, s: section ? st.codeB : st.code });
    put(r, 1, { v: row.label, s: section ? st.labelB : marker ? st.labelI : st.label });
    put(r, 2, { v: row.uom, s: st.uom });
    const key = row.key;
    if (key) {
      const value = f[key];
      put(r, 3, { v: value, s: key === "tuoi" ? st.decimal : st.count });
    } else put(r, 3, { s: st.count });
    if (key && row.base) {
      const typed =
        typo === key ? percent1(f[key], f[row.base]) + 0.9 : percent1(f[key], f[row.base]);
      const exact = f[row.base] ? (f[key] / f[row.base]) * 100 : 0;
      if (style === "number") put(r, 4, { v: Math.round(typed * 10) / 10, s: st.pct });
      else if (style === "fraction") put(r, 4, { v: Math.round(typed * 10) / 1000, s: st.pctFrac });
      else if (style === "text")
        put(r, 4, { v: (Math.round(typed * 10) / 10).toFixed(1).replace(".", ","), s: st.pctText });
      else {
        const g = groupOf(r);
        const baseRow = rowOf[row.base] + 1;
        const formula = `D${r + 1}/D$${baseRow}*100`;
        if (g && g.master !== r) put(r, 4, { si: g.si, v: exact, s: st.pct });
        else if (g)
          put(r, 4, {
            f: formula,
            si: g.si,
            ref: `E${g.master + 1}:E${g.last + 1}`,
            v: exact,
            s: st.pct,
          });
        else put(r, 4, { f: formula, v: exact, s: st.pct });
      }
    } else put(r, 4, { s: st.pct });
    const noteText =
      note && key === "llct" ? `Trong đó ${Math.round(f.llct * 0.4)} cử nhân, cao cấp` : undefined;
    put(r, 5, { v: noteText, s: st.note });
    r++;
  }
  r++;
  put(r, 3, { v: `${PLACES[i % PLACES.length]}, ngày 15 tháng 01 năm 2025`, s: st.italic });
  merges.push(`D${r + 1}:F${r + 1}`);
  r++;
  put(r, 0, { v: "NGƯỜI LẬP BIỂU", s: st.title });
  merges.push(`A${r + 1}:B${r + 1}`);
  put(r, 3, { v: "T/M BAN THƯỜNG VỤ", s: st.title });
  merges.push(`D${r + 1}:F${r + 1}`);
  r++;
  put(r, 3, { v: "BÍ THƯ", s: st.title });
  merges.push(`D${r + 1}:F${r + 1}`);
  return {
    name: sheetName,
    rows,
    merges,
    widths: [6, 58, 11, 12, 11, 28],
    heights: { 7: 33 },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The large form.

export const LARGE_MEASURES = [
  "Tổng số đảng viên",
  "Nữ",
  "Dân tộc thiểu số",
  "Tôn giáo",
  "Đảng viên dự bị",
  "Từ 30 tuổi trở xuống",
  "Từ 31 đến 40 tuổi",
  "Từ 41 đến 50 tuổi",
  "Từ 51 đến 60 tuổi",
  "Trên 60 tuổi",
  "Đại học trở lên",
  "Trung cấp lý luận chính trị trở lên",
];

const SECTORS = [
  "Nông nghiệp, lâm nghiệp và thủy sản",
  "Khai khoáng",
  "Công nghiệp chế biến, chế tạo",
  "Xây dựng",
  "Thương mại, dịch vụ",
  "Giao thông vận tải, kho bãi",
  "Giáo dục và đào tạo",
  "Y tế và trợ giúp xã hội",
  "Quản lý nhà nước, an ninh, quốc phòng",
  "Hoạt động khác",
];
const TRADES = [
  "Trồng trọt",
  "Chăn nuôi",
  "Lâm nghiệp",
  "Nuôi trồng thủy sản",
  "Khai thác thủy sản",
  "Chế biến",
  "Cơ khí",
  "Điện, điện tử",
  "Dệt may",
  "Da giày",
  "Gỗ và lâm sản",
  "Vật liệu xây dựng",
  "Hóa chất",
  "Thực phẩm",
  "Đồ uống",
  "In ấn",
  "Xây lắp",
  "Hạ tầng",
  "Bán buôn",
  "Bán lẻ",
  "Khách sạn",
  "Nhà hàng",
  "Du lịch",
  "Vận tải hành khách",
  "Vận tải hàng hóa",
  "Kho bãi",
  "Bưu chính",
  "Viễn thông",
  "Ngân hàng",
  "Bảo hiểm",
  "Mầm non",
  "Tiểu học",
  "Trung học",
  "Đại học",
  "Dạy nghề",
  "Bệnh viện",
  "Trạm y tế",
  "Dược",
  "Cơ quan đảng",
  "Chính quyền",
  "Mặt trận, đoàn thể",
  "Công an",
  "Quân sự",
  "Tư pháp",
  "Văn hóa, thể thao",
  "Báo chí",
  "Khoa học, công nghệ",
  "Môi trường",
  "Dịch vụ khác",
];

export const LARGE_ROWS_PER_SECTION = 49;

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

export function largeSheet(i: number, seed: number, st: Styles, sheetName: string): BuildSheet {
  const rand = rng(seed * 6007 + i * 15485863 + 3);
  const name = unitName(i);
  const title = st.add({
    font: { bold: true },
    align: { horizontal: "center", vertical: "middle", wrap: true },
  });
  const header = st.add({
    font: { bold: true },
    align: { horizontal: "center", vertical: "middle", wrap: true },
    border: true,
  });
  const colnum = st.add({
    font: { size: 11, italic: true },
    align: { horizontal: "center" },
    border: true,
  });
  const code = st.add({ align: { horizontal: "center" }, border: true });
  const codeB = st.add({ font: { bold: true }, align: { horizontal: "center" }, border: true });
  const label = st.add({ align: { wrap: true }, border: true });
  const labelB = st.add({ font: { bold: true }, align: { wrap: true }, border: true });
  const count = st.add({ numFmt: "#,##0", border: true });
  const countB = st.add({ font: { bold: true }, numFmt: "#,##0", border: true });
  const rows: (BuildCell | null)[][] = [];
  const width = 2 + LARGE_MEASURES.length;
  rows.push([{ v: "ĐẢNG BỘ TỈNH QUẢNG NINH", s: title }]);
  rows.push([{ v: "BÁO CÁO THỐNG KÊ ĐẢNG VIÊN THEO NGÀNH NGHỀ", s: title }]);
  rows.push([{ v: `Kỳ báo cáo: ${PERIOD}`, s: title }]);
  rows.push([{ v: `Đơn vị báo cáo: ${name}`, s: title }]);
  rows.push([]);
  rows.push(["STT", "Chỉ tiêu", ...LARGE_MEASURES].map((v) => ({ v, s: header })));
  rows.push(
    ["A", "B", "1 (=6+7+8+9+10)", ...LARGE_MEASURES.slice(1).map((_, k) => String(k + 2))].map(
      (v) => ({ v, s: colnum })
    )
  );
  SECTORS.forEach((sector, s) => {
    const items: number[][] = [];
    for (let k = 0; k < LARGE_ROWS_PER_SECTION; k++) {
      const total = Math.floor(rand() * rand() * 400);
      const ages = split(total, [0.1 + rand() * 0.1, 0.25, 0.28, 0.22, 0.1 + rand() * 0.1]);
      const part = (lo: number, hi: number) => Math.round(total * (lo + rand() * (hi - lo)));
      items.push([
        total,
        part(0.3, 0.5),
        part(0, 0.3),
        part(0, 0.05),
        part(0.01, 0.05),
        ...ages,
        part(0.3, 0.9),
        part(0.2, 0.5),
      ]);
    }
    const sums = LARGE_MEASURES.map((_, m) => items.reduce((t, it) => t + it[m], 0));
    rows.push([
      { v: ROMAN[s], s: codeB },
      { v: sector.toUpperCase(), s: labelB },
      ...sums.map((v) => ({ v, s: countB })),
    ]);
    items.forEach((it, k) =>
      rows.push([
        { v: String(k + 1), s: code },
        { v: `${TRADES[k]} (${sector.toLowerCase()})`, s: label },
        ...it.map((v) => ({ v, s: count })),
      ])
    );
  });
  rows.push([]);
  rows.push([
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    { v: "T/M BAN THƯỜNG VỤ", s: title },
  ]);
  return {
    name: sheetName,
    rows,
    merges: ["A1:N1", "A2:N2", "A3:N3", "A4:N4", `K${rows.length}:N${rows.length}`],
    widths: [6, 48, ...LARGE_MEASURES.map(() => 11)].slice(0, width),
    heights: { 5: 48 },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Files.

const pad = (i: number) => String(i + 1).padStart(4, "0");

/** One unit's workbook (the layout "files"). */
export function unitWorkbook(form: FormName, i: number, seed = DEFAULT_SEED): Uint8Array {
  const st = new Styles();
  const sheet =
    form === "small"
      ? smallSheet(i, seed, smallStyles(st), "Biểu 02")
      : largeSheet(i, seed, st, "Biểu 01");
  return buildXlsx([sheet], st, FILE_DATE);
}

/** All units in one workbook, one sheet each (the layout "book"). */
export function unitsBook(form: FormName, units: number, seed = DEFAULT_SEED): Uint8Array {
  const st = new Styles();
  const small = form === "small" ? smallStyles(st) : null;
  const sheets: BuildSheet[] = [];
  for (let i = 0; i < units; i++) {
    const name = `Đơn vị ${i + 1}`;
    sheets.push(small ? smallSheet(i, seed, small, name) : largeSheet(i, seed, st, name));
  }
  return buildXlsx(sheets, st, FILE_DATE);
}

export function datasetName(spec: DatasetSpec): string {
  return `${spec.form}-${spec.units}-${spec.layout}`;
}

/**
 * The data set's folder under `root`, generated unless a stamp shows it is already there with the same
 * generator version and seed. Returns the folder and its .xlsx files.
 */
export function ensureDataset(root: string, spec: DatasetSpec): { dir: string; files: string[] } {
  const seed = spec.seed ?? DEFAULT_SEED;
  const dir = join(root, datasetName(spec));
  const stampPath = join(dir, ".stamp");
  const stamp = JSON.stringify({ version: GENERATOR_VERSION, seed, ...spec });
  const listed = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
      .map((f) => join(dir, f));
  if (existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp)
    return { dir, files: listed() };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (spec.layout === "files") {
    for (let i = 0; i < spec.units; i++) {
      writeFileSync(join(dir, `don-vi-${pad(i)}.xlsx`), unitWorkbook(spec.form, i, seed));
    }
  } else {
    writeFileSync(
      join(dir, `tat-ca-${spec.units}-don-vi.xlsx`),
      unitsBook(spec.form, spec.units, seed)
    );
  }
  writeFileSync(stampPath, stamp);
  return { dir, files: listed() };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(args.splice(seedAt, 2)[1]) : DEFAULT_SEED;
  const form = (args[0] ?? "small") as FormName;
  const units = Number(args[1] ?? 10);
  const layout = (args[2] ?? "files") as Layout;
  const t = performance.now();
  const { dir, files } = ensureDataset(join(__dirname, "data"), { form, units, layout, seed });
  process.stdout.write(
    `${dir}: ${files.length} file(s) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`
  );
}
