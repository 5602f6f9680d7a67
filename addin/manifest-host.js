/**
 * The one setting for where the add-in is served from. manifest.xml is committed with https://localhost:3000 (the dev
 * server); a build for a county's intranet gets its manifest generated from it with every URL on that host — never
 * edit a built manifest by hand:
 *   npm run build -- --env host=https://xcs.county.gov.cn/addin
 * Used by webpack.config.js (CommonJS, no dependency) and test/addin-legacy.test.ts.
 */
'use strict';

const DEV_HOST = 'https://localhost:3000';

/** The host as the manifest's URLs start: https, no trailing slash. Throws a message for the person building. */
function normalizeHost(host) {
  const h = String(host == null || host === '' ? DEV_HOST : host).trim().replace(/\/+$/, '');
  let u;
  try {
    u = new URL(h);
  } catch {
    throw new Error(`--env host=${host}：不是网址。应为 https 开头的完整地址，例如 https://xcs.county.gov.cn/addin`);
  }
  if (u.protocol !== 'https:') throw new Error(`--env host=${host}：Office 只加载 https 地址的加载项，请使用 https://…（内网证书需为本县电脑信任）`);
  if (u.search || u.hash) throw new Error(`--env host=${host}：地址中不能有 ? 或 #`);
  return h;
}

/** manifest.xml for the add-in served from `host`: every URL moved there, AppDomain = the host's origin. */
function manifestForHost(xml, host) {
  const h = normalizeHost(host);
  const origin = new URL(h).origin;
  let out = xml.split(`<AppDomain>${DEV_HOST}</AppDomain>`).join(`<AppDomain>${origin}</AppDomain>`);
  out = out.split(`${DEV_HOST}/`).join(`${h}/`);
  if (h !== DEV_HOST && out.includes(DEV_HOST)) throw new Error('manifest.xml still names localhost after the host change: a URL of an unexpected form');
  return out;
}

module.exports = { DEV_HOST, normalizeHost, manifestForHost };
