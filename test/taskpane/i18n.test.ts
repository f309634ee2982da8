/** taskpane/i18n: one table of the pane's words, complete in both languages. */
import { strict as assert } from "node:assert";
import { STRING_KEYS, both, t } from "../../src/taskpane/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)[#}]/g)].map((m) => m[1]).sort();

describe("taskpane/i18n: the pane's words in Vietnamese and English", () => {
  it("has every string in both languages, with the same placeholders", () => {
    for (const key of STRING_KEYS) {
      const vi = t("vi", key);
      const en = t("en", key);
      assert.ok(vi.trim() && en.trim(), key);
      assert.deepEqual(placeholders(vi), placeholders(en), key);
    }
  });

  it("writes numbers the language's way", () => {
    assert.equal(t("vi", "selected", { n: 1234, total: 5022 }), "Đã chọn 1.234/5.022 trang");
    assert.equal(t("en", "selected", { n: 1234, total: 5022 }), "1,234 of 5,022 sheets selected");
  });

  it("fills text as given, markup included (the view puts it in the page as text)", () => {
    const name = "<img src=x onerror=alert(1)>";
    assert.equal(t("en", "removeFile", { name }), `Remove ${name}`);
    assert.deepEqual(both("chartDone", { sheet: "Tổng hợp", n: 3 }), {
      vi: "Đã vẽ biểu đồ trên trang “Tổng hợp” (3 đơn vị).",
      en: "Chart drawn on “Tổng hợp” (3 units).",
    });
  });

  it("chooses the English word for the count; Vietnamese has one form", () => {
    assert.equal(t("en", "doneValidate", { units: 1 }), "Checked 1 unit.");
    assert.equal(t("en", "doneValidate", { units: 1200 }), "Checked 1,200 units.");
    assert.equal(t("vi", "doneValidate", { units: 1 }), "Đã kiểm tra 1 đơn vị.");
    assert.equal(t("en", "flagsKept", { n: 1 }), "Left alone, recoloured since: 1 cell.");
  });

  it("leaves a placeholder without data visible rather than empty", () => {
    assert.equal(t("vi", "removeFile"), "Bỏ tệp {name}");
  });
});
