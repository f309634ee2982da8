/**
 * Every word the pane shows, in one table: Vietnamese first, English second. The language switch re-renders
 * the pane from this table; numbers are written with formatNumber so that vi shows "5.022" and "46,7".
 */
import { Lang, formatNumber } from "../core/issue";

const STRINGS = {
  appTitle: { vi: "Tổng hợp báo cáo", en: "Report consolidation" },
  language: { vi: "Ngôn ngữ", en: "Language" },
  modeOffice: { vi: "Làm việc trên bảng tính đang mở.", en: "Working on the open workbook." },
  modeBrowser: {
    vi: "Tệp được xử lý ngay trên máy này, không gửi đi đâu.",
    en: "Files are processed in this browser and sent nowhere.",
  },

  filesTitle: { vi: "Tệp báo cáo", en: "Report files" },
  sheetsTitle: { vi: "Trang tính", en: "Sheets" },
  dropHint: { vi: "Kéo thả các tệp .xlsx vào đây, hoặc", en: "Drop .xlsx files here, or" },
  chooseFiles: { vi: "Chọn tệp .xlsx", en: "Choose .xlsx files" },
  noFiles: { vi: "Chưa có tệp nào.", en: "No files yet." },
  noSheets: { vi: "Bảng tính không có trang nào.", en: "The workbook has no sheets." },
  removeFile: { vi: "Bỏ tệp {name}", en: "Remove {name}" },
  fileSheets: {
    vi: "{n}/{total} trang được chọn",
    en: "{n} of {total#sheet#sheets} selected",
  },
  fileUnreadable: { vi: "Không đọc được", en: "Could not be read" },
  fileOurs: {
    vi: "Tệp kết quả của công cụ: các trang không được chọn sẵn, để không cộng hai lần.",
    en: "A result file of this tool: its sheets are not selected, so nothing is counted twice.",
  },
  selected: { vi: "Đã chọn {n}/{total} trang", en: "{n} of {total#sheet#sheets} selected" },
  selectUnits: { vi: "Chọn các trang đơn vị", en: "Select unit sheets" },
  selectNone: { vi: "Bỏ chọn", en: "Select none" },
  kind_unit: { vi: "Đơn vị", en: "Unit" },
  kind_template: { vi: "Biểu mẫu", en: "Form" },
  kind_other: { vi: "Khác", en: "Other" },
  kind_ours: { vi: "Kết quả", en: "Output" },
  refresh: { vi: "Làm mới", en: "Refresh" },
  refreshLabel: { vi: "Đọc lại danh sách trang", en: "Read the sheet list again" },
  importFiles: { vi: "Nhập tệp", en: "Import files" },
  importHint: {
    vi: "Chèn các trang báo cáo từ tệp .xlsx của đơn vị vào bảng tính này.",
    en: "Insert the report sheets of the units' .xlsx files into this workbook.",
  },
  imported: {
    vi: "Đã nhập {n} trang: {names}.",
    en: "Imported {n#sheet#sheets}: {names}.",
  },
  importNothing: {
    vi: "{name}: không có trang báo cáo nào để nhập.",
    en: "{name}: no report sheet to import.",
  },
  consolidateNow: { vi: "Tổng hợp ngay", en: "Consolidate now" },

  optionsTitle: { vi: "Tùy chọn", en: "Options" },
  decimals: { vi: "Số chữ số thập phân của tỷ lệ", en: "Decimals of percentages" },
  decimalsForm: { vi: "Như biểu mẫu", en: "As in the form" },
  links: { vi: "Liên kết tới trang nguồn", en: "Link to the source sheets" },

  consolidate: { vi: "Tổng hợp", en: "Consolidate" },
  validate: { vi: "Kiểm tra", en: "Validate" },
  clearFlags: { vi: "Xóa đánh dấu", en: "Clear flags" },
  needSheets: { vi: "Hãy chọn ít nhất một trang.", en: "Select at least one sheet." },
  needFiles: { vi: "Hãy thêm ít nhất một tệp .xlsx.", en: "Add at least one .xlsx file." },

  busy: { vi: "Đang xử lý", en: "Working" },
  phase_readFile: {
    vi: "Đang đọc {name} ({done}/{total})…",
    en: "Reading {name} ({done}/{total})…",
  },
  phase_readWorkbook: { vi: "Đang đọc bảng tính…", en: "Reading the workbook…" },
  phase_engine: { vi: "Đang tổng hợp và kiểm tra…", en: "Consolidating and checking…" },
  phase_writeWorkbook: { vi: "Đang ghi kết quả vào bảng tính…", en: "Writing the results…" },
  phase_writeFile: { vi: "Đang tạo tệp tổng hợp…", en: "Building the consolidated file…" },
  phase_import: { vi: "Đang nhập {name}…", en: "Importing {name}…" },
  phase_chart: { vi: "Đang vẽ biểu đồ…", en: "Drawing the chart…" },
  phase_clear: { vi: "Đang xóa đánh dấu…", en: "Clearing flags…" },

  resultsTitle: { vi: "Kết quả", en: "Results" },
  doneConsolidate: {
    vi: "Đã tổng hợp {units} đơn vị từ {files} tệp.",
    en: "Consolidated {units#unit#units} from {files#file#files}.",
  },
  doneConsolidateSheet: {
    vi: "Đã tổng hợp {units} đơn vị vào trang “{sheet}”.",
    en: "Consolidated {units#unit#units} into “{sheet}”.",
  },
  doneValidate: { vi: "Đã kiểm tra {units} đơn vị.", en: "Checked {units#unit#units}." },
  doneValidateSheet: {
    vi: "Đã kiểm tra {units} đơn vị; danh sách ở trang “{sheet}”.",
    en: "Checked {units#unit#units}; the list is on “{sheet}”.",
  },
  flagged: { vi: "Đã tô màu {n} ô có vấn đề.", en: "Highlighted {n#cell#cells}." },
  sev_error: { vi: "Lỗi", en: "Errors" },
  sev_warning: { vi: "Cảnh báo", en: "Warnings" },
  sev_info: { vi: "Thông tin", en: "Notes" },
  sevOne_error: { vi: "Lỗi", en: "Error" },
  sevOne_warning: { vi: "Cảnh báo", en: "Warning" },
  sevOne_info: { vi: "Thông tin", en: "Note" },
  counts: { vi: "Số vấn đề theo mức độ", en: "Issues by severity" },
  noIssues: { vi: "Không phát hiện vấn đề nào.", en: "No issues found." },
  issuesTitle: { vi: "Các vấn đề theo đơn vị", en: "Issues by unit" },
  download: { vi: "Tải về tong-hop.xlsx", en: "Download tong-hop.xlsx" },
  generalGroup: { vi: "Chung", en: "General" },
  where: {
    vi: "Tệp: {file} · Trang: {sheet} · Ô: {cell}",
    en: "File: {file} · Sheet: {sheet} · Cell: {cell}",
  },
  whereFile: { vi: "Tệp: {file}", en: "File: {file}" },
  expectedActual: {
    vi: "Đúng ra: {expected} · Ghi: {actual}",
    en: "Expected: {expected} · Written: {actual}",
  },
  goTo: { vi: "Đi tới ô {cell}, trang {sheet}", en: "Go to cell {cell} on {sheet}" },
  sheetGone: {
    vi: "Không tìm thấy trang “{sheet}”: có thể đã bị xóa hoặc đổi tên.",
    en: "Sheet “{sheet}” was not found: it may have been deleted or renamed.",
  },
  moreIssues: {
    vi: "Chỉ hiện {shown}/{total} vấn đề; xem đủ trên trang Kiểm tra.",
    en: "Showing {shown} of {total#issue#issues}; see them all on the Kiểm tra tab.",
  },
  flagsCleared: { vi: "Đã xóa đánh dấu ở {n} ô.", en: "Cleared the flags of {n#cell#cells}." },
  flagsKept: {
    vi: "Giữ nguyên {n} ô đã được tô màu khác sau đó.",
    en: "Left alone, recoloured since: {n#cell#cells}.",
  },

  chartTitle: { vi: "Biểu đồ so sánh đơn vị", en: "Chart comparing units" },
  chartIndicator: { vi: "Chỉ tiêu tỷ lệ", en: "Percentage indicator" },
  chartDraw: { vi: "Vẽ biểu đồ", en: "Draw chart" },
  chartDone: {
    vi: "Đã vẽ biểu đồ trên trang “{sheet}” ({n} đơn vị).",
    en: "Chart drawn on “{sheet}” ({n#unit#units}).",
  },
  chartNoData: {
    vi: "Không đơn vị nào có số liệu cho chỉ tiêu này.",
    en: "No unit has a figure for this indicator.",
  },
  chartUnit: { vi: "Đơn vị", en: "Unit" },
  chartTotal: { vi: "Tổng hợp", en: "Total" },

  missingFeatures: {
    vi: "Excel này thiếu {n} tính năng; công cụ vẫn chạy, với các hạn chế sau:",
    en: "This Excel lacks {n#feature#features}; the tool still runs, with these limits:",
  },
  startFailed: { vi: "Không khởi động được: {error}", en: "Could not start: {error}" },
  runFailed: { vi: "Không chạy được: {error}", en: "The run failed: {error}" },
} satisfies Record<string, { vi: string; en: string }>;

export type StringKey = keyof typeof STRINGS;

/**
 * The text for `key` in `lang`, with {name} filled from `data` (numbers in the language's own way).
 * {n#one#other} writes the number and the word for its count ("1 unit", "5 units"): Vietnamese needs none.
 */
export function t(lang: Lang, key: StringKey, data: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(
    /\{(\w+)(?:#([^#}]*)#([^}]*))?\}/g,
    (whole, name: string, one?: string, other?: string) => {
      const v = data[name];
      if (v === undefined) return whole;
      const shown = typeof v === "number" ? formatNumber(v, lang) : v;
      return one === undefined ? shown : `${shown} ${Number(v) === 1 ? one : other}`;
    }
  );
}

/** Both languages of a key, for a notice that must follow later language switches. */
export function both(
  key: StringKey,
  data: Record<string, string | number> = {}
): { vi: string; en: string } {
  return { vi: t("vi", key, data), en: t("en", key, data) };
}

/** Every key, for the test that both languages are filled in. */
export const STRING_KEYS = Object.keys(STRINGS) as StringKey[];
