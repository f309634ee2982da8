/**
 * The largest request the Excel adapter would send (and the largest response it would ask for) when the
 * Tổng hợp button runs on a workbook: the workbook's sheets are put in test/excel/fake-excel.ts (the mock of
 * Office.js that sizes each sync's request and response as the JSON of what is queued), and the real command
 * (read, engine, write) runs on it. Excel on the web refuses a request or response over 5 MB.
 */
import { readFileSync } from "fs";
import { handleRibbon } from "../src/commands/ribbon";
import { engine } from "../src/commands/engine-binding";
import { cellAddress, sheetOrigin } from "../src/core/model";
import { readXlsxFast } from "../src/xlsx/fast-read";
import { FakeExcel } from "../test/excel/fake-excel";

export interface Payload {
  sheets: number;
  syncs: number;
  maxRequest: number;
  maxResponse: number;
}

export async function maxPayload(file: string): Promise<Payload> {
  const { workbook } = await readXlsxFast(new Uint8Array(readFileSync(file)), file);
  const xl = new FakeExcel();
  for (const s of workbook!.sheets) {
    const o = sheetOrigin(s);
    const sheet = xl.addSheet(s.name, [], s.address);
    s.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const f = s.formulas[i][j];
        const fmt = s.numberFormat[i][j];
        if (v === "" && !(typeof f === "string" && f.startsWith("="))) return;
        const cell = sheet.cell(cellAddress(o.row + i, o.col + j));
        cell.v = v;
        if (typeof f === "string" && f.startsWith("=")) cell.f = f;
        if (fmt !== "General") cell.fmt = fmt;
      })
    );
    sheet.merges.push(...s.merges);
  }
  const outcome = await handleRibbon({ completed: () => {} }, "consolidate", {
    run: xl.run,
    engine: engine(),
    check: xl.check,
  });
  if (outcome !== "done") throw new Error("the Tổng hợp command failed on the fake workbook");
  return {
    sheets: workbook!.sheets.length,
    syncs: xl.syncs,
    maxRequest: Math.max(...xl.log.map((l) => l.request)),
    maxResponse: Math.max(...xl.log.map((l) => l.response)),
  };
}

if (require.main === module) {
  maxPayload(process.argv[2]).then(
    (p) => process.stdout.write(JSON.stringify(p) + "\n"),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exit(1);
    }
  );
}
