// The fixed layout of the local stack (`npm run stack:up`): its ports, the demo's flags and its
// load. docker-compose.yml lays the same stack out with the same values; the compose test checks
// it against this file.

export const STACK_PORT_DEFAULTS = {
  grafana: 3000,
  prometheus: 9090,
  loki: 3100,
  lokiGrpc: 9096,
  tempo: 3200,
  tempoGrpc: 9095,
  otlpGrpc: 4317,
  otlpHttp: 4318,
  tempoMemberlist: 7946,
  demoControl: 8080,
  /** The first of the demo's five service ports (gateway, checkout, payments, inventory, db). */
  demoGateway: 8081,
};

export type StackPorts = typeof STACK_PORT_DEFAULTS;

/** The variable that moves one port, e.g. FORESIGHT_LOKI_GRPC_PORT for `lokiGrpc`. */
export function portVariable(name: keyof StackPorts): string {
  return `FORESIGHT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_PORT`;
}

/** The ports, each moved by its FORESIGHT_*_PORT variable if set; a bad value is an error. */
export function stackPorts(env: NodeJS.ProcessEnv = process.env): StackPorts {
  const ports = { ...STACK_PORT_DEFAULTS };
  for (const name of Object.keys(ports) as Array<keyof StackPorts>) {
    const text = env[portVariable(name)];
    if (text === undefined || text === '') {
      continue;
    }
    const port = Number(text);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${portVariable(name)} must be a port number (1-65535), got "${text}"`);
    }
    ports[name] = port;
  }
  return ports;
}

/** The load the stack puts on the demo: a weekday's shape, an hour a minute, for a simulated day. */
export const DEMO_LOAD = { rps: 10, speed: 60, duration: '24h' };

export interface DemoWiring {
  ports: Pick<StackPorts, 'loki' | 'otlpHttp' | 'prometheus' | 'demoGateway' | 'demoControl'>;
  /** The file_sd file Prometheus watches for the demo's scrape targets. */
  sdFile: string;
  groundTruthFile: string;
}

/** demo/main.ts flags, without the load (the stack adds it in-process; compose starts it apart). */
export function demoArgs(w: DemoWiring): string[] {
  return [
    '--loki', `http://127.0.0.1:${w.ports.loki}`,
    '--otlp', `http://127.0.0.1:${w.ports.otlpHttp}`,
    '--prometheus', `http://127.0.0.1:${w.ports.prometheus}`,
    '--prometheus-sd-file', w.sdFile,
    '--ground-truth', w.groundTruthFile,
    '--port-base', String(w.ports.demoGateway),
    '--control-port', String(w.ports.demoControl),
  ];
}
