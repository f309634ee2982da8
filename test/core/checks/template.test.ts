import assert from "node:assert/strict";
import { renderTemplate } from "../../../src/core/issue";

describe("message templates: decimals as written", () => {
  const cases: [string, Record<string, number | string>, string, string][] = [
    ["{p}%", { p: 43 }, "vi", "43%"],
    ["{p:1}%", { p: 43 }, "vi", "43,0%"],
    ["{p:dec}%", { p: 43, dec: 1 }, "vi", "43,0%"],
    ["{p:dec}%", { p: 42.857, dec: 2 }, "en", "42.86%"],
    ["{p:dec}%", { p: 5022, dec: 0 }, "vi", "5.022%"],
    ["{p:missing}%", { p: 46.7 }, "vi", "46,7%"],
    ["{p:dec}", { p: "text", dec: 1 }, "vi", "text"],
    ["{q:dec}", { p: 1 }, "vi", "{q:dec}"],
  ];
  for (const [t, data, lang, want] of cases) {
    it(`${t} with ${JSON.stringify(data)} (${lang}) → ${want}`, () =>
      assert.equal(renderTemplate(t, data, lang as "vi" | "en"), want));
  }
});
