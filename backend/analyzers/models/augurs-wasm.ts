// Where augurs' WebAssembly comes from when running from source (tests, CLI): the installed
// package. The bundled executable replaces this module with one that embeds the same bytes
// (build/backend.mjs), so the plugin needs no files beside it.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type AugursModule = 'mstl' | 'ets' | 'seasons' | 'outlier' | 'changepoint' | 'prophet';

const require_ = createRequire(__filename);

export function augursWasm(name: AugursModule): Uint8Array {
  // The package exports only its JS entry points, so find the folder through one of them.
  const dir = dirname(require_.resolve(`@bsull/augurs/${name}`));
  return readFileSync(join(dir, `${name}_bg.wasm`));
}
