/**
 * A small pull tokenizer for the XML parts of an .xlsx: open tags, close tags and text, with element names
 * matched by local name (a "x:" prefix is ignored). It checks what a bad file breaks (tags closed in order,
 * nothing left open, known entities) and decodes text and attributes as an XML parser must (entities, line
 * ends, whitespace in attribute values). CDATA sections, comments and processing instructions are skipped.
 */

/** Thrown for XML that is not well formed; the reader turns it into one issue. */
export class XmlError extends Error {}

export const END: number = 0;
export const OPEN: number = 1;
export const CLOSE: number = 2;
export const TEXT: number = 3;

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Replaces entity and character references; throws on an unknown one, as XML parsers do. */
export function decodeEntities(s: string): string {
  return s.replace(/&([^;&\s]{0,10});?/g, (whole, e: string) => {
    if (!whole.endsWith(";")) throw new XmlError(`bare & in "${s.slice(0, 40)}"`);
    const named = NAMED[e];
    if (named !== undefined) return named;
    let code = NaN;
    if (/^#x[0-9a-fA-F]+$/.test(e)) code = parseInt(e.slice(2), 16);
    else if (/^#[0-9]+$/.test(e)) code = parseInt(e.slice(1), 10);
    if (!(code >= 0 && code <= 0x10ffff)) throw new XmlError(`unknown entity &${e};`);
    return String.fromCodePoint(code);
  });
}

/** Text as an XML parser gives it: line ends normalised to \n, references decoded. */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  return s.indexOf("&") >= 0 ? decodeEntities(s) : s;
}

/** An attribute value: line ends and literal tabs become spaces before references are decoded. */
function decodeAttr(raw: string): string {
  let s = raw;
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n|[\t\n\r]/g, " ");
  return s.indexOf("&") >= 0 ? decodeEntities(s) : s;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export class XmlReader {
  /** Kind of the current token: END, OPEN, CLOSE or TEXT. */
  kind = END;
  /** Local name of the current element (OPEN and CLOSE). */
  name = "";
  /** The current OPEN tag closes itself (`<c/>`); a CLOSE token follows it. */
  selfClosing = false;
  private i = 0;
  private readonly end: number;
  private readonly stack: string[] = [];
  private qname = "";
  private a0 = 0;
  private a1 = 0;
  private t0 = 0;
  private t1 = 0;
  private pendingClose = false;
  private sawRoot = false;

  constructor(private readonly s: string) {
    this.end = s.length;
  }

  /** Depth of open elements (the current OPEN tag included, a CLOSE tag's element not). */
  depth = 0;

  next(): number {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.depth--;
      return (this.kind = CLOSE);
    }
    const s = this.s;
    for (;;) {
      const i = this.i;
      if (i >= this.end) {
        if (this.stack.length > 0) throw new XmlError(`<${this.stack.at(-1)}> is never closed`);
        if (!this.sawRoot) throw new XmlError("no root element");
        return (this.kind = END);
      }
      if (s.charCodeAt(i) !== 60) {
        let j = s.indexOf("<", i);
        if (j < 0) j = this.end;
        this.i = j;
        if (this.stack.length === 0) {
          for (let k = i; k < j; k++) {
            if (!isSpace(s.charCodeAt(k))) throw new XmlError("text outside the root element");
          }
          continue;
        }
        this.t0 = i;
        this.t1 = j;
        return (this.kind = TEXT);
      }
      const c = s.charCodeAt(i + 1);
      if (c === 47) {
        const j = s.indexOf(">", i + 2);
        if (j < 0) throw new XmlError("unterminated close tag");
        let k = j;
        while (k > i + 2 && isSpace(s.charCodeAt(k - 1))) k--;
        const qname = s.slice(i + 2, k);
        const open = this.stack.pop();
        if (open !== qname) throw new XmlError(`</${qname}> closes <${open ?? ""}>`);
        this.depth--;
        this.setName(qname);
        this.i = j + 1;
        return (this.kind = CLOSE);
      }
      if (c === 63) {
        const j = s.indexOf("?>", i + 2);
        if (j < 0) throw new XmlError("unterminated processing instruction");
        this.i = j + 2;
        continue;
      }
      if (c === 33) {
        let close = "";
        if (s.startsWith("<!--", i)) close = "-->";
        else if (s.startsWith("<![CDATA[", i)) close = "]]>";
        else if (s.startsWith("<!DOCTYPE", i)) close = s.indexOf("[", i) >= 0 ? "]>" : ">";
        else throw new XmlError("bad markup declaration");
        const j = s.indexOf(close, i + 2);
        if (j < 0) throw new XmlError(`unterminated ${close}`);
        this.i = j + close.length;
        continue;
      }
      let j = i + 1;
      while (j < this.end) {
        const ch = s.charCodeAt(j);
        if (isSpace(ch) || ch === 47 || ch === 62) break;
        j++;
      }
      if (j === i + 1) throw new XmlError("empty tag name");
      const qname = s.slice(i + 1, j);
      let k = j;
      let quote = 0;
      for (; k < this.end; k++) {
        const ch = s.charCodeAt(k);
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === 34 || ch === 39) quote = ch;
        else if (ch === 62) break;
        else if (ch === 60) throw new XmlError(`"<" inside <${qname}>`);
      }
      if (k >= this.end) throw new XmlError(`unterminated <${qname}>`);
      if (this.stack.length === 0 && this.sawRoot) throw new XmlError("a second root element");
      this.sawRoot = true;
      const self = s.charCodeAt(k - 1) === 47;
      this.a0 = j;
      this.a1 = self ? k - 1 : k;
      this.selfClosing = self;
      this.setName(qname);
      this.i = k + 1;
      if (self) this.pendingClose = true;
      else this.stack.push(qname);
      this.depth++;
      return (this.kind = OPEN);
    }
  }

  private setName(qname: string): void {
    this.qname = qname;
    const p = qname.indexOf(":");
    this.name = p < 0 ? qname : qname.slice(p + 1);
  }

  /** An attribute of the current OPEN tag by local name, decoded; undefined when absent. */
  attr(name: string): string | undefined {
    const raw = this.rawAttr(name);
    return raw === undefined ? undefined : decodeAttr(raw);
  }

  /** The attribute's text as written (no decoding): for values that hold no references (numbers, refs). */
  rawAttr(name: string): string | undefined {
    const s = this.s;
    let i = this.a0;
    const end = this.a1;
    while (i < end) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) break;
      const n0 = i;
      while (i < end) {
        const ch = s.charCodeAt(i);
        if (ch === 61 || isSpace(ch)) break;
        i++;
      }
      const n1 = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) throw new XmlError(`attribute without value in <${this.qname}>`);
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== 34 && q !== 39) throw new XmlError(`unquoted attribute in <${this.qname}>`);
      const v0 = i + 1;
      const v1 = s.indexOf(q === 34 ? '"' : "'", v0);
      if (v1 < 0 || v1 > end) throw new XmlError(`unterminated attribute in <${this.qname}>`);
      i = v1 + 1;
      if (matchesLocal(s, n0, n1, name)) return s.slice(v0, v1);
    }
    return undefined;
  }

  /**
   * Several attributes of the current OPEN tag in one pass, as written (no decoding): out[k] is the value of
   * names[k] (by local name) or undefined.
   */
  rawAttrs(names: readonly string[], out: (string | undefined)[]): void {
    for (let k = 0; k < names.length; k++) out[k] = undefined;
    const s = this.s;
    let i = this.a0;
    const end = this.a1;
    while (i < end) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) break;
      const n0 = i;
      while (i < end) {
        const ch = s.charCodeAt(i);
        if (ch === 61 || isSpace(ch)) break;
        i++;
      }
      const n1 = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) throw new XmlError(`attribute without value in <${this.qname}>`);
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== 34 && q !== 39) throw new XmlError(`unquoted attribute in <${this.qname}>`);
      const v0 = i + 1;
      const v1 = s.indexOf(q === 34 ? '"' : "'", v0);
      if (v1 < 0 || v1 > end) throw new XmlError(`unterminated attribute in <${this.qname}>`);
      i = v1 + 1;
      for (let k = 0; k < names.length; k++) {
        if (out[k] === undefined && matchesLocal(s, n0, n1, names[k])) {
          out[k] = s.slice(v0, v1);
          break;
        }
      }
    }
  }

  /** Every attribute of the current OPEN tag by qualified name, decoded. */
  attrs(): Record<string, string> {
    const out: Record<string, string> = {};
    const s = this.s;
    const re = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
    re.lastIndex = this.a0;
    const part = s.slice(0, this.a1);
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) out[m[1]] = decodeAttr(m[3] ?? m[4]);
    return out;
  }

  /**
   * A fast path for the commonest content, `<v>5022</v>`: when the next markup is exactly `open` (a tag
   * without attributes), text, then `close`, consumes it all and returns the decoded text, or null for no
   * text at all; otherwise consumes nothing and returns undefined.
   */
  simpleText(open: string, close: string): string | null | undefined {
    if (this.pendingClose) return undefined;
    const s = this.s;
    const i = this.i;
    if (!s.startsWith(open, i)) return undefined;
    const t0 = i + open.length;
    const j = s.indexOf("<", t0);
    if (j < 0 || !s.startsWith(close, j)) return undefined;
    this.i = j + close.length;
    return j > t0 ? decodeText(s.slice(t0, j)) : null;
  }

  /** When the next markup closes the innermost open element (`</c>`), consumes it as a CLOSE token. */
  closeIfNext(): boolean {
    if (this.pendingClose || this.stack.length === 0) return false;
    const top = this.stack[this.stack.length - 1];
    const s = this.s;
    const i = this.i;
    if (s.charCodeAt(i) !== 60 || s.charCodeAt(i + 1) !== 47 || !s.startsWith(top, i + 2)) {
      return false;
    }
    if (s.charCodeAt(i + 2 + top.length) !== 62) return false;
    this.stack.pop();
    this.depth--;
    this.setName(top);
    this.i = i + top.length + 3;
    this.kind = CLOSE;
    return true;
  }

  /** The current TEXT token, decoded. */
  text(): string {
    return decodeText(this.s.slice(this.t0, this.t1));
  }

  /** Skips the rest of the current element (after its OPEN token). */
  skip(): void {
    if (this.kind !== OPEN) return;
    if (this.selfClosing) {
      this.next();
      return;
    }
    const depth = this.depth;
    while (this.next() !== END) {
      if (this.kind === CLOSE && this.depth === depth - 1) return;
    }
  }

  /** The decoded text inside the current element (nested tags' text included), consuming it. */
  innerText(): string {
    if (this.kind !== OPEN || this.selfClosing) {
      if (this.selfClosing) this.next();
      return "";
    }
    const depth = this.depth;
    let out = "";
    while (this.next() !== END) {
      if (this.kind === TEXT) out += this.text();
      else if (this.kind === CLOSE && this.depth === depth - 1) break;
    }
    return out;
  }
}

/** Whether s[n0, n1) is `name` or `prefix:name`. */
function matchesLocal(s: string, n0: number, n1: number, name: string): boolean {
  const len = name.length;
  if (n1 - n0 < len) return false;
  const start = n1 - len;
  if (start > n0 && s.charCodeAt(start - 1) !== 58) return false;
  for (let k = 0; k < len; k++) if (s.charCodeAt(start + k) !== name.charCodeAt(k)) return false;
  return true;
}
