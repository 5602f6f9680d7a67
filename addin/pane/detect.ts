/**
 * Which program the page runs in: each host's detection, in turn (WPS answers at once; Office.js asynchronously).
 * The page itself is the same in every program.
 */
import type { HostRuntime } from '../ops/host';
import { detectOffice } from '../office/office-start';
import { installShims } from './es-shims';
import { detectWps } from '../wps/wps-start';

export function detectHost(inside: (rt: HostRuntime) => void, outside: () => void): void {
  installShims();
  if (detectWps(inside)) return;
  detectOffice(inside, outside);
}
