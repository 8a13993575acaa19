// The peer for the causality graph: Cytoscape.js, a widely used graph renderer (canvas), drawing the
// same node and edge frames with its own force-directed layout (cose) and its built-in drag pan.

import cytoscape from 'cytoscape';

interface FrameJSON {
  schema: { fields: Array<{ name: string }> };
  data: { values: unknown[][] };
}

const column = (f: FrameJSON, name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)] as string[];

function render(frames: FrameJSON[], width: number, height: number): Promise<{ firstPaintMs: number }> {
  const container = document.getElementById('panel')!;
  container.innerHTML = '';
  container.style.width = `${width}px`;
  container.style.height = `${height}px`;
  const started = performance.now();
  const [nodes, edges] = frames;
  const ids = column(nodes, 'id');
  const titles = column(nodes, 'title');
  const src = column(edges, 'source');
  const dst = column(edges, 'target');
  cytoscape({
    container,
    elements: [
      ...ids.map((id, i) => ({ data: { id, label: titles[i] } })),
      ...src.map((s, i) => ({ data: { id: `e${i}`, source: s, target: dst[i] } })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 10, width: 24, height: 24 } },
      { selector: 'edge', style: { width: 1.5, 'curve-style': 'straight', 'target-arrow-shape': 'triangle' } },
    ],
    layout: { name: 'cose', animate: false, randomize: false },
  });
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve({ firstPaintMs: performance.now() - started }))));
}

declare global {
  interface Window {
    foresightGraphPeer: { renderCytoscape: typeof render };
  }
}
window.foresightGraphPeer = { renderCytoscape: render };
