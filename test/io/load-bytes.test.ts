/**
 * A read worker reads the file named by its job itself, with blocking calls (loadFileBytesSync); readBuffer's road and
 * the tests' in-process pool read with the thread pool (loadFileBytes). Both must say the same of every kind of path a
 * towns' folder can hold, and the pool's read() must give the outcome of that file, whatever the road.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFileBytes, loadFileBytesSync } from '../../io/read/guards';
import { createReadPool } from '../../io/read/pool';

let dir: string;
const cases: Record<string, string> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-load-'));
  const sample = path.resolve(__dirname, '..', '..', 'sample', 'county', '云峰镇重点项目.xlsx');
  cases.workbook = path.join(dir, 'a.xlsx');
  fs.copyFileSync(sample, cases.workbook);
  cases.empty = path.join(dir, 'empty.xlsx');
  fs.writeFileSync(cases.empty, '');
  cases.folder = path.join(dir, 'folder.xlsx');
  fs.mkdirSync(cases.folder);
  cases.missing = path.join(dir, 'missing.xlsx');
  cases.dangling = path.join(dir, 'dangling.xlsx');
  fs.symlinkSync(path.join(dir, 'nowhere.xlsx'), cases.dangling);
  cases.loop = path.join(dir, 'loop.xlsx');
  fs.symlinkSync(cases.loop, cases.loop);
  cases.fifo = path.join(dir, 'fifo.xlsx');
  execFileSync('mkfifo', [cases.fifo]);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the blocking loader says what the thread-pool loader says, for every kind of path', async () => {
  const seen = new Set<string>();
  for (const [name, p] of Object.entries(cases)) {
    for (const opts of [undefined, { maxBytes: 1000 }]) {
      const a = await loadFileBytes(p, opts);
      const b = loadFileBytesSync(p, opts);
      expect({ name, outcome: b }).toEqual({ name, outcome: a });
      seen.add(a.ok ? 'ok' : `${a.code} ${a.message.slice(0, 12)}`);
    }
  }
  // the cases do reach different outcomes (a file, too large, empty, a folder, not a file, cannot be opened)
  expect(seen.size).toBeGreaterThanOrEqual(6);
});

test("the pool's worker reads each path itself and gives that file's outcome", async () => {
  const pool = createReadPool(1);
  try {
    expect(pool.mode).toBe('worker');
    for (const [name, p] of Object.entries(cases)) {
      const loaded = await loadFileBytes(p);
      const outcome = await pool.read(p, path.basename(p));
      if (loaded.ok) expect({ name, ok: outcome.ok }).toEqual({ name, ok: true });
      else expect({ name, outcome }).toEqual({ name, outcome: loaded });
    }
  } finally {
    await pool.close();
  }
});
