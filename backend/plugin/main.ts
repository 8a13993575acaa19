// Entry point of the backend executable that Grafana starts (gpx_foresight_<os>_<arch>).

import { createLogger, servePlugin } from '../protocol';
import { createHandlers } from './handlers';

const logger = createLogger();
servePlugin(createHandlers(logger), { logger }).catch((err) => {
  logger.error('the plugin could not start', { error: err });
  process.exit(1);
});
