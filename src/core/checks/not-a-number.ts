/**
 * not-a-number: text ("khoảng 80", "trên 96%"), an error value (#DIV/0!) or a figure that reads two ways
 * ("5,022") where the form wants a number. Such a cell is left out of the totals, so it must be fixed.
 */
import { CellReading, Measure } from "../analysis";
import { parseNumeral } from "../numerals";
import { CheckRule } from "./types";
import { isNumberCell } from "./context";
import { isApproxText, isNilText } from "./words";

export const rule: CheckRule = {
  meta: {
    id: "not-a-number",
    defaultSeverity: "error",
    description: {
      vi: "Chữ, giá trị lỗi hoặc số đọc được hai cách ở chỗ cần số",
      en: "Text, an error value or a two-way figure where a number belongs",
    },
    messages: {
      text: {
        vi: "Ô có chữ “{text}” ở chỗ cần số",
        en: "The cell holds the text “{text}” where a number belongs",
      },
      approx: {
        vi: "Ô ghi “{text}”: cần số chính xác, không ghi ước lượng",
        en: "The cell says “{text}”: an exact number is needed, not an estimate",
      },
      errorValue: {
        vi: "Ô có giá trị lỗi {text} ở chỗ cần số",
        en: "The cell holds the error value {text} where a number belongs",
      },
      ambiguous: {
        vi: "“{text}” đọc được hai cách ({a} hoặc {b}): hãy ghi số không có dấu phân cách",
        en: "“{text}” reads two ways ({a} or {b}): write the number without separators",
      },
      ambiguousEnglish: {
        vi: "“{text}” là cách ghi kiểu tiếng Anh ({a}?): hãy ghi theo kiểu Việt Nam",
        en: "“{text}” is written the English way ({a}?): write it the Vietnamese way",
      },
    },
  },
  check(ctx, report) {
    const { rows, measures } = ctx.unit;
    const checkCell = (measure: Measure, cell: CellReading): void => {
      if (!isNumberCell(measure) || cell.fraction || cell.status === "date") return;
      const text = String(cell.raw).trim();
      const place = { cell: cell.address, actual: text, expected: null };
      if (isApproxText(cell.raw) && (cell.status === "number" || cell.status === "text")) {
        report({ ...place, messageId: "approx", data: { text } });
      } else if (cell.status === "error") {
        report({ ...place, messageId: "errorValue", data: { text } });
      } else if (cell.status === "ambiguous") {
        const r = parseNumeral(text);
        const [a, b] = r.ok ? [r.numeral.value] : r.candidates;
        report({
          ...place,
          severity: "warning",
          messageId: b === undefined ? "ambiguousEnglish" : "ambiguous",
          data: b === undefined ? { text, a: a ?? text } : { text, a, b },
        });
      } else if (cell.status === "text" && !isNilText(text)) {
        report({ ...place, messageId: "text", data: { text } });
      }
    };
    for (const row of rows)
      for (let mi = 0; mi < measures.length; mi++) {
        const cell = row.cells[mi];
        // Most cells are numbers read from numbers, or empty: nothing to say.
        if (!cell || cell.status === "empty") continue;
        if (cell.status === "number" && typeof cell.raw !== "string") continue;
        checkCell(measures[mi], cell);
      }
  },
};
