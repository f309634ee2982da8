/**
 * What understanding and consolidation report about themselves (not the check rules, which live in checks/):
 * a column one unit added, a rules-sheet line that cannot be read, a value left out of a total, a total that
 * cannot be computed. Declared like the check rules: id, default severity, description, messages.
 */
import { Issue, Report, RuleMeta, makeIssue } from "./issue";

export const ANALYSIS_RULES: Record<string, RuleMeta> = {
  "extra-column": {
    id: "extra-column",
    defaultSeverity: "warning",
    description: {
      vi: "Cột không có trong biểu mẫu (chỉ một số đơn vị thêm vào); không đưa vào số tổng hợp",
      en: "A column not in the form (added by some units); left out of the totals",
    },
    messages: {
      extra: {
        vi: "Cột “{header}” không có trong biểu mẫu; số liệu cột này không được tổng hợp",
        en: "Column “{header}” is not in the form; its figures are not consolidated",
      },
    },
  },
  "rules-sheet": {
    id: "rules-sheet",
    defaultSeverity: "warning",
    description: {
      vi: "Dòng trên trang Quy tắc không đọc được",
      en: "A line of the Quy tắc (rules) tab that cannot be read",
    },
    messages: {
      unreadable: {
        vi: "Không đọc được quy tắc “{text}”: {reason}",
        en: "Cannot read the rule “{text}”: {reason}",
      },
    },
  },
  "left-out": {
    id: "left-out",
    defaultSeverity: "warning",
    description: {
      vi: "Giá trị không đọc được là số nên không được cộng vào số tổng hợp",
      en: "A value that is not a readable number is left out of the total",
    },
    messages: {
      leftOut: {
        vi: "“{raw}” ({label}, {header}) không phải là số; số tổng hợp tính từ các đơn vị còn lại",
        en: "“{raw}” ({label}, {header}) is not a number; the total is computed from the other units",
      },
      date: {
        vi: "Excel đã đổi “{fraction}” ({label}, {header}) thành ngày tháng; không cộng vào số tổng hợp",
        en: "Excel turned “{fraction}” ({label}, {header}) into a date; left out of the total",
      },
      notWhole: {
        vi: "{raw} ({label}, {header}) không phải số nguyên; không cộng vào số tổng hợp",
        en: "{raw} ({label}, {header}) is not a whole number; left out of the total",
      },
      thousands: {
        vi: "{raw} ({label}, {header}) có lẽ là {probable} gõ trong Excel tiếng Anh; không cộng vào số tổng hợp, đề nghị sửa lại",
        en: "{raw} ({label}, {header}) is probably {probable} typed in an English-locale Excel; left out of the total, please correct it",
      },
    },
  },
  "total-partial": {
    id: "total-partial",
    defaultSeverity: "info",
    description: {
      vi: "Tỷ lệ, bình quân tổng hợp không tính đơn vị có tử số hoặc mẫu số không cộng được (bỏ cả hai)",
      en: "Total percentages and averages leave out a unit whose part or base was left out (both sides)",
    },
    messages: {
      partial: {
        vi: "{causeVi}, nên trên trang Tổng hợp đơn vị này cũng không được tính vào: {vi}",
        en: "{causeEn}, so on the summary tab this unit is also left out of: {en}",
      },
    },
  },
  "total-blank": {
    id: "total-blank",
    defaultSeverity: "info",
    description: {
      vi: "Ô tổng hợp để trống vì không biết cách tính (tỷ lệ chưa rõ cơ sở, chỉ tiêu bình quân chưa rõ quyền số)",
      en: "A total left blank because its computation is unknown (percentage base, average weights)",
    },
    messages: {
      percentBase: {
        vi: "Chưa xác định được tỷ lệ “{label}” ({header}) tính trên chỉ tiêu nào; ô tổng hợp để trống",
        en: "The base of the percentage “{label}” ({header}) is unknown; the total is left blank",
      },
      average: {
        vi: "“{label}” ({header}) là chỉ tiêu bình quân, không cộng được và chưa rõ quyền số; ô tổng hợp để trống",
        en: "“{label}” ({header}) is an average: it cannot be summed and its weights are unknown; left blank",
      },
    },
  },
};

/** Builds one of the analysis issues (see ANALYSIS_RULES). */
export function analysisIssue(
  rule: string,
  messageId: string,
  report: Omit<Report, "messageId">
): Issue {
  return makeIssue(ANALYSIS_RULES[rule], { ...report, messageId });
}
