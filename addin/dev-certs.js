/**
 * HTTPS options for the dev-server (https://localhost:3000) from office-addin-dev-certs. Its usual path also trusts
 * the development CA, which needs sudo (Linux) or an administrator prompt: where that fails (no sudo here, in CI or in
 * a container) the certificates are generated without trusting the CA and the server still starts; Excel then needs
 * the CA trusted by hand (README, developers' notes).
 */
const fs = require('node:fs');

async function devHttpsOptions() {
  const certs = require('office-addin-dev-certs');
  const defaults = require('office-addin-dev-certs/lib/defaults');
  try {
    return await certs.getHttpsServerOptions();
  } catch (err) {
    const first = String((err && err.message) || err).split('\n')[0];
    console.warn(`[dev-server] 无法自动信任开发证书（${first}），改为只生成证书、不安装信任。`);
    if (!fs.existsSync(defaults.localhostCertificatePath) || !fs.existsSync(defaults.localhostKeyPath)) {
      await certs.generateCertificates();
    }
    return {
      ca: fs.readFileSync(defaults.caCertificatePath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
      key: fs.readFileSync(defaults.localhostKeyPath),
    };
  }
}

module.exports = { devHttpsOptions };
