// Where Prophet's optimizer (Stan compiled to a WASI component) comes from when running from
// source: the installed package, which loads its WebAssembly with a top-level await, so it can only
// be imported asynchronously. The bundled executable replaces this module (build/backend.mjs).

import type { optimizer } from '@bsull/augurs-prophet-wasmstan';

export async function loadProphetOptimizer(): Promise<typeof optimizer> {
  const m = await import('@bsull/augurs-prophet-wasmstan');
  return m.optimizer;
}
