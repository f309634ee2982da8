import assert from "node:assert/strict";
import { Progress } from "../../src/cli/progress";

/** A progress line printer on a fake clock, recording what reaches stderr. */
function harness(tty: boolean) {
  let now = 0;
  const written: string[] = [];
  const io = {
    stdout: () => undefined,
    stderr: (s: string) => void written.push(s),
    stderrIsTty: tty,
  };
  const p = new Progress(io, "vi", () => now);
  return { p, written, at: (ms: number) => (now = ms) };
}

describe("cli/progress: only long runs show progress on stderr", () => {
  it("says nothing during the first second", () => {
    const h = harness(true);
    for (const t of [0, 200, 999]) {
      h.at(t);
      h.p.update("read", 1, 10, "a.xlsx");
    }
    h.p.done();
    assert.deepEqual(h.written, []);
  });

  it("redraws one line in place on a terminal and clears it at the end", () => {
    const h = harness(true);
    h.at(1500);
    h.p.update("read", 2, 10, "dam-ha.xlsx");
    h.at(1550);
    h.p.update("read", 3, 10, "tien-yen.xlsx");
    h.at(1700);
    h.p.update("engine", 4, 10);
    h.p.done();
    assert.deepEqual(h.written, [
      "\r\x1b[KĐang đọc tệp 3/10: dam-ha.xlsx",
      "\r\x1b[KĐang xử lý 5/10",
      "\r\x1b[K",
    ]);
  });

  it("writes a plain line every few seconds when stderr is a file or a pipe", () => {
    const h = harness(false);
    for (let t = 1000; t <= 10000; t += 500) {
      h.at(t);
      h.p.update("read", t / 500, 40);
    }
    h.p.done();
    assert.deepEqual(h.written, [
      "Đang đọc tệp 3/40\n",
      "Đang đọc tệp 9/40\n",
      "Đang đọc tệp 15/40\n",
      "Đang đọc tệp 21/40\n",
    ]);
  });
});
