// Debian's Chromium driven by playwright-core (no browser download): installed by
// scripts/browser/install-chromium.sh when missing, launched headless with a fresh profile.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { REPO } from './page-build';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser binary, installing Debian's package first if it is missing. */
export function chromiumPath(): string {
  const res = spawnSync('bash', [join(REPO, 'scripts/browser/install-chromium.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) {
    throw new Error(`Chromium is not available: scripts/browser/install-chromium.sh exited ${res.status}`);
  }
  return res.stdout.trim();
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a throw-away profile, so --user-data-dir is ours and fresh. */
export async function launchChromium(options: { width?: number; height?: number } = {}): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'foresight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
