/**
 * jest stand-in for office-addin-manifest, which office-addin-mock requires only for its OfficeApp enum: the real
 * package pulls an ESM-only dependency that jest 30 (CommonJS) cannot load. Mapped in jest.config.js.
 */
exports.OfficeApp = {
  Excel: 'excel',
  OneNote: 'onenote',
  Outlook: 'outlook',
  PowerPoint: 'powerpoint',
  Project: 'project',
  Word: 'word',
};
