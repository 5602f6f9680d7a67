/**
 * Preloaded by a test (`node --require test/support/tiering-probe.js …`): at the process's exit, a small function is
 * called 100,000 times (~0.5 MB of bytecode run) and V8's optimisation status of it is written to stderr as
 * `tiering-probe <status>` (%GetOptimizationStatus's bits). Under V8's default interrupt budget (66 KB, spent three
 * times) TurboFan has been asked for it by then; under io/runtime/tiering.ts's (16 times that) it has not.
 * test/e2e/bundle.test.ts.
 */
require('node:v8').setFlagsFromString('--allow-natives-syntax');

process.on('exit', () => {
  const status = new Function('f', 'return %GetOptimizationStatus(f)');
  const add = new Function('a', 'b', 'return a + b');
  let sum = 0;
  for (let i = 0; i < 100000; i++) sum = add(sum, i);
  if (sum !== 4999950000) throw new Error('tiering-probe: wrong sum');
  process.stderr.write(`tiering-probe ${status(add)}\n`);
});
