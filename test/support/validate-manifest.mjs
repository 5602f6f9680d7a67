/**
 * Validates an add-in manifest against the manifest XML schemas, offline, with libxml2 compiled to WebAssembly
 * (npm libxml2-wasm: no native build). ESM only, so the jest test runs it as a child process.
 *   node test/support/validate-manifest.mjs <manifest.xml> <OfficeAppManifestV1_1.xsd>
 * Prints {"valid": true} or {"valid": false, "errors": [{"line", "message"}]}; exit 0 either way (2 on misuse).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { XmlDocument, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

const [manifestPath, xsdPath] = process.argv.slice(2);
if (!manifestPath || !xsdPath) {
  console.error('usage: validate-manifest.mjs <manifest.xml> <schema.xsd>');
  process.exit(2);
}
// the schema imports its siblings by relative path: resolve them from the schema's own URL
xmlRegisterFsInputProviders();
const schemaDoc = XmlDocument.fromString(readFileSync(xsdPath, 'utf8'), { url: pathToFileURL(xsdPath).href });
const validator = XsdValidator.fromDoc(schemaDoc);
const doc = XmlDocument.fromString(readFileSync(manifestPath, 'utf8'), { url: pathToFileURL(manifestPath).href });
let out;
try {
  validator.validate(doc);
  out = { valid: true };
} catch (err) {
  if (!(err instanceof XmlValidateError)) throw err;
  out = { valid: false, errors: err.details.map((d) => ({ line: d.line, message: String(d.message).trim() })) };
}
doc.dispose();
validator.dispose();
schemaDoc.dispose();
console.log(JSON.stringify(out));
