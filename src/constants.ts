import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;
export const DATASOURCE_TYPE = 'foresight-analyzer-datasource';

export enum ROUTES {
  Overview = 'overview',
}
