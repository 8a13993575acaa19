// A browser-like global environment (jsdom) for component tests under node's test runner. Import
// it first in every component test, before React or @grafana/ui load.
import globalJsdom from 'global-jsdom';

globalJsdom('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost:3000/', pretendToBeVisual: true });

// Some of @grafana/ui's dependencies require() their stylesheets, as a bundler would load them; styles
// do not matter to these tests.
const extensions = require('node:module').Module._extensions as Record<string, (m: { exports: unknown }) => void>;
extensions['.css'] = (m) => {
  m.exports = {};
};

// What jsdom lacks and @grafana/ui (or uPlot, which it loads) calls at import or render time. Each
// answers as a browser with nothing to report would.
const g = globalThis as Record<string, unknown>;
const matchMedia = (query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener: () => {},
  removeListener: () => {},
  addEventListener: () => {},
  removeEventListener: () => {},
  dispatchEvent: () => false,
});
class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
class IntersectionObserver extends ResizeObserver {
  takeRecords() {
    return [];
  }
}
// Node has its own CustomEvent, which jsdom's window refuses to dispatch.
g.CustomEvent = window.CustomEvent;
for (const [name, value] of Object.entries({ matchMedia, ResizeObserver, IntersectionObserver })) {
  g[name] = value;
  (window as unknown as Record<string, unknown>)[name] = value;
}
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

// React's act() warnings are on, as Testing Library expects, and each test starts from an empty
// document. Required here, not imported: imports would load react-dom before the globals above exist.
g.IS_REACT_ACT_ENVIRONMENT = true;
const { afterEach } = require('node:test') as typeof import('node:test');
const { cleanup } = require('@testing-library/react') as typeof import('@testing-library/react');
afterEach(() => cleanup());
