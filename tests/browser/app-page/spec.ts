// What a browser test asks the app test page to show (shared by the page and its page object).

import type { AppSettings } from '../../../src/pages/data/settings';

export interface AppPageSpec {
  /** The app route, e.g. "overview", "incidents", "kpis". */
  path: string;
  /** The app plugin's jsonData, as Grafana hands it to the app. */
  settings: AppSettings;
  theme?: 'dark' | 'light';
}
