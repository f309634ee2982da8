import { strict as assert } from "node:assert";
import { HostWindow, isHostedInOffice } from "../../src/taskpane/office-host";

const page = (extra: Partial<HostWindow> = {}, search = "", hash = ""): HostWindow => ({
  location: { search, hash },
  sessionStorage: { getItem: () => null },
  ...extra,
});

describe("taskpane/office-host: Office.js only when Office hosts the page", () => {
  const hosted: [string, HostWindow][] = [
    [
      "Excel on the web (_host_Info in the query)",
      page({}, "?_host_Info=Excel$Web$16.01$vi-VN$$$$0"),
    ],
    ["Excel desktop (_host_Info in the hash)", page({}, "", "#_host_Info=Excel|Win32|16.01|en-US")],
    [
      "a later page of the pane (Office.js kept it)",
      page({ sessionStorage: { getItem: (k) => (k === "hostInfoValue" ? "Excel|Win32" : null) } }),
    ],
    ["Windows with WebView2", page({ chrome: { webview: {} } })],
    ["Windows with the old IE/Edge host", page({ external: { GetContext: () => null } })],
    ["Mac", page({ webkit: { messageHandlers: { Agave: {} } } })],
  ];
  const browser: [string, HostWindow][] = [
    ["a plain browser", page()],
    [
      "Chromium's window.external and chrome",
      page({ external: { AddSearchProvider: () => null }, chrome: {} }),
    ],
    ["a query that merely mentions host", page({}, "?host=Excel&info=1")],
    [
      "storage that refuses access",
      page({
        sessionStorage: {
          getItem: () => {
            throw new Error("denied");
          },
        },
      }),
    ],
  ];
  for (const [name, w] of hosted)
    it(`hosted: ${name}`, () => assert.equal(isHostedInOffice(w), true));
  for (const [name, w] of browser)
    it(`browser: ${name}`, () => assert.equal(isHostedInOffice(w), false));
});
