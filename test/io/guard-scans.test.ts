/**
 * The guards' scans of a part's bytes (io/read/guards.ts), made to run in one pass without decoding: countElements
 * counts the start tags (the cell budget is held on it before any reader runs), hasDoctype finds a DTD. Their oracles
 * here are the earlier ways: one search per spelling of the tag, a regular expression on the latin1 text.
 */
import { countElements, hasDoctype } from '../../io/read/guards';

/** One indexOf pass per "<name" + end and ":name" + end, a prefix walked back to its '<' (up to 31 characters). */
function oracle(xml: Buffer, name: string): number {
  let n = 0;
  for (const lead of ['<', ':']) {
    for (const tail of [' ', '>', '/', '\t', '\n', '\r']) {
      const needle = Buffer.from(lead + name + tail, 'latin1');
      for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + needle.length)) {
        if (lead === ':') {
          let j = i - 1;
          while (j >= 0 && j > i - 32 && /[\w.-]/.test(String.fromCharCode(xml[j]!))) j--;
          if (j < 0 || xml[j] !== 0x3c || j === i - 1) continue;
        }
        n++;
      }
    }
  }
  return n;
}

/** A small deterministic generator (no time, no Math.random: a failure names its seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('countElements', () => {
  test('counts start tags with and without a prefix, not end tags, longer names or text', () => {
    const xml = Buffer.from(
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c/><x:c r="B1"/><cc r="C1"/></row>' +
        '<x:row><ab.c-d_1:c>\n</ab.c-d_1:c><c\tr="x"/><c\r/><c\n/></x:row><a:b:c r="1"/>' +
        `<${'p'.repeat(31)}:c/><${'q'.repeat(32)}:c/></sheetData></worksheet><c`,
      'utf8',
    );
    expect(countElements(xml, 'c')).toBe(8);
    expect(countElements(xml, 'c')).toBe(oracle(xml, 'c'));
    expect(countElements(Buffer.from('<sst><si><t>a</t></si><si/><x:si>'), 'si')).toBe(3);
  });

  test('the same count as one search per spelling, on 3,000 random parts', () => {
    const bits = ['<', '</', 'c', 'si', ':', 'x', 'ab', '.', '-', '_', ' ', '>', '/', '\t', '\n', '\r', '"', '=', '镇', 'é', '<c ', '<x:c>', 'p'.repeat(30)];
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      let s = '';
      const len = Math.floor(r() * 60);
      for (let i = 0; i < len; i++) s += bits[Math.floor(r() * bits.length)];
      const xml = Buffer.from(s, 'utf8');
      for (const name of ['c', 'si']) {
        const got = countElements(xml, name);
        const want = oracle(xml, name);
        if (got !== want) throw new Error(`seed ${seed}, name ${name}: ${got} ≠ ${want} for ${JSON.stringify(s)}`);
      }
    }
  });
});

describe('hasDoctype', () => {
  test('as /<!DOCTYPE/i on the latin1 text, on crafted and 3,000 random heads', () => {
    const oracleDoctype = (b: Buffer) => /<!DOCTYPE/i.test(b.toString('latin1'));
    for (const s of ['<!DOCTYPE x>', '<?xml?><!doctype x>', '<!DocType', '<!DOCTYP', '<! DOCTYPE', '<!DOCTYPE', 'x<!<!DOCTYPE']) {
      expect(hasDoctype(Buffer.from(s, 'latin1'))).toBe(oracleDoctype(Buffer.from(s, 'latin1')));
    }
    const bits = ['<', '!', '<!', 'D', 'd', 'O', 'o', 'C', 'T', 'Y', 'P', 'E', 'e', 'DOCTYPE', 'doctype', '\xc4', '\xe4', ' ', 'x'];
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      let s = '';
      const len = Math.floor(r() * 40);
      for (let i = 0; i < len; i++) s += bits[Math.floor(r() * bits.length)];
      const b = Buffer.from(s, 'latin1');
      if (hasDoctype(b) !== oracleDoctype(b)) throw new Error(`seed ${seed}: ${JSON.stringify(s)}`);
    }
  });
});
