// The local stack's failure modes, for real: a port already taken, a server that will not start
// (Loki with a config it rejects), and `stack up` interrupted or killed half way. Each must say what
// happened and leave no server running; a killed run is cleaned up by the next `up`.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isAlive } from '../../../scripts/stack/processes';
import { CONFIG_DIR } from '../../../scripts/stack/servers';
import { freeStackPorts, hasRecord, processesOf, recordComplete, recordedServers, runStack, stack, waitFor } from './support';

const dirs: string[] = [];
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-stack-test-'));
  dirs.push(dir);
  return dir;
}

after(async () => {
  // Whatever a failed assertion left running goes too.
  for (const dir of dirs) {
    if (processesOf(dir).length) await stack(['down'], dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function assertNothingLeft(dir: string, pids: number[] = []): void {
  for (const pid of pids) {
    assert.equal(isAlive(pid), false, `pid ${pid} is still running`);
  }
  assert.deepEqual(processesOf(dir), [], 'processes of the stack are still running');
  assert.equal(hasRecord(dir), false, 'stack.json was left behind');
}

describe('stack:up failure modes', { timeout: 240_000 }, () => {
  test('a port already in use: named in the message, nothing started', async () => {
    const dir = stateDir();
    const { ports, env } = await freeStackPorts();
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(ports.loki, '127.0.0.1', resolve));
    try {
      const res = await stack(['up', '--no-build'], dir, env);
      assert.equal(res.code, 1, res.output);
      assert.match(res.output, new RegExp(`already in use on 127\\.0\\.0\\.1: loki port ${ports.loki} \\(held by pid ${process.pid}: `));
      assert.match(res.output, /FORESIGHT_\*_PORT/);
      assert.doesNotMatch(res.output, /stopping/, 'nothing should have been started');
      assertNothingLeft(dir);
    } finally {
      holder.close();
    }
  });

  test('a server that fails to start: its own error is shown, the servers started before it are stopped', async () => {
    const dir = stateDir();
    const { env } = await freeStackPorts();
    const configs = join(dir, 'configs');
    cpSync(CONFIG_DIR, configs, { recursive: true });
    // A block Loki does not know: it refuses the config and exits.
    writeFileSync(join(configs, 'loki.yaml'), readFileSync(join(configs, 'loki.yaml'), 'utf8') + '\nno_such_block:\n  enabled: true\n');
    const res = await stack(['up', '--no-build'], dir, { ...env, FORESIGHT_SERVER_CONFIG_DIR: configs });
    assert.equal(res.code, 1, res.output);
    assert.match(res.output, /loki exited during start-up\. Last lines of .*loki\.log:/);
    assert.match(res.output, /no_such_block/, "Loki's own complaint is in the message");
    const stopped = /stopping prometheus \(pid (\d+)\)/.exec(res.output);
    assert.ok(stopped, `Prometheus, started before Loki, was not stopped:\n${res.output}`);
    assertNothingLeft(dir, [Number(stopped[1])]);
  });

  test('interrupted half way (SIGTERM): it stops what it started', async () => {
    const dir = stateDir();
    const { env } = await freeStackPorts();
    const run = runStack(['up', '--no-build'], dir, env);
    await waitFor('Prometheus to be recorded', () => recordedServers(dir).some((s) => s.name === 'prometheus'), 120_000);
    const started = recordedServers(dir).map((s) => s.pid);
    assert.equal(recordComplete(dir), false, 'the stack was already up: no half way to interrupt');
    run.child.kill('SIGTERM');
    const code = await run.exit;
    const out = run.output();
    assert.equal(code, 130, out);
    assert.match(out, /interrupted by SIGTERM/);
    assert.match(out, /stopping prometheus \(pid \d+\)/);
    assertNothingLeft(dir, started);
  });

  test('killed half way (SIGKILL): status says so, the next up stops what it left and brings the stack up, down stops it all', async () => {
    const dir = stateDir();
    const { ports, env } = await freeStackPorts();
    const run = runStack(['up', '--no-build'], dir, env);
    await waitFor('Prometheus to be recorded', () => recordedServers(dir).some((s) => s.name === 'prometheus'), 120_000);
    assert.equal(recordComplete(dir), false, 'the stack was already up: no half way to kill');
    run.child.kill('SIGKILL');
    await run.exit;
    const orphans = recordedServers(dir);
    const prometheus = orphans.find((s) => s.name === 'prometheus')!;
    assert.ok(isAlive(prometheus.pid), 'the killed run left no server behind: nothing to test');

    const status = await stack(['status'], dir, env);
    assert.match(status.output, new RegExp(`half-finished: stack:up \\(pid ${run.child.pid}\\) stopped before the stack was up`));

    const again = await stack(['up', '--no-build'], dir, env);
    assert.equal(again.code, 0, again.output);
    assert.match(again.output, new RegExp(`an earlier stack:up \\(pid ${run.child.pid}\\) stopped half way; stopping what it left:`));
    assert.match(again.output, new RegExp(`stopping prometheus \\(pid ${prometheus.pid}\\)`));
    for (const s of orphans) assert.equal(isAlive(s.pid), false, `${s.name} (pid ${s.pid}) of the killed run is still running`);
    assert.match(again.output, /stack up in \d+\.\ds/);
    const up = recordedServers(dir);
    assert.deepEqual(up.map((s) => s.name), ['prometheus', 'loki', 'tempo', 'demo', 'grafana']);
    const health = await fetch(`http://127.0.0.1:${ports.grafana}/api/health`);
    assert.equal(health.status, 200);

    const down = await stack(['down'], dir, env);
    assert.equal(down.code, 0, down.output);
    for (const s of up) assert.match(down.output, new RegExp(`stopping ${s.name} \\(pid ${s.pid}\\)`));
    assertNothingLeft(dir, up.map((s) => s.pid));
  });
});
