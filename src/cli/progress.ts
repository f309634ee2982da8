/**
 * Progress on stderr for long runs only: nothing during the first second (short runs stay quiet), then one line
 * redrawn in place on a terminal, or a line every few seconds when stderr is a file or a pipe.
 */
import { Lang } from "../core/issue";
import type { Io } from "./run";

const QUIET_MS = 1000;
const TTY_EVERY_MS = 100;
const LOG_EVERY_MS = 3000;

const WORDS = {
  vi: { read: "Đang đọc tệp", engine: "Đang xử lý" },
  en: { read: "Reading file", engine: "Working" },
};

export class Progress {
  private readonly start: number;
  private last = -Infinity;
  private shown = false;

  constructor(
    private readonly io: Io,
    private readonly lang: Lang,
    private readonly now: () => number = Date.now
  ) {
    this.start = now();
  }

  update(stage: "read" | "engine", done: number, total: number, what = ""): void {
    const t = this.now();
    if (t - this.start < QUIET_MS) return;
    if (t - this.last < (this.io.stderrIsTty ? TTY_EVERY_MS : LOG_EVERY_MS)) return;
    this.last = t;
    const step = total > 0 ? ` ${Math.min(done + 1, total)}/${total}` : "";
    const line = `${WORDS[this.lang][stage]}${step}${what ? ": " + what : ""}`;
    if (this.io.stderrIsTty) this.io.stderr(`\r\x1b[K${line.slice(0, 100)}`);
    else this.io.stderr(line + "\n");
    this.shown = true;
  }

  done(): void {
    if (this.shown && this.io.stderrIsTty) this.io.stderr("\r\x1b[K");
  }
}
