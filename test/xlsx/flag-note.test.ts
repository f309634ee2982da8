import assert from "node:assert/strict";
import { restoredNote } from "../../src/excel/flags";
import { NOTE_MARK, flagNote } from "../../src/xlsx/plan";

describe("xlsx/plan: flagNote marks every line the command line adds to a note", () => {
  const cases: { messages: string[]; want: string }[] = [
    { messages: ["Tỷ lệ 47,6% không khớp"], want: "[Tổng hợp] Tỷ lệ 47,6% không khớp" },
    {
      // buildFlags joins a cell's messages with a line break: each line gets the mark.
      messages: ["Số lượng 3,412 không phải số nguyên\nCộng các phần được 34, không phải 35"],
      want: "[Tổng hợp] Số lượng 3,412 không phải số nguyên\n[Tổng hợp] Cộng các phần được 34, không phải 35",
    },
    { messages: ["một", "hai\nba"], want: "[Tổng hợp] một\n[Tổng hợp] hai\n[Tổng hợp] ba" },
  ];
  for (const { messages, want } of cases) {
    it(JSON.stringify(messages), () => {
      const note = flagNote({ severity: "error", messages });
      assert.equal(note, want);
      assert.ok(note.split("\n").every((l) => l.startsWith(NOTE_MARK)));
    });
  }

  it("so clearing the flags takes out every added line, whatever its wording, and gives the unit's note back", () => {
    // Lines that are no check's wording: before every line was marked, the second one stayed.
    const ours = flagNote({
      severity: "warning",
      messages: ["Dòng đầu\nmột câu không phải mẫu nào"],
    });
    assert.equal(
      restoredNote(`Ghi chú của đơn vị\n${ours}`, "Ghi chú của đơn vị"),
      "Ghi chú của đơn vị"
    );
    assert.equal(restoredNote(ours, ""), "");
    // A line the user added after ours stays.
    assert.equal(restoredNote(`${ours}\nNgười dùng thêm`, ""), "Người dùng thêm");
  });
});
