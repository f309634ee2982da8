/**
 * parts-sum: "gồm"/"chia ra" parts (and nam + nữ) that do not add up to their whole, in every count column;
 * columns stated as sums ("2 (=3+4)") in every row; and shares of one whole whose percentages do not add up
 * to 100 (99,9–100,1 is rounding and fine).
 */
import { CellReading } from "../analysis";
import { packed } from "../arrays";
import { decimalEquals, decimalSum } from "./decimal";
import { CELL, CheckRule } from "./types";
import { culprit, gapFixes } from "./partition-fixes";
import { Read, addsUp, checkRelation, exactOf, fractionDigits, isPercentCell } from "./context";

/** The parts' numbers, blanks as 0; null when a part is not a number at all (another rule reports it). */
function partValues(cells: (CellReading | undefined)[], read: Read): string[] | null {
  const out: string[] = [];
  let numbers = 0;
  for (const c of cells) {
    if (!c || c.status === "empty") {
      out.push("0");
      continue;
    }
    const e = read(c);
    if (e === null) return null;
    out.push(e);
    numbers++;
  }
  return numbers === 0 ? null : out;
}

/** A whole and the sum of its parts, as read; "holds" when they agree. */
function sumCheck(
  whole: CellReading | undefined,
  parts: (CellReading | undefined)[],
  read: Read
): { whole: string; sum: string } | "holds" | null {
  const w = read(whole);
  const values = partValues(parts, read);
  if (w === null || values === null) return null;
  const sum = decimalSum(values);
  return decimalEquals(sum, w) ? "holds" : { whole: w, sum };
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
        vi: "{wholeRow} ghi {whole}, nhưng các phần {parts} cộng lại {sum}",
        en: "{wholeRow} is {whole}, but its parts {parts} add up to {sum}",
      },
      pointed: {
        vi: "{wholeRow} ghi {whole}, nhưng các phần {parts} cộng lại {sum}; tỷ lệ ở {percents} cho thấy {row} đúng ra là {meant}, không phải {actual}",
        en: "{wholeRow} is {whole}, but its parts {parts} add up to {sum}; the percentage in {percents} shows {row} should be {meant}, not {actual}",
      },
      columns: {
        vi: "Cột “{wholeCol}” ghi {whole}, nhưng các cột {parts} cộng lại {sum}",
        en: "Column “{wholeCol}” is {whole}, but columns {parts} add up to {sum}",
      },
      shares: {
        vi: "Các tỷ lệ của {parts} cộng lại {sum}%, không phải 100%",
        en: "The percentages of {parts} add up to {sum}%, not 100%",
      },
    },
  },
  check(ctx, report) {
    const { unit } = ctx;
    const facts = ctx.facts();
    const { width, bits } = facts;
    for (const rel of ctx.relations) {
      if (rel.kind === "partition") {
        const wi = facts.rowAt.get(rel.whole);
        if (wi === undefined) continue;
        const whole = unit.rows[wi];
        const pis = packed(rel.parts, (k) => facts.rowAt.get(k) ?? -1);
        // A unit that lacks a part row is reported by missing-indicator; a sum over what is left means nothing.
        if (pis.includes(-1)) continue;
        const partsRows = packed(pis, (i) => unit.rows[i]);
        const partsName = (): string => rel.parts.map((k) => ctx.rowName(k)).join(" + ");
        const at = pis.slice();
        unit.measures.forEach((m, mi) => {
          const count = (bits[wi * width + mi] & CELL.count) !== 0;
          if (count) {
            // Most wholes add up in whole numbers: no strings, no lists.
            for (let k = 0; k < pis.length; k++) at[k] = pis[k] * width + mi;
            if (addsUp(facts, wi * width + mi, at)) return;
          }
          const wholeCell = whole.cells[mi];
          const partCells = packed(partsRows, (p) => p.cells[mi]);
          if (count) {
            const found = checkRelation(ctx, [wholeCell, ...partCells], wholeCell.address, (read) =>
              sumCheck(wholeCell, partCells, read)
            );
            if (!found) return;
            // The unit's percentages may show which cell is wrong: report there, with the value they give.
            const fixes = gapFixes(wholeCell, partCells, found.whole, found.sum);
            const pointed = culprit(ctx, fixes);
            if (pointed) {
              const i = [wholeCell, ...partCells].indexOf(pointed.cell);
              const rowKey = i === 0 ? rel.whole : rel.parts[i - 1];
              report({
                messageId: "pointed",
                cell: pointed.cell.address,
                data: {
                  whole: Number(found.whole),
                  wholeRow: ctx.rowTitle(rel.whole),
                  parts: partsName(),
                  sum: Number(found.sum),
                  percents: pointed.percents.join(", "),
                  row: ctx.rowTitle(rowKey),
                  meant: Number(pointed.meant),
                  actual: Number(exactOf(pointed.cell) ?? 0),
                },
                expected: Number(pointed.meant),
                actual: Number(exactOf(pointed.cell) ?? 0),
              });
              return;
            }
            report({
              messageId: "rows",
              cell: wholeCell.address,
              data: {
                whole: Number(found.whole),
                wholeRow: ctx.rowTitle(rel.whole),
                parts: partsName(),
                sum: Number(found.sum),
              },
              expected: Number(found.sum),
              actual: Number(found.whole),
            });
          } else if (isPercentCell(whole, m)) {
            // Shares of one whole: only when the whole itself shows 100%.
            const w = exactOf(wholeCell);
            if (w === null || !decimalEquals(w, "100")) return;
            const found = checkRelation(ctx, partCells, wholeCell.address, (read) => {
              const parts = partValues(partCells, read);
              if (parts === null) return null;
              const sum = Number(decimalSum(parts));
              const digits = Math.max(1, ...parts.map(fractionDigits));
              const slack = Math.max(0.1, parts.length * 0.5 * 10 ** -digits);
              return Math.abs(sum - 100) <= slack + 1e-9 ? "holds" : { sum };
            });
            if (!found) return;
            report({
              messageId: "shares",
              cell: wholeCell.address,
              data: { parts: partsName(), sum: found.sum },
              expected: 100,
              actual: found.sum,
            });
          }
        });
      } else if (rel.kind === "columnSum") {
        const wm = ctx.measure(rel.whole);
        const pms = rel.parts.map((k) => ctx.measure(k));
        if (!wm || pms.some((p) => p === undefined)) continue;
        const wi = unit.measures.indexOf(wm);
        const pis = pms.map((p) => (p ? unit.measures.indexOf(p) : -1));
        const at = pis.slice();
        for (let ri = 0; ri < unit.rows.length; ri++) {
          const row = unit.rows[ri];
          if (row.nonAdditive || !(bits[ri * width + wi] & CELL.count)) continue;
          for (let k = 0; k < pis.length; k++) at[k] = ri * width + pis[k];
          if (addsUp(facts, ri * width + wi, at)) continue;
          const wholeCell = row.cells[wi];
          const partCells = packed(pis, (i) => row.cells[i]);
          const found = checkRelation(ctx, [wholeCell, ...partCells], wholeCell.address, (read) =>
            sumCheck(wholeCell, partCells, read)
          );
          if (!found) continue;
          report({
            messageId: "columns",
            cell: wholeCell.address,
            data: {
              wholeCol: wm.header,
              whole: Number(found.whole),
              parts: pms.map((p) => `“${p?.header ?? ""}”`).join(" + "),
              sum: Number(found.sum),
            },
            expected: Number(found.sum),
            actual: Number(found.whole),
          });
        }
      }
    }
  },
};
