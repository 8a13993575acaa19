// augurs (Grafana's time-series library, Rust compiled to WebAssembly) initialised synchronously
// and once, on first use. Its objects live in WebAssembly memory, which no GC reclaims: callers
// free them (`using` or `.free()`).

import { AutoETS, initSync as initEts } from '@bsull/augurs/ets';
import { MSTL, initSync as initMstl } from '@bsull/augurs/mstl';
import { initSync as initSeasons, seasonalities } from '@bsull/augurs/seasons';
import { augursWasm } from './augurs-wasm';

let ready = false;

export function ensureAugurs(): void {
  if (ready) {
    return;
  }
  initMstl({ module: augursWasm('mstl') });
  initEts({ module: augursWasm('ets') });
  initSeasons({ module: augursWasm('seasons') });
  ready = true;
}

export { AutoETS, MSTL, seasonalities };
