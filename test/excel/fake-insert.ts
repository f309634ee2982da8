/**
 * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13) added to the mock workbook, which does not model it:
 * the file is read with the .xlsx reader and the asked-for sheets appended, a taken name becoming
 * "Name (2)" as in Excel; the ids are readable after the next sync. Runs in Node and in the browser harness.
 */
import { OfficeDeps } from "../../src/taskpane/office-mode";
import { readXlsx } from "../../src/xlsx/read";
import { FakeExcel } from "./fake-excel";

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The name Excel gives an inserted sheet: its own, or "Name (2)", "Name (3)"… when taken. */
export function freeName(xl: FakeExcel, wanted: string): string {
  const taken = (n: string) => xl.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase());
  let name = wanted;
  for (let n = 2; taken(name); n++) name = `${wanted} (${n})`;
  return name;
}

/** Adds the sheets of an .xlsx file to the mock, as inserting them would. */
export async function insertFile(
  xl: FakeExcel,
  bytes: Uint8Array,
  only: string[] | null = null
): Promise<string[]> {
  const read = await readXlsx(bytes, "inserted.xlsx");
  const ids: string[] = [];
  for (const s of read.workbook?.sheets ?? []) {
    if (only && !only.includes(s.name)) continue;
    ids.push(xl.addSheet(freeName(xl, s.name), s.values, s.address).id);
  }
  return ids;
}

/** The mock's Excel.run with insertWorksheetsFromBase64; `calls` records the sheet names asked for. */
export function withInsert(xl: FakeExcel, calls: string[][]): OfficeDeps {
  const pending: Promise<unknown>[] = [];
  return {
    check: xl.check,
    run: (batch) =>
      xl.run((context) => {
        const insert = (base64: string, options: { sheetNamesToInsert: string[] }) => {
          calls.push(options.sheetNamesToInsert);
          const born = xl.syncs;
          let ids: string[] = [];
          pending.push(
            insertFile(xl, fromBase64(base64), options.sheetNamesToInsert).then((x) => (ids = x))
          );
          return {
            get value() {
              if (xl.syncs <= born) throw new Error("ClientResult read before context.sync()");
              return ids;
            },
          };
        };
        const workbook = new Proxy(context.workbook, {
          get: (target, key) =>
            key === "insertWorksheetsFromBase64" ? insert : Reflect.get(target, key),
        });
        const sync = async () => {
          await Promise.all(pending.splice(0));
          return context.sync();
        };
        return batch(
          new Proxy(context, {
            get: (target, key) =>
              key === "workbook" ? workbook : key === "sync" ? sync : Reflect.get(target, key),
          })
        );
      }),
  };
}
