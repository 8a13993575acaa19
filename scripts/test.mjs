// `npm test`: unit tests, then the integration suites against real servers.
// Node 20's test runner takes no globs, so the files are listed here.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function find(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

const suites = process.argv.slice(2);
const only = suites.length ? suites : ['unit', 'integration'];
const files = only.flatMap((s) => find(join('tests', s), '.test.ts')).map((p) => relative('.', p));
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
