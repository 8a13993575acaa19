// Benchmarks that take turns with a peer process (Drain3) run both on one core. Left to the
// scheduler on this 2-core machine, the two often sat on different cores and our process moved
// each time the peer answered: 3 of 10 unpinned Loghub runs came out a quarter slower for ours
// alone (4.3x to 4.7x Drain3 against 5.5x to 5.6x), while 6 of 6 runs pinned to either core gave
// 5.6x to 5.7x. On one core each parser starts where the other has just run, alike for both.
//
// Linux only, through taskset (util-linux); elsewhere, or with --no-pin, nothing is pinned. The
// peer, spawned after this, inherits the affinity.

import { spawnSync } from 'node:child_process';

/** Pins this process (and the children it starts next) to its first allowed CPU; says what it did. */
export function pinToOneCore(): string {
  if (process.argv.includes('--no-pin')) return 'not pinned (--no-pin)';
  if (process.platform !== 'linux') return `not pinned (${process.platform})`;
  const current = spawnSync('taskset', ['-a', '-cp', String(process.pid)], { encoding: 'utf8' });
  // "pid 123's current affinity list: 0,1" or "0-3"
  const first = current.status === 0 ? /list:\s*(\d+)/.exec(current.stdout)?.[1] : undefined;
  if (first === undefined) return 'not pinned (taskset unavailable)';
  const pinned = spawnSync('taskset', ['-a', '-cp', first, String(process.pid)], { encoding: 'utf8' });
  return pinned.status === 0 ? `pinned with the peer to CPU ${first}` : `not pinned (taskset: ${pinned.stderr.trim()})`;
}
