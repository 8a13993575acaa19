// The peer for the forecast panel: uPlot, the renderer under Grafana's own time series panel,
// drawing the same frames (observed, predicted dashed, band filled between lower and upper) on
// canvas, with a drag handler that pans the x scale as a pan plugin would.

import uPlot from 'uplot';

interface FrameJSON {
  data: { values: unknown[][] };
}

function render(frames: FrameJSON[], width: number, height: number): Promise<{ firstPaintMs: number }> {
  const container = document.getElementById('panel')!;
  container.innerHTML = '';
  container.style.width = `${width}px`;
  container.style.height = `${height}px`;
  const started = performance.now();
  // uPlot wants one aligned table: the frames share their time axis.
  const time = (frames[0].data.values[0] as number[]).map((t) => t / 1000);
  const data: uPlot.AlignedData = [time];
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];
  frames.forEach((f, i) => {
    const color = `hsl(${(i * 47) % 360} 70% 55%)`;
    const [, actual, predicted, lower, upper] = f.data.values as Array<Array<number | null>>;
    const base = data.length;
    data.push(actual, predicted, lower, upper);
    series.push({ stroke: color, width: 1.5 }, { stroke: color, width: 1.5, dash: [6, 4] }, { stroke: 'transparent' }, { stroke: 'transparent' });
    bands.push({ series: [base + 3, base + 2], fill: `hsl(${(i * 47) % 360} 70% 55% / 0.15)` });
  });
  const plot = new uPlot({ width, height, series, bands, legend: { show: false }, scales: { x: { time: true } } }, data, container);
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        // First paint over the full range, as the panel's; then zoomed in 4x for the pan, as the panel is.
        const firstPaintMs = performance.now() - started;
        zoomForPan(plot, time);
        resolve({ firstPaintMs });
      }),
    ),
  );
}

function zoomForPan(plot: uPlot, time: number[]): void {
  const [min, max] = [time[0], time[time.length - 1]];
  // Zoomed in 4x, as the panel is before the pan, so both pan the same window size.
  const span = (max - min) / 4;
  plot.setScale('x', { min: max - span, max });
  let drag: { x: number; min: number } | undefined;
  const over = plot.over;
  over.addEventListener('pointerdown', (e) => (drag = { x: e.clientX, min: plot.scales.x.min! }));
  over.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const perPx = span / plot.bbox.width * devicePixelRatio;
    const from = Math.min(Math.max(min, drag.min - (e.clientX - drag.x) * perPx), max - span);
    plot.setScale('x', { min: from, max: from + span });
  });
  window.addEventListener('pointerup', () => (drag = undefined));
}

declare global {
  interface Window {
    foresightPeer: { renderUplot: typeof render };
  }
}
window.foresightPeer = { renderUplot: render };
