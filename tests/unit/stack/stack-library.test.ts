// The stack library's own pieces: the port layout and its variables, the process lookups that
// failure messages and clean-up rely on, and the Prometheus config shared with docker-compose.yml.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { portVariable, STACK_PORT_DEFAULTS, stackPorts } from '../../../scripts/stack/layout';
import { freePort, isAlive, portHolder, processesNaming } from '../../../scripts/stack/processes';
import { prometheusConfig } from '../../../scripts/stack/servers';

test('each port has its variable, and a variable moves only its port', () => {
  assert.equal(portVariable('grafana'), 'FORESIGHT_GRAFANA_PORT');
  assert.equal(portVariable('lokiGrpc'), 'FORESIGHT_LOKI_GRPC_PORT');
  assert.equal(portVariable('tempoMemberlist'), 'FORESIGHT_TEMPO_MEMBERLIST_PORT');
  assert.deepEqual(stackPorts({}), STACK_PORT_DEFAULTS);
  assert.deepEqual(stackPorts({ FORESIGHT_LOKI_GRPC_PORT: '19096' }), { ...STACK_PORT_DEFAULTS, lokiGrpc: 19096 });
});

test('a bad port variable is refused by name', () => {
  for (const bad of ['abc', '0', '70000', '80.5', '-1']) {
    assert.throws(() => stackPorts({ FORESIGHT_TEMPO_PORT: bad }), new RegExp(`FORESIGHT_TEMPO_PORT must be a port number \\(1-65535\\), got "${bad}"`));
  }
});

test('portHolder names the process listening on a port, and nothing for a free one', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    assert.match(portHolder(port) ?? '', new RegExp(`^pid ${process.pid}: `));
  } finally {
    await new Promise((r) => server.close(r));
  }
  assert.equal(portHolder(port), undefined);
});

test('processesNaming finds a process by a path on its command line; isAlive sees it exit', async () => {
  const marker = `/tmp/foresight-unit-${process.pid}-${Date.now()}/state`;
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)', marker], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  try {
    // 'spawn' can come before the exec: wait for the new command line.
    for (let i = 0; i < 100 && processesNaming(marker).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(processesNaming(marker).map((p) => p.pid), [child.pid]);
    assert.equal(isAlive(child.pid!), true);
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  assert.equal(isAlive(child.pid!), false);
  assert.deepEqual(processesNaming(marker), []);
});

test('prometheusConfig fills the template and appends the scrape jobs', () => {
  const config = prometheusConfig({
    port: 19090,
    scrapeInterval: '1s',
    targets: [{ job: 'fixture', target: '127.0.0.1:1234', path: '/many', interval: '5s' }],
    fileSdDir: '/etc/prometheus/sd/',
  });
  assert.match(config, /^ {2}scrape_interval: 1s$/m);
  assert.match(config, /targets: \["127\.0\.0\.1:19090"\]/);
  assert.match(config, / {2}- job_name: fixture\n {4}metrics_path: \/many\n {4}scrape_interval: 5s\n {4}static_configs:\n {6}- targets: \["127\.0\.0\.1:1234"\]\n/);
  assert.match(config, /- files: \["\/etc\/prometheus\/sd\/\*\.json"\]/);
  assert.doesNotMatch(config, /\$\{/);
});

test('freePort hands out distinct bindable ports below the ephemeral range', async () => {
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  assert.equal(new Set(ports).size, ports.length, `a port was handed out twice: ${ports.join(', ')}`);
  for (const port of ports) {
    assert.ok(port >= 20000 && port <= 32767, `port ${port} is outside 20000-32767`);
  }
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(ports[0], '127.0.0.1', () => resolve());
  });
  srv.close();
});
