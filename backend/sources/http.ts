// HTTP for the upstream clients (Prometheus, Loki, Tempo): auth, a deadline per call, bounded
// retries with backoff on 429 and 5xx, and a cap on how many bytes a response may bring.
//
// undici's request() rather than fetch(): fetch refuses the browser "bad ports" (6000, 10080, …),
// on which a server-side client has every reason to reach an upstream.

import { request as undiciRequest } from 'undici';

export interface HttpAuth {
  basic?: { user: string; password: string };
  bearerToken?: string;
  /** Extra headers such as a tenant id (`X-Scope-OrgID`). */
  headers?: Record<string, string>;
}

export interface HttpPolicy {
  /** Deadline for the whole call, retries included. */
  timeoutMs: number;
  /** Retries after the first attempt, on 429, 502, 503, 504 and connection failures. */
  retries: number;
  /** First backoff; doubled each retry, with jitter, never past the deadline. */
  backoffMs: number;
  /** Responses larger than this are refused without reading them whole. */
  maxResponseBytes: number;
}

export const DEFAULT_POLICY: HttpPolicy = {
  timeoutMs: 30_000,
  retries: 2,
  backoffMs: 250,
  maxResponseBytes: 64 * 1024 * 1024,
};

export type UpstreamErrorKind = 'unreachable' | 'timeout' | 'cancelled' | 'status' | 'too-large' | 'invalid-response';

/** A failure on the upstream's side of the call; query handlers report it with errorSource "downstream". */
export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** The HTTP status a data response should carry for this failure. */
  get responseStatus(): number {
    switch (this.kind) {
      case 'timeout':
        return 504;
      case 'cancelled':
        return 499;
      case 'status':
        return this.status && this.status >= 400 && this.status < 500 ? 400 : 502;
      default:
        return 502;
    }
  }
}

const RETRYABLE = new Set([429, 502, 503, 504]);

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Form-encoded for POST; appended to the URL for GET. */
  params?: URLSearchParams;
  signal?: AbortSignal;
  policy?: Partial<HttpPolicy>;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
}

function header(headers: ResponseHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function authHeaders(auth: HttpAuth | undefined): Record<string, string> {
  const h: Record<string, string> = { ...(auth?.headers ?? {}) };
  if (auth?.basic) {
    h.Authorization = 'Basic ' + Buffer.from(`${auth.basic.user}:${auth.basic.password}`).toString('base64');
  } else if (auth?.bearerToken) {
    h.Authorization = `Bearer ${auth.bearerToken}`;
  }
  return h;
}

type Body = AsyncIterable<Buffer> & { destroy(err?: Error): void; on(event: 'error', listener: () => void): void };

/** Drops a body unread; undici then emits an abort error on it, which nobody needs to hear. */
function discard(body: Body): void {
  body.on('error', () => {});
  body.destroy();
}

async function readCapped(body: Body, headers: ResponseHeaders, cap: number, upstream: string): Promise<Buffer> {
  const declared = Number(header(headers, 'content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    discard(body);
    throw new UpstreamError(upstream, 'too-large', `${upstream} response of ${declared} bytes exceeds the ${cap}-byte limit; narrow the query`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > cap) {
      discard(body);
      throw new UpstreamError(upstream, 'too-large', `${upstream} response exceeds the ${cap}-byte limit; narrow the query`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function retryAfterMs(headers: ResponseHeaders): number | undefined {
  const value = header(headers, 'retry-after');
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** An HTTP client bound to one upstream's base URL and credentials. */
export class HttpClient {
  readonly baseUrl: string;

  constructor(
    readonly upstream: string,
    baseUrl: string,
    private readonly auth?: HttpAuth,
    private readonly policy: HttpPolicy = DEFAULT_POLICY,
  ) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new UpstreamError(upstream, 'unreachable', `${upstream} URL "${baseUrl}" is not a valid URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new UpstreamError(upstream, 'unreachable', `${upstream} URL must start with http:// or https://, got "${baseUrl}"`);
    }
    this.baseUrl = parsed.toString().replace(/\/+$/, '');
  }

  async request(path: string, options: RequestOptions = {}): Promise<RawResponse> {
    const policy = { ...this.policy, ...options.policy };
    const deadline = AbortSignal.timeout(policy.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const method = options.method ?? 'GET';
    let url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(this.auth) };
    let body: string | undefined;
    if (options.params) {
      if (method === 'GET') {
        url += `?${options.params.toString()}`;
      } else {
        body = options.params.toString();
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
    }

    for (let attempt = 0; ; attempt++) {
      let failure: UpstreamError;
      let wait: number | undefined;
      try {
        const res = await undiciRequest(url, { method: method as 'GET', headers, body, signal });
        if (!RETRYABLE.has(res.statusCode) || attempt >= policy.retries) {
          const data = await readCapped(res.body as unknown as Body, res.headers, policy.maxResponseBytes, this.upstream);
          return { status: res.statusCode, headers: res.headers, body: data };
        }
        discard(res.body as unknown as Body);
        failure = new UpstreamError(this.upstream, 'status', `${this.upstream} answered HTTP ${res.statusCode}`, res.statusCode);
        wait = retryAfterMs(res.headers);
      } catch (err) {
        if (err instanceof UpstreamError) {
          throw err;
        }
        if (deadline.aborted) {
          throw new UpstreamError(this.upstream, 'timeout', `${this.upstream} did not answer within ${policy.timeoutMs} ms`);
        }
        if (options.signal?.aborted) {
          throw new UpstreamError(this.upstream, 'cancelled', `the request to ${this.upstream} was cancelled`);
        }
        const e = err as { code?: string; message?: string; cause?: { code?: string } };
        failure = new UpstreamError(
          this.upstream,
          'unreachable',
          `${this.upstream} at ${this.baseUrl} is unreachable: ${e.cause?.code ?? e.code ?? e.message}`,
        );
        if (attempt >= policy.retries) {
          throw failure;
        }
      }
      const backoff = wait ?? policy.backoffMs * 2 ** attempt * (0.5 + Math.random());
      try {
        await sleep(Math.min(backoff, policy.timeoutMs), signal);
      } catch {
        throw deadline.aborted
          ? new UpstreamError(this.upstream, 'timeout', `${this.upstream} did not answer within ${policy.timeoutMs} ms (${failure.message})`)
          : new UpstreamError(this.upstream, 'cancelled', `the request to ${this.upstream} was cancelled`);
      }
    }
  }

  /** Requests and parses JSON; a body that is not JSON is an `invalid-response` error. */
  async json<T>(path: string, options: RequestOptions = {}): Promise<{ status: number; data: T }> {
    const res = await this.request(path, options);
    try {
      return { status: res.status, data: JSON.parse(res.body.toString('utf8')) as T };
    } catch {
      const snippet = res.body.toString('utf8', 0, 200).replace(/\s+/g, ' ');
      throw new UpstreamError(
        this.upstream,
        res.status >= 400 ? 'status' : 'invalid-response',
        `${this.upstream} answered HTTP ${res.status} with a body that is not JSON: "${snippet}" (is the URL right?)`,
        res.status,
      );
    }
  }
}
