// Preload for the reliability tests: at exit, writes the process's peak resident memory (KB) to the file
// named by TONGHOP_MAXRSS_FILE, so a test can bound the memory of a `tonghop` run in a child process.
"use strict";
const fs = require("fs");
const out = process.env.TONGHOP_MAXRSS_FILE;
if (out) {
  process.on("exit", () => {
    fs.writeFileSync(out, String(process.resourceUsage().maxRSS));
  });
}
