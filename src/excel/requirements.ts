/**
 * Which Excel API features this Excel supports. The manifest asks for ExcelApi 1.4 only, so that Excel 2019
 * can load the add-in; everything newer is checked here at run time and, when missing, skipped or explained
 * in a message that names the Excel version needed and what to do instead.
 */
import { Message } from "../core/issue";

/** `Office.context.requirements.isSetSupported`, or a stand-in in tests. */
export type SetChecker = (name: string, version: string) => boolean;

/** The real checker; outside Office (tests, browser mode) nothing is supported. */
export function officeChecker(): SetChecker {
  return (name, version) =>
    typeof Office !== "undefined" &&
    !!Office.context?.requirements &&
    Office.context.requirements.isSetSupported(name, version);
}

/** A checker that supports every ExcelApi set up to `max` ("1.9"): for tests and tools. */
export function checkerUpTo(max: string): SetChecker {
  const [maxMajor, maxMinor] = max.split(".").map(Number);
  return (name, version) => {
    const [major, minor] = version.split(".").map(Number);
    return name === "ExcelApi" && (major < maxMajor || (major === maxMajor && minor <= maxMinor));
  };
}

/** Where each ExcelApi version first shipped (Microsoft's requirement-set table), in both languages. */
const SHIPPED_IN: Record<string, Message> = {
  "1.4": {
    vi: "Excel 2019 hoặc Microsoft 365 (phiên bản 1701 trở lên), Excel trên web",
    en: "Excel 2019 or Microsoft 365 (version 1701 or later), Excel on the web",
  },
  "1.7": {
    vi: "Excel 2019 hoặc Microsoft 365 (phiên bản 1801 trở lên), Excel trên web",
    en: "Excel 2019 or Microsoft 365 (version 1801 or later), Excel on the web",
  },
  "1.9": {
    vi: "Excel 2021 hoặc Microsoft 365 (phiên bản 1903 trở lên), Excel trên web",
    en: "Excel 2021 or Microsoft 365 (version 1903 or later), Excel on the web",
  },
  "1.10": {
    vi: "Excel 2021 hoặc Microsoft 365 (phiên bản 1907 trở lên), Excel trên web",
    en: "Excel 2021 or Microsoft 365 (version 1907 or later), Excel on the web",
  },
  "1.13": {
    vi: "Excel 2021 hoặc Microsoft 365 (phiên bản 2102 trở lên), Excel trên web",
    en: "Excel 2021 or Microsoft 365 (version 2102 or later), Excel on the web",
  },
  "1.18": {
    vi: "Microsoft 365 (phiên bản 2501 trở lên) hoặc Excel trên web",
    en: "Microsoft 365 (version 2501 or later) or Excel on the web",
  },
};

export interface Feature {
  /** ExcelApi version that brings it. */
  version: string;
  /** What the add-in uses it for. */
  what: Message;
  /** What happens, or what the user can do, without it. */
  instead: Message;
}

export const FEATURES = {
  base: {
    version: "1.4",
    what: { vi: "đọc và ghi bảng tính", en: "read and write the workbook" },
    instead: {
      vi: "dùng trang web của công cụ hoặc lệnh tonghop với các tệp .xlsx",
      en: "use the tool's web page or the tonghop command on the .xlsx files",
    },
  },
  freezePanes: {
    version: "1.7",
    what: { vi: "cố định dòng tiêu đề", en: "freeze the header rows" },
    instead: { vi: "dòng tiêu đề không được cố định", en: "header rows are not frozen" },
  },
  hyperlinks: {
    version: "1.7",
    what: { vi: "tạo liên kết tới ô", en: "link to cells" },
    instead: {
      vi: "liên kết được ghi bằng hàm HYPERLINK",
      en: "links are written with the HYPERLINK function",
    },
  },
  workbookName: {
    version: "1.7",
    what: { vi: "đọc tên tệp", en: "read the file name" },
    instead: { vi: "tệp được gọi là “Workbook”", en: "the file is called “Workbook”" },
  },
  screenUpdating: {
    version: "1.9",
    what: { vi: "tạm dừng vẽ màn hình khi ghi", en: "pause screen updates while writing" },
    instead: { vi: "ghi chậm hơn một chút", en: "writing is a little slower" },
  },
  autoFilter: {
    version: "1.9",
    what: { vi: "bật bộ lọc trên trang kết quả", en: "add filters to the result tabs" },
    instead: {
      vi: "bật bộ lọc bằng tay (Dữ liệu > Lọc)",
      en: "add filters by hand (Data > Filter)",
    },
  },
  pageLayout: {
    version: "1.9",
    what: { vi: "đặt trang in ngang, vừa khổ", en: "set landscape, fit-to-width printing" },
    instead: { vi: "chỉnh trang in bằng tay", en: "set up printing by hand" },
  },
  cellProperties: {
    version: "1.9",
    what: {
      vi: "đọc phông chữ và dòng, cột bị ẩn",
      en: "read fonts and hidden rows and columns",
    },
    instead: {
      vi: "không nhận ra phông TCVN3/VNI và dòng ẩn; chuyển phông sang Unicode trước",
      en: "TCVN3/VNI fonts and hidden rows are not detected; convert fonts to Unicode first",
    },
  },
  fillPattern: {
    version: "1.9",
    what: { vi: "phân biệt ô không tô màu với ô tô trắng", en: "tell no fill from a white fill" },
    instead: {
      vi: "ô tô trắng được trả về không tô màu khi xóa đánh dấu",
      en: "white fills come back as no fill when flags are cleared",
    },
  },
  comments: {
    version: "1.10",
    what: { vi: "đọc chú thích trong ô", en: "read cell comments" },
    instead: { vi: "chú thích không được đọc", en: "comments are not read" },
  },
  mergedAreas: {
    version: "1.13",
    what: { vi: "đọc các ô đã gộp", en: "read merged cells" },
    instead: {
      vi: "tiêu đề gộp ô có thể bị nhận sai; dùng lệnh tonghop nếu cần",
      en: "merged headings may be misread; use the tonghop command if needed",
    },
  },
  insertWorksheets: {
    version: "1.13",
    what: { vi: "nhập trang từ tệp .xlsx khác", en: "import sheets from other .xlsx files" },
    instead: {
      vi: "mở từng tệp và chép trang vào (Di chuyển hoặc Sao chép), hoặc dùng trang web của công cụ",
      en: "open each file and copy its sheets (Move or Copy), or use the tool's web page",
    },
  },
  notes: {
    version: "1.18",
    what: {
      vi: "gỡ ghi chú “[Tổng hợp] …” khi xóa đánh dấu",
      en: "remove the “[Tổng hợp] …” notes when flags are cleared",
    },
    instead: {
      vi: "các ghi chú “[Tổng hợp] …” vẫn còn, có thể xóa bằng tay (chuột phải > Xóa ghi chú)",
      en: "the “[Tổng hợp] …” notes stay and can be deleted by hand (right-click > Delete Note)",
    },
  },
} satisfies Record<string, Feature>;

export type FeatureId = keyof typeof FEATURES;

export function supports(check: SetChecker, id: FeatureId): boolean {
  return check("ExcelApi", FEATURES[id].version);
}

/** "Cần Excel 2021 … để đọc các ô đã gộp. Thay vào đó: …", in both languages. */
export function requirementMessage(id: FeatureId): Message {
  const f: Feature = FEATURES[id];
  const where = SHIPPED_IN[f.version];
  return {
    vi: `Cần ${where.vi} (ExcelApi ${f.version}) để ${f.what.vi}. Thay vào đó: ${f.instead.vi}.`,
    en: `Needs ${where.en} (ExcelApi ${f.version}) to ${f.what.en}. Instead: ${f.instead.en}.`,
  };
}

/** Thrown when a feature the task cannot do without is missing. */
export class RequirementError extends Error {
  constructor(
    readonly feature: FeatureId,
    readonly text: Message = requirementMessage(feature)
  ) {
    super(text.en);
    this.name = "RequirementError";
  }
}

export function requireFeature(check: SetChecker, id: FeatureId): void {
  if (!supports(check, id)) throw new RequirementError(id);
}

/** The features this Excel lacks, with their messages (for the task pane's notice). */
export function missingFeatures(check: SetChecker): { id: FeatureId; message: Message }[] {
  return (Object.keys(FEATURES) as FeatureId[])
    .filter((id) => !supports(check, id))
    .map((id) => ({ id, message: requirementMessage(id) }));
}
