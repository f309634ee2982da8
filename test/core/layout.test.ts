import assert from "node:assert/strict";
import { DepthTracker, parseCode, splitCode } from "../../src/core/layout/codes";
import {
  OUR_SIGNATURE,
  classifySheet,
  detectLayout,
  headPoints,
  parseColumnNumber,
} from "../../src/core/layout/detect";
import { nonAdditiveHeader } from "../../src/core/layout/words";
import { CellValue, sheetFromGrid } from "../../src/core/model";
import { foldText } from "../../src/core/text";

/** A đảng ủy phường's admissions report: two-row header with merged cells and a column-number row. */
function admissions(): ReturnType<typeof sheetFromGrid> {
  const grid: CellValue[][] = [
    ["ĐẢNG BỘ TỈNH QUẢNG NINH", "", "", "", "", "", "ĐẢNG CỘNG SẢN VIỆT NAM", ""],
    ["ĐẢNG ỦY PHƯỜNG HÀ TU", "", "", "", "", "", "", ""],
    ["BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN", "", "", "", "", "", "", ""],
    ["Kỳ báo cáo: 6 tháng đầu năm 2025", "", "", "", "", "", "", ""],
    ["Đơn vị báo cáo:", "Đảng ủy phường Hà Tu", "", "", "", "", "", ""],
    ["STT", "Chỉ tiêu", "ĐVT", "Số lượng", "", "", "Tỷ lệ nữ (%)", "Ghi chú"],
    ["", "", "", "Tổng số", "Nam", "Nữ", "", ""],
    ["A", "B", "C", "1 (=2+3)", "2", "3", "4 (=3*100/1)", "5"],
    ["I", "KẾT NẠP ĐẢNG VIÊN", "", "", "", "", "", ""],
    ["1", "Số đảng viên mới kết nạp, chia ra:", "Người", 120, 70, 50, 41.7, ""],
    ["-", "Ở nông thôn", "Người", 80, 45, 35, 43.8, ""],
    ["-", "Ở thành thị", "Người", 40, 25, 15, 37.5, ""],
    ["2", "Số đảng viên được công nhận chính thức", "Người", 100, 60, 40, 40, ""],
    ["", "Trong đó:", "", "", "", "", "", ""],
    ["", "Đoàn viên thanh niên", "Người", 90, 50, 40, 44.4, ""],
    ["3", "Tuổi bình quân của đảng viên mới kết nạp", "Tuổi", 27.5, "", "", "", ""],
    ["4", "Tỷ lệ đảng viên mới kết nạp là nữ", "%", 41.7, "", "", "", ""],
    ["", "", "", "", "", "", "", ""],
    ["", "Người lập biểu", "", "", "", "", "T/M ĐẢNG ỦY", ""],
    ["", "Nguyễn Văn A", "", "", "", "", "Bí thư", ""],
  ];
  return sheetFromGrid("Hà Tu", grid, {
    merges: ["A1:C1", "A6:A7", "B6:B7", "C6:C7", "D6:F6", "G6:G7", "H6:H7"],
  });
}

describe("layout detection", () => {
  const l = detectLayout("x.xlsx", admissions())!;

  it("finds the two header rows and the column-number row", () => {
    assert.deepEqual(l.headerRows, [5, 6]);
    assert.equal(l.columnNumberRow, 7);
    assert.equal(l.codeCol, 0);
    assert.equal(l.labelCol, 1);
    assert.equal(l.uomCol, 2);
  });

  it("names the measures from both header rows and knows their kinds", () => {
    assert.deepEqual(
      l.measures.map((m) => [m.header, m.kind, m.columnNumber]),
      [
        ["Số lượng - Tổng số", "count", "1 (=2+3)"],
        ["Số lượng - Nam", "count", "2"],
        ["Số lượng - Nữ", "count", "3"],
        ["Tỷ lệ nữ (%)", "percent", "4 (=3*100/1)"],
        ["Ghi chú", "text", "5"],
      ]
    );
    assert.equal(l.measures[3].decimals, 1);
  });

  it("reads title, period and unit name", () => {
    assert.equal(l.title, "BÁO CÁO KẾT QUẢ KẾT NẠP ĐẢNG VIÊN");
    assert.equal(l.period, "6 tháng đầu năm 2025");
    assert.equal(l.unitName, "Đảng ủy phường Hà Tu");
    assert.equal(l.kind, "unit");
  });

  it("reads rows with code, depth, parent and marker, stops at the signature block", () => {
    assert.deepEqual(
      l.rows.map((r) => [r.code, r.label, r.depth, r.parent, r.marker]),
      [
        ["I", "KẾT NẠP ĐẢNG VIÊN", 0, null, null],
        ["1", "Số đảng viên mới kết nạp", 1, 0, "partition"],
        ["-", "Ở nông thôn", 2, 1, null],
        ["-", "Ở thành thị", 2, 1, null],
        ["2", "Số đảng viên được công nhận chính thức", 1, 0, "subset"],
        [null, "Đoàn viên thanh niên", 2, 4, null],
        ["3", "Tuổi bình quân của đảng viên mới kết nạp", 1, 0, null],
        ["4", "Tỷ lệ đảng viên mới kết nạp là nữ", 1, 0, null],
      ]
    );
    assert.equal(l.rows[6].nonAdditive, true);
    assert.equal(l.rows[7].percent, true);
    assert.equal(l.rows[7].cells[0].value, 41.7);
  });

  it("“Trong đó:” after the parts of a “Gồm:” whole belongs to the whole", () => {
    const grid: CellValue[][] = [
      ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng"],
      ["1", "Tổng số đảng viên", "Người", 1986],
      ["", "Gồm:", "", ""],
      ["1.1", "Đảng viên chính thức", "Người", 1903],
      ["1.2", "Đảng viên dự bị", "Người", 83],
      ["", "Trong đó:", "", ""],
      ["-", "Đảng viên nữ", "Người", 702],
      ["-", "Đảng viên là người dân tộc thiểu số", "Người", 1490],
      ["2", "Đảng viên mới kết nạp trong năm", "Người", 80],
    ];
    const rows = detectLayout("f", sheetFromGrid("Bình Liêu", grid))!.rows;
    assert.deepEqual(
      rows.map((r) => [r.code, r.depth, r.parent, r.marker, r.under]),
      [
        ["1", 1, null, "partition", null],
        ["1.1", 2, 0, null, "partition"],
        ["1.2", 2, 0, null, "partition"],
        ["-", 2, 0, null, "subset"],
        ["-", 2, 0, null, "subset"],
        ["2", 1, null, null, null],
      ]
    );
  });

  it("parses the column-number row's arithmetic", () => {
    assert.deepEqual(parseColumnNumber("4 (=2*100/3)"), { id: "4", expression: "2*100/3" });
    assert.deepEqual(parseColumnNumber("2 (=3+4)"), { id: "2", expression: "3+4" });
    assert.deepEqual(parseColumnNumber("(5)"), { id: "5", expression: null });
    assert.deepEqual(parseColumnNumber("B"), { id: "B", expression: null });
    assert.equal(parseColumnNumber("Tổng số"), null);
  });

  it("takes the heading when there is no “Đơn vị báo cáo:”, else the sheet name", () => {
    const base: CellValue[][] = [
      ["ĐẢNG ỦY XÃ ĐẦM HÀ", ""],
      ["BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN", ""],
      ["Chỉ tiêu", "Số lượng"],
      ["Tổng số đảng viên", 2068],
    ];
    assert.equal(detectLayout("f", sheetFromGrid("S1", base))!.unitName, "ĐẢNG ỦY XÃ ĐẦM HÀ");
    assert.equal(detectLayout("f", sheetFromGrid("Đầm Hà", base.slice(1)))!.unitName, "Đầm Hà");
  });

  it("reads a section heading merged across the table, its code and title in the code column", () => {
    // Regression (issue 8 corpus, o-gop.xlsx): Excel keeps only the first cell of a merged row, so
    // "I. KẾT NẠP ĐẢNG VIÊN" sits in column A with nothing in the label column.
    const grid = admissions().values.map((row) => row.slice());
    grid[8] = ["I. KẾT NẠP ĐẢNG VIÊN", "", "", "", "", "", "", ""];
    const merged = sheetFromGrid("Hà Tu", grid, { merges: [...admissions().merges, "A9:H9"] });
    const lay = detectLayout("f", merged)!;
    assert.deepEqual(
      lay.rows.slice(0, 3).map((r) => [r.code, r.label, r.depth, r.parent]),
      [
        ["I", "KẾT NẠP ĐẢNG VIÊN", 0, null],
        ["1", "Số đảng viên mới kết nạp", 1, 0],
        ["-", "Ở nông thôn", 2, 1],
      ]
    );
  });

  it("lines up a header placed lower and a used range that starts at C3", () => {
    const grid: CellValue[][] = [
      ["", "", "", ""],
      ["", "", "", ""],
      ["TT", "Nội dung", "Đơn vị tính", "Kết quả"],
      ["1", "Tổng số đảng viên", "Người", "5.022"],
    ];
    const s = sheetFromGrid("x", grid, { address: "C3" });
    const lay = detectLayout("f", s)!;
    assert.deepEqual(lay.headerRows, [4]);
    assert.equal(lay.labelCol, 3);
    assert.equal(lay.rows[0].row, 5);
    assert.equal(lay.rows[0].cells[0].address, "F6");
    assert.equal(lay.rows[0].cells[0].value, 5022);
  });
});

describe("sheet kinds", () => {
  const table: [string, string, CellValue[][], string][] = [
    [
      "a template by name",
      "Mẫu",
      [
        ["STT", "Chỉ tiêu", "Số lượng"],
        ["1", "Tổng số đảng viên", ""],
      ],
      "template",
    ],
    [
      "a template numbered",
      "Biểu mẫu 01",
      [
        ["STT", "Chỉ tiêu", "Số lượng"],
        ["1", "Tổng số đảng viên", 5],
      ],
      "template",
    ],
    [
      "a blank form with no unit",
      "Sheet1",
      [
        ["STT", "Chỉ tiêu", "Số lượng", "Tỷ lệ (%)"],
        ["1", "Tổng số đảng viên", "", ""],
      ],
      "template",
    ],
    [
      "a unit of xã Mẫu Sơn",
      "Mẫu Sơn",
      [
        ["STT", "Chỉ tiêu", "Số lượng"],
        ["1", "Tổng số đảng viên", 5],
      ],
      "unit",
    ],
    [
      "instructions",
      "Hướng dẫn",
      [["Hướng dẫn ghi biểu"], ["Ghi số liệu đến ngày 31/12"]],
      "other",
    ],
    ["an empty sheet", "Sheet3", [[""]], "other"],
    ["our summary by name", "Tổng hợp", [["TỔNG HỢP"], ["STT", "Chỉ tiêu", "Số lượng"]], "ours"],
    ["our tab renamed, known by its signature", "Sheet9", [["Kết quả"], [OUR_SIGNATURE]], "ours"],
  ];
  for (const [name, sheetName, grid, kind] of table) {
    it(name, () =>
      assert.equal(classifySheet("f.xlsx", sheetFromGrid(sheetName, grid)).info.kind, kind)
    );
  }
});

describe("row codes", () => {
  const codes: [string, string | null, string | null][] = [
    ["I", "I", "roman"],
    ["II.", "II", "roman"],
    ["1", "1", "number"],
    ["1.", "1", "number"],
    ["1.1", "1.1", "number"],
    ["2.3.1", "2.3.1", "number"],
    ["a)", "a", "lower"],
    ["b.", "b", "lower"],
    ["A", "A", "upper"],
    ["-", "-", "symbol"],
    ["–", "-", "symbol"],
    ["+", "+", "symbol"],
    ["Tổng", null, null],
  ];
  for (const [text, code, kind] of codes) {
    it(`code “${text}”`, () => {
      const c = parseCode(text);
      assert.equal(c?.code ?? null, code);
      assert.equal(c?.kind ?? null, kind);
    });
  }
  const splits: [string, string | null, string][] = [
    ["1. Tổng số đảng viên", "1", "Tổng số đảng viên"],
    ["1.1 Đảng viên nữ", "1.1", "Đảng viên nữ"],
    ["II. ĐẢNG VIÊN", "II", "ĐẢNG VIÊN"],
    ["a) Đảng bộ cơ sở", "a", "Đảng bộ cơ sở"],
    ["- Nữ", "-", "Nữ"],
    ["+ Nam", "+", "Nam"],
    ["30 năm tuổi đảng", null, "30 năm tuổi đảng"],
    ["Tổng số", null, "Tổng số"],
  ];
  for (const [text, code, label] of splits) {
    it(`label “${text}”`, () => {
      const s = splitCode(text);
      assert.equal(s.code?.code ?? null, code);
      assert.equal(s.label, label);
    });
  }
  it("gives depths from codes and what came before", () => {
    const t = new DepthTracker();
    const seq = ["I", "1", "1.1", "-", "+", "a", "2", "-", "II", "-"].map((c) =>
      t.depthOf(parseCode(c))
    );
    assert.deepEqual(seq, [0, 1, 2, 3, 4, 3, 1, 2, 0, 1]);
  });
});

describe("measure headers that must not be summed", () => {
  const cases: [string, boolean][] = [
    ["Tuổi bình quân", true],
    ["Tuổi đời", true],
    ["Tuổi", true],
    ["Thu nhập bình quân (triệu đồng/người/tháng)", true],
    ["Số lượng - Trung bình", true],
    ["Độ tuổi - Từ 30 tuổi trở xuống", false],
    ["Từ 31 đến 40 tuổi", false],
    ["Trên 60 tuổi", false],
    ["Dưới 30 tuổi", false],
    ["Từ 61 tuổi trở lên", false],
    ["Tuổi đảng trên 30 năm", false],
    ["Số lượng", false],
    ["Nữ", false],
  ];
  for (const [header, expected] of cases) {
    it(`${header} → ${expected ? "not summed" : "summed"}`, () => {
      assert.equal(nonAdditiveHeader(foldText(header)), expected);
    });
  }

  it("an age-group column of a form is totalled as a count", () => {
    const grid: CellValue[][] = [
      ["STT", "Chỉ tiêu", "Tổng số", "Từ 30 tuổi trở xuống", "Trên 30 tuổi", "Tuổi bình quân"],
      ["1", "Đảng viên mới kết nạp", 120, 70, 50, 29.5],
    ];
    const layout = detectLayout("x.xlsx", sheetFromGrid("Hà Tu", grid))!;
    assert.deepEqual(
      layout.measures.map((m) => m.kind),
      ["count", "count", "count", "nonAdditive"]
    );
  });
});

describe("row parents: the nearest earlier row that is shallower", () => {
  // Codes and markers in any order: the parent readRows finds must be what scanning back over the rows finds.
  const pieces: [string, string][] = [
    ["I", "PHẦN MỘT"],
    ["1", "Tổng số đảng viên"],
    ["1.1", "Đảng viên chính thức"],
    ["1.1.1", "Nam"],
    ["a", "Ở nông thôn"],
    ["-", "Đảng viên nữ"],
    ["+", "Dân tộc thiểu số"],
    ["", "Trong đó:"],
    ["", "Tổng số, gồm:"],
    ["", "Đảng viên dự bị"],
  ];
  it("holds for forms built at random from codes, markers and uncoded rows", () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let nested = 0;
    for (let form = 0; form < 200; form++) {
      const grid: CellValue[][] = [["STT", "Chỉ tiêu", "ĐVT", "Số lượng"]];
      const n = 1 + rand(40);
      for (let i = 0; i < n; i++) {
        const [code, label] = pieces[rand(pieces.length)];
        grid.push([code, `${label} ${i}`, "Người", label === "Trong đó:" ? "" : 10 + i]);
      }
      const rows = detectLayout("f", sheetFromGrid("Đơn vị", grid))?.rows ?? [];
      rows.forEach((r, i) => {
        let scanned: number | null = null;
        for (let j = i - 1; j >= 0; j--)
          if (rows[j].depth < r.depth) {
            scanned = j;
            break;
          }
        assert.equal(r.parent, scanned, `form ${form}, row ${i}`);
        if (r.parent !== null && r.parent !== i - 1) nested++;
      });
    }
    // Parents further up than the row before: the forms do nest and come back up.
    assert.ok(nested > 500, `${nested}`);
  });
});

describe("units after the first: each is read from its own cells", () => {
  // What detection keeps between sheets (parsed merged ranges, parsed row texts, folded words) is keyed by
  // the whole text it was made from: a unit that differs from the one before gets its own layout.
  it("a moved column, a changed merge, a changed label and an extra row", () => {
    const first = detectLayout("a.xlsx", admissions())!;
    const g = admissions();
    // Nam and Nữ swap places, the header merge shrinks to Tổng số + Nam, a label changes, a row is added.
    for (const row of g.values) [row[4], row[5]] = [row[5], row[4]];
    g.merges = g.merges.map((m) => (m === "D6:F6" ? "D6:E6" : m));
    g.values[12][1] = "Số đảng viên được công nhận chính thức trong kỳ";
    g.values.splice(17, 0, ["5", "Số chi bộ được thành lập mới", "Chi bộ", 3, "", "", "", ""]);
    g.formulas.splice(17, 0, g.formulas[17].slice());
    g.numberFormat.splice(17, 0, g.numberFormat[17].slice());
    g.valueTypes.splice(17, 0, g.valueTypes[17].slice());
    const second = detectLayout("b.xlsx", g)!;
    assert.deepEqual(
      second.measures.map((m) => m.header),
      ["Số lượng - Tổng số", "Số lượng - Nữ", "Nam", "Tỷ lệ nữ (%)", "Ghi chú"]
    );
    assert.equal(second.rows[4].label, "Số đảng viên được công nhận chính thức trong kỳ");
    assert.equal(first.rows[4].label, "Số đảng viên được công nhận chính thức");
    assert.deepEqual(
      second.rows.map((r) => r.code),
      [...first.rows.map((r) => r.code), "5"]
    );
    // The figures follow their columns: Nữ is now read from E.
    assert.deepEqual(
      second.rows[1].cells.slice(0, 3).map((c) => [c.address, c.value]),
      [
        ["D10", 120],
        ["E10", 50],
        ["F10", 70],
      ]
    );
    // And the first unit read again is read as before.
    assert.deepEqual(detectLayout("a.xlsx", admissions()), first);
  });
});

describe("header cells and title blocks, read once per text", () => {
  const points: [string, number][] = [
    ["Chỉ tiêu", 2],
    ["  TÊN CHỈ TIÊU ", 2],
    ["Nội dung", 2],
    ["STT", 1],
    ["Đơn vị tính", 1],
    ["ĐVT", 1],
    ["Ghi chú", 1],
    ["Tỷ lệ (%)", 1],
    ["Số lượng", 1],
    ["Kỳ này", 1],
    ["Đơn vị báo cáo: Đảng bộ xã An Sinh", 0],
    ["BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN", 0],
    ["", 0],
    ["Chỉ tiêu", 2], // again, from the memo
  ];
  for (const [text, want] of points)
    it(`"${text}" adds ${want} to its row's header score`, () =>
      assert.equal(headPoints(text), want));

  const blocks: {
    name: string;
    top: CellValue[][];
    title: string | null;
    period: string | null;
    unit: string;
  }[] = [
    {
      name: "labelled lines, the unit's name in the next cell",
      top: [
        ["BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN", ""],
        ["Kỳ báo cáo: Năm 2024", ""],
        ["Đơn vị báo cáo:", "Đảng bộ xã An Sinh"],
      ],
      title: "BÁO CÁO SỐ LƯỢNG ĐẢNG VIÊN",
      period: "Năm 2024",
      unit: "Đảng bộ xã An Sinh",
    },
    {
      name: "a free period, then a second one that becomes the longest text",
      top: [
        ["(Tính đến ngày 31/12/2024)", ""],
        ["Năm 2024 và dự kiến năm 2025", ""],
        ["ĐẢNG ỦY XÃ ĐẦM HÀ", ""],
      ],
      title: "Năm 2024 và dự kiến năm 2025",
      period: "Tính đến ngày 31/12/2024",
      unit: "ĐẢNG ỦY XÃ ĐẦM HÀ",
    },
    {
      name: "two titles: the first is the title, no period, the sheet's name",
      top: [
        ["Biểu số 02-BTCTW", "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ["Tổng hợp số liệu", ""],
        ["Báo cáo thống kê đảng viên", ""],
      ],
      title: "Tổng hợp số liệu",
      period: null,
      unit: "Trang 1",
    },
    {
      name: "a unit line with its name after the colon, dots for a blank",
      top: [["Đơn vị báo cáo: Chi bộ Thôn 3 .....", "Kỳ báo cáo:"]],
      title: null,
      period: null,
      unit: "Chi bộ Thôn 3",
    },
  ];
  const layoutOf = (top: CellValue[][]) =>
    detectLayout(
      "f",
      sheetFromGrid("Trang 1", [...top, ["Chỉ tiêu", "Số lượng"], ["Tổng số đảng viên", 2068]])
    )!;
  // Forwards, then backwards: what a text says must not depend on the texts read before it.
  for (const order of [blocks, blocks.slice().reverse()])
    for (const b of order)
      it(`${b.name} (${order === blocks ? "first" : "again"})`, () => {
        const l = layoutOf(b.top);
        assert.deepEqual([l.title, l.period, l.unitName], [b.title, b.period, b.unit]);
      });
});
