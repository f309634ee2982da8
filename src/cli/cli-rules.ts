/** What the command line itself can report about its inputs, as rules like any other. */
import { RuleMeta } from "../core/issue";

export const CLI_RULES = {
  missing: {
    id: "input-missing",
    defaultSeverity: "error",
    description: { vi: "Không tìm thấy đầu vào", en: "Input not found" },
    messages: {
      default: {
        vi: "Không tìm thấy tệp hoặc thư mục này: hãy kiểm tra lại đường dẫn.",
        en: "No such file or folder: check the path.",
      },
    },
  },
  emptyFolder: {
    id: "input-no-files",
    defaultSeverity: "error",
    description: { vi: "Thư mục không có tệp cần đọc", en: "Folder without files to read" },
    messages: {
      default: {
        vi: "Thư mục không có tệp {kind} nào: hãy chép các tệp của đơn vị vào đây.",
        en: "The folder holds no {kind} file: copy the units' files into it.",
      },
    },
  },
  ownOutput: {
    id: "input-is-output",
    defaultSeverity: "info",
    description: { vi: "Bỏ qua tệp kết quả", en: "Output file skipped" },
    messages: {
      default: {
        vi: "Bỏ qua tệp này: đây là tệp kết quả do tonghop tạo ra, không phải báo cáo của đơn vị.",
        en: "File skipped: it is an output of tonghop, not a unit's report.",
      },
    },
  },
  unreadable: {
    id: "file-unreadable",
    defaultSeverity: "error",
    description: { vi: "Không đọc được tệp", en: "Unreadable file" },
    messages: {
      default: {
        vi: "Không mở được tệp ({what}): hãy kiểm tra quyền đọc tệp.",
        en: "The file cannot be opened ({what}): check that it can be read.",
      },
    },
  },
} satisfies Record<string, RuleMeta>;
