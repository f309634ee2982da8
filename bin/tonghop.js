#!/usr/bin/env node
// The `tonghop` command. `npm ci` bundles it into dist/cli/tonghop.cjs (scripts/build-cli.ts), which starts
// 120 to 990 ms faster (BENCHMARKS.md); while any source file is newer than that bundle (an edit, a
// checkout) the sources run through tsx's require hook instead, so what runs is what the sources say.
"use strict";
const path = require("path");
const { freshBundle } = require("./fresh");

const bundle =
  process.env.TONGHOP_FROM_SOURCES === "1" ? null : freshBundle(path.join(__dirname, ".."));
if (bundle) {
  require(bundle).cli();
} else {
  require("tsx/cjs");
  require("../src/cli/main.ts").cli();
}
