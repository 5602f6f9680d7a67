/**
 * The bulletin's PDF through the real LibreOffice: the 通报 sheet alone converted, its text and picture in the PDF, its
 * pages counted; without LibreOffice, or when it fails or hangs, a Chinese reason and no file; the CLI's --pdf flag.
 * Also LibreOffice opening the whole summary workbook with its drawing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Bulletin, buildBulletin } from '../../core/bulletin';
import type { ConsolidationResult, TownResult } from '../../core/types';
import { countPdfPages, defaultPdfPath, writeBulletinPdf } from '../../io/write/bulletin-pdf';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { fixture } from '../fixtures/result-fixture';
import { HEADER, tmpDir, writeBook } from '../support/books';
import { needs } from '../support/programs';

const { describe, test, beforeAll, afterAll } = needs('soffice', 'pdftotext', 'pdfinfo', 'pdfimages');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-bpdf-');
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

function pdfPages(file: string): number {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1]);
}

function pdfImages(file: string): number {
  const r = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l)).length;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Every heading and line of the bulletin is in the PDF whole: a row too short for its wrapped text would cut it. */
function expectAllLines(pdf: string, b: Bulletin): void {
  const text = squeeze(pdfText(pdf));
  const missing = b.parts.flatMap((p) => [p.heading, ...p.lines.map((l) => l.text)]).filter((l) => !text.includes(squeeze(l)));
  expect(missing).toEqual([]);
}

const ourTempDirs = async () => (await fsp.readdir(os.tmpdir())).filter((n) => n.startsWith('xcs-bulletin-')).sort();

test('the 通报 sheet alone becomes a PDF with the bulletin\'s text and the chart', async () => {
  const before = await ourTempDirs();
  const target = path.join(dir, '通报.pdf');
  const out = await writeBulletinPdf(fixture, target, { county: '云和县' });
  expect(out).toEqual({ ok: true, file: target, pages: pdfPages(target) });
  if (!out.ok) return;
  expect(out.pages).toBeGreaterThanOrEqual(1);
  expect(countPdfPages(await fsp.readFile(target))).toBe(out.pages);
  const text = squeeze(pdfText(target));
  for (const s of [
    '云和县重点项目推进情况通报', '一、总体情况', '二、各乡镇推进情况', '三、滞后项目', '四、存在问题及需县领导协调事项', '五、下步工作',
    '累计完成投资19,830万元，占年度计划71.1%，低于序时进度12.3个百分点',
    '第1名云峰镇：7个项目', '2.云峰镇云峰工业园标准厂房（项目组长：王芳）', '未报送1个：东山乡（请催报）',
  ]) expect(text).toContain(squeeze(s));
  // only the bulletin: none of the other sheets' headers
  expect(text).not.toContain('与序时进度差（个百分点）');
  expect(pdfImages(target)).toBeGreaterThanOrEqual(1);
  expectAllLines(target, buildBulletin(fixture, { county: '云和县' }));
  // the temporary workbook, profile and output are gone
  expect(await ourTempDirs()).toEqual(before);
}, 180000);

test('a long bulletin with week-over-week sentences: every line printed whole, over several pages', async () => {
  const r: ConsolidationResult = structuredClone(fixture);
  const base = r.towns[0];
  r.towns = Array.from({ length: 27 }, (_, i): TownResult => ({
    ...structuredClone(base), town: `试点${i + 1}镇`, rank: i + 1,
    change: { previousReportDate: '2015-10-24', completedYtdBefore: 10000, completedYtdDelta: 350.5 + i, rankBefore: i + 2, rankChange: 1, turnedRed: i % 5 ? [] : ['云峰工业园标准厂房'] },
  }));
  r.weekOverWeek = { previousAsOf: '2015-10-24', droppedTowns: ['东山乡', '西河镇'], completedYtdDelta: null };
  r.lagging = r.towns.flatMap((t) => fixture.lagging.map((l) => ({ ...l, town: t.town })));
  r.problems = r.towns.flatMap((t) => fixture.problems.map((p) => ({ ...p, town: t.town })));
  const target = path.join(dir, 'long.pdf');
  const out = await writeBulletinPdf(r, target);
  expect(out.ok).toBe(true);
  if (!out.ok) return;
  expect(out.pages).toBe(pdfPages(target));
  expect(out.pages).toBeGreaterThanOrEqual(3);
  expectAllLines(target, buildBulletin(r));
}, 180000);

test('without LibreOffice, or when it fails or hangs: a reason, no file, nothing left behind', async () => {
  const target = path.join(dir, 'none.pdf');
  const absent = await writeBulletinPdf(fixture, target, { soffice: null });
  expect(absent).toEqual({ ok: false, file: target, absent: true, reason: '未找到 LibreOffice（soffice），没有生成通报 PDF' });

  const failed = await writeBulletinPdf(fixture, target, { soffice: '/bin/false' });
  expect(failed.ok).toBe(false);
  if (!failed.ok) expect(failed.reason).toBe('LibreOffice 没有生成 PDF（退出码 1）');

  const missing = await writeBulletinPdf(fixture, target, { soffice: path.join(dir, 'no-such-soffice') });
  expect(missing.ok).toBe(false);
  if (!missing.ok) expect(missing.reason).toMatch(/^无法启动 LibreOffice（.*no-such-soffice）/);

  // a soffice that never finishes is ended, with its children
  const pidFile = path.join(dir, 'hang.pid');
  const hang = path.join(dir, 'hang-soffice');
  await fsp.writeFile(hang, `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\nwait\n`, { mode: 0o755 });
  const hung = await writeBulletinPdf(fixture, target, { soffice: hang, timeoutMs: 1500 });
  expect(hung).toEqual({ ok: false, file: target, absent: false, reason: 'LibreOffice 转换超过 1.5 秒未完成，已终止' });
  const child = Number(await fsp.readFile(pidFile, 'utf8'));
  // gone, or a zombie waiting for init to reap it
  const alive = async () => {
    const stat = await fsp.readFile(`/proc/${child}/stat`, 'utf8').catch(() => null);
    return stat !== null && !/^\d+ \(.*\) Z/.test(stat);
  };
  for (let i = 0; i < 20 && (await alive()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await alive()).toBe(false);

  expect(existsSync(target)).toBe(false);
  expect((await fsp.readdir(dir)).filter((n) => n.includes('none.pdf'))).toEqual([]);
}, 60000);

test('LibreOffice opens the whole summary workbook with its picture', async () => {
  const file = path.join(dir, 'summary.xlsx');
  await writeSummaryWorkbook(fixture, file, { county: '云和县' });
  const outDir = path.join(dir, 'lo');
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', outDir, file], {
    encoding: 'utf8', timeout: 180000,
  });
  expect(r.error).toBeUndefined();
  const pdf = path.join(outDir, 'summary.pdf');
  expect(pdfPages(pdf)).toBeGreaterThanOrEqual(7);
  const text = squeeze(pdfText(pdf));
  expect(text).toContain('云和县重点项目推进情况通报');
  expect(text).toContain('云和县重点项目推进情况汇总');
  expect(pdfImages(pdf)).toBeGreaterThanOrEqual(1);
}, 180000);

describe('the CLI\'s --pdf', () => {
  let folder: string;
  let roster: string;
  beforeAll(async () => {
    folder = path.join(dir, '报表');
    roster = path.join(dir, '名册.csv');
    await fsp.writeFile(roster, '乡镇名称\n云峰镇\n东溪镇\n');
    await writeBook(path.join(folder, '云峰镇.xlsx'), [{
      name: '重点项目',
      rows: [['云峰镇重点项目推进情况表（截至2015年10月31日）'], ['单位：万元'], HEADER,
        [1, '云峰大道', '基础设施', 5000, 2000, 50, 1800, '张明', '征地政策处理', '在建'],
        [2, '污水处理厂', '生态环境', 8000, 3000, 0, 1500, '李华', null, '在建']],
    }]);
  });

  function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
    const r = spawnSync(process.execPath, [CLI, folder, '--roster', roster, '--as-of', '2015-10-31', '--county', '云和县', ...args], {
      encoding: 'utf8', timeout: 240000, env,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  test('--pdf without a name writes <summary>-通报.pdf beside the summary and says its pages', () => {
    const out = path.join(dir, '汇总.xlsx');
    const r = run(['--out', out, '--pdf']);
    expect(r.code).toBe(1); // 东溪镇 has not reported
    const pdf = defaultPdfPath(out);
    expect(pdf).toBe(path.join(dir, '汇总-通报.pdf'));
    expect(r.stdout).toContain(`通报 PDF：${pdf}（${pdfPages(pdf)} 页）`);
    const text = squeeze(pdfText(pdf));
    expect(text).toContain('未报送1个：东溪镇（请催报）');
    expect(text).toContain(squeeze('第1名 云峰镇：2个项目，累计完成投资3,300万元，占年度计划66.0%，低于序时进度17.3个百分点'));
    expect(r.stderr).toBe('');
  }, 240000);

  test('--pdf <file>; without LibreOffice a warning, the same exit code, the summary written', () => {
    const out = path.join(dir, '汇总2.xlsx');
    const pdf = path.join(dir, '本周通报.pdf');
    const r = run(['--out', out, '--pdf', pdf], { ...process.env, XCS_SOFFICE: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('警告：未找到 LibreOffice（soffice），没有生成通报 PDF；汇总表已写出，可打开其中的「通报」表直接打印');
    expect(r.stdout).toContain('通报 PDF：未生成（见上方警告）');
    expect(existsSync(out)).toBe(true);
    expect(existsSync(pdf)).toBe(false);
  }, 240000);

  test('a --pdf that is not a .pdf, or inside the towns\' folder, writes nothing', () => {
    const out = path.join(dir, '汇总3.xlsx');
    const bad = run(['--out', out, '--pdf', path.join(dir, '通报.docx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pdf 应为 .pdf 文件');
    const inside = run(['--out', out, '--pdf', path.join(folder, '通报.pdf')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('不能放在报表文件夹');
    expect(existsSync(out)).toBe(false);
  }, 240000);
});
