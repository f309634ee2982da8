/**
 * fraction: "a/b" written in a cell ("60/61 tổ chức cơ sở đảng") with a > b, or with b different from the
 * total it refers to (the parent row or the whole the row is part of); and a fraction Excel turned into a date
 * ("9/10" typed in a date-reading Excel becomes 10 September, stored as a serial number that would be summed).
 */
import { CellReading, IndicatorRow, Measure } from "../analysis";
import { CheckContext, CheckRule, Doubt } from "./types";
import { isCountCell, isNumberCell, readingsOf } from "./context";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Excel's day serial (1900 system) to day and month. */
function serialToDate(serial: number): { day: number; month: number; year: number } {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000;
  const d = new Date(ms);
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
}

/**
 * The fraction a date most likely was. A "d/m" format means a day-first Excel read "9/10" as 9 October; other
 * formats ("d-mmm", which an English-locale Excel gives a typed "9/10", or "m/d/yyyy") mean month first.
 */
function fractionOfDate(cell: CellReading): { numerator: number; denominator: number } | null {
  if (cell.fraction) return cell.fraction;
  if (typeof cell.raw !== "number") return null;
  const { day, month } = serialToDate(cell.raw);
  const dayFirst = /^\s*d+\s*[/.]\s*m/i.test(cell.numberFormat);
  return dayFirst ? { numerator: day, denominator: month } : { numerator: month, denominator: day };
}

/**
 * The totals a fraction in this row may refer to: the parent row and the wholes of its relations (a doubtful
 * one as it stands and as meant, and added to `doubts`).
 */
function totalsFor(
  ctx: CheckContext,
  row: IndicatorRow,
  mi: number,
  doubts: Doubt[]
): { value: string; name: string }[] {
  const measure = ctx.unit.measures[mi];
  const cols =
    measure.kind === "count"
      ? [mi]
      : ctx.unit.measures.map((m, i) => (m.kind === "count" ? i : -1)).filter((i) => i >= 0);
  const wholes: IndicatorRow[] = [];
  if (row.parent !== null) wholes.push(ctx.unit.rows[row.parent]);
  for (const key of ctx.wholesOf(row.key)) {
    const w = ctx.row(key);
    if (w) wholes.push(w);
  }
  const out: { value: string; name: string }[] = [];
  for (const w of wholes) {
    for (const i of cols) {
      if (!isCountCell(w, ctx.unit.measures[i])) continue;
      for (const v of readingsOf(ctx, w.cells[i], doubts))
        out.push({ value: v.value, name: ctx.rowTitle(w.key) });
    }
  }
  return out;
}

export const rule: CheckRule = {
  meta: {
    id: "fraction",
    defaultSeverity: "error",
    description: {
      vi: "Phân số a/b sai (a > b, b khác tổng) hoặc bị Excel đổi thành ngày",
      en: "A fraction a/b that is wrong (a > b, b not the total) or that Excel turned into a date",
    },
    messages: {
      numeratorLarger: {
        vi: "Phân số {fraction}: tử số {a} lớn hơn mẫu số {b}",
        en: "Fraction {fraction}: numerator {a} is larger than denominator {b}",
      },
      zero: {
        vi: "Phân số {fraction} có mẫu số 0",
        en: "Fraction {fraction} has denominator 0",
      },
      otherTotal: {
        vi: "Phân số {fraction}: mẫu số {b} khác tổng {total} của {totalRow}",
        en: "Fraction {fraction}: denominator {b} differs from the total {total} of {totalRow}",
      },
      date: {
        vi: "Ô là ngày {date}, không phải số: có lẽ “{fraction}” bị Excel đổi thành ngày; hãy định dạng ô là Text rồi gõ lại",
        en: "The cell is the date {dateEn}, not a number: “{fraction}” was probably turned into a date by Excel; format the cell as Text and retype it",
      },
    },
  },
  check(ctx, report) {
    const { rows, measures } = ctx.unit;
    const checkCell = (
      row: IndicatorRow,
      measure: Measure,
      mi: number,
      cell: CellReading
    ): void => {
      if (!isNumberCell(measure)) return;
      if (cell.status === "date") {
        const f = fractionOfDate(cell);
        const d = typeof cell.raw === "number" ? serialToDate(cell.raw) : null;
        // Day first in Vietnamese; the month by name in English, where 10/9 would read as 9 October.
        const date = d ? `${d.day}/${d.month}/${d.year}` : String(cell.raw);
        const dateEn = d ? `${d.day} ${MONTHS[d.month - 1]} ${d.year}` : String(cell.raw);
        report({
          messageId: "date",
          cell: cell.address,
          data: { date, dateEn, fraction: f ? `${f.numerator}/${f.denominator}` : "?" },
          actual: date,
          expected: f ? `${f.numerator}/${f.denominator}` : null,
        });
        return;
      }
      const f = cell.fraction;
      if (!f) return;
      const fraction = `${f.numerator}/${f.denominator}`;
      const place = { cell: cell.address, actual: fraction };
      if (f.denominator === 0) {
        report({ ...place, messageId: "zero", data: { fraction } });
      } else if (f.numerator > f.denominator) {
        report({
          ...place,
          messageId: "numeratorLarger",
          data: { fraction, a: f.numerator, b: f.denominator },
          expected: `≤ ${f.denominator}`,
        });
      } else {
        const doubts: Doubt[] = [];
        const totals = totalsFor(ctx, row, mi, doubts);
        if (totals.some((t) => Number(t.value) === f.denominator)) return;
        if (doubts.length > 0) {
          for (const d of new Set(doubts)) ctx.skip(d, cell.address);
          return;
        }
        if (totals.length === 0) return;
        report({
          ...place,
          messageId: "otherTotal",
          data: {
            fraction,
            b: f.denominator,
            total: Number(totals[0].value),
            totalRow: totals[0].name,
          },
          expected: `${f.numerator}/${totals[0].value}`,
        });
      }
    };
    for (const row of rows)
      for (let mi = 0; mi < measures.length; mi++) {
        const cell = row.cells[mi];
        // Only dates and fractions are this rule's: most cells are neither.
        if (cell && (cell.status === "date" || cell.fraction))
          checkCell(row, measures[mi], mi, cell);
      }
  },
};
