// What a test or benchmark asks the test page to render (shared by the page and its drivers).

export interface PanelSpec {
  panel: 'forecast' | 'causality';
  /** DataFrameJSON as /api/ds/query returns it (`schema` and `data`). */
  frames: unknown[];
  options?: Record<string, unknown>;
  /** The panel version the options were saved by (for the migration handler). */
  pluginVersion?: string;
  fieldConfig?: Record<string, unknown>;
  width: number;
  height: number;
  theme?: 'dark' | 'light';
  timeRange: { from: number; to: number };
  state?: 'Loading' | 'Done' | 'Error';
  errors?: Array<{ message: string }>;
}

export interface RenderResult {
  /** From the render call to React's commit. */
  commitMs: number;
  /** From the render call to the second animation frame after it: the browser has painted. */
  firstPaintMs: number;
  /** The options after the panel's migration handler. */
  options: unknown;
}
