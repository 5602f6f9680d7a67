/**
 * `npm run build:wps -- --url https://内网服务器/xcs-weekly/`: the WPS 表格 add-in package, from the same webpack build
 * as the Excel task pane. Writes (default dist/wps/):
 *
 *   wps-addon-build/            put everything in here on the server at --url (online mode: WPS loads ribbon.xml
 *                               and index.html from there), with xcs-weekly.7z for offline mode
 *   wps-addon-build/xcs-weekly.7z   the offline package (folder xcs-weekly_<version>/ inside, as wpsjs builds it)
 *   publish.xml                 the add-in list a clerk's WPS reads from its jsaddons folder (what publish.html writes)
 *   jsplugins.xml               the list IT points WPS at (oem.ini JSPluginsServer), for every desk at once
 *   package.json                name / version / addonType "et": `npx wpsjs publish -s <url>` run here makes
 *                               wps-addon-publish/publish.html, the page a clerk opens once
 *
 * Options: --url (required, http(s)://…/), --out DIR, --from DIR (an existing build of the task pane instead of
 * running webpack). The .7z needs 7z (Debian: p7zip-full); without it the folder is still written and the message says so.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ADDON_NAME = 'xcs-weekly';

interface Options {
  url: string;
  out: string;
  from: string | null;
}

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): Options {
  let url = '';
  let out = path.join(ROOT, 'dist', 'wps');
  let from: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = () => argv[++i] ?? fail(`参数 ${a} 缺少取值。`);
    if (a === '--url') url = val();
    else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--out') out = path.resolve(val());
    else if (a === '--from') from = path.resolve(val());
    else fail(`不认识的参数：${a}。用法：npm run build:wps -- --url https://服务器地址/xcs-weekly/ [--out 目录] [--from 已构建的任务窗格目录]`);
  }
  if (!url) fail('请用 --url 给出加载项在内网服务器上的地址，例如：npm run build:wps -- --url http://10.1.2.3/xcs-weekly/');
  if (!/^https?:\/\/[^\s/]+/i.test(url)) fail(`--url 必须以 http:// 或 https:// 开头：${url}`);
  if (!url.endsWith('/')) url += '/';
  return { url, out, from };
}

function version(): string {
  return String(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version ?? '0.0.0');
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function publishXml(url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jspluginonline name="${ADDON_NAME}" type="et" url="${xmlAttr(url)}" enable="enable"/>
</jsplugins>
`;
}

export function jspluginsXml(url: string, ver: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 周报助手（WPS 表格加载项）。在线模式：WPS 每次启动从 url 读取 ribbon.xml 和 index.html。
     网络不稳定时可改用离线模式：把下面一行换成
     <jsplugin name="${ADDON_NAME}" type="et" url="${xmlAttr(url)}${ADDON_NAME}.7z" version="${ver}"/> -->
<jsplugins>
  <jspluginonline name="${ADDON_NAME}" type="et" url="${xmlAttr(url)}"/>
</jsplugins>
`;
}

function copyBuild(from: string, to: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        walk(path.join(dir, e.name), r);
        continue;
      }
      // source maps and the Excel manifest are not part of the WPS add-in
      if (e.name.endsWith('.map') || e.name === 'manifest.xml') continue;
      fs.mkdirSync(path.join(to, rel), { recursive: true });
      fs.copyFileSync(path.join(dir, e.name), path.join(to, r));
      files.push(r);
    }
  };
  walk(from, '');
  return files.sort();
}

function has7z(): boolean {
  try {
    execFileSync('7z', ['i'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function buildWps(o: Options): { dir: string; files: string[]; archive: string | null } {
  let from = o.from;
  let tmp: string | null = null;
  if (!from) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-wps-'));
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'taskpane', '--output-path', tmp], { cwd: ROOT, stdio: 'pipe' });
    from = tmp;
  }
  for (const need of ['ribbon.xml', 'index.html', 'main.js', 'taskpane.html', 'taskpane.js']) {
    if (!fs.existsSync(path.join(from, need))) fail(`构建目录 ${from} 中缺少 ${need}：请先运行 npm run build。`);
  }
  const ver = version();
  fs.rmSync(o.out, { recursive: true, force: true });
  const build = path.join(o.out, 'wps-addon-build');
  const files = copyBuild(from, build);
  fs.writeFileSync(path.join(o.out, 'publish.xml'), publishXml(o.url));
  fs.writeFileSync(path.join(o.out, 'jsplugins.xml'), jspluginsXml(o.url, ver));
  fs.writeFileSync(path.join(o.out, 'package.json'), `${JSON.stringify({ name: ADDON_NAME, version: ver, addonType: 'et', description: '小城市培育试点 周报助手（WPS 表格加载项）' }, null, 2)}\n`);
  let archive: string | null = null;
  if (has7z()) {
    // offline mode: the archive holds one folder <name>_<version>/ with the add-in's files
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-wps7z-'));
    const inner = path.join(stage, `${ADDON_NAME}_${ver}`);
    copyBuild(build, inner);
    archive = path.join(build, `${ADDON_NAME}.7z`);
    execFileSync('7z', ['a', '-t7z', '-bd', archive, inner], { stdio: 'pipe' });
    fs.rmSync(stage, { recursive: true, force: true });
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  return { dir: o.out, files, archive };
}

if (require.main === module) {
  const o = parseArgs(process.argv.slice(2));
  const r = buildWps(o);
  const lines = [
    `WPS 加载项已生成：${r.dir}`,
    `  1. 把 ${path.join(r.dir, 'wps-addon-build')} 里的全部文件放到服务器的 ${o.url} 下；用浏览器打开 ${o.url}ribbon.xml 应看到以 <customUI 开头的文本。`,
    r.archive ? `  离线包：${r.archive}（离线模式用，地址 ${o.url}${ADDON_NAME}.7z）` : '  未生成离线包 .7z：本机没有 7z 程序（Debian/UOS：apt-get install p7zip-full）。在线模式不需要它。',
    `  2. 给乡镇的 publish.html：在 ${r.dir} 中运行 npx wpsjs publish -s ${o.url}（需能访问 npm 仓库的电脑），生成 wps-addon-publish/publish.html，放到同一服务器上。`,
    `  3. 由信息中心统一部署：把 ${path.join(r.dir, 'jsplugins.xml')} 放到服务器上，并在 WPS 的 oem.ini 中设置 JSPluginsServer 指向它（见 docs/zh/wps-addin.md）。`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
