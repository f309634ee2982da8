/**
 * The claim checker's rules as the engine lists them (id, default severity, description, messages), and the
 * rendering of its messages: numbers formatted per language ("2.344 / 5.022 = 46,7%"; "2,344 / 5,022 = 46.7%").
 */
import { formatNumber, Lang, Message, RuleMeta, renderTemplate } from "../issue";

export { formatNumber };

export const TEXT_PERCENT: RuleMeta = {
  id: "text-percent",
  defaultSeverity: "error",
  description: {
    vi: "Tỷ lệ phần trăm trong văn bản phải khớp với các số liệu nêu cùng đoạn.",
    en: "Percentages in prose must match the figures stated in the same paragraph.",
  },
  messages: {
    wrong: {
      vi: "Tỷ lệ {written} không khớp: {formula} = {computed}",
      en: "Percentage {written} does not match: {formula} = {computed}",
    },
    truncated: {
      vi: "Tỷ lệ {written} bị làm tròn xuống: {formula} = {precise}, làm tròn là {computed}",
      en: "Percentage {written} is rounded down: {formula} = {precise}, which rounds to {computed}",
    },
    approx: {
      vi: "“{approx} {written}” mâu thuẫn với số liệu: {formula} = {computed}",
      en: "“{approx} {written}” is contradicted by the figures: {formula} = {computed}",
    },
    consistent: {
      vi: "Tỷ lệ {written} khớp: {formula} = {computed}",
      en: "Percentage {written} matches: {formula} = {computed}",
    },
    unverifiable: {
      vi: "Không có số liệu trong đoạn để kiểm tra tỷ lệ {written} ({reason})",
      en: "No figure in the paragraph can check {written} ({reason})",
    },
  },
};

export const TEXT_SUM: RuleMeta = {
  id: "text-sum",
  defaultSeverity: "error",
  description: {
    vi: "Các phần nêu sau “gồm”, “chia ra” (hoặc phân loại sau “trong đó”) phải cộng lại bằng tổng.",
    en: "Parts listed after “gồm”, “chia ra” (or a classification after “trong đó”) must add up to the whole.",
  },
  messages: {
    wrong: {
      vi: "Tổng các phần không khớp: {formula} = {computed}, khác {written}",
      en: "Parts do not add up: {formula} = {computed}, not {written}",
    },
    approx: {
      vi: "Tổng các phần {formula} = {computed} mâu thuẫn với “{approx} {written}”",
      en: "Parts {formula} = {computed} contradict “{approx} {written}”",
    },
    partTooBig: {
      vi: "Phần {part} lớn hơn tổng {written}",
      en: "Part {part} is larger than the whole {written}",
    },
    consistent: {
      vi: "Các phần cộng lại khớp: {formula} = {computed}",
      en: "Parts add up: {formula} = {computed}",
    },
    subset: {
      vi: "Các phần “trong đó” không vượt tổng {written}: {formula}",
      en: "The “trong đó” parts do not exceed the whole {written}: {formula}",
    },
    overlap: {
      vi: "Các phần “trong đó” cộng lại {computed} lớn hơn tổng {written}; có thể trùng nhau",
      en: "The “trong đó” parts add up to {computed}, more than {written}; they may overlap",
    },
  },
};

export const TEXT_FRACTION: RuleMeta = {
  id: "text-fraction",
  defaultSeverity: "error",
  description: {
    vi: "Phân số “a/b” phải có a ≤ b, khớp với tỷ lệ nêu kèm và với tổng đã nêu.",
    en: "A fraction “a/b” must have a ≤ b and match the percentage and the total stated with it.",
  },
  messages: {
    over: {
      vi: "Phân số {written}: tử số {numerator} lớn hơn mẫu số {denominator}",
      en: "Fraction {written}: numerator {numerator} is larger than denominator {denominator}",
    },
    denominator: {
      vi: "Phân số {written} có mẫu số {denominator}, nhưng đoạn văn nêu tổng số {total}",
      en: "Fraction {written} has denominator {denominator}, but the paragraph states a total of {total}",
    },
    percent: {
      vi: "Tỷ lệ {percent} không khớp với phân số: {formula} = {computed}",
      en: "Percentage {percent} does not match the fraction: {formula} = {computed}",
    },
    truncated: {
      vi: "Tỷ lệ {percent} bị làm tròn xuống: {formula} = {precise}, làm tròn là {computed}",
      en: "Percentage {percent} is rounded down: {formula} = {precise}, which rounds to {computed}",
    },
    consistent: {
      vi: "Phân số {written} hợp lệ{detail}",
      en: "Fraction {written} is consistent{detail}",
    },
  },
};

export const TEXT_CHANGE: RuleMeta = {
  id: "text-change",
  defaultSeverity: "error",
  description: {
    vi: "Mức tăng, giảm nêu trong văn bản phải khớp với số liệu trước và sau.",
    en: "Increases and decreases stated in prose must match the figures before and after.",
  },
  messages: {
    wrong: {
      vi: "Mức {verb} {written} không khớp: {formula} = {computed}",
      en: "The {verb} of {written} does not match: {formula} = {computed}",
    },
    approx: {
      vi: "“{approx} {written}” mâu thuẫn với số liệu: {formula} = {computed}",
      en: "“{approx} {written}” is contradicted by the figures: {formula} = {computed}",
    },
    consistent: {
      vi: "Mức {verb} {written} khớp: {formula} = {computed}",
      en: "The {verb} of {written} matches: {formula} = {computed}",
    },
    unverifiable: {
      vi: "Không có số liệu kỳ trước để kiểm tra mức {verb} {written}{implied}",
      en: "No earlier figure to check the {verb} of {written}{implied}",
    },
  },
};

export const CLAIM_RULES: readonly RuleMeta[] = [
  TEXT_PERCENT,
  TEXT_SUM,
  TEXT_FRACTION,
  TEXT_CHANGE,
];

/** A number to show: a plain value and the decimals to show it with (as written). */
export interface Shown {
  value: number;
  decimals?: number;
  percent?: boolean;
}

export type MessageData = Record<string, string | number | Shown | Shown[] | Formula | Message>;

/** A formula to show, built from figures: "2.344 / 5.022", "37 + 24", "6.991 − 5.462", "(a − b) / c". */
export interface Formula {
  op: "/" | "+" | "−" | "(−)/";
  terms: Shown[];
}

function show(s: Shown, lang: Lang): string {
  const text = formatNumber(s.value, lang, s.decimals);
  return s.percent ? `${text}%` : text;
}

function isShown(v: unknown): v is Shown {
  return typeof v === "object" && v !== null && "value" in v;
}

function showFormula(f: Formula, lang: Lang): string {
  const t = f.terms.map((x) => show(x, lang));
  if (f.op === "(−)/") return `(${t[0]} − ${t[1]}) / ${t[2]}`;
  return t.join(` ${f.op} `);
}

/** Renders one of a rule's messages in both languages, numbers formatted per language. */
export function renderMessage(meta: RuleMeta, id: string, data: MessageData): Message {
  const template = meta.messages[id];
  if (!template) throw new Error(`Rule ${meta.id} has no message ${id}`);
  const forLang = (lang: Lang): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) {
      if (typeof v === "string") out[k] = v;
      else if (typeof v === "number") out[k] = formatNumber(v, lang);
      else if (Array.isArray(v)) out[k] = v.map((x) => show(x, lang)).join(", ");
      else if (isShown(v)) out[k] = show(v, lang);
      else if ("vi" in v) out[k] = v[lang];
      else out[k] = showFormula(v, lang);
    }
    return out;
  };
  return {
    vi: renderTemplate(template.vi, forLang("vi"), "vi"),
    en: renderTemplate(template.en, forLang("en"), "en"),
  };
}
