// Starts the plugin executable as Grafana does (go-plugin handshake) and talks to it over gRPC,
// for the process-level tests and the benchmarks.

import { spawn, type ChildProcess } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import { GOPLUGIN_PROTO, HEALTH_PROTO, PLUGINV2_PROTO } from '../../backend/protocol/proto/schemas';

export interface PluginProcess {
  child: ChildProcess;
  address: string;
  handshake: string;
  /** ms from spawn to the handshake line. */
  startupMs: number;
  stderr: string[];
  stdoutAfterHandshake: string[];
  call<T = any>(service: string, method: string, request: unknown, timeoutMs?: number): Promise<T>;
  /** Sends raw bytes as the request message; resolves with the gRPC status code. */
  callRaw(path: string, bytes: Buffer, timeoutMs?: number): Promise<number>;
  stream<T = any>(service: string, method: string, request: unknown): Promise<T[]>;
  close(): void;
}

function load(text: string): grpc.GrpcObject {
  const root = protobuf.parse(text, { keepCase: true }).root;
  return grpc.loadPackageDefinition(
    protoLoader.fromJSON(root.toJSON(), { keepCase: true, longs: Number, enums: String, bytes: Buffer, defaults: true, oneofs: true }),
  );
}

const packages = { pluginv2: load(PLUGINV2_PROTO), plugin: load(GOPLUGIN_PROTO), health: load(HEALTH_PROTO) };

function clientFor(service: string, address: string): grpc.Client {
  const parts = service.split('.');
  const pkg = parts[0] === 'pluginv2' ? packages.pluginv2 : parts[0] === 'plugin' ? packages.plugin : packages.health;
  let node: any = pkg;
  for (const p of parts) {
    node = node[p];
  }
  return new node(address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 256 * 1024 * 1024 });
}

export async function startPlugin(exe: string, env: NodeJS.ProcessEnv = {}): Promise<PluginProcess> {
  const started = performance.now();
  const child = spawn(exe, [], {
    env: { grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2', PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const stdoutAfterHandshake: string[] = [];
  child.stderr!.on('data', (d) => stderr.push(...String(d).split('\n').filter(Boolean)));
  const handshake = await new Promise<string>((resolve, reject) => {
    let buf = '';
    let done = false;
    const timer = setTimeout(() => reject(new Error(`no handshake within 30s; stderr: ${stderr.join('\n')}`)), 30_000);
    child.stdout!.on('data', (d) => {
      if (done) {
        stdoutAfterHandshake.push(String(d));
        return;
      }
      buf += String(d);
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        done = true;
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
        if (buf.length > nl + 1) stdoutAfterHandshake.push(buf.slice(nl + 1));
      }
    });
    child.once('exit', (code) => {
      if (!done) {
        clearTimeout(timer);
        reject(new Error(`plugin exited (${code}) before the handshake; stderr: ${stderr.join('\n')}`));
      }
    });
  });
  const startupMs = performance.now() - started;
  const address = handshake.split('|')[3];
  const clients = new Map<string, grpc.Client>();
  const client = (service: string) => {
    if (!clients.has(service)) clients.set(service, clientFor(service, address));
    return clients.get(service)!;
  };
  const deadline = (ms: number) => new Date(Date.now() + ms);
  return {
    child,
    address,
    handshake,
    startupMs,
    stderr,
    stdoutAfterHandshake,
    call: (service, method, request, timeoutMs = 120_000) =>
      new Promise((resolve, reject) =>
        (client(service) as any)[method](request, { deadline: deadline(timeoutMs) }, (err: Error | null, res: any) => (err ? reject(err) : resolve(res))),
      ),
    stream: (service, method, request) =>
      new Promise((resolve, reject) => {
        const out: any[] = [];
        const call = (client(service) as any)[method](request);
        call.on('data', (d: any) => out.push(d));
        call.on('end', () => resolve(out));
        call.on('error', reject);
      }),
    callRaw: (path, bytes, timeoutMs = 10_000) =>
      new Promise((resolve) => {
        const raw = new grpc.Client(address, grpc.credentials.createInsecure());
        raw.makeUnaryRequest(
          path,
          (b: Buffer) => b,
          (b: Buffer) => b,
          bytes,
          { deadline: deadline(timeoutMs) },
          (err) => {
            raw.close();
            resolve(err ? (err as grpc.ServiceError).code : grpc.status.OK);
          },
        );
      }),
    close: () => {
      for (const c of clients.values()) c.close();
      child.kill('SIGKILL');
    },
  };
}

/** A PluginContext for a Foresight datasource with the given jsonData. */
export function pluginContext(jsonData: Record<string, unknown>, opts: { uid?: string; lastUpdatedMS?: number; secure?: Record<string, string> } = {}) {
  return {
    orgId: 1,
    pluginId: 'foresight-analyzer-datasource',
    dataSourceInstanceSettings: {
      id: 1,
      uid: opts.uid ?? 'test',
      name: 'Foresight test',
      jsonData: Buffer.from(JSON.stringify(jsonData)),
      decryptedSecureJsonData: opts.secure ?? {},
      lastUpdatedMS: opts.lastUpdatedMS ?? 1,
    },
  };
}
