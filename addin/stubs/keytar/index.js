'use strict';
// Stand-in for the native keytar module (pulled in by an optional dependency of office-addin-debugging's
// dev-settings, used only for Microsoft 365 account sign-in). Nothing here stores a secret.
function unavailable() {
  return Promise.reject(new Error('keytar is not installed in this project (credential storage is not used)'));
}
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findPassword: unavailable,
  findCredentials: unavailable,
};
