/**
 * count-not-integer: a count (people, party bodies, units) with a fractional part. Three decimals that make a
 * whole number × 1000 are almost always "5.022" typed into an English-locale Excel, which reads it as 5.022.
 */
import { CELL, CheckRule } from "./types";
import { fractionDigits, thousandsMeant } from "./context";
import { uomAllowsDecimals } from "./words";

export const rule: CheckRule = {
  meta: {
    id: "count-not-integer",
    defaultSeverity: "error",
    description: {
      vi: "Số đếm (người, tổ chức, đơn vị) có phần thập phân",
      en: "A count (people, bodies, units) with a fractional part",
    },
    messages: {
      fractional: {
        vi: "Số lượng {actual} không phải số nguyên",
        en: "Count {actual} is not a whole number",
      },
      thousands: {
        vi: "Số lượng {actual} không phải số nguyên: có lẽ gõ “{typed}” trong Excel kiểu tiếng Anh nên thành số thập phân; số đúng là {meant}",
        en: "Count {actual} is not a whole number: “{typed}” typed in an English-locale Excel probably became a decimal; meant {meant}",
      },
    },
  },
  check(ctx, report) {
    const { width, exact, bits } = ctx.facts();
    const wanted = CELL.count | CELL.fractional;
    ctx.unit.rows.forEach((row, ri) => {
      if (uomAllowsDecimals(row.uom)) return;
      for (let mi = 0, at = ri * width; mi < width; mi++, at++) {
        // A count whose figure has a fractional part.
        if ((bits[at] & wanted) !== wanted) continue;
        const cell = row.cells[mi];
        const e = exact[at];
        if (!cell || cell.fraction || e === null) continue;
        const actual = Number(e);
        const meant = fractionDigits(e) === 3 ? thousandsMeant(e) : null;
        if (meant !== null) {
          const expected = Number(meant);
          report({
            messageId: "thousands",
            cell: cell.address,
            data: { actual, typed: e.replace("-", ""), meant: expected },
            actual,
            expected,
          });
          continue;
        }
        report({
          messageId: "fractional",
          cell: cell.address,
          data: { actual },
          actual,
          expected: null,
        });
      }
    });
  },
};
