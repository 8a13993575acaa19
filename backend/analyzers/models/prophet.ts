// Prophet (augurs' Rust port, WebAssembly) with its Stan optimizer. The optimizer can only be
// loaded asynchronously, so callers that offer Prophet await ensureProphet() once before
// forecasting; after that, fitting is synchronous like the other models.

import { Prophet, initSync as initProphet } from '@bsull/augurs/prophet';
import { augursWasm } from './augurs-wasm';
import { loadProphetOptimizer } from './prophet-wasm';

type Optimizer = Awaited<ReturnType<typeof loadProphetOptimizer>>;

let optimizer: Optimizer | undefined;
let loading: Promise<void> | undefined;

/** Loads Prophet and its optimizer; concurrent and repeated calls share the one load. */
export function ensureProphet(): Promise<void> {
  loading ??= (async () => {
    initProphet({ module: augursWasm('prophet') });
    optimizer = await loadProphetOptimizer();
  })().catch((err: unknown) => {
    loading = undefined; // a later call may try again
    throw new Error(`Prophet could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  });
  return loading;
}

/** The loaded optimizer; throws when ensureProphet() has not completed. */
export function prophetOptimizer(): Optimizer {
  if (!optimizer) throw new Error('Prophet is not loaded yet: await ensureProphet() before forecasting with it');
  return optimizer;
}

export { Prophet };
