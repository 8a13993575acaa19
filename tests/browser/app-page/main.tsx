// The page the app-page browser tests load: our app's pages as Grafana mounts them, inside Grafana's
// theme, with Grafana's runtime services (backendSrv, dataSourceSrv) talking to the real Grafana
// over HTTP. The Grafana server built from Go modules has no frontend bundle; the page object
// serves this page on an origin whose /api/* it forwards to that server.

import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { Observable } from 'rxjs';
import { ThemeContext, createTheme, type AppPluginMeta, type AppRootProps, type DataSourceInstanceSettings } from '@grafana/data';
import { setBackendSrv, setDataSourceSrv, type BackendSrv, type BackendSrvRequest, type DataSourceSrv, type FetchResponse } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import App from '../../../src/components/App/App';
import type { AppSettings } from '../../../src/pages/data/settings';
import type { AppPageSpec } from './spec';

async function http(req: BackendSrvRequest): Promise<{ status: number; data: unknown; statusText: string }> {
  const params = req.params ? `?${new URLSearchParams(req.params as Record<string, string>)}` : '';
  const res = await fetch(`${req.url}${params}`, {
    method: req.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...(req.headers ?? {}) },
    body: req.data === undefined ? undefined : JSON.stringify(req.data),
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, data, statusText: res.statusText };
}

// Grafana's backendSrv in its essentials: fetch() as an Observable that errors with the body on a
// failed status, get() as a promise.
setBackendSrv({
  fetch: <T,>(req: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((sub) => {
      http(req).then(
        (r) => {
          const response = { ...r, data: r.data as T, ok: r.status < 300, headers: new Headers(), redirected: false, type: 'basic', url: req.url, config: req } as FetchResponse<T>;
          if (r.status < 300) {
            sub.next(response);
            sub.complete();
          } else {
            sub.error(response);
          }
        },
        (err) => sub.error(err),
      );
    }),
  get: async (url: string, params?: Record<string, string>) => {
    const r = await http({ url, params });
    if (r.status >= 300) {
      throw r;
    }
    return r.data;
  },
} as unknown as BackendSrv);

let root: Root | undefined;

async function render(spec: AppPageSpec): Promise<void> {
  // Grafana knows its datasources before any page renders; so does this page.
  const list = (await http({ url: '/api/datasources' })).data as DataSourceInstanceSettings[];
  setDataSourceSrv({
    getList: (filter?: { type?: string }) => list.filter((d) => !filter?.type || d.type === filter.type),
    getInstanceSettings: (uid: string) => list.find((d) => d.uid === uid),
  } as unknown as DataSourceSrv);
  const theme = createTheme({ colors: { mode: spec.theme ?? 'dark' } });
  const meta = { id: 'foresight-observability-app', enabled: true, pinned: true, jsonData: spec.settings } as unknown as AppPluginMeta<AppSettings>;
  document.body.style.background = theme.colors.background.primary;
  document.body.style.color = theme.colors.text.primary;
  root?.unmount();
  root = createRoot(document.getElementById('app')!);
  // React commits a render later, not in root.render: resolving once the page is on screen lets a
  // test that waits for the page's queries see them begin.
  const committed = new Promise<void>((resolve) => (onCommit = resolve));
  root.render(
    <StrictMode>
      <Committed>
        <ThemeContext.Provider value={theme}>
          <GlobalStyles />
          <MemoryRouter initialEntries={[`/${spec.path}`]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
            <App {...({ meta, basename: '/a/foresight-observability-app', query: {}, path: '', onNavChanged: () => {} } as unknown as AppRootProps<AppSettings>)} />
          </MemoryRouter>
        </ThemeContext.Provider>
      </Committed>
    </StrictMode>,
  );
  await committed;
}

let onCommit: () => void = () => {};

function Committed({ children }: { children: ReactNode }) {
  useEffect(() => onCommit(), []);
  return <>{children}</>;
}

declare global {
  interface Window {
    foresightApp: { render: typeof render; ready: boolean };
  }
}
window.foresightApp = { render, ready: true };
