/**
 * Is this page running inside Office? The pane must also work as a plain web page with no request leaving its
 * origin, so Office.js (a script from Microsoft's CDN) is loaded only when Office hosts the page.
 */

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The parts of `window` the detection reads (a plain object in tests). */
export interface HostWindow {
  location: { search: string; hash: string };
  sessionStorage?: { getItem(key: string): string | null };
  external?: unknown;
  chrome?: { webview?: unknown };
  webkit?: { messageHandlers?: Record<string, unknown> };
}

/**
 * Office opens a pane with `_host_Info=Excel|Win32|...` in its URL, and Office.js keeps it in sessionStorage
 * ("hostInfoValue") for later navigations; the desktop hosts also expose their bridge objects.
 */
export function isHostedInOffice(win: HostWindow): boolean {
  if (/[?&#]_host_Info=/i.test(win.location.search + win.location.hash)) return true;
  try {
    if (win.sessionStorage?.getItem("hostInfoValue")) return true;
  } catch {
    // Storage can be denied in sandboxed frames; the other signs still apply.
  }
  const ext = win.external as { GetContext?: unknown } | undefined;
  if (ext && typeof ext === "object" && "GetContext" in ext) return true; // Windows, IE/Edge legacy hosts
  if (win.chrome?.webview !== undefined) return true; // Windows, WebView2
  return win.webkit?.messageHandlers?.Agave !== undefined; // Mac and iPad
}

/** Adds the Office.js script to the page and resolves when it has loaded. */
export function loadOfficeJs(doc: Document, url: string = OFFICE_JS_URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = doc.createElement("script");
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Office.js could not be loaded from ${url}`));
    doc.head.appendChild(script);
  });
}

/** Resolves to "office" once Office.js is ready, or to "browser" at once when the page is not in Office. */
export async function whenReady(win: HostWindow, doc: Document): Promise<"office" | "browser"> {
  if (!isHostedInOffice(win)) return "browser";
  if (typeof Office === "undefined") await loadOfficeJs(doc);
  await Office.onReady();
  return "office";
}
