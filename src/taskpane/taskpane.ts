/**
 * The task pane page: in Excel it works on the open workbook; in a plain browser it takes .xlsx files.
 * This file only starts the page; the pane's contents live in their own modules.
 */
import { whenReady } from "./office-host";

async function start(): Promise<void> {
  const status = document.getElementById("mode");
  try {
    const mode = await whenReady(window as unknown as Parameters<typeof whenReady>[0], document);
    if (status) {
      status.textContent =
        mode === "office"
          ? "Đang chạy trong Excel. / Running in Excel."
          : "Đang chạy trong trình duyệt: chọn các tệp .xlsx. / Running in a browser: choose .xlsx files.";
    }
  } catch (err) {
    if (status) status.textContent = `Không khởi động được / Could not start: ${String(err)}`;
  }
}

void start();
