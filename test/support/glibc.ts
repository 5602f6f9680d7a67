/** Whether this is Linux with glibc (resvg's glibc binary is then the one for this machine: io/write/resvg-binding.ts). */
export function onGlibc(): boolean {
  if (process.platform !== 'linux') return false;
  return !!(process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime;
}
