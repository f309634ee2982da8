/**
 * What reading a file can report: each a rule in the manner of the check rules (id, severity, description,
 * messages in Vietnamese and English), so a bad file is an issue like any other and the run goes on.
 */
import { RuleMeta } from "../core/issue";

/** Limits on what we agree to read, checked in the zip directory before anything is inflated. */
export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** All parts of the zip, uncompressed. */
  maxTotalBytes: number;
  /** One part (a worksheet's XML, the shared strings), uncompressed. */
  maxPartBytes: number;
  /**
   * Cells written in all worksheets of the file (a form has a few thousand). Reading costs about 1 KB of memory
   * and 10 µs per cell, so 500 000 cells stay under half a gigabyte and a few seconds.
   */
  maxCells: number;
  /** Rows × columns of one sheet's used range (a stray value at XFD1048576 makes a huge range). */
  maxSheetArea: number;
  /** A used range larger than this is read, with a warning: a form is a few thousand cells. */
  warnSheetArea: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxPartBytes: 100 * 1024 * 1024,
  maxCells: 500_000,
  maxSheetArea: 2_000_000,
  warnSheetArea: 100_000,
};

const rule = (
  id: string,
  defaultSeverity: RuleMeta["defaultSeverity"],
  description: RuleMeta["description"],
  message: RuleMeta["messages"][string]
): RuleMeta => ({ id, defaultSeverity, description, messages: { default: message } });

export const FILE_RULES = {
  empty: rule(
    "file-empty",
    "error",
    { vi: "Tệp rỗng", en: "Empty file" },
    {
      vi: "Tệp rỗng (0 byte): hãy đề nghị đơn vị gửi lại tệp .xlsx.",
      en: "The file is empty (0 bytes): ask the unit to send the .xlsx file again.",
    }
  ),
  notXlsx: rule(
    "file-not-xlsx",
    "error",
    { vi: "Tệp không phải .xlsx", en: "Not an .xlsx file" },
    {
      vi: "Tệp không phải bảng tính .xlsx ({what}): hãy mở bằng Excel và lưu lại dạng .xlsx.",
      en: "The file is not an .xlsx workbook ({what}): open it in Excel and save it as .xlsx.",
    }
  ),
  encrypted: rule(
    "file-encrypted",
    "error",
    { vi: "Tệp có mật khẩu", en: "Password-protected file" },
    {
      vi: "Tệp được đặt mật khẩu mở: hãy gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi gửi lại.",
      en: "The file is password-protected: remove the password (File > Info > Protect Workbook) and resend it.",
    }
  ),
  xls: rule(
    "file-xls-biff",
    "error",
    { vi: "Tệp Excel cũ (.xls)", en: "Old Excel file (.xls)" },
    {
      vi: "Tệp ở định dạng Excel 97-2003 (.xls): hãy mở bằng Excel và lưu lại dạng .xlsx.",
      en: "The file is in the Excel 97-2003 format (.xls): open it in Excel and save it as .xlsx.",
    }
  ),
  tooLarge: rule(
    "file-too-large",
    "error",
    { vi: "Tệp quá lớn", en: "File too large" },
    {
      vi: "Tệp quá lớn để đọc ({what}, giới hạn {limit}): hãy xoá dữ liệu thừa ngoài biểu mẫu rồi lưu lại.",
      en: "The file is too large to read ({what}, limit {limit}): delete the data outside the form and save again.",
    }
  ),
  unreadable: rule(
    "file-unreadable",
    "error",
    { vi: "Không đọc được tệp", en: "Unreadable file" },
    {
      vi: "Không đọc được tệp ({what}): tệp bị hỏng hoặc tải về chưa đủ; hãy mở thử bằng Excel hoặc xin gửi lại.",
      en: "The file cannot be read ({what}): it is damaged or incomplete; try opening it in Excel or ask for it again.",
    }
  ),
  sheetTooLarge: rule(
    "sheet-too-large",
    "warning",
    { vi: "Trang tính quá lớn", en: "Sheet too large" },
    {
      vi: "Bỏ qua trang này: có dữ liệu tới ô {cell} ({cells} ô, giới hạn {limit}); hãy xoá các ô thừa ngoài bảng.",
      en: "Sheet skipped: it has data up to cell {cell} ({cells} cells, limit {limit}); delete the stray cells.",
    }
  ),
  sheetWide: rule(
    "sheet-large-range",
    "warning",
    { vi: "Vùng dữ liệu của trang lớn bất thường", en: "Unusually large used range" },
    {
      vi: "Trang có dữ liệu tới ô {cell} ({cells} ô), xa ngoài biểu mẫu: vẫn đọc được nhưng chậm; hãy xoá các ô thừa ngoài bảng.",
      en: "The sheet has data up to cell {cell} ({cells} cells), far outside the form: read, but slowly; delete the stray cells.",
    }
  ),
  notComputed: rule(
    "formula-not-computed",
    "warning",
    { vi: "Công thức chưa có giá trị", en: "Formulas without values" },
    {
      vi: "Công thức chưa có giá trị đã tính: {count} ô (ví dụ {cell}); hãy mở tệp bằng Excel, lưu lại rồi gửi.",
      en: "Formulas without a computed value: {count} cells (e.g. {cell}); open the file in Excel, save, resend.",
    }
  ),
} as const;

export const FILE_RULE_METAS: RuleMeta[] = Object.values(FILE_RULES);
