/**
 * LibreOffice headless as a second reader of our workbooks: converts every sheet to CSV after recalculating
 * every formula (a private profile sets "always recalculate on load"), so the CSV shows what the formulas
 * compute, not the cached values we wrote. LibreOffice must be installed (.ci/run installs it): no skipping.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

export function sofficePath(): string {
  for (const p of [
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/bin/soffice",
  ]) {
    if (existsSync(p)) return p;
  }
  try {
    return execFileSync("sh", ["-c", "command -v soffice || command -v libreoffice"], {
      encoding: "utf8",
    }).trim();
  } catch {
    throw new Error("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc");
  }
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** RFC 4180 CSV → rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) (row.push(field), rows.push(row));
  return rows;
}

/**
 * Converts a file with headless LibreOffice (`--convert-to FILTER`) into `outDir`, in a profile of its own that
 * recalculates every formula on load (so the figures are LibreOffice's, not the cached ones).
 */
export function sofficeConvert(path: string, filter: string, outDir: string): void {
  const profile = join(mkdtempSync(join(tmpdir(), "tonghop-lo-profile-")), "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  execFileSync(
    sofficePath(),
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      filter,
      "--outdir",
      outDir,
      path,
    ],
    { stdio: "pipe", timeout: 180000 }
  );
}

/**
 * Every sheet of the workbook as CSV rows (UTF-8, unformatted values), keyed by sheet name, as LibreOffice
 * computes them.
 */
export function libreOfficeSheets(xlsxPath: string): Record<string, string[][]> {
  const outDir = join(mkdtempSync(join(tmpdir(), "tonghop-lo-")), "out");
  // Filter options: comma, double quote, UTF-8 (76), from row 1, ..., sheet -1 = every sheet to its own file.
  sofficeConvert(
    xlsxPath,
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
    outDir
  );
  const stem = basename(xlsxPath).replace(/\.xlsx$/i, "");
  const sheets: Record<string, string[][]> = {};
  for (const f of readdirSync(outDir)) {
    if (!f.startsWith(stem + "-") || !f.endsWith(".csv")) continue;
    sheets[f.slice(stem.length + 1, -4)] = parseCsv(readFileSync(join(outDir, f), "utf8"));
  }
  return sheets;
}
