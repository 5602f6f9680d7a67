/** globalSetup of the e2e tier: the compiled CLI and tools, and the browser build of the core. */
const { buildNode, buildWeb } = require('./build');

module.exports = async () => {
  buildNode();
  buildWeb('core');
};
