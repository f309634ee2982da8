"use strict";
// Whether the CLI bundle (dist/cli/tonghop.cjs) is newer than every file it was built from.
const fs = require("fs");
const path = require("path");

function newest(p) {
  const s = fs.statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const name of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, name)));
  return t;
}

/** The bundle under `root` when it is newer than `root`/src and package-lock.json, else null. */
function freshBundle(root) {
  const bundle = path.join(root, "dist", "cli", "tonghop.cjs");
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const sources = ["src", "package-lock.json"].map((p) => newest(path.join(root, p)));
    return sources.every((t) => t <= built) ? bundle : null;
  } catch {
    return null;
  }
}

module.exports = { freshBundle };
