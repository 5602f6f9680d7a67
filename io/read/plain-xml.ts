/**
 * A tokenizer for the plain XML that Excel and WPS write in a worksheet part: elements, attributes, text and the five
 * named entities. It gives the fast reader the events saxes gives (opentag with { name, attributes }, text, closetag;
 * a self-closing tag opens and closes), at a fraction of saxes's cost per character.
 *
 * It answers false on anything else, at any point: a comment, CDATA, a processing instruction (the XML declaration
 * aside, in its usual forms), a DTD, a character reference, a carriage return (end-of-line normalisation), a control or
 * non-character, a surrogate, a name beyond ASCII, a tab or line break in an attribute value (attribute-value
 * normalisation), a duplicate attribute, any well-formedness error. The caller then discards what it was given and
 * runs saxes on the same text from the start: this tokenizer only ever answers for documents saxes reads without an
 * error, with the same events (test/io/plain-xml.test.ts holds it to saxes on real parts and on mutated ones).
 */

export interface PlainXmlNode {
  name: string;
  attributes: Record<string, string>;
}

export interface PlainXmlHandlers {
  open(node: PlainXmlNode): void;
  text(t: string): void;
  /** The node of a closing tag is only good during the call (one object serves every closing tag of a document). */
  close(node: PlainXmlNode): void;
}

/** Characters outside XML 1.0's Char, and \r and surrogates (left to saxes). */
const NOT_PLAIN = /[^\t\n\x20-\uD7FF\uE000-\uFFFD]/;
/** The XML declaration as Excel, WPS and exceljs write it, with the line break Excel puts after it. */
const XML_DECL = /^<\?xml version="1\.0"(?: encoding="(?:UTF-8|utf-8)")?(?: standalone="(?:yes|no)")? ?\?>(?:\r\n)?/;
const WHITESPACE_ONLY = /^[ \t\n]*$/;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

/** End of the ASCII name starting at i (i itself when there is none). */
function nameEnd(xml: string, i: number): number {
  if (!isNameStart(xml.charCodeAt(i))) return i;
  let j = i + 1;
  while (isNameChar(xml.charCodeAt(j))) j++;
  return j;
}

/** What a closing tag's node holds besides its name (the handlers read only the name). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/** The text with its five named entities replaced; null for any other '&'. */
function decode(raw: string): string | null {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 5) return null;
    const ch = ENTITIES.get(raw.slice(amp + 1, semi));
    if (ch === undefined) return null;
    out += raw.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + raw.slice(from);
}

/**
 * The attributes object of a tag's first `count` (≤ 3) attributes, in their order; null for a duplicate name or one
 * the object would inherit (__proto__, constructor…: saxes makes its objects without a prototype). A cell's
 * attributes (r, s, t: half the tags of a sheet) are made as object literals: one shape, no store per name.
 */
function attributesOf(count: number, n0: string, v0: string, n1: string, v1: string, n2: string, v2: string): Record<string, string> | null {
  if (count === 0) return {};
  if (n0 === 'r') {
    if (count === 1) return { r: v0 };
    if (n1 === 's') {
      if (count === 2) return { r: v0, s: v1 };
      if (n2 === 't') return { r: v0, s: v1, t: v2 };
    }
  }
  const a: Record<string, string> = {};
  if (!put(a, n0, v0) || (count > 1 && !put(a, n1, v1)) || (count > 2 && !put(a, n2, v2))) return null;
  return a;
}

/** Adds the attribute; false when the object has a value for its name: a duplicate, or a name it inherits (__proto__…). */
function put(a: Record<string, string>, name: string, value: string): boolean {
  if (a[name] !== undefined) return false;
  a[name] = value;
  return true;
}

/** Runs the handlers over the document; false when it is not plain (see above): the caller then uses saxes. */
export function scanPlainXml(xml: string, h: PlainXmlHandlers): boolean {
  const n = xml.length;
  let i = 0;
  if (xml.startsWith('<?')) {
    const m = XML_DECL.exec(xml);
    if (!m) return false;
    i = m[0].length;
  }
  // (a line break after the declaration is outside the root: no event, whatever its normalisation)
  if (NOT_PLAIN.test(i === 0 ? xml : xml.slice(i))) return false;
  const stack: string[] = [];
  const closing: PlainXmlNode = { name: '', attributes: NO_ATTRIBUTES };
  let rootDone = false;
  while (i < n) {
    // (a tag usually follows a tag: no search then)
    const lt = xml.charCodeAt(i) === 0x3c ? i : xml.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const raw = xml.slice(i, end);
      if (stack.length === 0) {
        if (!WHITESPACE_ONLY.test(raw)) return false;
      } else {
        if (raw.includes(']]>')) return false;
        const t = raw.includes('&') ? decode(raw) : raw;
        if (t === null) return false;
        h.text(t);
      }
    }
    if (lt < 0) break;
    i = lt + 1;
    if (xml.charCodeAt(i) === 0x2f) {
      // </name >
      const e = nameEnd(xml, i + 1);
      if (e === i + 1) return false;
      const name = xml.slice(i + 1, e);
      let j = e;
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 0x3e || stack.pop() !== name) return false;
      closing.name = name;
      h.close(closing);
      if (stack.length === 0) rootDone = true;
      i = j + 1;
      continue;
    }
    if (rootDone) return false;
    const e = nameEnd(xml, i);
    if (e === i) return false;
    const name = xml.slice(i, e);
    // the attributes, in order: the first three in locals, the object made once the tag ends (see attributesOf)
    let count = 0;
    let n0 = '';
    let v0 = '';
    let n1 = '';
    let v1 = '';
    let n2 = '';
    let v2 = '';
    let more: Record<string, string> | null = null;
    let j = e;
    let selfClosing: boolean;
    for (;;) {
      let k = j;
      while (isSpace(xml.charCodeAt(k))) k++;
      const c = xml.charCodeAt(k);
      if (c === 0x3e) {
        selfClosing = false;
        j = k + 1;
        break;
      }
      if (c === 0x2f) {
        if (xml.charCodeAt(k + 1) !== 0x3e) return false;
        selfClosing = true;
        j = k + 2;
        break;
      }
      // an attribute, after at least one space
      if (k === j) return false;
      const ae = nameEnd(xml, k);
      if (ae === k) return false;
      const attr = xml.slice(k, ae);
      let q = ae;
      while (isSpace(xml.charCodeAt(q))) q++;
      if (xml.charCodeAt(q) !== 0x3d) return false;
      q++;
      while (isSpace(xml.charCodeAt(q))) q++;
      const quote = xml.charCodeAt(q);
      if (quote !== 0x22 && quote !== 0x27) return false;
      // the value, up to its quote: no '<', tab or line break; '&' only for the five entities
      let close = q + 1;
      let amp = false;
      for (;; close++) {
        const v = xml.charCodeAt(close);
        if (v === quote) break;
        if (v !== v || v === 0x3c || v === 0x09 || v === 0x0a) return false; // v !== v: the end of the text
        if (v === 0x26) amp = true;
      }
      const raw = xml.slice(q + 1, close);
      const v = amp ? decode(raw) : raw;
      if (v === null) return false;
      if (count === 0) {
        n0 = attr;
        v0 = v;
      } else if (count === 1) {
        n1 = attr;
        v1 = v;
      } else if (count === 2) {
        n2 = attr;
        v2 = v;
      } else {
        more ??= attributesOf(count, n0, v0, n1, v1, n2, v2);
        if (more === null || !put(more, attr, v)) return false;
      }
      count++;
      j = close + 1;
    }
    const attributes = more ?? attributesOf(count, n0, v0, n1, v1, n2, v2);
    if (attributes === null) return false;
    const node: PlainXmlNode = { name, attributes };
    stack.push(node.name);
    h.open(node);
    if (selfClosing) {
      stack.pop();
      h.close(node);
      if (stack.length === 0) rootDone = true;
    }
    i = j;
  }
  return rootDone && stack.length === 0;
}
