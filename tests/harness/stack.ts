// What the integration suites know of the stack scripts/test.ts started, and a Grafana API client.

export interface TestStack {
  grafanaUrl: string;
  prometheusUrl: string;
  lokiUrl: string;
  tempoUrl: string;
  exporterUrl: string;
  pluginExe: string;
}

const ENV: Record<keyof TestStack, string> = {
  grafanaUrl: 'FORESIGHT_TEST_GRAFANA_URL',
  prometheusUrl: 'FORESIGHT_TEST_PROMETHEUS_URL',
  lokiUrl: 'FORESIGHT_TEST_LOKI_URL',
  tempoUrl: 'FORESIGHT_TEST_TEMPO_URL',
  exporterUrl: 'FORESIGHT_TEST_EXPORTER_URL',
  pluginExe: 'FORESIGHT_TEST_PLUGIN_EXE',
};

/**
 * The running stack. Reading a part that did not start throws the reason it did not, so a suite
 * that needs only Prometheus still runs when Grafana failed, and one that needs Grafana says why.
 */
export function testStack(): TestStack {
  const stack = {} as TestStack;
  for (const [key, name] of Object.entries(ENV) as Array<[keyof TestStack, string]>) {
    Object.defineProperty(stack, key, {
      get() {
        const v = process.env[name];
        if (v) {
          return v;
        }
        const why = process.env.FORESIGHT_TEST_STACK_ERROR;
        throw new Error(why ? `the test stack did not start: ${why}` : `${name} is not set: run the integration suites through "npm test"`);
      },
    });
  }
  return stack;
}

export interface GrafanaResponse<T> {
  status: number;
  body: T;
}

export async function grafana<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<GrafanaResponse<T>> {
  const res = await fetch(`${testStack().grafanaUrl}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      Authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64'),
      'Content-Type': 'application/json',
      'X-Disable-Provenance': 'true',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body: body as T };
}

export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) {
        return v;
      }
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A datasource query through Grafana's /api/ds/query, the path panels and Explore use. */
export async function dsQuery(queries: Array<Record<string, unknown>>, range = { from: 'now-10m', to: 'now' }) {
  return grafana<{ results: Record<string, { status?: number; error?: string; errorSource?: string; frames?: any[] }> }>('/api/ds/query', {
    body: { from: range.from, to: range.to, queries },
  });
}
