import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useState, type ComponentType } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CapacityFields } from '../../../src/datasource/components/query/CapacityFields';
import type { QueryFieldsProps } from '../../../src/datasource/components/query/props';
import { RiskFields } from '../../../src/datasource/components/query/RiskFields';
import { QueryType, type ForesightQuery } from '../../../src/datasource/types';

/** One query type's fields as QueryEditor drives them: patches merged into the query, runs counted. */
function Fields({ Component, initial, patches, runs }: { Component: ComponentType<QueryFieldsProps>; initial: ForesightQuery; patches: Array<Partial<ForesightQuery>>; runs: { count: number } }) {
  const [query, setQuery] = useState(initial);
  return (
    <Component
      query={query}
      onChange={(patch, run = true) => {
        patches.push(patch);
        setQuery((q) => ({ ...q, ...patch }));
        if (run) runs.count++;
      }}
      onRunQuery={() => runs.count++}
    />
  );
}

function setup(Component: ComponentType<QueryFieldsProps>, initial: Partial<ForesightQuery>) {
  const patches: Array<Partial<ForesightQuery>> = [];
  const runs = { count: 0 };
  render(<Fields Component={Component} initial={{ refId: 'A', ...initial }} patches={patches} runs={runs} />);
  return { patches, runs, user: userEvent.setup(), last: () => patches.at(-1)! };
}

describe('capacity fields', () => {
  const capacity = (q: Partial<ForesightQuery> = {}) => setup(CapacityFields, { queryType: QueryType.Capacity, output: 'table', expr: 'memory_bytes', ...q });

  it('sends a typed limit, target and replicas as numbers, running the query only on blur', async () => {
    const { runs, user, last } = capacity();
    await user.type(screen.getByLabelText('Limit'), '4096');
    assert.deepEqual(last(), { limit: 4096 });
    assert.equal(runs.count, 0, 'typing does not run the query');
    await user.type(screen.getByLabelText('Target utilisation'), '0.7');
    assert.deepEqual(last(), { target: 0.7 });
    await user.type(screen.getByLabelText('Replicas'), '3');
    assert.deepEqual(last(), { replicas: 3 });
    assert.equal(runs.count, 2, 'leaving the limit and the target ran it');
    await user.tab();
    assert.equal(runs.count, 3);
    await user.clear(screen.getByLabelText('Limit'));
    assert.deepEqual(last(), { limit: undefined }, 'an emptied limit is removed, not sent as 0');
  });

  it('explains a missing limit, two limits, and a target out of range, and clears each when fixed', async () => {
    const { user } = capacity();
    assert.ok(screen.getByText('Give a limit'));
    await user.type(screen.getByLabelText('Limit expression'), 'memory_limit_bytes');
    assert.equal(screen.queryByText('Give a limit'), null);
    await user.type(screen.getByLabelText('Limit'), '1');
    assert.ok(screen.getByText('A number or an expression, not both'));
    await user.clear(screen.getByLabelText('Limit expression'));
    assert.equal(screen.queryByText('A number or an expression, not both'), null);
    await user.type(screen.getByLabelText('Target utilisation'), '150');
    assert.ok(screen.getByText('In (0, 1], or a percentage'));
    await user.clear(screen.getByLabelText('Target utilisation'));
    await user.type(screen.getByLabelText('Target utilisation'), '80');
    assert.equal(screen.queryByText('In (0, 1], or a percentage'), null, '80 reads as a percentage');
  });

  it('offers the alert values only for the alert output, and each choice runs the query', async () => {
    const { runs, user, last } = capacity();
    assert.equal(screen.queryByLabelText('Time to exhaustion'), null);
    await user.click(screen.getByLabelText('Alert value'));
    assert.deepEqual(last(), { output: 'alert' });
    await user.click(screen.getByLabelText('Probability'));
    assert.deepEqual(last(), { alertValue: 'exhaustionProbability' });
    assert.equal(runs.count, 2);
  });

  it('chooses the forecasting method, Prophet included', async () => {
    const { user, last } = capacity();
    await user.click(screen.getByLabelText('Prophet'));
    assert.deepEqual(last(), { method: 'prophet' });
    await user.click(screen.getByLabelText('Auto'));
    assert.deepEqual(last(), { method: undefined }, 'the default is left to the backend');
  });
});

describe('risk fields', () => {
  const risk = (q: Partial<ForesightQuery> = {}) => setup(RiskFields, { queryType: QueryType.Risk, output: 'table', ...q });

  it('asks for at least one signal, and takes any of the three', async () => {
    for (const [label, key] of [
      ['PromQL expression', 'expr'],
      ['Usage expression', 'usageExpr'],
      ['Anomaly expression', 'anomalyExpr'],
    ] as const) {
      const { user, last } = risk();
      assert.ok(screen.getByText('Give at least one signal'));
      await user.type(screen.getByLabelText(label), 'x');
      assert.deepEqual(last(), { [key]: 'x' });
      assert.equal(screen.queryByText('Give at least one signal'), null, `${key} is a signal`);
      document.body.innerHTML = '';
    }
  });

  it('asks a crossing expression for its threshold and direction', async () => {
    const { user, last } = risk({ expr: 'memory_bytes' });
    assert.ok(screen.getByText('A threshold is required with a crossing expression'));
    await user.type(screen.getByLabelText('Risk threshold'), '0.9');
    assert.deepEqual(last(), { threshold: 0.9 });
    assert.equal(screen.queryByText('A threshold is required with a crossing expression'), null);
    await user.click(screen.getByLabelText('Below'));
    assert.deepEqual(last(), { direction: 'below' });
  });

  it('sends the service label, usage, limits and anomaly window as typed, and judges the window', async () => {
    const { runs, user, patches } = risk({ usageExpr: 'memory_bytes' });
    await user.type(screen.getByLabelText('Service label'), 'job');
    await user.type(screen.getByLabelText('Risk limit'), '512');
    await user.type(screen.getByLabelText('Risk limit expression'), 'limit_bytes');
    await user.type(screen.getByLabelText('Anomaly window'), 'lately');
    const merged = Object.assign({}, ...patches);
    assert.deepEqual([merged.groupBy, merged.limit, merged.limitExpr, merged.anomalyWindow], ['job', 512, 'limit_bytes', 'lately']);
    assert.ok(screen.getByText('Use a duration such as 90s, 15m, 1h30m or 7d'));
    await user.clear(screen.getByLabelText('Anomaly window'));
    await user.type(screen.getByLabelText('Anomaly window'), '30m');
    assert.equal(screen.queryByText('Use a duration such as 90s, 15m, 1h30m or 7d'), null);
    assert.equal(runs.count, 3, 'typing runs the query only as each field loses focus');
  });
});
