/**
 * The words the claim checker understands: nouns that counts are made of (grouped so that a percentage's
 * base is looked for among counts of a compatible noun), the verbs of percentages, and the markers of
 * targets (chỉ tiêu), earlier values (cùng kỳ) and lists (gồm, trong đó). All entries are folded text
 * (foldText: NFC, lower case, new-style tone placement), split into tokens as the tokenizer splits them.
 */

/** A noun and the groups it belongs to; a count's base must share a group with it. */
interface NounEntry {
  words: string;
  groups: string[];
}

const PARTY_ORG = "party-org"; // tổ chức cơ sở đảng and the chi bộ / đảng bộ it is made of
const MEMBER = "member"; // đảng viên
const CADRE = "cadre"; // cán bộ, công chức, viên chức

const NOUNS: NounEntry[] = [
  { words: "đảng viên", groups: [MEMBER] },
  { words: "đồng chí", groups: [MEMBER, CADRE] },
  { words: "tổ chức cơ sở đảng", groups: [PARTY_ORG] },
  { words: "tổ chức cơ sở", groups: [PARTY_ORG] },
  { words: "tổ chức đảng", groups: [PARTY_ORG] },
  { words: "tccsđ", groups: [PARTY_ORG] },
  { words: "cơ sở đảng", groups: [PARTY_ORG] },
  { words: "chi , đảng bộ cơ sở", groups: [PARTY_ORG] },
  { words: "chi , đảng bộ", groups: [PARTY_ORG] },
  { words: "chi bộ , đảng bộ cơ sở", groups: [PARTY_ORG] },
  { words: "chi bộ , đảng bộ", groups: [PARTY_ORG] },
  { words: "đảng bộ cơ sở", groups: [PARTY_ORG] },
  { words: "chi bộ cơ sở", groups: [PARTY_ORG] },
  { words: "đảng bộ", groups: [PARTY_ORG] },
  { words: "chi bộ", groups: [PARTY_ORG] },
  // a bare "tổ chức" in party reports is most often a tổ chức đảng ("8 tổ chức hoàn thành nhiệm vụ")
  { words: "tổ chức", groups: ["org", PARTY_ORG] },
  { words: "cán bộ", groups: [CADRE] },
  { words: "công chức", groups: [CADRE] },
  { words: "viên chức", groups: [CADRE] },
  { words: "cấp ủy viên", groups: [CADRE] },
  { words: "ủy viên", groups: [CADRE] },
  { words: "học viên", groups: ["student"] },
  { words: "quần chúng", groups: ["candidate"] },
  { words: "đối tượng", groups: ["candidate"] },
  { words: "lớp", groups: ["class"] },
  { words: "nhiệm vụ", groups: ["task"] },
  { words: "xã , phường , thị trấn", groups: ["commune"] },
  { words: "xã , thị trấn", groups: ["commune"] },
  { words: "xã , phường", groups: ["commune"] },
  { words: "phường , xã", groups: ["commune"] },
  { words: "xã", groups: ["commune"] },
  { words: "phường", groups: ["commune"] },
  { words: "thị trấn", groups: ["commune"] },
  { words: "đơn vị hành chính", groups: ["commune"] },
  { words: "thôn , bản", groups: ["village"] },
  { words: "ấp , khu phố", groups: ["village"] },
  { words: "thôn", groups: ["village"] },
  { words: "bản", groups: ["village"] },
  { words: "ấp", groups: ["village"] },
  { words: "khu phố", groups: ["village"] },
  { words: "tổ dân phố", groups: ["village"] },
  { words: "doanh nghiệp", groups: ["enterprise"] },
  { words: "cuộc kiểm tra", groups: ["inspection"] },
  { words: "cuộc giám sát", groups: ["supervision"] },
  { words: "cuộc", groups: ["event"] },
  { words: "lượt", groups: ["turn"] },
  { words: "hộ", groups: ["household"] },
  { words: "trường", groups: ["school"] },
  { words: "cơ quan", groups: ["agency"] },
  { words: "đơn vị", groups: ["agency"] },
  { words: "hồ sơ", groups: ["file"] },
  { words: "đơn thư", groups: ["petition"] },
  { words: "vụ việc", groups: ["case"] },
  { words: "vụ", groups: ["case"] },
  // "2.109 người": a classifier for people of any kind
  { words: "người", groups: ["person", MEMBER, CADRE, "student", "candidate", "member-mass"] },
  { words: "hội viên", groups: ["member-mass"] },
  { words: "đoàn viên", groups: ["member-mass"] },
  { words: "lần", groups: ["times"] },
  { words: "tỷ đồng", groups: ["money:tỷ"] },
  { words: "triệu đồng", groups: ["money:triệu"] },
  { words: "nghìn đồng", groups: ["money:nghìn"] },
  { words: "đồng", groups: ["money:đồng"] },
];

/** Words that cannot start a noun: a figure followed by one of them has no noun ("từ 5.462 lên ..."). */
export const NOT_NOUNS = new Set([
  "lên",
  "xuống",
  "còn",
  "so",
  "và",
  "với",
  "là",
  "có",
  "trong",
  "đến",
  "tới",
  "từ",
  "của",
  "được",
  "đã",
  "thì",
  "nhưng",
  "trên",
  "dưới",
  "tăng",
  "giảm",
  "đạt",
  "chiếm",
  "bằng",
  "vượt",
  "hoặc",
  "hay",
  "nên",
  "để",
  "do",
  "vào",
  "ra",
  "cho",
  "đều",
  "thuộc",
  "trở",
]);

/** Words after a figure that make it a duration, an age or a date part, not a count. */
export const TIME_WORDS = new Set(["năm", "tháng", "ngày", "tuần", "giờ", "phút", "tuổi", "quý"]);

interface TrieNode {
  next: Map<string, TrieNode>;
  groups: string[] | null;
  words: string | null;
}

function buildTrie(entries: NounEntry[]): TrieNode {
  const root: TrieNode = { next: new Map(), groups: null, words: null };
  for (const e of entries) {
    let node = root;
    for (const w of e.words.split(" ")) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map(), groups: null, words: null };
        node.next.set(w, child);
      }
      node = child;
    }
    node.groups = e.groups;
    node.words = e.words;
  }
  return root;
}

const NOUN_TRIE = buildTrie(NOUNS);

/** The longest lexicon noun at the start of `folded` (tokens); its length in tokens and groups. */
export function matchNoun(
  folded: readonly string[]
): { length: number; groups: string[]; words: string } | null {
  let node = NOUN_TRIE;
  let best: { length: number; groups: string[]; words: string } | null = null;
  for (let k = 0; k < folded.length; k++) {
    const child = node.next.get(folded[k]);
    if (!child) break;
    node = child;
    if (node.groups && node.words) best = { length: k + 1, groups: node.groups, words: node.words };
  }
  return best;
}

/** Verbs (and verb-like words) that introduce a percentage, nearest to the figure first. */
export const PERCENT_VERBS = new Set([
  "đạt",
  "chiếm",
  "bằng",
  "tăng",
  "giảm",
  "vượt",
  "là",
  "lệ", // tỷ lệ
]);

/** Words between a count and its percentage that the walk back skips (verbs, "với tỷ lệ", "là"). */
export const LINK_WORDS = new Set([
  ...PERCENT_VERBS,
  "tỷ",
  "với",
  "đạt",
  "được",
  "thêm",
  "có",
  "khoảng",
  "trên",
  "hơn",
  "gần",
  "xấp",
  "xỉ",
  "dưới",
  "như",
  "chưa",
  "đến",
  "tới",
  "ước",
  "tính",
  "ít",
  "nhất",
  "tối",
  "thiểu",
  "đa",
]);

/** Words that say a percentage or a figure is of a target (chỉ tiêu, kế hoạch, Nghị quyết). */
export const TARGET_WORDS = ["chỉ tiêu", "kế hoạch", "nghị quyết", "mục tiêu", "dự toán", "kh"];
/** Words that say a figure is a target, in the clause before it ("chỉ tiêu ... là 200"). */
export const TARGET_MARKERS = [
  "chỉ tiêu",
  "kế hoạch",
  "mục tiêu",
  "dự toán",
  "đề ra",
  "được giao",
  "giao",
  "phấn đấu",
];
/** Words that say a percentage or a change is against an earlier value. */
export const PREVIOUS_WORDS = [
  "cùng kỳ",
  "năm trước",
  "kỳ trước",
  "đầu nhiệm kỳ",
  "nhiệm kỳ trước",
  "đầu năm",
  "trước đó",
  "năm ngoái",
];

/** Words in a "trong đó" list that make it a classification: the parts then add up to the whole. */
export const CLASSIFICATION_WORDS = ["loại hình"];
/** Movements "từ huyện về xã", "từ xã sang xã": a list of them partitions the moved total. */
export const MOVEMENT_WORDS = new Set(["về", "sang", "lên", "xuống", "đến"]);

/** Words that precede a number that is a code, a year or an ordinal, never a count. */
export const CODE_BEFORE = new Set([
  "năm",
  "tháng",
  "ngày",
  "khóa",
  "thứ",
  "quý",
  "kỳ",
  "điều",
  "khoản",
  "mục",
  "trình", // chương trình 135
  "án", // đề án 196
  "ương", // trung ương 4
  "thị", // chỉ thị 05
  "luận", // kết luận 92
  "định", // quy định 335, quyết định 127
  "quyết", // nghị quyết 18
  "hoạch", // kế hoạch 40
  "dẫn", // hướng dẫn 11
  "biểu",
  "phụ",
  "lục",
  "trang",
  "bảng",
  "hình",
  "giai", // giai đoạn 2016-2018 (đoạn handled too)
  "đoạn",
]);

/** Approximation words as findNumerals reports them, by how they are checked. */
export const APPROX_ABOVE = new Set(["trên", "hơn", "ít nhất", "tối thiểu"]);
export const APPROX_BELOW = new Set(["dưới", "chưa đến", "chưa tới", "tối đa"]);
export const APPROX_NEAR_BELOW = new Set(["gần"]);
export const APPROX_AROUND = new Set(["khoảng", "xấp xỉ", "ước", "ước tính"]);
