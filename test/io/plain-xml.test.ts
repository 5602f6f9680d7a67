/**
 * The plain-XML tokenizer (io/read/plain-xml.ts) against saxes, the tokenizer exceljs uses and the fast reader used
 * alone before: on every part of the sample county's workbooks, and on thousands of mutations of them (characters
 * inserted, removed or replaced with the ones XML treats specially), whenever the tokenizer answers, saxes reads the
 * same document without an error and gives the same events. (The province corpus and the 507 real-world files were
 * checked the same way when it was written; the fast reader's differential suites hold the Grids.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { entryBytes, readZipDirectory } from '../../io/read/zip';
import { scanPlainXml } from '../../io/read/plain-xml';

type Ev = string;

/** Events as saxes gives them (configured as the fast reader configures it), texts inside the root joined. */
function saxesEvents(xml: string): { events: Ev[]; error: boolean } {
  const p = new SaxesParser();
  const events: Ev[] = [];
  let depth = 0;
  let error = false;
  p.on('error', () => {
    error = true;
  });
  p.on('opentag', (n) => {
    depth++;
    events.push(`<${n.name} ${JSON.stringify(Object.entries(n.attributes))}`);
  });
  p.on('text', (t) => {
    if (depth === 0) return;
    if (events.length && events[events.length - 1]!.startsWith('"')) events[events.length - 1] = JSON.stringify(JSON.parse(events[events.length - 1]!) + t);
    else events.push(JSON.stringify(t));
  });
  p.on('closetag', (n) => {
    depth--;
    events.push(`</${n.name}`);
  });
  try {
    p.write(xml).close();
  } catch {
    error = true;
  }
  return { events, error };
}

function plainEvents(xml: string): Ev[] | null {
  const events: Ev[] = [];
  const ok = scanPlainXml(xml, {
    open: (n) => events.push(`<${n.name} ${JSON.stringify(Object.entries(n.attributes))}`),
    text: (t) => {
      if (events.length && events[events.length - 1]!.startsWith('"')) events[events.length - 1] = JSON.stringify(JSON.parse(events[events.length - 1]!) + t);
      else events.push(JSON.stringify(t));
    },
    close: (n) => events.push(`</${n.name}`),
  });
  return ok ? events : null;
}

const SAMPLE = path.resolve(__dirname, '..', '..', 'sample', 'county');

function sampleParts(): { name: string; xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  for (const f of readdirSync(SAMPLE).filter((x) => x.endsWith('.xlsx')).sort()) {
    const data = new Uint8Array(readFileSync(path.join(SAMPLE, f)));
    const zip = readZipDirectory(data);
    if (!zip.ok) continue;
    for (const e of zip.entries) {
      if (!/\.xml$/.test(e.name)) continue;
      const b = entryBytes(data, e, 64 * 1024 * 1024);
      if (b) out.push({ name: `${f}:${e.name}`, xml: b.toString('utf8') });
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('scanPlainXml', () => {
  const parts = sampleParts();

  test('reads the sample county\'s sheets, with the events saxes gives', () => {
    let sheets = 0;
    for (const { name, xml } of parts) {
      const mine = plainEvents(xml);
      const ref = saxesEvents(xml);
      if (/worksheets\/sheet/.test(name)) {
        // Excel's and our generator's sheets are plain: the tokenizer must answer for them, or it saves nothing (18 sheets)
        expect({ name, answered: mine !== null }).toEqual({ name, answered: true });
        sheets++;
      }
      if (mine) {
        expect(ref.error).toBe(false);
        expect(mine).toEqual(ref.events);
      }
    }
    expect(sheets).toBeGreaterThanOrEqual(18);
  });

  test('crafted documents: the same events, or no answer', () => {
    const docs = [
      '<a/>',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a x="1" y=\'2\'><b>t&amp;&lt;&gt;&quot;&apos;</b><c/></a>\n',
      '<a>x &#10; y</a>', '<a><!-- c --></a>', '<a><![CDATA[x]]></a>', '<a x="1"y="2"/>', '<a x="1" x="2"/>',
      '<a>]]></a>', '<a></b>', '<a>', '<a/><b/>', 'x<a/>', '<a/>x', '<a x="\t"/>', '<a>\r\n</a>', '<a>&foo;</a>',
      '<a x=1/>', '<?xml version="1.1"?><a/>', '\ufeff<a/>', '<a>\u0001</a>', '< a/>', '<a >t</a >', '<a:b c:d="1"/>',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<a/>', '<?xml version="1.0" encoding="utf-8" standalone="no" ?>\n<a/>',
      '<?xml version="1.0" encoding="UTF-8"?>\r\n\r\n<a/>', '<?xml version="1.0"?>\r<a/>', '<?xml version="1.0" ?><a/>',
      '<a x="&amp;&#38;"/>', '<a x=">"/>', '<a __proto__="1"/>', '<a constructor="1" toString="2"/>', '<1/>', '<a>\ud83d\ude00</a>',
    ];
    for (const xml of docs) {
      const mine = plainEvents(xml);
      if (mine === null) continue;
      const ref = saxesEvents(xml);
      expect({ xml, error: ref.error }).toEqual({ xml, error: false });
      expect({ xml, events: mine }).toEqual({ xml, events: ref.events });
    }
  });

  test("a tag's attributes in any number and order: saxes's events; a duplicate or an inherited name, no answer", () => {
    const answered = [
      '<c r="A1" s="2" t="s"/>', '<c r="A1" s="2"/>', '<c r="A1"/>', '<c r="A1" t="s"/>', '<c s="2" r="A1" t="s"/>',
      '<c t="s" s="2" r="A1"/>', '<c r="A1" s="2" t="s" x="1"/>', '<c r="A1" s="2" t="s" x="1" y="&amp;" z=""/>',
      '<c a="1" b="2" c="3" d="4" e="5"/>', '<row r="3" spans="1:17" x14ac:dyDescent="0.25"><c r="A3" s="1" t="s"><v>0</v></c></row>',
      '<c r="" s=\'\' t="&lt;"/>', '<a><c r="A1" s="2" t="s"/><c r="B1" s="2"/><c r="C1"/><c/></a>',
    ];
    const refused = [
      '<c r="A1" r="B1"/>', '<c r="A1" s="1" r="B1"/>', '<c r="A1" s="2" t="s" r="B1"/>', '<c r="A1" s="2" t="s" t="n"/>',
      '<c a="1" b="2" c="3" a="4"/>', '<c a="1" b="2" c="3" d="4" c="5"/>', '<c a="1" b="2" c="3" d="4" d="5"/>',
      '<c r="1" s="2" t="3" __proto__="4"/>', '<c r="1" __proto__="2"/>', '<c a="1" b="2" c="3" d="4" constructor="5"/>',
      '<c r="A1" s="2" t="&foo;"/>', '<c r="A1" s="2" t="s" x="&#38;"/>',
    ];
    for (const xml of answered) {
      const ref = saxesEvents(xml);
      expect({ xml, error: ref.error }).toEqual({ xml, error: false });
      expect({ xml, events: plainEvents(xml) }).toEqual({ xml, events: ref.events });
    }
    for (const xml of refused) expect({ xml, events: plainEvents(xml) }).toEqual({ xml, events: null });
  });

  test('4,000 mutated parts: whenever it answers, saxes reads them without an error and gives the same events', () => {
    const sheets = parts.filter((p) => /worksheets\/sheet|sharedStrings|workbook\.xml|styles/.test(p.name));
    const bits = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', '\t', '\n', '\r', '!', '?', ']', '[', '-', 'a', '1', ':', '&amp;', '&lt;', '&#10;', '&x;', ']]>', '<!--', '\u0001', '\ufffe', '\ud800', '镇', '</c>', '<c>', '<v>', '</v>', '/>'];
    let answered = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const r = rng(seed);
      const base = sheets[Math.floor(r() * sheets.length)]!.xml;
      // a window of the part keeps the test quick; windows that cut a tag are mutations too
      let xml = base.length > 3000 && r() < 0.5 ? base.slice(0, 3000) + base.slice(-200) : base;
      const edits = 1 + Math.floor(r() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * xml.length);
        const what = r();
        const bit = bits[Math.floor(r() * bits.length)]!;
        if (what < 0.4) xml = xml.slice(0, at) + bit + xml.slice(at);
        else if (what < 0.7) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(r() * 3));
        else xml = xml.slice(0, at) + bit + xml.slice(at + bit.length);
      }
      const mine = plainEvents(xml);
      if (mine === null) continue;
      answered++;
      const ref = saxesEvents(xml);
      if (ref.error || JSON.stringify(mine) !== JSON.stringify(ref.events)) {
        throw new Error(`seed ${seed}: the tokenizer answered where saxes ${ref.error ? 'errs' : 'differs'}`);
      }
    }
    // mutations inside text or attribute values keep many documents plain: the answers are tested, not only the refusals
    expect(answered).toBeGreaterThan(300);
  });
});
