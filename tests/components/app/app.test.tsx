import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryRouter } from 'react-router-dom';
import type { AppPluginMeta, AppRootProps, PluginConfigPageProps } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../../src/components/App/App';
import AppConfig, { settingsProblems } from '../../../src/components/AppConfig/AppConfig';
import type { AppSettings } from '../../../src/pages/data/settings';
import pluginJson from '../../../src/plugin.json';
import { installGrafanaRuntime } from '../grafana-runtime';

const DATASOURCES = [
  { uid: 'foresight', name: 'Foresight' },
  { uid: 'foresight-eu', name: 'Foresight EU' },
];

const meta = (jsonData: AppSettings, enabled = true) => ({ id: pluginJson.id, enabled, pinned: enabled, jsonData }) as unknown as AppPluginMeta<AppSettings>;

describe('app routes', () => {
  for (const [path, text] of [
    ['overview', 'Datasources'],
    ['incidents', 'Root-cause graph not available yet'],
    ['capacity', 'No capacity resources configured'],
    ['self-healing', 'No playbooks yet'],
    ['kpis', 'No incident records yet'],
  ]) {
    it(`shows the ${path} page at its path, listed in plugin.json`, () => {
      installGrafanaRuntime({ datasources: [], answer: () => ({ status: 200, data: { results: {} } }) });
      assert.ok(pluginJson.includes.some((i) => i.type === 'page' && i.path === `/a/%PLUGIN_ID%/${path}`), `plugin.json lists ${path}`);
      render(
        <MemoryRouter initialEntries={[`/${path}`]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <App {...({ meta: meta({}) } as unknown as AppRootProps<AppSettings>)} />
        </MemoryRouter>,
      );
      assert.ok(screen.getByText(text));
    });
  }

  it("opens the incidents page at the causality panel's incident links", () => {
    installGrafanaRuntime({ datasources: [], answer: () => ({ status: 200, data: { results: {} } }) });
    render(
      <MemoryRouter initialEntries={['/incidents/checkout-latency?node=checkout']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <App {...({ meta: meta({}) } as unknown as AppRootProps<AppSettings>)} />
      </MemoryRouter>,
    );
    assert.ok(screen.getByText('Root-cause graph not available yet'));
  });
});

describe('app configuration', () => {
  const renderConfig = (jsonData: AppSettings) => {
    const requests = installGrafanaRuntime({ datasources: DATASOURCES, answer: () => ({ status: 200, data: { message: 'Plugin settings updated' } }) });
    render(<AppConfig {...({ plugin: { meta: meta(jsonData) }, query: {} } as unknown as PluginConfigPageProps<AppPluginMeta<AppSettings>>)} />);
    return { requests, user: userEvent.setup() };
  };

  it('saves the datasource, defaults, signals and resources in the app settings', async () => {
    const { requests, user } = renderConfig({});
    await user.click(screen.getByLabelText(/^Foresight datasource/));
    await user.click(await screen.findByText('Foresight EU'));
    assert.equal(screen.getByRole('link', { name: /Datasource settings/ }).getAttribute('href'), '/connections/datasources/edit/foresight-eu');
    await user.type(screen.getByLabelText(/^Look back/), '6h');
    await user.click(screen.getByRole('button', { name: 'Add signal' }));
    await user.type(screen.getByLabelText(/^Signal 1 name/), 'Errors');
    await user.type(screen.getByLabelText(/^Signal 1 PromQL/), 'sum by (service) (rate(errors_total[[5m]))'); // [[ types one [
    await user.type(screen.getByLabelText(/^Signal 1 threshold/), '5');
    await user.click(within(screen.getByRole('group', { name: 'Signal 1' })).getByLabelText('Below'));
    await user.click(screen.getByRole('button', { name: 'Add resource' }));
    await user.type(screen.getByLabelText(/^Resource 1 name/), 'Disk');
    await user.type(screen.getByLabelText(/^Resource 1 usage PromQL/), 'disk_used_ratio');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    assert.ok(await screen.findByRole('status'));
    const saved = requests.at(-1)!;
    assert.equal(saved.url, `/api/plugins/${pluginJson.id}/settings`);
    assert.equal(saved.method, 'POST');
    assert.deepEqual(saved.data, {
      enabled: true,
      pinned: true,
      jsonData: {
        datasourceUid: 'foresight-eu',
        lookback: '6h',
        signals: [{ name: 'Errors', expr: 'sum by (service) (rate(errors_total[5m]))', threshold: 5, direction: 'below' }],
        capacity: [{ name: 'Disk', expr: 'disk_used_ratio', limit: 1 }],
      },
    });
  });

  it('will not save what the pages could not query, and says why', async () => {
    const { requests, user } = renderConfig({ signals: [{ name: 'Errors', expr: 'errors' }] });
    await user.type(screen.getByLabelText(/^Predict ahead/), 'soon');
    await user.clear(screen.getByLabelText(/^Signal 1 PromQL/));
    assert.ok(screen.getByText('Predict ahead "soon" is not a duration such as 1h or 30m'));
    assert.ok(screen.getByText('Signal 1 needs a name and a PromQL expression'));
    assert.equal((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled, true);
    await user.click(screen.getByRole('button', { name: 'Remove signal 1' }));
    assert.equal(screen.queryByText(/Signal 1 needs/), null);
    assert.equal(requests.length, 0);
  });

  it('reports a refused save', async () => {
    installGrafanaRuntime({ datasources: DATASOURCES, answer: () => ({ status: 403, data: { message: 'Permission denied' } }) });
    render(<AppConfig {...({ plugin: { meta: meta({}) }, query: {} } as unknown as PluginConfigPageProps<AppPluginMeta<AppSettings>>)} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save settings' }));
    assert.ok(await screen.findByText('Permission denied'));
  });

  it('checks the limits of each resource', () => {
    const problem = ['Resource 1 needs a name, a PromQL expression and one limit (a positive number or PromQL)'];
    assert.deepEqual(settingsProblems({ capacity: [{ name: 'Disk', expr: 'x', limit: NaN }] }), problem);
    assert.deepEqual(settingsProblems({ capacity: [{ name: 'Disk', expr: 'x', limit: 5, limitExpr: 'disk_size' }] }), problem);
    assert.deepEqual(settingsProblems({ capacity: [{ name: 'Disk', expr: 'x', limitExpr: 'disk_size' }] }), []);
    assert.deepEqual(settingsProblems({ lookback: '90m', horizon: '1h30m' }), []);
  });
});
