/**
 * Faults around the outputs, with the built command line on the sample county: the run killed (SIGKILL) at random
 * moments never leaves a partial or mixed summary; unwritable paths, a full disk (a real small tmpfs when mounting is
 * permitted, and a real EFBIG through `prlimit --fsize`) give exit 2, a Chinese message naming the file and the previous
 * summary intact; two runs on the same output never corrupt it (one waits for nobody: it is refused, naming the other).
 *
 * The kill trials use a seeded PRNG: the seed is printed; XCS_FAULT_SEED=<seed> replays a failure (XCS_FAULT_TRIALS=<n>
 * changes the number of trials, 50 by default). Two trials run at a time; on a quiet 2-core machine a run takes ~2 s.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { tmpDir } from '../support/books';
import { corpus } from '../../tools/bench/corpus';
import { mulberry32 as prng } from '../../tools/lib/prng';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');
const COUNTY = path.join(ROOT, 'sample', 'county');
const ROSTER = path.join(ROOT, 'sample', 'roster.csv');
const AS_OF = ['2015-10-31', '2015-11-07'] as const;

// --no-convert: these are faults around the outputs; the sample's one legacy .xls would start LibreOffice in every run
// (seconds each, and a kill would leave it converting), and a failing XCS_SOFFICE (the --pdf case) would fail it too.
// The conversion's own faults (time-out, kill, Ctrl-C) are test/external/legacy.test.ts's.
const args = (out: string, json: string | null, asOf: string = AS_OF[0]) =>
  [COUNTY, '--roster', ROSTER, '--as-of', asOf, '--out', out, ...(json ? ['--json', json] : []), '--quiet', '--jobs', '1', '--no-convert'];

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  pid: number;
  ms: number;
}

function start(argv: string[], prefix: string[] = [], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; done: Promise<Done> } {
  const t0 = Date.now();
  const [cmd, ...pre] = prefix.length ? prefix : [process.execPath];
  const child = spawn(cmd, [...pre, ...(prefix.length ? [process.execPath] : []), CLI, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<Done>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, pid: child.pid!, ms: Date.now() - t0 })),
  );
  return { child, done };
}

const run = (argv: string[], prefix: string[] = []) => start(argv, prefix).done;

type Summary = { sheets: string[]; asOf: string; total: unknown[] };
/** Summaries already opened, by content hash: a kill mostly leaves the file as it was, no need to open it again. */
const opened = new Map<string, Summary>();

/** What a summary says: its sheets, the as-of in its title and the county total row of the overview. */
async function summaryOf(file: string): Promise<Summary> {
  const hash = createHash('sha256').update(await fsp.readFile(file)).digest('hex');
  const known = opened.get(hash);
  if (known) return known;
  const s = await openSummary(file);
  opened.set(hash, s);
  return s;
}

async function openSummary(file: string): Promise<Summary> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('汇总概览');
  if (!ws) throw new Error(`${file}: no 汇总概览`);
  const title = String(ws.getCell('A1').value ?? ws.getCell('B1').value);
  const m = /截至(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(title);
  let total: unknown[] = [];
  ws.eachRow((row) => {
    const v = row.values as unknown[];
    if (v.includes('全县合计')) total = v.slice(1);
  });
  if (!m || !total.length) throw new Error(`${file}: title or 全县合计 missing`);
  const asOf = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return { sheets: wb.worksheets.map((w) => w.name), asOf, total };
}


const exists = (p: string) => fsp.stat(p).then(() => true, () => false);
const leftovers = async (dir: string) => (await fsp.readdir(dir)).filter((n) => n.startsWith('.'));

let base: string;
/** The complete outputs of a full run, for each as-of. */
const ref: Record<string, { summary: Awaited<ReturnType<typeof summaryOf>>; json: unknown; xlsx: Buffer; jsonText: string }> = {};
let fullMs = 0;
/** When the first temporary output appeared in the measured run, as a fraction of its run time. */
let writeFrom = 1;

beforeAll(async () => {
  base = await tmpDir('xcs-faults-');
  // both at once, as the trials run two at a time: the run time and the writing moment are measured in those conditions
  await Promise.all(AS_OF.map(async (asOf) => {
    const dir = path.join(base, `ref-${asOf}`);
    await fsp.mkdir(dir);
    const t0 = Date.now();
    const pending = run(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), asOf));
    // watch for the first temporary output: where the writing starts
    let firstTmp = 0;
    let over = false;
    void pending.then(() => (over = true));
    while (!over && !firstTmp) {
      if ((await fsp.readdir(dir)).some((n) => n.endsWith('.tmp'))) firstTmp = Date.now() - t0;
      else await new Promise((r) => setTimeout(r, 5));
    }
    const r = await pending;
    expect(r.code).toBe(1); // the sample has a rejected file and a missing town
    fullMs = Math.max(fullMs, r.ms);
    if (firstTmp) writeFrom = Math.min(writeFrom, firstTmp / r.ms);
    const jsonText = readFileSync(path.join(dir, 'r.json'), 'utf8');
    ref[asOf] = { summary: await summaryOf(path.join(dir, 's.xlsx')), json: JSON.parse(jsonText), jsonText, xlsx: readFileSync(path.join(dir, 's.xlsx')) };
    expect(await leftovers(dir)).toEqual([]);
  }));
  if (writeFrom === 1) writeFrom = 0.8; // not seen (too quick to catch): the last fifth
  expect(ref[AS_OF[0]].summary.asOf).toBe(AS_OF[0]);
  expect(ref[AS_OF[1]].summary.asOf).toBe(AS_OF[1]);
}, 120000);

/** Pre-populates `dir` with the complete outputs of the first as-of. */
async function prepopulate(dir: string, json = true): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(path.join(dir, 's.xlsx'), ref[AS_OF[0]].xlsx);
  if (json) await fsp.writeFile(path.join(dir, 'r.json'), ref[AS_OF[0]].jsonText);
}

/** The invariant after any interruption: a whole summary from one run, a JSON (if any) from that same run. */
async function checkOutputs(dir: string, label: string, firstRun: boolean): Promise<string[]> {
  const problems: string[] = [];
  const xlsx = path.join(dir, 's.xlsx');
  const json = path.join(dir, 'r.json');
  let asOf: string | null = null;
  if (await exists(xlsx)) {
    try {
      const s = await summaryOf(xlsx);
      asOf = s.asOf;
      const want = ref[s.asOf];
      if (!want) problems.push(`${label}: summary of an unknown as-of ${s.asOf}`);
      else {
        if (JSON.stringify(s.sheets) !== JSON.stringify(want.summary.sheets)) problems.push(`${label}: sheets ${s.sheets.join(',')}`);
        if (JSON.stringify(s.total) !== JSON.stringify(want.summary.total)) problems.push(`${label}: county total ${JSON.stringify(s.total)}`);
      }
    } catch (err) {
      problems.push(`${label}: summary does not open: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else if (!firstRun) problems.push(`${label}: the previous summary is gone`);
  if (await exists(json)) {
    try {
      const j = JSON.parse(await fsp.readFile(json, 'utf8')) as { asOf: string };
      if (asOf === null) problems.push(`${label}: a JSON without its summary`);
      else if (j.asOf !== asOf) problems.push(`${label}: JSON of ${j.asOf} beside the summary of ${asOf} (mixed runs)`);
      else if (JSON.stringify(j) !== JSON.stringify(ref[asOf].json)) problems.push(`${label}: JSON differs from the full report`);
    } catch (err) {
      problems.push(`${label}: JSON does not parse: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // nothing beside the outputs looks like an output: leftovers are dot-files, never .xlsx/.json
  for (const n of await fsp.readdir(dir)) {
    if (n === 's.xlsx' || n === 'r.json') continue;
    if (!n.startsWith('.') || /\.(xlsx|json|pdf)$/i.test(n)) problems.push(`${label}: stray file ${n}`);
  }
  return problems;
}

describe('killed at random moments (SIGKILL)', () => {
  const TRIALS = Number(process.env.XCS_FAULT_TRIALS) || 50;
  const seed = Number(process.env.XCS_FAULT_SEED) || (Date.now() % 2 ** 31);

  test(`${TRIALS} kills: the destination always holds one whole run's summary and JSON, and leftovers are cleaned by the next run`, async () => {
    console.log(`faults: kill trials seed ${seed} (XCS_FAULT_SEED=${seed} replays), a full run took ${fullMs} ms, writing from ${(writeFrom * 100).toFixed(0)}% of it`);
    const rand = prng(seed);
    const problems: string[] = [];
    const lanes = [0, 1].map((l) => ({ prefilled: path.join(base, `kill-${l}`), fresh: path.join(base, `fresh-${l}`) }));
    for (const l of lanes) {
      await prepopulate(l.prefilled);
      await fsp.mkdir(l.fresh);
    }
    let killed = 0;
    let finished = 0;
    let maxLeft = 0;
    const plan = Array.from({ length: TRIALS }, (_, i) => {
      // a third over the whole run, a third over its second half, a third while the outputs are being written
      const span = [[0, 1.1], [0.5, 1.05], [Math.max(0, writeFrom - 0.05), 1.05]][i % 3];
      return {
        at: span[0] + rand() * (span[1] - span[0]),
        asOf: AS_OF[rand() < 0.5 ? 0 : 1],
        fresh: rand() < 0.2,
      };
    });
    // the run time measured before the trials was cold: a run that finishes before its kill shortens the estimate, so
    // that the kills keep landing inside the runs however fast the machine is
    let estimate = fullMs;
    async function lane(l: number) {
      for (let i = l; i < TRIALS; i += 2) {
        const p = plan[i];
        const delay = Math.round(estimate * p.at);
        const dir = p.fresh ? lanes[l].fresh : lanes[l].prefilled;
        const { child, done } = start(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), p.asOf));
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        const r = await done;
        clearTimeout(timer);
        if (r.signal === 'SIGKILL') killed++;
        else if (r.code === 1) {
          finished++;
          estimate = Math.min(estimate, r.ms);
        }
        else problems.push(`trial ${i} (seed ${seed}): exit ${r.code} ${r.stderr.trim()}`);
        const label = `trial ${i} (seed ${seed}, ${delay} ms, ${p.asOf}${p.fresh ? ', first run' : ''})`;
        problems.push(...(await checkOutputs(dir, label, p.fresh)));
        maxLeft = Math.max(maxLeft, (await leftovers(dir)).length);
      }
    }
    await Promise.all([lane(0), lane(1)]);
    console.log(`faults: ${killed} killed, ${finished} finished before the kill (run time estimate ${fullMs} → ${estimate} ms), at most ${maxLeft} leftover dot-files at once`);
    expect(problems).toEqual([]);
    expect(killed).toBeGreaterThanOrEqual(TRIALS / 2);
    // leftovers do not pile up: each run removes those of dead runs (a run killed before its lock leaves the last ones)
    expect(maxLeft).toBeLessThanOrEqual(8);
    // a normal run after all that takes over the stale locks, removes every leftover and writes a whole summary
    for (const l of lanes) {
      for (const dir of [l.prefilled, l.fresh]) {
        const r = await run(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json')));
        expect(r.stderr).not.toMatch(/另一次汇总/);
        expect(r.code).toBe(1);
        expect(await leftovers(dir)).toEqual([]);
        expect(await checkOutputs(dir, 'after', false)).toEqual([]);
      }
    }
  }, 300000);
});

describe('an output that cannot be written: exit 2, a Chinese message naming it, nothing written', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tmpDir('xcs-unwritable-');
    await fsp.writeFile(path.join(dir, 'plain.txt'), 'a regular file');
    await fsp.mkdir(path.join(dir, 'folder.xlsx'));
    await fsp.mkdir(path.join(dir, 'folder.json'));
  });
  const cases: [string, () => string[], RegExp][] = [
    ['a path under a regular file (ENOTDIR)', () => args(path.join(dir, 'plain.txt', 's.xlsx'), null), /输出目录无效：.*plain\.txt/],
    ['a folder that does not exist', () => args(path.join(dir, 'nope', 's.xlsx'), null), /输出目录不存在：.*nope/],
    ['--out is a folder', () => args(path.join(dir, 'folder.xlsx'), null), /输出路径 .*folder\.xlsx 是一个文件夹/],
    ['--json is a folder', () => args(path.join(dir, 's.xlsx'), path.join(dir, 'folder.json')), /输出路径 .*folder\.json 是一个文件夹/],
    ['a folder of /proc (no new files, even for root)', () => args('/proc/xcs-summary.xlsx', null), /无法在 \/proc 中创建文件，不能写入 \/proc\/xcs-summary\.xlsx/],
    ['a folder of /sys (no new files, even for root)', () => args('/sys/xcs-summary.xlsx', null), /没有权限写入 \/sys\/xcs-summary\.xlsx/],
    ['--json equal to --out', () => args(path.join(dir, 's.xlsx'), path.join(dir, 's.xlsx')), /--json 与 --out 不能是同一个文件/],
    ['--out inside the towns\' folder', () => args(path.join(COUNTY, 's.xlsx'), null), /不能放在报表文件夹/],
  ];
  test.each(cases)('%s', async (_name, argv, message) => {
    const before = (await fsp.readdir(dir)).sort();
    const county = (await fsp.readdir(COUNTY)).sort();
    const r = await run(argv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+|Error:/);
    expect((await fsp.readdir(dir)).sort()).toEqual(before);
    expect((await fsp.readdir(COUNTY)).sort()).toEqual(county);
  });
});

describe('a full disk', () => {
  test('EFBIG (prlimit --fsize): exit 2, the message names the summary, the previous summary and JSON intact, no temporary file', async () => {
    const prlimit = spawnSync('prlimit', ['--version'], { encoding: 'utf8' });
    if (prlimit.error) {
      console.warn(`faults: prlimit not available (${prlimit.error.message}); EFBIG not exercised`);
      return;
    }
    const dir = path.join(base, 'efbig');
    await prepopulate(dir);
    // the summary is ~170 KB: a 100 KB file size limit stops it half-way
    const r = await run(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]), ['prlimit', '--fsize=100000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：文件超出系统允许的大小（磁盘或配额已满），无法写入 .*s\.xlsx/);
    expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[0]].jsonText);
    expect(await leftovers(dir)).toEqual([]);
  });

  test('a big run, whose JSON is written while its summary is: the file over the limit is named, the other not committed, no temporary file', async () => {
    const prlimit = spawnSync('prlimit', ['--version'], { encoding: 'utf8' });
    if (prlimit.error) {
      console.warn(`faults: prlimit not available (${prlimit.error.message}); the big run's EFBIG not exercised`);
      return;
    }
    // enough towns for a big summary (10,000 data rows or more: io/write/summary-workbook.ts, isBigSummary)
    const c = await corpus(150, 11);
    expect(c.projects + c.indicators).toBeGreaterThanOrEqual(10000);
    const bigArgs = (dir: string) => [c.folder, '--roster', c.roster, '--as-of', '2015-10-31', '--out', path.join(dir, 's.xlsx'), '--json', path.join(dir, 'r.json'), '--quiet', '--jobs', '2'];
    const whole = path.join(base, 'big-whole');
    await fsp.mkdir(whole);
    expect((await run(bigArgs(whole))).code).toBe(0);
    const sizes = { xlsx: (await fsp.stat(path.join(whole, 's.xlsx'))).size, json: (await fsp.stat(path.join(whole, 'r.json'))).size };
    // the report is the larger file: a limit between the two stops the JSON alone, one under both stops both
    expect(sizes.json).toBeGreaterThan(sizes.xlsx * 1.5);
    for (const [limit, named] of [[Math.round((sizes.xlsx + sizes.json) / 2), /r\.json/], [Math.round(sizes.xlsx / 2), /s\.xlsx/]] as const) {
      const dir = path.join(base, `big-${limit}`);
      await prepopulate(dir);
      const r = await run(bigArgs(dir), ['prlimit', `--fsize=${limit}`]);
      expect(r.code).toBe(2);
      // a summary that does not fit is the one named, even when its JSON did not fit either
      expect(r.stderr).toMatch(/^错误：文件超出系统允许的大小（磁盘或配额已满），无法写入 /);
      expect(r.stderr).toMatch(named);
      expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
      expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[0]].jsonText);
      expect(await leftovers(dir)).toEqual([]);
    }
  }, 120000);

  // a real ENOSPC: a small tmpfs (needs mount permission; skipped with the reason when not permitted)
  const mnt = path.join(os.tmpdir(), `xcs-faults-tmpfs-${process.pid}`);
  let mountProblem: string | null = null;
  spawnSync('mkdir', ['-p', mnt]);
  const probe = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) mountProblem = (probe.error?.message ?? probe.stderr).trim() || `mount exit ${probe.status}`;
  else spawnSync('umount', [mnt]);
  const mounted = mountProblem ? test.skip : test;
  const why = mountProblem ? ` [skipped: cannot mount a tmpfs here: ${mountProblem}]` : '';

  async function withTmpfs(sizeKb: number, body: (dir: string) => Promise<void>) {
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', mnt], { encoding: 'utf8' });
    expect(m.status).toBe(0);
    try {
      await body(mnt);
    } finally {
      spawnSync('umount', [mnt]);
    }
  }

  afterAll(async () => {
    spawnSync('umount', [mnt]);
    await fsp.rmdir(mnt).catch(() => undefined);
  });

  mounted(`ENOSPC while writing the summary: exit 2, the message names it, the previous summary and JSON intact${why}`, async () => {
    // 300 KB holds last run's summary and JSON (~245 KB) but not a second summary
    await withTmpfs(300, async (dir) => {
      await prepopulate(dir);
      const r = await run(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^错误：磁盘空间不足，无法写入 .*s\.xlsx，请清理磁盘后重试/);
      expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
      expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[0]].jsonText);
      expect(await leftovers(dir)).toEqual([]);
    });
  });

  mounted(`ENOSPC at the JSON, after the summary was written: nothing is replaced, the message names the JSON${why}`, async () => {
    // 400 KB: the old summary and the new one fit (~2 × 170 KB), the JSON (~70 KB) does not
    await withTmpfs(400, async (dir) => {
      await prepopulate(dir, false);
      const r = await run(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^错误：磁盘空间不足，无法写入 .*r\.json/);
      // the summary staged before the JSON failed is not committed: the old one stays, no JSON appears
      expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
      expect(await exists(path.join(dir, 'r.json'))).toBe(false);
      expect(await leftovers(dir)).toEqual([]);
    });
  });
});

describe('a run left with nothing to wait for', () => {
  test('a write that never ends (a stand-in for a defect): exit 2 with a message, not a silent exit 0; no lock or temporary file left, the previous outputs intact', async () => {
    const dir = path.join(base, 'never');
    await prepopulate(dir);
    // node ends a process with nothing left to wait for, with exit 0 unless told otherwise
    const never = path.join(base, 'never-settles.js');
    await fsp.writeFile(never, "require('node:fs/promises').writeFile = () => new Promise(() => {});\n");
    const r = await start(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]), [], { ...process.env, NODE_OPTIONS: `--require ${never}` }).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：汇总中断（内部错误：/);
    expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[0]].jsonText);
    expect(await leftovers(dir)).toEqual([]);
  });
});

describe('two runs on the same output at once', () => {
  async function race(dir: string, asOfs: [string, string]) {
    const a = start(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), asOfs[0]));
    const b = start(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), asOfs[1]));
    const runs = await Promise.all([a.done, b.done]);
    const winners = runs.filter((r) => r.code === 1);
    const losers = runs.filter((r) => r.code === 2);
    expect([winners.length, losers.length]).toEqual([1, 1]);
    const [winner] = winners;
    const [loser] = losers;
    // the loser names the run that holds the output, and wrote nothing
    expect(loser.stderr).toMatch(new RegExp(`^错误：另一次汇总（进程 ${winner.pid}，.* 开始）正在写入 .*(s\\.xlsx|r\\.json)，本次未汇总、未写出任何文件`));
    expect(loser.stderr).not.toMatch(/at .*\.js:\d+/);
    const winnerAsOf = asOfs[runs.indexOf(winner)];
    const s = await summaryOf(path.join(dir, 's.xlsx'));
    expect(s.asOf).toBe(winnerAsOf);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[winnerAsOf].jsonText);
    expect(await checkOutputs(dir, 'race', false)).toEqual([]);
    expect(await leftovers(dir)).toEqual([]);
  }

  test('same inputs: one writes, the other is refused with exit 2 naming it', async () => {
    const dir = path.join(base, 'race-same');
    await prepopulate(dir);
    await race(dir, [AS_OF[0], AS_OF[0]]);
  }, 120000);

  test('different as-of: the summary and the JSON are both from the run that wrote', async () => {
    const dir = path.join(base, 'race-diff');
    await prepopulate(dir);
    await race(dir, [AS_OF[1], AS_OF[0]]);
  }, 120000);

  test('a stale lock of a dead run (and its temporary file) is taken over by exactly one of two racing runs', async () => {
    const dir = path.join(base, 'race-stale');
    await prepopulate(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    for (const name of ['s.xlsx', 'r.json']) {
      await fsp.writeFile(path.join(dir, `.${name}.lock`), JSON.stringify({ pid, host: os.hostname(), started: new Date().toISOString(), procStart: null, target: path.join(dir, name) }));
    }
    await fsp.writeFile(path.join(dir, `.s.xlsx.${pid}.${Date.now()}.0.tmp`), 'half a summary');
    await race(dir, [AS_OF[0], AS_OF[1]]);
  }, 120000);

  test('a lock held by a live process is respected: exit 2 naming that process, the outputs untouched', async () => {
    const dir = path.join(base, 'held');
    await prepopulate(dir);
    const lock = path.join(dir, '.s.xlsx.lock');
    // this jest worker is alive: its lock stands
    await fsp.writeFile(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), started: new Date().toISOString(), procStart: null, target: path.join(dir, 's.xlsx') }));
    const r = await run(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`另一次汇总（进程 ${process.pid}，`);
    expect(r.stderr).toContain(lock);
    expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[0]].jsonText);
    expect(await leftovers(dir)).toEqual(['.s.xlsx.lock']);
  });
});

describe('interrupted politely, or the PDF failing', () => {
  // the locks are taken in a fixed order: r.json's first, then s.xlsx's
  test.each([
    ['as soon as its first lock is taken (before the second)', 'sigint-first-lock', '.r.json.lock', 1],
    ['(SIGINT) once the run holds its lock', 'sigint', '.s.xlsx.lock', 5],
  ])('Ctrl-C %s: exit 2, no lock or temporary file left, the previous outputs intact', async (_when, name, lockFile, pollMs) => {
    const dir = path.join(base, name);
    await prepopulate(dir);
    const { child, done } = start(args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]));
    let over = false;
    void done.then(() => (over = true));
    while (!over && !(await exists(path.join(dir, lockFile)))) await new Promise((r) => setTimeout(r, pollMs));
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/错误：汇总被中断（SIGINT）/);
    expect(await leftovers(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 's.xlsx')).equals(ref[AS_OF[0]].xlsx)).toBe(true);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[0]].jsonText);
  });

  test('--pdf failing: a warning, exit 1, the summary and JSON written, the old PDF removed (it would not match)', async () => {
    const dir = path.join(base, 'pdf-fails');
    await prepopulate(dir);
    await fsp.writeFile(path.join(dir, 's-通报.pdf'), '%PDF- last week');
    const r = await start([...args(path.join(dir, 's.xlsx'), path.join(dir, 'r.json'), AS_OF[1]), '--pdf'], [], { ...process.env, XCS_SOFFICE: '/bin/false' }).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/警告：LibreOffice 没有生成 PDF/);
    expect(await exists(path.join(dir, 's-通报.pdf'))).toBe(false);
    expect((await summaryOf(path.join(dir, 's.xlsx'))).asOf).toBe(AS_OF[1]);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe(ref[AS_OF[1]].jsonText);
    expect(await leftovers(dir)).toEqual([]);
  });
});
