// Rendering benchmark in Debian's Chromium (headless, software rendering): the forecast panel with
// 20 series x 2,000 points and their bands, and the causality graph with 300 nodes and 600 edges.
// For each: time to first render on a fresh page (render call to the second animation frame after
// it, median of --repeat), and frames per second while the mouse drags the drawing for --pan-ms.
// Peers, measured in the same run on the same frames: for the forecast, uPlot (the renderer of
// Grafana's own time series panel); for the graph, Cytoscape.js with its cose layout (Grafana's
// Node Graph panel lives in Grafana's frontend, not in a package, so it cannot be measured here).
//
//   npm run bench:render [-- --series 20 --points 2000 --nodes 300 --edges 600 --repeat 3 --pan-ms 3000]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, type RunningBrowser } from '../../tests/browser/harness/chromium';
import { REPO, buildPanelPage, buildScript } from '../../tests/browser/harness/page-build';
import type { PanelSpec } from '../../tests/browser/page/spec';
import { forecastFrames, graphFrames } from './synthetic';

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '20' },
    points: { type: 'string', default: '2000' },
    nodes: { type: 'string', default: '300' },
    edges: { type: 'string', default: '600' },
    repeat: { type: 'string', default: '3' },
    'pan-ms': { type: 'string', default: '3000' },
  },
});
const num = (name: keyof typeof args) => {
  const v = Number(args[name]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(args[name])}`);
  return v;
};
const SERIES = num('series');
const POINTS = num('points');
const NODES = num('nodes');
const EDGES = num('edges');
const REPEAT = num('repeat');
const PAN_MS = num('pan-ms');
const WIDTH = 1200;
const HEIGHT = 520;

interface Figures {
  name: string;
  firstRenderMs: number[];
  fps: number;
  worstFrameMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function freshPage(browser: RunningBrowser, url: string, peer?: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.foresight?.ready === true);
  if (peer) await page.addScriptTag({ path: peer });
  return page;
}

/** Drags the mouse back and forth across the middle of `box` while the page counts frames. */
async function panFps(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<{ fps: number; worstFrameMs: number }> {
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width * 0.3;
  const x1 = box.x + box.width * 0.7;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  const measuring = page.evaluate((ms) => window.foresight.measureFps(ms, () => {}), PAN_MS);
  const end = Date.now() + PAN_MS;
  let x = x0;
  let dir = 1;
  while (Date.now() < end) {
    x += dir * 6;
    if (x > x1 || x < x0) dir = -dir;
    await page.mouse.move(x, y);
  }
  const result = await measuring;
  await page.mouse.up();
  return result;
}

async function benchPanel(browser: RunningBrowser, url: string, name: string, spec: PanelSpec, prepare: (page: Page) => Promise<{ x: number; y: number; width: number; height: number }>): Promise<Figures> {
  const times: number[] = [];
  let page: Page | undefined;
  for (let i = 0; i < REPEAT; i++) {
    await page?.close();
    page = await freshPage(browser, url);
    const r = await page.evaluate((s) => window.foresight.render(s), spec);
    times.push(r.firstPaintMs);
  }
  const box = await prepare(page!);
  const pan = await panFps(page!, box);
  await page!.close();
  return { name, firstRenderMs: times, ...pan };
}

async function benchUplot(browser: RunningBrowser, url: string, peer: string, frames: unknown[]): Promise<Figures> {
  const times: number[] = [];
  let page: Page | undefined;
  for (let i = 0; i < REPEAT; i++) {
    await page?.close();
    page = await freshPage(browser, url, peer);
    const r = await page.evaluate(([f, w, h]) => window.foresightPeer.renderUplot(f as never, w as number, h as number), [frames, WIDTH, HEIGHT] as const);
    times.push(r.firstPaintMs);
  }
  const box = (await page!.locator('.u-over').boundingBox())!;
  const pan = await panFps(page!, box);
  await page!.close();
  return { name: 'forecast, uPlot (peer: Grafana time series renderer)', firstRenderMs: times, ...pan };
}

async function benchCytoscape(browser: RunningBrowser, url: string, peer: string, frames: unknown[]): Promise<Figures> {
  const times: number[] = [];
  let page: Page | undefined;
  for (let i = 0; i < REPEAT; i++) {
    await page?.close();
    page = await freshPage(browser, url, peer);
    const r = await page.evaluate(([f, w, h]) => window.foresightGraphPeer.renderCytoscape(f as never, w as number, h as number), [frames, WIDTH, HEIGHT] as const);
    times.push(r.firstPaintMs);
  }
  const box = (await page!.locator('#panel').boundingBox())!;
  const pan = await panFps(page!, { x: box.x, y: box.y + box.height - 40, width: box.width, height: 20 });
  await page!.close();
  return { name: 'causality graph, Cytoscape.js cose (peer)', firstRenderMs: times, ...pan };
}

async function main() {
  const url = await buildPanelPage();
  const peer = await buildScript(join(REPO, 'bench/render/peer-uplot.ts'), 'peer-uplot');
  const graphPeer = await buildScript(join(REPO, 'bench/render/peer-cytoscape.ts'), 'peer-cytoscape');
  const browser = await launchChromium({ width: 1280, height: 800 });
  const version = browser.context.browser()?.version() ?? 'chromium';
  const end = Date.now();
  const forecast = forecastFrames(SERIES, POINTS, Math.round(POINTS / 10), end);
  const timeRange = { from: end - (POINTS - POINTS / 10) * 15_000, to: end };
  const graph = graphFrames(NODES, EDGES);
  const results: Figures[] = [];
  try {
    results.push(
      await benchPanel(browser, url, 'forecast, ours', { panel: 'forecast', frames: forecast, width: WIDTH, height: HEIGHT, timeRange }, async (page) => {
        // Zoomed in 4x (wheel), so there is room to pan, as for the peer.
        const clip = (await page.getByTestId('forecast-canvas').boundingBox())!;
        await page.mouse.move(clip.x + clip.width - 2, clip.y + clip.height / 2);
        await page.mouse.wheel(0, -Math.log(4) / Math.log(1.002));
        await page.waitForTimeout(200);
        return clip;
      }),
    );
    results.push(await benchUplot(browser, url, peer, forecast));
    results.push(
      await benchPanel(browser, url, 'causality graph, ours', { panel: 'causality', frames: graph, width: WIDTH, height: HEIGHT, timeRange }, async (page) => {
        const box = (await page.getByTestId('causality-graph').boundingBox())!;
        // Drag on the background near the bottom edge, not on a node.
        return { x: box.x, y: box.y + box.height - 40, width: box.width, height: 20 };
      }),
    );
    results.push(await benchCytoscape(browser, url, graphPeer, graph));
  } finally {
    await browser.close();
  }
  console.log(`render benchmark: Chromium ${version}, headless, --disable-gpu; panel ${WIDTH}x${HEIGHT}`);
  console.log(`  forecast: ${SERIES} series x ${POINTS} points (last ${Math.round(POINTS / 10)} predicted) with bands; graph: ${NODES} nodes, ${EDGES} edges; pan ${PAN_MS} ms`);
  console.log(`  ${'case'.padEnd(56)} ${'first render ms (median; all)'.padEnd(34)} ${'pan fps'.padStart(8)} ${'worst frame ms'.padStart(15)}`);
  for (const r of results) {
    const all = r.firstRenderMs.map((t) => t.toFixed(0)).join(', ');
    console.log(`  ${r.name.padEnd(56)} ${`${median(r.firstRenderMs).toFixed(0)} (${all})`.padEnd(34)} ${r.fps.toFixed(1).padStart(8)} ${r.worstFrameMs.toFixed(0).padStart(15)}`);
  }
  const dir = join(REPO, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'render.json'), JSON.stringify({ chromium: version, series: SERIES, points: POINTS, nodes: NODES, edges: EDGES, panMs: PAN_MS, results }, null, 2));
}

main().catch((err) => {
  console.error(`bench:render: ${(err as Error).message}`);
  process.exit(1);
});
