import assert from "node:assert/strict";
import {
  LARGE_MEASURES,
  LARGE_ROWS_PER_SECTION,
  SMALL_FORM,
  unitName,
  unitWorkbook,
  unitsBook,
} from "../../bench/generate";
import { readXlsxFast } from "../../src/xlsx/fast-read";

describe("bench/generate: seeded unit workbooks for the benchmark", () => {
  it("gives the same bytes for the same seed, and other bytes for another seed", () => {
    for (const form of ["small", "large"] as const) {
      const a = unitWorkbook(form, 7, 42);
      assert.ok(
        Buffer.from(a).equals(Buffer.from(unitWorkbook(form, 7, 42))),
        `${form}: same seed`
      );
      assert.ok(
        !Buffer.from(a).equals(Buffer.from(unitWorkbook(form, 7, 43))),
        `${form}: other seed`
      );
      assert.ok(
        !Buffer.from(a).equals(Buffer.from(unitWorkbook(form, 8, 42))),
        `${form}: other unit`
      );
    }
    assert.ok(Buffer.from(unitsBook("small", 3, 5)).equals(Buffer.from(unitsBook("small", 3, 5))));
  });

  it("names every unit differently", () => {
    const names = new Set(Array.from({ length: 1000 }, (_, i) => unitName(i)));
    assert.equal(names.size, 1000);
  });

  it("makes the examples' form with 40 indicator rows, whose parts add up", async () => {
    assert.equal(SMALL_FORM.filter((r) => r.key).length, 40);
    const { workbook, issues } = await readXlsxFast(unitWorkbook("small", 3), "u.xlsx");
    assert.deepEqual(issues, []);
    const s = workbook!.sheets[0];
    const header = s.values.findIndex((r) => r[1] === "Chỉ tiêu");
    assert.deepEqual(s.values[header], [
      "STT",
      "Chỉ tiêu",
      "Đơn vị tính",
      "Số lượng",
      "Tỷ lệ (%)",
      "Ghi chú",
    ]);
    const count = (label: string) => s.values.find((r) => r[1] === label)![3] as number;
    assert.equal(
      count("Đảng viên chính thức") + count("Đảng viên dự bị"),
      count("Tổng số đảng viên")
    );
    const ages = [
      "Từ 30 tuổi trở xuống",
      "Từ 31 đến 40 tuổi",
      "Từ 41 đến 50 tuổi",
      "Từ 51 đến 60 tuổi",
    ];
    assert.equal(
      ages.reduce((t, a) => t + count(a), count("Trên 60 tuổi")),
      count("Tổng số đảng viên")
    );
  });

  it("makes the large form: 500 rows of 12 measure columns, section rows the sum of their items", async () => {
    const { workbook } = await readXlsxFast(unitWorkbook("large", 0), "l.xlsx");
    const s = workbook!.sheets[0];
    const header = s.values.findIndex((r) => r[1] === "Chỉ tiêu");
    assert.deepEqual(s.values[header].slice(2), LARGE_MEASURES);
    const body = s.values.slice(header + 2).filter((r) => typeof r[2] === "number");
    assert.equal(body.length, 10 * (LARGE_ROWS_PER_SECTION + 1));
    assert.equal(LARGE_MEASURES.length, 12);
    const section = body[0] as number[];
    const items = body.slice(1, 1 + LARGE_ROWS_PER_SECTION) as number[][];
    for (let m = 2; m < 14; m++) {
      assert.equal(
        items.reduce((t, r) => t + r[m], 0),
        section[m],
        `column ${m}`
      );
    }
  });
});
