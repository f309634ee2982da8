/**
 * Offline checks of manifest.xml (office-addin-manifest validate needs the internet): element order as the
 * XSD sequences require, every resid resolving to a resource of the right kind, https URLs, icon files that
 * exist with the declared size, ExecuteFunction names registered by the commands code, and our three
 * ribbon buttons. Each check returns a list of problems; none means it passed.
 * Run: npx tsx scripts/check-manifest.ts [manifest.xml]
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses keeping the order of elements (fast-xml-parser's preserveOrder). */
export function parseXml(xml: string): XmlNode {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const convert = (raw: Record<string, unknown>): XmlNode | null => {
    const name = Object.keys(raw).find((k) => k !== ":@");
    if (!name || name === "#text" || name.startsWith("?")) return null;
    const kids = (raw[name] as Record<string, unknown>[]) ?? [];
    return {
      name,
      attrs: (raw[":@"] as Record<string, string>) ?? {},
      children: kids.map(convert).filter((n): n is XmlNode => n !== null),
      text: kids
        .filter((k) => "#text" in k)
        .map((k) => String(k["#text"]))
        .join(""),
    };
  };
  const roots = (parser.parse(xml) as Record<string, unknown>[])
    .map(convert)
    .filter((n): n is XmlNode => n !== null);
  if (roots.length !== 1) throw new Error("manifest: expected one root element");
  return roots[0];
}

/** Depth-first list of every element. */
export function walk(node: XmlNode, out: XmlNode[] = []): XmlNode[] {
  out.push(node);
  node.children.forEach((c) => walk(c, out));
  return out;
}

const local = (name: string) => name.replace(/^\w+:/, "");
const type = (n: XmlNode) => (n.attrs["xsi:type"] ?? "").replace(/^\w+:/, "");
const child = (n: XmlNode, name: string) => n.children.find((c) => local(c.name) === name);

/**
 * Child order required by the XSD sequences (OfficeAppManifestV1_1, TaskPaneAppVersionOverridesV1_0,
 * OfficeAppBasicTypesV1_0), keyed by element name or by "Action:<type>" for typed actions.
 */
export const SCHEMA_ORDER: Record<string, string[]> = {
  OfficeApp: [
    "Id",
    "AlternateId",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "Dictionary",
    "VersionOverrides",
  ],
  VersionOverrides: [
    "Description",
    "Requirements",
    "Hosts",
    "Resources",
    "WebApplicationInfo",
    "EquivalentAddins",
  ],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  ExtensionPoint: ["OfficeTab", "CustomTab"],
  Group: ["Label", "Icon", "Control"],
  Control: ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  "Action:ShowTaskpane": ["TaskpaneId", "SourceLocation", "Title"],
  "Action:ExecuteFunction": ["FunctionName"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** Required children of the TaskPaneApp root. */
const REQUIRED_ROOT = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "DefaultSettings",
  "Permissions",
];

export function checkOrder(root: XmlNode): string[] {
  const problems: string[] = [];
  for (const n of walk(root)) {
    const key = local(n.name) === "Action" ? `Action:${type(n)}` : local(n.name);
    const order = SCHEMA_ORDER[key];
    if (!order) continue;
    let last = -1;
    for (const c of n.children) {
      const i = order.indexOf(local(c.name));
      if (i < 0) problems.push(`${key}: unexpected child <${c.name}>`);
      else if (i < last) problems.push(`${key}: <${c.name}> must come before <${order[last]}>`);
      else last = i;
    }
  }
  for (const name of REQUIRED_ROOT) {
    if (!child(root, name)) problems.push(`OfficeApp: missing <${name}>`);
  }
  return problems;
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/** Which kind of resource an element's resid must name (Label and Title: short; Description: long). */
function residKind(n: XmlNode): ResourceKind {
  const name = local(n.name);
  if (name === "Image") return "Images";
  if (["FunctionFile", "SourceLocation", "LearnMoreUrl"].includes(name)) return "Urls";
  return name === "Description" ? "LongStrings" : "ShortStrings";
}

export function resources(root: XmlNode): Map<string, { kind: ResourceKind; node: XmlNode }> {
  const map = new Map<string, { kind: ResourceKind; node: XmlNode }>();
  const res = walk(root).find((n) => local(n.name) === "Resources");
  for (const group of res?.children ?? []) {
    for (const item of group.children) {
      map.set(item.attrs.id, { kind: local(group.name) as ResourceKind, node: item });
    }
  }
  return map;
}

export function checkResids(root: XmlNode): string[] {
  const problems: string[] = [];
  const res = resources(root);
  const visit = (n: XmlNode) => {
    const resid = n.attrs.resid;
    if (resid !== undefined) {
      const want = residKind(n);
      const found = res.get(resid);
      if (!found) problems.push(`resid "${resid}" on <${n.name}> has no resource`);
      else if (found.kind !== want) {
        problems.push(
          `resid "${resid}" on <${n.name}> names a ${found.kind} resource, not ${want}`
        );
      }
      if (resid.length > 32) problems.push(`resid "${resid}" is longer than 32 characters`);
    }
    n.children.forEach(visit);
  };
  visit(root);
  for (const [id, { kind, node }] of res) {
    const max = kind === "ShortStrings" ? 125 : kind === "LongStrings" ? 250 : 2048;
    for (const v of [node.attrs.DefaultValue, ...node.children.map((c) => c.attrs.Value)]) {
      if (!v) problems.push(`resource "${id}" has an empty value`);
      else if (v.length > max) problems.push(`resource "${id}" is longer than ${max} characters`);
    }
  }
  return problems;
}

/** Every URL-valued attribute and element: DefaultValue/Value of URL settings and resources. */
export function urls(root: XmlNode): string[] {
  const out: string[] = [];
  const urlElements = new Set(["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"]);
  const res = resources(root);
  for (const n of walk(root)) {
    if (urlElements.has(local(n.name)) && n.attrs.DefaultValue) {
      out.push(n.attrs.DefaultValue, ...n.children.map((c) => c.attrs.Value).filter((v) => v));
    }
  }
  for (const { kind, node } of res.values()) {
    if (kind === "Images" || kind === "Urls") {
      out.push(
        node.attrs.DefaultValue,
        ...node.children.map((c) => c.attrs.Value).filter((v) => v)
      );
    }
  }
  return out;
}

export function checkHttps(root: XmlNode): string[] {
  return urls(root)
    .filter((u) => !/^https:\/\/[^\s/]+/.test(u))
    .map((u) => `URL is not https: ${u}`);
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const sig = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== sig) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Icons: every image URL maps to a file in assets/ that exists, and icon sizes match their declared size. */
export function checkIcons(root: XmlNode, projectDir: string): string[] {
  const problems: string[] = [];
  const res = resources(root);
  const fileOf = (url: string) => {
    const m = /\/assets\/([^/?#]+)$/.exec(url);
    return m ? join(projectDir, "assets", m[1]) : null;
  };
  const imageUrls = [
    ...walk(root)
      .filter((n) => ["IconUrl", "HighResolutionIconUrl"].includes(local(n.name)))
      .map((n) => n.attrs.DefaultValue),
    ...[...res.values()].filter((r) => r.kind === "Images").map((r) => r.node.attrs.DefaultValue),
  ];
  for (const url of imageUrls) {
    const file = fileOf(url);
    if (!file) problems.push(`icon URL outside assets/: ${url}`);
    else if (!existsSync(file)) problems.push(`icon file missing: ${file}`);
    else if (!pngSize(readFileSync(file))) problems.push(`icon is not a PNG: ${file}`);
  }
  for (const n of walk(root).filter((x) => x.name === "bt:Image" && x.attrs.size)) {
    const r = res.get(n.attrs.resid);
    const file = r ? fileOf(r.node.attrs.DefaultValue) : null;
    if (!file || !existsSync(file)) continue;
    const size = pngSize(readFileSync(file));
    const want = Number(n.attrs.size);
    if (size && (size.width !== want || size.height !== want)) {
      problems.push(
        `icon ${n.attrs.resid} declared ${want}px but ${file} is ${size.width}×${size.height}`
      );
    }
  }
  return problems;
}

/** Function names registered in the commands source with Office.actions.associate("name", …). */
export function associatedNames(source: string): string[] {
  return [...source.matchAll(/Office\.actions\.associate\(\s*["'`]([\w$]+)["'`]/g)].map(
    (m) => m[1]
  );
}

export function checkFunctions(root: XmlNode, commandsSource: string): string[] {
  const registered = new Set(associatedNames(commandsSource));
  return walk(root)
    .filter((n) => local(n.name) === "FunctionName")
    .map((n) => n.text.trim())
    .filter((name) => !registered.has(name))
    .map((name) => `ExecuteFunction "${name}" is not registered with Office.actions.associate`);
}

/** The label of a control in the default language and in an override locale. */
export function labelOf(root: XmlNode, control: XmlNode, locale?: string): string | null {
  const label = child(control, "Label");
  const r = label ? resources(root).get(label.attrs.resid) : undefined;
  if (!r) return null;
  if (!locale) return r.node.attrs.DefaultValue;
  return r.node.children.find((c) => c.attrs.Locale === locale)?.attrs.Value ?? null;
}

/** Our ribbon: a group "Tổng hợp báo cáo" on the Home tab with the three buttons and their actions. */
export function checkRibbon(root: XmlNode): string[] {
  const problems: string[] = [];
  const home = walk(root).find((n) => local(n.name) === "OfficeTab" && n.attrs.id === "TabHome");
  const group = home?.children.find((c) => local(c.name) === "Group");
  if (!home || !group) return ["no group on the Home tab (OfficeTab TabHome)"];
  if (labelOf(root, group) !== "Tổng hợp báo cáo")
    problems.push("the group is not labelled “Tổng hợp báo cáo”");
  const want = [
    { vi: "Tổng hợp", en: "Consolidate", action: "ExecuteFunction", fn: "consolidateWorkbook" },
    { vi: "Kiểm tra", en: "Validate", action: "ExecuteFunction", fn: "validateWorkbook" },
    { vi: "Mở bảng điều khiển", en: "Open the pane", action: "ShowTaskpane", fn: null },
  ];
  const controls = group.children.filter((c) => local(c.name) === "Control");
  for (const w of want) {
    const c = controls.find((x) => labelOf(root, x) === w.vi);
    if (!c) {
      problems.push(`no button labelled “${w.vi}”`);
      continue;
    }
    if (labelOf(root, c, "en-US") !== w.en)
      problems.push(`button “${w.vi}” has no en-US label “${w.en}”`);
    const action = child(c, "Action");
    if (!action || type(action) !== w.action) problems.push(`button “${w.vi}” is not ${w.action}`);
    else if (w.fn && child(action, "FunctionName")?.text.trim() !== w.fn) {
      problems.push(`button “${w.vi}” does not call ${w.fn}`);
    }
  }
  if (controls.length !== want.length)
    problems.push(`expected 3 buttons, found ${controls.length}`);
  return problems;
}

/** Host, permission, locale and the requirement set the add-in declares. */
export function checkBasics(root: XmlNode): string[] {
  const problems: string[] = [];
  const hosts = child(root, "Hosts")?.children.map((h) => h.attrs.Name) ?? [];
  if (hosts.join() !== "Workbook")
    problems.push(`Hosts should be Workbook only, found ${hosts.join() || "none"}`);
  if (child(root, "Permissions")?.text !== "ReadWriteDocument")
    problems.push("Permissions is not ReadWriteDocument");
  if (child(root, "DefaultLocale")?.text !== "vi-VN") problems.push("DefaultLocale is not vi-VN");
  const set = walk(child(root, "Requirements") ?? root).find((n) => local(n.name) === "Set");
  if (!set || set.attrs.Name !== "ExcelApi" || !/^1\.\d+$/.test(set.attrs.MinVersion ?? "")) {
    problems.push("Requirements has no ExcelApi set with a MinVersion");
  }
  if (
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
      child(root, "Id")?.text ?? ""
    )
  ) {
    problems.push("Id is not a GUID");
  }
  return problems;
}

export function checkManifest(xml: string, projectDir: string, commandsSource: string): string[] {
  const root = parseXml(xml);
  return [
    ...checkOrder(root),
    ...checkResids(root),
    ...checkHttps(root),
    ...checkIcons(root, projectDir),
    ...checkFunctions(root, commandsSource),
    ...checkRibbon(root),
    ...checkBasics(root),
  ];
}

if (require.main === module) {
  const dir = join(__dirname, "..");
  const file = process.argv[2] ?? join(dir, "manifest.xml");
  const problems = checkManifest(
    readFileSync(file, "utf8"),
    dir,
    readFileSync(join(dir, "src", "commands", "commands.ts"), "utf8")
  );
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? `${file}: OK` : `${file}: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
