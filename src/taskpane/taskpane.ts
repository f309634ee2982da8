/**
 * The task pane page: in Excel it works on the open workbook; in a plain browser it takes .xlsx files.
 * This file only starts the page; the pane itself is in app.ts.
 */
import { officeChecker } from "../excel/requirements";
import { App } from "./app";
import { lockToOrigin } from "./browser-policy";
import { both } from "./i18n";
import { whenReady } from "./office-host";

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const mode = await whenReady(window as unknown as Parameters<typeof whenReady>[0], document);
    const app =
      mode === "office"
        ? new App(root, {
            mode,
            office: { run: (batch) => Excel.run(batch), check: officeChecker() },
          })
        : (lockToOrigin(document), new App(root, { mode }));
    await app.start();
  } catch (err) {
    // Before the pane exists there is no language switch: both languages, as text.
    const m = both("startFailed", { error: String(err) });
    const p = document.createElement("p");
    p.className = "notice notice-error";
    p.setAttribute("role", "alert");
    p.textContent = `${m.vi} / ${m.en}`;
    root.replaceChildren(p);
  }
}

void start();
