/**
 * Which program the page runs in: each host's detection, in turn. The page itself is the same in every program.
 */
import type { HostRuntime } from '../ops/host';
import { detectOffice } from '../office/office-start';

export function detectHost(inside: (rt: HostRuntime) => void, outside: () => void): void {
  detectOffice(inside, outside);
}
