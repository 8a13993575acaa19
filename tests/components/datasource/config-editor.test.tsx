import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useState } from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigEditor } from '../../../src/datasource/components/ConfigEditor';
import type { ForesightDataSourceOptions, ForesightSecureJsonData } from '../../../src/datasource/types';

type Options = DataSourceSettings<ForesightDataSourceOptions, ForesightSecureJsonData>;

const settings = (jsonData: ForesightDataSourceOptions = {}, secureJsonFields: Record<string, boolean> = {}): Options =>
  ({ id: 1, uid: 'ds', orgId: 1, name: 'Foresight', type: 'foresight-analyzer-datasource', access: 'proxy', url: '', jsonData, secureJsonFields, readOnly: false }) as unknown as Options;

/** The editor as Grafana's settings page holds it: every change comes back as the next props. */
function Harness({ initial, changes }: { initial: Options; changes: Options[] }) {
  const [options, setOptions] = useState(initial);
  return (
    <ConfigEditor
      options={options}
      onOptionsChange={(o) => {
        changes.push(o);
        setOptions(o);
      }}
    />
  );
}

const section = (name: string) => screen.getByRole('group', { name });

describe('datasource config editor', () => {
  it('has a labelled URL field for Prometheus, Loki and Tempo, and stores each under its own key', async () => {
    const changes: Options[] = [];
    const user = userEvent.setup();
    render(<Harness initial={settings()} changes={changes} />);
    for (const [name, url] of [['Prometheus', 'http://127.0.0.1:9090'], ['Loki', 'http://127.0.0.1:3100'], ['Tempo', 'http://127.0.0.1:3200']]) {
      await user.type(within(section(name)).getByLabelText(/^URL/), url);
    }
    const last = changes.at(-1)!.jsonData;
    assert.equal(last.prometheusUrl, 'http://127.0.0.1:9090');
    assert.equal(last.lokiUrl, 'http://127.0.0.1:3100');
    assert.equal(last.tempoUrl, 'http://127.0.0.1:3200');
  });

  it('says when a URL is not http(s)', async () => {
    render(<Harness initial={settings({ lokiUrl: 'loki:3100' })} changes={[]} />);
    assert.ok(within(section('Loki')).getByText('Must start with http:// or https:// and name a host'));
    assert.equal(within(section('Prometheus')).queryByText(/Must start with/), null);
  });

  it('asks for the user and password of basic auth, and keeps the password a secret', async () => {
    const changes: Options[] = [];
    const user = userEvent.setup();
    render(<Harness initial={settings({ tempoUrl: 'http://t:3200' })} changes={changes} />);
    const tempo = within(section('Tempo'));
    assert.equal(tempo.queryByLabelText(/^User/), null);
    await user.click(tempo.getByLabelText('Basic'));
    assert.ok(tempo.getByText('Basic auth needs a user'));
    await user.type(tempo.getByLabelText(/^User/), 'reader');
    await user.type(tempo.getByLabelText('Password'), 's3cret');
    const last = changes.at(-1)!;
    assert.equal(last.jsonData.tempoAuth, 'basic');
    assert.equal(last.jsonData.tempoUser, 'reader');
    assert.equal(last.secureJsonData?.tempoPassword, 's3cret');
    assert.equal((last.jsonData as Record<string, unknown>).tempoPassword, undefined);
    assert.equal(tempo.queryByText('Basic auth needs a user'), null);
  });

  it('shows a configured bearer token as set, and resets it on request', async () => {
    const changes: Options[] = [];
    const user = userEvent.setup();
    render(<Harness initial={settings({ lokiUrl: 'http://l', lokiAuth: 'bearer' }, { lokiBearerToken: true })} changes={changes} />);
    const loki = within(section('Loki'));
    assert.equal(loki.queryByText('Bearer auth needs a token'), null);
    await user.click(loki.getByRole('button', { name: 'Reset' }));
    assert.equal(changes.at(-1)!.secureJsonFields.lokiBearerToken, false);
    assert.ok(loki.getByText('Bearer auth needs a token'));
  });

  it('stores the Loki and Tempo tenants; Prometheus has none', async () => {
    const changes: Options[] = [];
    const user = userEvent.setup();
    render(<Harness initial={settings()} changes={changes} />);
    assert.equal(within(section('Prometheus')).queryByLabelText(/^Tenant/), null);
    await user.type(within(section('Loki')).getByLabelText(/^Tenant/), 'team-a');
    await user.type(within(section('Tempo')).getByLabelText(/^Tenant/), 'team-b');
    assert.equal(changes.at(-1)!.jsonData.lokiTenant, 'team-a');
    assert.equal(changes.at(-1)!.jsonData.tempoTenant, 'team-b');
  });

  it('checks the limits against the bounds the backend enforces', async () => {
    const changes: Options[] = [];
    const user = userEvent.setup();
    render(<Harness initial={settings()} changes={changes} />);
    const limits = within(section('Limits'));
    await user.type(limits.getByLabelText(/^Max points per series/), '20000');
    assert.equal(changes.at(-1)!.jsonData.maxPointsPerSeries, 20000);
    assert.ok(limits.getByText('A number between 1 and 11000'));
    await user.clear(limits.getByLabelText(/^Max points per series/));
    assert.equal(changes.at(-1)!.jsonData.maxPointsPerSeries, undefined);
    assert.equal(limits.queryByText(/A number between/), null);
  });

  it('moves keyboard focus through the Prometheus fields in order', async () => {
    const user = userEvent.setup();
    render(<Harness initial={settings({ prometheusAuth: 'basic' })} changes={[]} />);
    const prometheus = within(section('Prometheus'));
    await user.click(prometheus.getByLabelText(/^URL/));
    await user.tab();
    assert.equal(document.activeElement, prometheus.getByLabelText('Basic'));
  });
});
