/**
 * Building the pane's elements. Workbook text (sheet and unit names, labels, messages) comes from files that
 * others wrote, so it only ever enters the page as text nodes and attribute values: this module has no
 * innerHTML, and attribute names are always the code's own.
 */
import { Severity } from "../core/issue";

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  /** Attributes set with setAttribute; names are constants of the code, values may be data. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [type, fn] of Object.entries(props.on ?? {})) if (fn) el.addEventListener(type, fn);
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? text(String(c)) : c);
  }
}

export function text(s: string): Text {
  return document.createTextNode(s);
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Severity colours of Fluent's status palette (danger, warning, brand for information). */
export const SEVERITY_COLOR: Record<Severity, string> = {
  error: "#C50F1F",
  warning: "#BC4B09",
  info: "#0F6CBD",
};

/**
 * A 16px severity icon drawn in SVG: a red circle with a cross, an orange triangle with "!", a blue circle
 * with "i". `label` is read by screen readers (the icons carry meaning, not decoration).
 */
export function severityIcon(severity: Severity, label: string): SVGElement {
  const root = svg("svg", {
    width: 16,
    height: 16,
    viewBox: "0 0 16 16",
    class: `sev-icon sev-${severity}`,
    role: "img",
    "aria-label": label,
    focusable: "false",
  });
  const color = SEVERITY_COLOR[severity];
  if (severity === "warning") {
    root.appendChild(
      svg("path", { d: "M8 1.2 15.2 14.2H.8Z", fill: color, "stroke-linejoin": "round" })
    );
    root.appendChild(
      svg("rect", { x: 7.15, y: 5.2, width: 1.7, height: 5, rx: 0.8, fill: "#fff" })
    );
    root.appendChild(svg("circle", { cx: 8, cy: 12.1, r: 0.95, fill: "#fff" }));
  } else if (severity === "error") {
    root.appendChild(svg("circle", { cx: 8, cy: 8, r: 7.2, fill: color }));
    root.appendChild(
      svg("path", {
        d: "M5.3 5.3 10.7 10.7M10.7 5.3 5.3 10.7",
        stroke: "#fff",
        "stroke-width": 1.7,
        "stroke-linecap": "round",
      })
    );
  } else {
    root.appendChild(svg("circle", { cx: 8, cy: 8, r: 7.2, fill: color }));
    root.appendChild(svg("circle", { cx: 8, cy: 4.9, r: 1, fill: "#fff" }));
    root.appendChild(
      svg("rect", { x: 7.15, y: 6.8, width: 1.7, height: 5, rx: 0.8, fill: "#fff" })
    );
  }
  return root;
}

/** Small line icons for buttons (decorative: the button's text says what it does). */
export function glyph(name: "upload" | "refresh" | "download" | "eraser" | "chart"): SVGElement {
  const root = svg("svg", {
    width: 16,
    height: 16,
    viewBox: "0 0 16 16",
    class: "glyph",
    "aria-hidden": "true",
    focusable: "false",
  });
  const line = { fill: "none", stroke: "currentColor", "stroke-width": 1.3 };
  const paths: Record<typeof name, string[]> = {
    upload: ["M8 10.5V2.5M4.8 5.5 8 2.3l3.2 3.2", "M2.5 10v3.2h11V10"],
    download: ["M8 2.5v8M4.8 7.5 8 10.7l3.2-3.2", "M2.5 10v3.2h11V10"],
    refresh: ["M13 8a5 5 0 1 1-1.6-3.7", "M13 2.5v3h-3"],
    eraser: [
      "M6.2 13.5h7.3",
      "M2.7 9.6 8.6 3.7a1.2 1.2 0 0 1 1.7 0l2.4 2.4a1.2 1.2 0 0 1 0 1.7l-5.7 5.7H5.2z",
    ],
    chart: ["M2.5 13.5h11", "M4.5 11.5v-4M8 11.5v-8M11.5 11.5v-6"],
  };
  for (const d of paths[name])
    root.appendChild(
      svg("path", { d, ...line, "stroke-linecap": "round", "stroke-linejoin": "round" })
    );
  return root;
}
