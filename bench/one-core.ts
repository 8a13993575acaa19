// Benchmarks that take turns with a peer process (Drain3) run both on one core. Left to the
// scheduler on this 2-core machine, 3 of 10 Loghub runs came out a quarter slower for ours alone
// (4.3x to 4.7x Drain3 against 5.5x to 5.6x), while 6 of 6 runs pinned to either core gave 5.6x
// to 5.7x: unpinned, the two processes can sit on different cores, ours moving at each turn. On
// one core each parser starts where the other has just run, alike for both.
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
