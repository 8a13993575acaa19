// docker-compose.yml, checked without a Docker engine: the real Compose CLI (built by
// scripts/servers/install.sh compose) validates and resolves it, then every service, port, volume
// and config file it names is checked against the repository and the local stack's layout.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { DEMO_LOAD, demoArgs, STACK_PORT_DEFAULTS as PORTS } from '../../../scripts/stack/layout';
import { CONFIG_DIR, configFileArgs, grafanaArgs, install, PLUGIN_IDS, prometheusArgs, prometheusConfig, REPO } from '../../../scripts/stack/servers';

interface Mount {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  read_only?: boolean;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  network_mode?: string;
  entrypoint?: string[] | null;
  command?: string[] | null;
  environment?: Record<string, string>;
  volumes?: Mount[];
  ports?: Array<{ target: number; published: string }>;
}
interface Resolved {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const COMPOSE_FILE = join(REPO, 'docker-compose.yml');
let composeCli = '';

function composeConfig(file: string): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(composeCli, ['-f', file, '--project-directory', REPO, 'config', '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, GRAFANA_VERSION: '' },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

let compose: Resolved;
const svc = (name: string): Service => {
  const s = compose.services[name];
  assert.ok(s, `docker-compose.yml has no service "${name}"`);
  return s;
};
const mount = (service: string, target: string): Mount => {
  const m = svc(service).volumes?.find((v) => v.target === target);
  assert.ok(m, `${service} mounts nothing at ${target}`);
  return m;
};
const bindOf = (service: string, repoPath: string): Mount => {
  const m = svc(service).volumes?.find((v) => v.type === 'bind' && v.source === join(REPO, repoPath));
  assert.ok(m, `${service} does not mount ./${repoPath}`);
  return m;
};
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1]))];
const withoutComments = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
    .join('\n');

describe('docker-compose.yml', () => {
  before(() => {
    composeCli = install('compose').binary;
    const res = composeConfig(COMPOSE_FILE);
    assert.equal(res.status, 0, `docker compose config rejected docker-compose.yml:\n${res.stderr}`);
    compose = JSON.parse(res.stdout) as Resolved;
  });

  test('compose config rejects a file whose services do not resolve (the validation is real)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foresight-compose-'));
    try {
      const broken = join(dir, 'docker-compose.yml');
      writeFileSync(broken, readFileSync(COMPOSE_FILE, 'utf8').replace('network_mode: service:loopback', 'network_mode: service:nowhere'));
      const res = composeConfig(broken);
      assert.notEqual(res.status, 0, 'a network_mode naming a missing service was accepted');
      assert.match(res.stderr, /nowhere/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('it has the local stack: Prometheus, Loki, Tempo, the demo, its load generator and Grafana, on one loopback', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['demo', 'grafana', 'loadgen', 'loki', 'loopback', 'prometheus', 'tempo']);
    for (const [name, s] of Object.entries(compose.services)) {
      if (name !== 'loopback') {
        assert.equal(s.network_mode, 'service:loopback', `${name} must share the stack's network namespace`);
        assert.equal(s.ports, undefined, `${name} publishes ports; only the namespace's owner can`);
      }
    }
    assert.deepEqual(
      svc('loopback').ports?.map((p) => [p.target, Number(p.published)]),
      [[PORTS.grafana, PORTS.grafana]],
      'only Grafana is published, on its local-stack port',
    );
  });

  test('every file and folder it names exists in the repository', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const m of s.volumes ?? []) {
        if (m.type === 'bind') {
          assert.ok(m.source.startsWith(REPO + '/'), `${name} mounts ${m.source}, outside the repository`);
          assert.ok(existsSync(m.source), `${name} mounts ./${relative(REPO, m.source)}, which does not exist${m.source.endsWith('/dist') ? ' (npm run build makes it)' : ''}`);
          assert.equal(m.read_only, true, `${name} mounts ./${relative(REPO, m.source)} writable`);
        } else {
          assert.ok(m.source in compose.volumes, `${name} uses the undeclared volume ${m.source}`);
        }
      }
      if (s.build) {
        assert.ok(statSync(s.build.context).isDirectory(), `${name}: no build context ${s.build.context}`);
        assert.ok(existsSync(join(s.build.context, s.build.dockerfile)), `${name}: no ${s.build.dockerfile} in ${s.build.context}`);
      }
    }
    assert.ok(existsSync(join(REPO, 'dist/plugin.json')), 'dist/ holds no built plugin');
  });

  for (const [service, file, ports] of [
    ['loki', 'loki.yaml', { LOKI_HTTP_PORT: PORTS.loki, LOKI_GRPC_PORT: PORTS.lokiGrpc }],
    [
      'tempo',
      'tempo.yaml',
      {
        TEMPO_HTTP_PORT: PORTS.tempo,
        TEMPO_GRPC_PORT: PORTS.tempoGrpc,
        TEMPO_OTLP_GRPC_PORT: PORTS.otlpGrpc,
        TEMPO_OTLP_HTTP_PORT: PORTS.otlpHttp,
        TEMPO_MEMBERLIST_PORT: PORTS.tempoMemberlist,
      },
    ],
  ] as const) {
    test(`${service} runs the local stack's ${file} with its ports`, () => {
      const config = bindOf(service, `scripts/servers/config/${file}`);
      assert.equal(config.source, join(CONFIG_DIR, file));
      assert.deepEqual(svc(service).command, [...configFileArgs(config.target), '-config.expand-env=true']);
      const env = svc(service).environment ?? {};
      const template = readFileSync(config.source, 'utf8');
      assert.deepEqual(Object.keys(env).sort(), placeholders(template).sort(), `${service}'s environment must fill exactly the placeholders of ${file}`);
      for (const [name, port] of Object.entries(ports)) {
        assert.equal(env[name], String(port), `${service} ${name}`);
      }
      const dataDir = env[`${service.toUpperCase()}_DIR`];
      assert.equal(mount(service, dataDir).type, 'volume', `${service}'s data dir ${dataDir} is not a volume`);
    });
  }

  test("Prometheus runs the local stack's config rendered for this layout, with its flags", () => {
    const config = bindOf('prometheus', 'docker/prometheus/prometheus.yml');
    const sd = svc('prometheus').volumes!.find((v) => v.type === 'volume' && v.target.endsWith('/sd'));
    assert.ok(sd, 'prometheus mounts no file_sd volume');
    const data = svc('prometheus').volumes!.find((v) => v.type === 'volume' && v !== sd);
    assert.ok(data, 'prometheus has no data volume');
    assert.deepEqual(svc('prometheus').command, prometheusArgs(config.target, data.target, PORTS.prometheus));
    const expected = prometheusConfig({ port: PORTS.prometheus, targets: [{ job: 'grafana', target: `127.0.0.1:${PORTS.grafana}` }], fileSdDir: sd.target });
    assert.equal(
      withoutComments(readFileSync(config.source, 'utf8')),
      withoutComments(expected),
      `docker/prometheus/prometheus.yml is no longer the local stack's config; it should read:\n${expected}`,
    );
  });

  test("the demo runs with the local stack's flags, and the load generator puts the local stack's load on it", () => {
    const sd = mount('prometheus', '/etc/prometheus/sd');
    const demo = svc('demo');
    const sdFile = demo.command![demo.command!.indexOf('--prometheus-sd-file') + 1];
    const groundTruth = demo.command![demo.command!.indexOf('--ground-truth') + 1];
    assert.equal(mount('demo', sd.target).source, sd.source, "the demo writes its scrape targets where Prometheus reads them");
    assert.ok(sdFile.startsWith(sd.target + '/'));
    assert.equal(mount('demo', groundTruth.slice(0, groundTruth.lastIndexOf('/'))).type, 'volume', 'the ground-truth log is kept in a volume');
    assert.deepEqual(demo.command, [...demoArgs({ ports: PORTS, sdFile, groundTruthFile: groundTruth }), '--no-load']);
    const dockerfile = readFileSync(join(demo.build!.context, demo.build!.dockerfile), 'utf8');
    assert.match(dockerfile, /^ENTRYPOINT \["node", "--import", "tsx", "demo\/main.ts"\]$/m);
    const load = svc('loadgen');
    assert.equal(load.image, demo.image, 'the load generator runs the demo image');
    assert.deepEqual(load.entrypoint, ['node', '--import', 'tsx', 'demo/cli.ts']);
    assert.deepEqual(load.command, [
      '--control', `http://127.0.0.1:${PORTS.demoControl}`,
      'load', 'start', '--rps', String(DEMO_LOAD.rps), '--speed', String(DEMO_LOAD.speed), '--duration', DEMO_LOAD.duration,
    ]);
  });

  test("Grafana runs the local stack's grafana.ini with the plugin, its ids and the provisioning", () => {
    const g = svc('grafana');
    const ini = bindOf('grafana', 'scripts/servers/config/grafana.ini');
    assert.deepEqual(g.entrypoint, ['grafana', ...grafanaArgs('/usr/share/grafana', ini.target)]);
    const env = g.environment ?? {};
    for (const name of placeholders(readFileSync(ini.source, 'utf8'))) {
      assert.ok(env[name], `grafana.ini needs \${${name}}, which the grafana service does not set`);
    }
    assert.equal(env.GF_PORT, String(PORTS.grafana));
    assert.equal(env.GF_ALLOW_UNSIGNED, PLUGIN_IDS.join(','));
    // The plugin ids the local stack allows are the ids of the plugins in src/.
    const ids = ['src/plugin.json', 'src/datasource/plugin.json', ...readdirSync(join(REPO, 'src/panels')).map((p) => `src/panels/${p}/plugin.json`)]
      .map((f) => (JSON.parse(readFileSync(join(REPO, f), 'utf8')) as { id: string }).id)
      .sort();
    assert.deepEqual([...PLUGIN_IDS].sort(), ids);
    const app = JSON.parse(readFileSync(join(REPO, 'src/plugin.json'), 'utf8')) as { id: string };
    assert.equal(bindOf('grafana', 'dist').target, `${env.GF_DIR}/plugins/${app.id}`);
    assert.equal(bindOf('grafana', 'provisioning').target, `${env.GF_DIR}/provisioning`);
    assert.equal(mount('grafana', env.GF_DIR).type, 'volume');
    // Every variable the provisioning files use is set, to the local stack's URLs.
    const files = readdirSync(join(REPO, 'provisioning'), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && /\.ya?ml$/.test(f.name))
      .map((f) => join(f.parentPath, f.name));
    for (const f of files) {
      for (const name of placeholders(readFileSync(f, 'utf8'))) {
        assert.ok(env[name], `./${relative(REPO, f)} uses \${${name}}, which the grafana service does not set`);
      }
    }
    assert.equal(env.FORESIGHT_PROMETHEUS_URL, `http://127.0.0.1:${PORTS.prometheus}`);
    assert.equal(env.FORESIGHT_LOKI_URL, `http://127.0.0.1:${PORTS.loki}`);
    assert.equal(env.FORESIGHT_TEMPO_URL, `http://127.0.0.1:${PORTS.tempo}`);
    assert.equal(env.FORESIGHT_DASHBOARDS_DIR, `${env.GF_DIR}/provisioning/dashboards`);
  });
});
