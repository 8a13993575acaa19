import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;
export const DATASOURCE_TYPE = 'foresight-analyzer-datasource';

/** The app's pages, below PLUGIN_BASE_URL; src/plugin.json lists the same paths in `includes`. */
export enum ROUTES {
  Overview = 'overview',
  Incidents = 'incidents',
  Capacity = 'capacity',
  SelfHealing = 'self-healing',
  Kpis = 'kpis',
}
