// The page the browser tests and the rendering benchmark load: it renders one of our panels the
// way Grafana does, inside Grafana's theme context with PanelProps built from real DataFrames
// (frames as /api/ds/query returns them, read by @grafana/data's own reader). The Grafana server
// built from Go modules has no frontend bundle, so this stands in for the dashboard around a panel.

import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import {
  EventBusSrv,
  LoadingState,
  ThemeContext,
  createTheme,
  dataFrameFromJSON,
  dateTime,
  standardEditorsRegistry,
  type DataFrameJSON,
  type FieldConfigSource,
  type PanelData,
  type PanelModel,
  type PanelPlugin,
} from '@grafana/data';
import { plugin as causalityPlugin } from '../../../src/panels/causality/module';
import { plugin as forecastPlugin } from '../../../src/panels/forecast/module';
import { GlobalStyles } from '@grafana/ui';
import type { PanelSpec, RenderResult } from './spec';

const PLUGINS: Record<PanelSpec['panel'], PanelPlugin<any>> = { forecast: forecastPlugin, causality: causalityPlugin };

// Grafana registers its option editors at start-up; the builders look them up by id to read the
// defaults. The page never shows an editor, so each is a placeholder.
standardEditorsRegistry.setInit(() =>
  ['boolean', 'radio', 'slider', 'number', 'text', 'select', 'color', 'unit'].map((id) => ({ id, name: id, editor: () => null })),
);

let root: Root | undefined;
let styleRoot: Root | undefined;

function withDefaults(defaults: Record<string, unknown>, options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(options)) {
    const d = defaults[k];
    out[k] = v && d && typeof v === 'object' && typeof d === 'object' && !Array.isArray(v) ? withDefaults(d as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
const container = document.getElementById('panel')!;

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

function render(spec: PanelSpec): Promise<RenderResult> {
  const plugin = PLUGINS[spec.panel];
  const theme = createTheme({ colors: { mode: spec.theme ?? 'dark' } });
  const series = spec.frames.map((f) => dataFrameFromJSON(f as DataFrameJSON));
  const from = dateTime(spec.timeRange.from);
  const to = dateTime(spec.timeRange.to);
  const data: PanelData = {
    state: (spec.state as LoadingState | undefined) ?? LoadingState.Done,
    series,
    errors: spec.errors,
    timeRange: { from, to, raw: { from, to } },
  };
  // As Grafana loads a panel: saved options through the panel's migration handler, then the
  // defaults of its options builder under them.
  const saved = spec.options ?? {};
  const migrated = plugin.onPanelMigration ? plugin.onPanelMigration({ options: saved, pluginVersion: spec.pluginVersion } as PanelModel) : saved;
  const options = withDefaults(plugin.defaults as Record<string, unknown>, migrated as Record<string, unknown>);
  const fieldConfig: FieldConfigSource = { defaults: spec.fieldConfig ?? {}, overrides: [] };
  const Panel = plugin.panel!;
  container.style.width = `${spec.width}px`;
  container.style.height = `${spec.height}px`;
  container.style.background = theme.colors.background.primary;
  // Grafana's global styles are in place before any panel renders: outside the timing.
  styleRoot ??= createRoot(document.getElementById('styles')!);
  flushSync(() =>
    styleRoot!.render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
      </ThemeContext.Provider>,
    ),
  );
  const started = performance.now();
  root ??= createRoot(container);
  flushSync(() =>
    root!.render(
      <StrictMode>
        <ThemeContext.Provider value={theme}>
          <Panel
            id={1}
            title="panel"
            data={data}
            timeRange={data.timeRange}
            timeZone="utc"
            options={options}
            fieldConfig={fieldConfig}
            transparent={false}
            width={spec.width}
            height={spec.height}
            renderCounter={0}
            eventBus={new EventBusSrv()}
            onOptionsChange={() => {}}
            onFieldConfigChange={() => {}}
            replaceVariables={(s: string) => s}
            onChangeTimeRange={() => {}}
          />
        </ThemeContext.Provider>
      </StrictMode>,
    ),
  );
  const committed = performance.now();
  return nextPaint().then(() => ({ commitMs: committed - started, firstPaintMs: performance.now() - started, options }));
}

/** Frames per second over `durationMs` while `step` is called on every animation frame. */
function measureFps(durationMs: number, step: (frame: number) => void): Promise<{ frames: number; fps: number; worstFrameMs: number }> {
  return new Promise((resolve) => {
    let frames = 0;
    let worst = 0;
    const start = performance.now();
    let last = start;
    const tick = (now: number) => {
      worst = Math.max(worst, now - last);
      last = now;
      if (now - start >= durationMs) {
        resolve({ frames, fps: (frames * 1000) / (now - start), worstFrameMs: worst });
        return;
      }
      step(frames++);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

declare global {
  interface Window {
    foresight: { render: typeof render; measureFps: typeof measureFps; ready: boolean };
  }
}
window.foresight = { render, measureFps, ready: true };
