// The demo only ever talks to this machine: every URL it is given is checked here first.

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\]|::1)$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Returns the URL without a trailing slash, or throws if it points anywhere but loopback. */
export function loopbackUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${what}: not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${what}: only http(s) URLs are supported, got "${text}"`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new Error(`${what}: the demo only talks to loopback addresses (127.0.0.1, localhost), got "${url.hostname}"`);
  }
  return text.replace(/\/+$/, '');
}
