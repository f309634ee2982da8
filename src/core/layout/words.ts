/**
 * The words report forms use for their parts, matched on folded text (foldText: NFC, lower case, one tone
 * placement). Kept in one place so that a new spelling seen in a real form is added once.
 */

/** Header of the label column: "Chỉ tiêu", "Nội dung", "Tên chỉ tiêu", "Danh mục"... */
export const LABEL_HEAD =
  /^(tên )?(chỉ tiêu|nội dung|danh mục|tiêu chí|diễn giải|hạng mục|loại)(\s|$|\(|,)/u;
/** Header of the code column: "STT", "TT", "Số TT", "Mã số". */
export const CODE_HEAD = /^(stt|tt|số tt|số thứ tự|thứ tự|mã số|mã|mã chỉ tiêu)\.?$/u;
/** Header of the unit-of-measure column (đơn vị tính), never "Đơn vị báo cáo". */
export const UOM_HEAD = /^(đơn vị tính|đvt|đơn vị|đ\.v\.t|đv tính)\.?$/u;
/** A text column: "Ghi chú" (notes). */
export const NOTE_HEAD = /^(ghi chú|chú thích|ghi chú\/.*|diễn giải thêm)/u;
/** A percentage column: "Tỷ lệ (%)", "%", "% so với cùng kỳ", "Phần trăm". */
export const PERCENT_HEAD = /(tỷ lệ|tỉ lệ|%|phần trăm|so sánh)/u;
/** A column that is never summed: averages, ages, incomes. */
export const NONADD_HEAD = /(bình quân|trung bình|tuổi|thu nhập)/u;
/** An age group ("Từ 30 tuổi trở xuống", "Từ 31 đến 40 tuổi", "Trên 60 tuổi"): people counted, additive. */
const AGE_GROUP = /(\d|từ |dưới |trên |đến |tới |trở lên|trở xuống|trở về)/u;

/** Whether a measure header (folded, both header rows joined) names a column that must not be summed. */
export function nonAdditiveHeader(folded: string): boolean {
  if (!NONADD_HEAD.test(folded)) return false;
  if (/(bình quân|trung bình|thu nhập)/u.test(folded)) return true;
  // Only "tuổi" matched: an age ("Tuổi đời") is averaged, an age group counts people.
  return !AGE_GROUP.test(folded);
}
/** Words seen in measure headers; they help find the header row. */
export const MEASURE_HEAD =
  /^(số lượng|số liệu|kỳ này|kỳ trước|cùng kỳ|tổng số|tổng|thực hiện|kế hoạch|chỉ tiêu giao|kết quả|nam|nữ|năm \d{4}|số|ước|luỹ kế|lũy kế)/u;

/** A row whose label starts "Tỷ lệ" or whose unit is "%" holds percentages in a count column. */
export const PERCENT_ROW_LABEL = /^(tỷ lệ|tỉ lệ)(\s|$)/u;
export const PERCENT_UOM = /^(%|tỷ lệ|tỉ lệ|tỷ lệ %|tỷ lệ \(%\)|phần trăm)$/u;
/** A row that is an average, an age or an income: never summed. */
export const NONADD_ROW_LABEL =
  /(bình quân|trung bình|^tuổi(\s|$)|^độ tuổi|^thu nhập|^mức thu nhập)/u;
export const NONADD_UOM = /^(tuổi|năm tuổi|.*\/người.*|.*\/tháng|.*\/năm)$/u;

/** Marker words: "gồm", "chia ra" (a partition: the parts add up) and "trong đó" (a subset: each part ≤ whole). */
const MARKER_WORDS = "(bao gồm|gồm có|gồm|chia ra|chia theo|phân ra|trong đó có|trong đó)";
/** A marker at the end of a whole's label: "Tổng số tổ chức cơ sở đảng, gồm:". */
export const MARKER_SUFFIX = new RegExp(`[\\s,;(–-]*${MARKER_WORDS}\\s*[:)]?\\s*$`, "u");
/** A marker at the start of a part's label: "Trong đó: nữ", "Gồm: đảng bộ cơ sở". */
export const MARKER_PREFIX = new RegExp(`^${MARKER_WORDS}\\s*[:,.-]?\\s*`, "u");

export function markerOf(word: string): "partition" | "subset" {
  return word.startsWith("trong đó") ? "subset" : "partition";
}

/** The signature block and notes below the table. */
export const FOOTER =
  /(người lập|lập biểu|thủ trưởng|^t\/m|^tm\.|^tm |ký tên|ký,? ghi rõ|ký và ghi|nơi nhận|xác nhận của|ngày\s*[.…\d]*\s*tháng\s*[.…\d]*\s*năm|^ghi chú\s*:|^lưu ý\s*:|^người báo cáo)/u;

/** "Đơn vị báo cáo:" line of the title block. */
export const UNIT_LINE = /^đơn vị (báo cáo|gửi báo cáo|thực hiện)\s*[:：]?\s*/u;
/** "Kỳ báo cáo:" line. */
export const PERIOD_LINE = /^kỳ báo cáo\s*[:：]?\s*/u;
/** A period written without its label: "Năm 2024", "6 tháng đầu năm 2025", "(Tính đến ngày 31/12/2024)". */
export const PERIOD_FREE =
  /^\(?\s*(năm \d{4}|quý [ivx\d]+|\d+ tháng|tháng \d+|tính đến|từ ngày|kỳ )/u;
/** A heading naming the reporting body: "ĐẢNG ỦY XÃ ĐẦM HÀ", "Đảng bộ Khối các cơ quan tỉnh". */
export const HEADING =
  /^(đảng ủy|đảng bộ|chi bộ|huyện ủy|thành ủy|tỉnh ủy|quận ủy|thị ủy|ban |ủy ban|ubnd|sở |phòng |trường |công ty|bch|ban chấp hành|đảng đoàn|ban cán sự)/u;
export const NOT_HEADING = /^(đảng cộng sản việt nam|cộng hòa xã hội|độc lập|\*)/u;
/** Words that start a report title. */
export const TITLE =
  /^(báo cáo|tổng hợp|thống kê|kết quả|số liệu|tình hình|biểu tổng hợp|biểu thống kê|danh sách)/u;
export const FORM_NUMBER = /^(biểu số|mẫu số|mẫu)\s/u;
