/**
 * The `tonghop` command line, exactly as other tools use it:
 *   tonghop consolidate <input>... [--out FILE.xlsx] [--json FILE.json] [--lang vi|en]
 *   tonghop validate    <input>... [--json FILE.json] [--lang vi|en]
 *   tonghop check-text  <file>...  [--json FILE.json] [--lang vi|en] [--all]
 * Anything else is a usage error (exit code 2).
 */
import { Lang } from "../core/issue";

export type Command = "consolidate" | "validate" | "check-text";

export interface CliArgs {
  command: Command;
  inputs: string[];
  out: string | null;
  json: string | null;
  lang: Lang;
  /** check-text: also list the claims that check out, not only the wrong ones. */
  all: boolean;
}

/** A usage error: the message (vi and en) is printed with the usage text, exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string
  ) {
    super(en);
  }
}

export const COMMANDS: Command[] = ["consolidate", "validate", "check-text"];

const FLAGS: Record<Command, string[]> = {
  consolidate: ["--out", "--json", "--lang"],
  validate: ["--json", "--lang"],
  "check-text": ["--json", "--lang", "--all"],
};

/** Flags that take no value. */
const SWITCHES = new Set(["--all"]);

export const USAGE = {
  vi: [
    "Cách dùng:",
    "  tonghop consolidate <tệp hoặc thư mục>... [--out TỆP.xlsx] [--json TỆP.json] [--lang vi|en]",
    "  tonghop validate    <tệp hoặc thư mục>... [--json TỆP.json] [--lang vi|en]",
    "  tonghop check-text  <tệp văn bản>...      [--json TỆP.json] [--lang vi|en] [--all]",
    "Thư mục được đọc đệ quy (các tệp .xlsx, bỏ qua tệp khóa ~$ của Excel).",
    "Mã thoát: 0 không có lỗi, 1 có lỗi, 2 sai cách dùng.",
  ].join("\n"),
  en: [
    "Usage:",
    "  tonghop consolidate <file or folder>... [--out FILE.xlsx] [--json FILE.json] [--lang vi|en]",
    "  tonghop validate    <file or folder>... [--json FILE.json] [--lang vi|en]",
    "  tonghop check-text  <text file>...      [--json FILE.json] [--lang vi|en] [--all]",
    "Folders are read recursively (their .xlsx files; Excel's ~$ lock files skipped).",
    "Exit code: 0 no error, 1 errors found, 2 usage error.",
  ].join("\n"),
};

/** The language asked for, as far as it can be told even from a bad command line (for the error message). */
export function guessLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v === "en" || v === "vi") return v;
  }
  return "vi";
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError("Thiếu lệnh.", "No command given.");
  if (!COMMANDS.includes(command as Command)) {
    throw new UsageError(`Lệnh không có: ${command}.`, `Unknown command: ${command}.`);
  }
  const cmd = command as Command;
  const args: CliArgs = { command: cmd, inputs: [], out: null, json: null, lang: "vi", all: false };
  let onlyInputs = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (onlyInputs || !a.startsWith("-") || a === "-") {
      args.inputs.push(a);
      continue;
    }
    if (a === "--") {
      onlyInputs = true;
      continue;
    }
    const eq = a.indexOf("=");
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (!FLAGS[cmd].includes(flag)) {
      throw new UsageError(
        `Tùy chọn không có cho lệnh ${cmd}: ${flag}.`,
        `Unknown option for ${cmd}: ${flag}.`
      );
    }
    if (SWITCHES.has(flag)) {
      if (eq > 0) throw new UsageError(`${flag} không nhận giá trị.`, `${flag} takes no value.`);
      args.all = true;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    else value = rest[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
      throw new UsageError(`Thiếu giá trị sau ${flag}.`, `Missing value after ${flag}.`);
    }
    if (flag === "--lang") {
      if (value !== "vi" && value !== "en") {
        throw new UsageError(
          `Ngôn ngữ không có: ${value} (chọn vi hoặc en).`,
          `Unknown language: ${value} (use vi or en).`
        );
      }
      args.lang = value;
    } else if (flag === "--out") {
      if (!/\.xlsx$/i.test(value)) {
        throw new UsageError(
          `--out phải là tệp .xlsx: ${value}.`,
          `--out must be an .xlsx file: ${value}.`
        );
      }
      args.out = value;
    } else if (flag === "--json") {
      args.json = value;
    }
  }
  if (args.inputs.length === 0) {
    throw new UsageError(
      cmd === "check-text" ? "Thiếu tệp văn bản cần kiểm tra." : "Thiếu tệp hoặc thư mục đầu vào.",
      cmd === "check-text" ? "No text file given." : "No input file or folder given."
    );
  }
  return args;
}
