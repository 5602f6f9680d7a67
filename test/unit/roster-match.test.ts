/**
 * The roster matcher (core/roster.ts townMatcher) is indexed by first character; it must give exactly what trying
 * every roster key in turn (longest first, a position claimed once) gives. Reference: that plain loop.
 */
import fc from 'fast-check';
import { RosterTown, townMatcher } from '../../core/roster';
import { nameKey } from '../../core/text';

function reference(roster: RosterTown[]): (text: string) => { town: string; index: number }[] {
  const keys: { key: string; town: string }[] = [];
  for (const t of roster) {
    keys.push({ key: nameKey(t.name), town: t.name });
    const stem = nameKey(t.name).replace(/(镇|乡|街道|办事处)$/, '');
    if (stem.length >= 2 && stem !== nameKey(t.name)) keys.push({ key: stem, town: t.name });
    for (const a of t.aliases) if (nameKey(a).length >= 2) keys.push({ key: nameKey(a), town: t.name });
  }
  keys.sort((a, b) => b.key.length - a.key.length);
  return (text) => {
    const k = nameKey(text);
    const found: { town: string; index: number }[] = [];
    const taken: boolean[] = [];
    for (const { key, town } of keys) {
      if (key === '') continue; // the plain loop never ended on an empty key
      let i = k.indexOf(key);
      while (i >= 0) {
        if (!taken[i]) {
          found.push({ town, index: i });
          for (let j = i; j < i + key.length; j++) taken[j] = true;
        }
        i = k.indexOf(key, i + 1);
      }
    }
    return found.sort((a, b) => a.index - b.index);
  };
}

// a small alphabet so that names overlap, share stems and prefixes
const ch = fc.constantFrom('云', '峰', '青', '溪', '镇', '乡', '街', '道', '东', '山', 'a', ' ', '（');
const word = fc.array(ch, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
const town = fc.record({ name: word, aliases: fc.array(word, { maxLength: 2 }) });

test('same matches as trying every key in turn, on random rosters and texts', () => {
  // texts are made of pieces of the roster's names and random characters, so that keys overlap in them
  const case_ = fc.array(town, { minLength: 1, maxLength: 12 }).chain((roster) => {
    const words = roster.flatMap((t) => [t.name, ...t.aliases]);
    const piece = fc.oneof(ch, fc.constantFrom(...words), fc.constantFrom(...words).map((w) => w.slice(1)));
    return fc.tuple(fc.constant(roster), fc.array(fc.array(piece, { maxLength: 8 }).map((a) => a.join('')), { maxLength: 6 }));
  });
  fc.assert(
    fc.property(case_, ([roster, texts]) => {
      const fast = townMatcher(roster);
      const slow = reference(roster);
      for (const t of [...texts, ...roster.map((r) => `填报单位：${r.name}人民政府`)]) expect(fast(t)).toEqual(slow(t));
    }),
    { numRuns: 500, seed: 20261126 },
  );
});

test('longest name wins over its stem and a shorter name inside it', () => {
  const m = townMatcher([
    { name: '云峰镇', aliases: [] },
    { name: '峰镇', aliases: [] },
    { name: '青溪乡', aliases: ['青溪'] },
  ]);
  expect(m('云峰镇、青溪、峰镇')).toEqual([
    { town: '云峰镇', index: 0 },
    { town: '青溪乡', index: 3 }, // positions in the name key (punctuation dropped)
    { town: '峰镇', index: 5 },
  ]);
});

test('a roster name of punctuation only is never found and does not hang the matcher', () => {
  const m = townMatcher([{ name: '（—）', aliases: ['、、'] }, { name: '云峰镇', aliases: [] }]);
  expect(m('云峰镇（—）')).toEqual([{ town: '云峰镇', index: 0 }]);
  expect(m('')).toEqual([]);
});
