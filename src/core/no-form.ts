/**
 * no-form: a workbook in which no sheet holds a report form (a list of names, a letter, the wrong file sent).
 * The engine says so once per file, so that a unit missing from the totals is never silent.
 */
import { Issue, RuleMeta, makeIssue } from "./issue";
import { WorkbookModel } from "./model";
import { SheetInfo } from "./output";

export const NO_FORM: RuleMeta = {
  id: "no-form",
  defaultSeverity: "error",
  description: { vi: "Tệp không có biểu báo cáo", en: "No report form in the file" },
  messages: {
    default: {
      vi: "Không tìm thấy biểu báo cáo trong tệp (không trang nào trong {sheets} có dòng tiêu đề với cột Chỉ tiêu): hãy kiểm tra đơn vị đã gửi đúng tệp chưa",
      en: "No report form in the file (none of {sheets} has a header row with a Chỉ tiêu column): check that the unit sent the right file",
    },
  },
};

const FOUND = new Set<SheetInfo["kind"]>(["unit", "template", "ours"]);

/** "“Danh sách”, “Ghi chú”", at most three names. */
function names(sheets: readonly string[]): string {
  const shown = sheets.slice(0, 3).map((s) => `“${s}”`);
  return sheets.length > 3 ? `${shown.join(", ")}, …` : shown.join(", ");
}

/**
 * One issue per workbook none of whose sheets is a unit report, the form itself or one of our tabs. A run
 * restricted to some sheets (`only`) says nothing: the user chose what to read.
 */
export function noFormIssues(
  workbooks: readonly WorkbookModel[],
  sheets: readonly SheetInfo[],
  only?: readonly unknown[]
): Issue[] {
  if (only) return [];
  // The files with a form, gathered once: asking every sheet about every file is a million questions at
  // a thousand files.
  const withForm = new Set<string>();
  for (const s of sheets) if (FOUND.has(s.kind)) withForm.add(s.file);
  return (
    workbooks
      // A workbook left with no sheet at all held only our tabs: nothing a unit sent.
      .filter((wb) => wb.sheets.length > 0)
      .filter((wb) => !withForm.has(wb.file))
      .map((wb) =>
        makeIssue(
          NO_FORM,
          { messageId: "default", data: { sheets: names(wb.sheets.map((s) => s.name)) } },
          { file: wb.file }
        )
      )
  );
}
