/**
 * Tests that need a program outside Node (LibreOffice, Chromium, poppler, GNU time, unzip) declare it:
 *
 *   const { describe, test } = needs('soffice', 'pdftotext');   // at the top of the suite, shadowing jest's
 *   needs('soffice').test('LibreOffice opens …', async () => …); // or for one test in a suite that mostly needs none
 *
 * When every program is found, jest's own functions come back. When one is missing:
 *  - by default the suite's tests are skipped, each title tagged `[not run: needs soffice — apt-get install
 *    libreoffice-calc-nogui]`, and the count reporter names the suite and the install command at the end of the run;
 *  - with XCS_REQUIRE_EXTERNAL=1 (set by .ci/run) the suite fails instead: a green CI never hides a skipped suite.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/** Each program the tests run, with the Debian package that installs it. */
export const PROGRAMS = {
  soffice: { what: 'LibreOffice', apt: 'libreoffice-calc-nogui' },
  chromium: { what: 'Chromium', apt: 'chromium' },
  pdftotext: { what: 'poppler', apt: 'poppler-utils' },
  pdfinfo: { what: 'poppler', apt: 'poppler-utils' },
  pdfimages: { what: 'poppler', apt: 'poppler-utils' },
  pdftoppm: { what: 'poppler', apt: 'poppler-utils' },
  unzip: { what: 'unzip', apt: 'unzip' },
  time: { what: 'GNU time (/usr/bin/time)', apt: 'time' },
  '7z': { what: '7-Zip', apt: 'p7zip-full' },
} as const;
export type Program = keyof typeof PROGRAMS;

/** The tag a skipped test's title carries; count-reporter.js looks for it. */
export const NOT_RUN = '[not run: ';

type Env = Record<string, string | undefined>;

function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `name` is on env.PATH (GNU time: /usr/bin/time itself, the shell's `time` is a keyword), or null. */
export function findProgram(name: Program, env: Env = process.env): string | null {
  if (name === 'time') return executable('/usr/bin/time') ? '/usr/bin/time' : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export type Plan = { run: true } | { run: false; reason: string } | { fail: string };

/** What to do with a suite needing `names`: run it, skip it (and say why), or fail it (XCS_REQUIRE_EXTERNAL=1). */
export function planFor(names: Program[], env: Env = process.env, find: (n: Program) => string | null = (n) => findProgram(n, env)): Plan | { run: false; reason: string } {
  const missing = names.filter((n) => !find(n));
  if (!missing.length) return { run: true };
  const packages = [...new Set(missing.map((n) => PROGRAMS[n].apt))];
  const reason = `needs ${missing.join(', ')} — apt-get install ${packages.join(' ')}`;
  if (env.XCS_REQUIRE_EXTERNAL === '1') return { fail: `${reason} (XCS_REQUIRE_EXTERNAL=1: a program the tests need is missing, which is a failure here)` };
  return { run: false, reason };
}

type Hook = typeof beforeAll;
export interface Needed {
  describe: jest.Describe;
  test: jest.It;
  it: jest.It;
  beforeAll: Hook;
  afterAll: Hook;
  beforeEach: Hook;
  afterEach: Hook;
  /** Where the program is (for a test that must hand its path on), when found. */
  path(name: Program): string;
}

/** jest's functions for a suite needing `names`; see the header. */
export function needs(...names: Program[]): Needed {
  const plan = planFor(names);
  const found: Needed['path'] = (n) => findProgram(n) ?? n;
  if ('fail' in plan) throw new Error(plan.fail);
  if (plan.run) return { describe, test, it, beforeAll, afterAll, beforeEach, afterEach, path: found };
  const tag = (name: unknown) => `${String(name)} ${NOT_RUN}${plan.reason}]`;
  const skipTest = ((name: string, fn?: jest.ProvidesCallback, timeout?: number) => test.skip(tag(name), fn, timeout)) as unknown as jest.It;
  Object.assign(skipTest, test, { only: skipTest, concurrent: skipTest, failing: skipTest, each: test.skip.each, todo: test.todo, skip: test.skip });
  const skipDescribe = ((name: string, fn: jest.EmptyFunction) => describe.skip(tag(name), fn)) as unknown as jest.Describe;
  Object.assign(skipDescribe, describe, { only: skipDescribe, each: describe.skip.each, skip: describe.skip });
  const noop: Hook = () => undefined;
  return { describe: skipDescribe, test: skipTest, it: skipTest, beforeAll: noop, afterAll: noop, beforeEach: noop, afterEach: noop, path: found };
}
