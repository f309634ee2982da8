/**
 * parts-sum: "gồm"/"chia ra" parts (and nam + nữ) that do not add up to their whole, in every count column;
 * columns stated as sums ("2 (=3+4)") in every row; and shares of one whole whose percentages do not add up
 * to 100 (99,9–100,1 is rounding and fine).
 */
import { CellReading } from "../analysis";
import { decimalEquals, decimalSum } from "../rounding";
import { CheckRule } from "./types";
import { exactOf, fractionDigits, isCountCell, isPercentCell } from "./context";

/** The parts' numbers, blanks as 0; null when a part is not a number at all (another rule reports it). */
function partValues(cells: (CellReading | undefined)[]): string[] | null {
  const out: string[] = [];
  let numbers = 0;
  for (const c of cells) {
    if (!c || c.status === "empty") {
      out.push("0");
      continue;
    }
    const e = exactOf(c);
    if (e === null) return null;
    out.push(e);
    numbers++;
  }
  return numbers === 0 ? null : out;
}

export const rule: CheckRule = {
  meta: {
    id: "parts-sum",
    defaultSeverity: "error",
    description: {
      vi: "Các thành phần (gồm, chia ra, nam + nữ) không cộng đúng bằng tổng",
      en: "Parts (gồm, chia ra, men + women) that do not add up to their whole",
    },
    messages: {
      rows: {
        vi: "Tổng {whole} {wholeRow} khác tổng các phần {parts} = {sum}",
        en: "Total {whole} {wholeRow} differs from its parts {parts} = {sum}",
      },
      columns: {
        vi: "Cột {wholeCol} = {whole} khác tổng các cột {parts} = {sum}",
        en: "Column {wholeCol} = {whole} differs from columns {parts} = {sum}",
      },
      shares: {
        vi: "Các tỷ lệ của {parts} cộng lại {sum}%, không phải 100%",
        en: "The percentages of {parts} add up to {sum}%, not 100%",
      },
    },
  },
  check(ctx, report) {
    const { unit } = ctx;
    for (const rel of ctx.relations) {
      if (rel.kind === "partition") {
        const whole = ctx.row(rel.whole);
        if (!whole) continue;
        const partsRows = rel.parts.map((k) => ctx.row(k));
        // A unit that lacks a part row is reported by missing-indicator; a sum over what is left means nothing.
        if (partsRows.some((p) => p === undefined)) continue;
        const partsName = rel.parts.map((k) => ctx.rowName(k)).join(" + ");
        unit.measures.forEach((m, mi) => {
          const wholeCell = whole.cells[mi];
          if (isCountCell(whole, m)) {
            const w = exactOf(wholeCell);
            const parts = partValues(partsRows.map((p) => p?.cells[mi]));
            if (w === null || parts === null) return;
            const sum = decimalSum(parts);
            if (decimalEquals(sum, w)) return;
            report({
              messageId: "rows",
              cell: wholeCell.address,
              data: {
                whole: Number(w),
                wholeRow: ctx.rowName(rel.whole),
                parts: partsName,
                sum: Number(sum),
              },
              expected: Number(sum),
              actual: Number(w),
            });
          } else if (isPercentCell(whole, m)) {
            // Shares of one whole: only when the whole itself shows 100%.
            const w = exactOf(wholeCell);
            if (w === null || !decimalEquals(w, "100")) return;
            const parts = partValues(partsRows.map((p) => p?.cells[mi]));
            if (parts === null) return;
            const sum = Number(decimalSum(parts));
            const digits = Math.max(1, ...parts.map(fractionDigits));
            const slack = Math.max(0.1, parts.length * 0.5 * 10 ** -digits);
            if (Math.abs(sum - 100) <= slack + 1e-9) return;
            report({
              messageId: "shares",
              cell: wholeCell.address,
              data: { parts: partsName, sum },
              expected: 100,
              actual: sum,
            });
          }
        });
      } else if (rel.kind === "columnSum") {
        const wm = ctx.measure(rel.whole);
        const pms = rel.parts.map((k) => ctx.measure(k));
        if (!wm || pms.some((p) => p === undefined)) continue;
        const wi = unit.measures.indexOf(wm);
        const pis = pms.map((p) => (p ? unit.measures.indexOf(p) : -1));
        for (const row of unit.rows) {
          if (row.nonAdditive || !isCountCell(row, wm)) continue;
          const w = exactOf(row.cells[wi]);
          const parts = partValues(pis.map((i) => row.cells[i]));
          if (w === null || parts === null) continue;
          const sum = decimalSum(parts);
          if (decimalEquals(sum, w)) continue;
          report({
            messageId: "columns",
            cell: row.cells[wi].address,
            data: {
              wholeCol: wm.header,
              whole: Number(w),
              parts: pms.map((p) => p?.header ?? "").join(" + "),
              sum: Number(sum),
            },
            expected: Number(sum),
            actual: Number(w),
          });
        }
      }
    }
  },
};
