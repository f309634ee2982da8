#!/usr/bin/env node
// The `tonghop` command. The CLI is TypeScript run through tsx's require hook: no build step, so
// `npx tonghop` works right after `npm ci`.
"use strict";
require("tsx/cjs");
require("../src/cli/main.ts").cli();
