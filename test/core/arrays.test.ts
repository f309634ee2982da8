import assert from "node:assert/strict";
import { packed } from "../../src/core/arrays";

describe("packed: map built by pushing", () => {
  const table: [string, unknown[]][] = [
    ["empty", []],
    ["numbers", [3, 4, 5]],
    ["kinds", ["count", "percent", "text"]],
    ["mixed, with holes read as undefined", [1, "a", null, undefined, { x: 1 }]],
  ];
  for (const [name, xs] of table)
    it(`${name}: what Array.prototype.map gives`, () => {
      const f = (x: unknown): unknown => (typeof x === "number" ? x * 2 : x);
      assert.deepEqual(packed(xs, f), xs.map(f));
      assert.notEqual(packed(xs, f), xs);
    });
});
