import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryEditor } from '../../../src/datasource/components/QueryEditor';
import type { ForesightDataSource } from '../../../src/datasource/datasource';
import { QueryType, type ForesightQuery } from '../../../src/datasource/types';

/** The editor as a panel's query row holds it; records what it sends and how often it runs the query. */
function Harness({ initial, sent, runs }: { initial: ForesightQuery; sent: ForesightQuery[]; runs: { count: number } }) {
  const [query, setQuery] = useState(initial);
  return (
    <QueryEditor
      datasource={{} as ForesightDataSource}
      query={query}
      onChange={(q) => {
        sent.push(q);
        setQuery(q);
      }}
      onRunQuery={() => runs.count++}
    />
  );
}

const setup = (initial: Partial<ForesightQuery>) => {
  const sent: ForesightQuery[] = [];
  const runs = { count: 0 };
  render(<Harness initial={{ refId: 'A', ...initial }} sent={sent} runs={runs} />);
  return { sent, runs, user: userEvent.setup() };
};

describe('query editor', () => {
  it('starts a new query as a forecast with the default horizon and level, and asks for PromQL', () => {
    setup({});
    assert.equal((screen.getByLabelText('Horizon') as HTMLInputElement).value, '1h');
    assert.equal((screen.getByLabelText('Confidence level') as HTMLInputElement).value, '0.95');
    assert.ok(screen.getByText('An expression is required'));
    assert.equal(screen.queryByLabelText('Threshold'), null);
  });

  it('sends typed PromQL without running it, and runs it on blur', async () => {
    const { sent, runs, user } = setup({ queryType: QueryType.Forecast });
    await user.type(screen.getByLabelText('PromQL expression'), 'up');
    assert.equal(sent.at(-1)!.expr, 'up');
    assert.equal(runs.count, 0);
    await user.tab();
    assert.equal(runs.count, 1);
    assert.equal(screen.queryByText('An expression is required'), null);
  });

  it('explains a horizon that is not a duration and a level out of range', async () => {
    const { sent, user } = setup({ queryType: QueryType.Forecast, expr: 'up' });
    const horizon = screen.getByLabelText('Horizon');
    await user.clear(horizon);
    assert.equal(sent.at(-1)!.horizon, undefined, 'an empty horizon is left to the backend default');
    await user.type(horizon, 'soon');
    assert.ok(screen.getByText('Use a duration such as 90s, 15m, 1h30m or 7d'));
    await user.clear(screen.getByLabelText('Confidence level'));
    await user.type(screen.getByLabelText('Confidence level'), '120');
    assert.ok(screen.getByText(/A confidence level between 0 and 1/));
    await user.clear(screen.getByLabelText('History'));
    await user.type(screen.getByLabelText('History'), '$history');
    assert.equal(screen.queryAllByText('Use a duration such as 90s, 15m, 1h30m or 7d').length, 1, 'a template variable is not judged');
  });

  it('offers the alert-rule fields of a forecast only for the value-at-horizon output', async () => {
    const { sent, runs, user } = setup({ queryType: QueryType.Forecast, expr: 'up' });
    assert.equal(screen.queryByText('Upper bound'), null);
    await user.click(screen.getByLabelText('Value at horizon'));
    assert.equal(sent.at(-1)!.output, 'horizon');
    await user.click(screen.getByLabelText('Upper bound'));
    await user.click(screen.getByLabelText('Max'));
    assert.deepEqual([sent.at(-1)!.horizonValue, sent.at(-1)!.reduce], ['upper', 'max']);
    assert.equal(runs.count, 3, 'each choice re-runs the query');
  });

  it('shows a predictive alert its threshold, crossing direction and alert value', async () => {
    const { sent, user } = setup({ queryType: QueryType.Predict, output: 'table', expr: 'disk_used_ratio' });
    assert.ok(screen.getByText('A threshold is required'));
    await user.type(screen.getByLabelText('Threshold'), '0.9');
    assert.equal(sent.at(-1)!.threshold, 0.9);
    assert.equal(screen.queryByText('A threshold is required'), null);
    await user.click(screen.getByLabelText('Below'));
    assert.equal(sent.at(-1)!.direction, 'below');
    assert.equal(screen.queryByLabelText('Time to threshold'), null);
    await user.click(screen.getByLabelText('Alert value'));
    await user.click(screen.getByLabelText('Time to threshold'));
    assert.equal(sent.at(-1)!.alertValue, 'timeToThreshold');
  });

  it('keeps an anomaly query to scores in (0, 1] and offers the detectors', async () => {
    const { sent, user } = setup({ queryType: QueryType.Anomaly, output: 'series', expr: 'up' });
    assert.equal(screen.queryByLabelText('Horizon'), null, 'anomalies have no horizon');
    await user.type(screen.getByLabelText('Score threshold'), '3');
    assert.ok(screen.getByText('An anomaly score above 0 and at most 1'));
    await user.click(screen.getByLabelText('Novelty'));
    assert.equal(sent.at(-1)!.detector, 'novelty');
    await user.click(screen.getByLabelText('Score'));
    await user.click(screen.getByLabelText('Highest'));
    assert.deepEqual([sent.at(-1)!.output, sent.at(-1)!.reduce], ['score', 'max']);
  });

  it("switches query type with that type's default output, and does not carry a threshold across", async () => {
    const { sent, user } = setup({ queryType: QueryType.Predict, output: 'alert', expr: 'up', threshold: 80 });
    await user.click(screen.getByLabelText('Query type'));
    await user.click(await screen.findByText('Anomalies'));
    const last = sent.at(-1)!;
    assert.equal(last.queryType, QueryType.Anomaly);
    assert.equal(last.output, 'series');
    assert.equal(last.threshold, undefined);
    assert.equal(last.expr, 'up', 'the expression is kept');
    assert.ok(screen.getByLabelText('Detector'));
  });
});

describe('query editor: capacity and risk', () => {
  it('asks a capacity query for one limit, a number or PromQL, and offers its alert values', async () => {
    const { sent, runs, user } = setup({ queryType: QueryType.Capacity, output: 'table', expr: 'memory_bytes' });
    assert.ok(screen.getByText('Give a limit'));
    await user.type(screen.getByLabelText('Limit'), '2048');
    assert.equal(sent.at(-1)!.limit, 2048);
    assert.equal(runs.count, 0, 'typing waits for blur');
    await user.type(screen.getByLabelText('Limit expression'), 'memory_limit_bytes');
    assert.ok(screen.getByText('A number or an expression, not both'));
    assert.ok(screen.getByLabelText('Horizon'), 'capacity forecasts, so it has a horizon');
    await user.click(screen.getByLabelText('Alert value'));
    await user.click(screen.getByLabelText('Headroom'));
    assert.deepEqual([sent.at(-1)!.output, sent.at(-1)!.alertValue], ['alert', 'headroom']);
  });

  it('lets a risk query go without PromQL when another signal is given', async () => {
    const { sent, user } = setup({ queryType: QueryType.Risk, output: 'table' });
    assert.equal(screen.queryByText('An expression is required'), null);
    assert.ok(screen.getByText('Give at least one signal'));
    await user.type(screen.getByLabelText('Anomaly expression'), 'errors');
    assert.equal(sent.at(-1)!.anomalyExpr, 'errors');
    assert.equal(screen.queryByText('Give at least one signal'), null);
  });

  it('does not carry an alert value into a type that reads it differently', async () => {
    const { sent, user } = setup({ queryType: QueryType.Predict, output: 'alert', expr: 'up', threshold: 1, alertValue: 'probability' });
    await user.click(screen.getByLabelText('Query type'));
    await user.click(await screen.findByText('Capacity'));
    assert.deepEqual([sent.at(-1)!.queryType, sent.at(-1)!.output, sent.at(-1)!.alertValue], [QueryType.Capacity, 'table', undefined]);
  });
});
