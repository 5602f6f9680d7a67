/** globalSetup of the external tier: the compiled CLI (LibreOffice, poppler suites) and the task pane (Chromium). */
const { buildNode, buildWeb } = require('./build');

module.exports = async () => {
  buildNode();
  buildWeb('taskpane');
};
