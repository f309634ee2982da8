/**
 * A test page: the task pane in its Excel mode, over the mock workbook of test/excel (office-addin-mock)
 * instead of Excel, so that the browser tests can drive and photograph the pane as staff see it in Excel.
 * Built only by the browser tests (harness.ts), never shipped.
 */
import { App } from "../../src/taskpane/app";
import { FakeExcel } from "../excel/fake-excel";
import { insertFile, withInsert } from "../excel/fake-insert";
import { fakeFromXlsx } from "../excel/from-xlsx";

interface HarnessGlobals {
  setImmediate?: (fn: () => void) => void;
  fakeExcel?: FakeExcel;
  insertCalls?: string[][];
  startOfficePane?: (files: { name: string; b64: string }[], api?: string) => Promise<void>;
  startOfficeWorkbook?: (b64: string, api?: string) => Promise<void>;
}
const g = globalThis as unknown as HarnessGlobals;
// The mock yields to the event loop with setImmediate, which pages do not have.
g.setImmediate ??= (fn) => void setTimeout(fn, 0);

function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

async function startOn(xl: FakeExcel): Promise<void> {
  g.fakeExcel = xl;
  g.insertCalls = [];
  const root = document.getElementById("app")!;
  await new App(root, { mode: "office", office: withInsert(xl, g.insertCalls) }).start();
}

/** A workbook made of the units' files, each inserted as staff would ("Nhập tệp"). */
g.startOfficePane = async (files, api = "1.13") => {
  const xl = new FakeExcel({ api });
  xl.fileName = "Bao cao Quang Ninh.xlsx";
  for (const f of files) await insertFile(xl, fromBase64(f.b64));
  await startOn(xl);
};

/** One whole workbook opened as it is, such as the command line's output with its flags and notes. */
g.startOfficeWorkbook = async (b64, api = "1.13") => {
  const xl = await fakeFromXlsx(fromBase64(b64), { api });
  xl.fileName = "tong-hop.xlsx";
  await startOn(xl);
};
