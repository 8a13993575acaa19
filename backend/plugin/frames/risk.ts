// Failure-risk results as frames: a table for dashboards (one row per service, its signals listed)
// and one number per service for alert rules.

import type { ServiceRisk } from '../../analyzers/risk/risk';
import type { Frame } from '../../protocol';

function signalsText(r: ServiceRisk): string {
  return r.contributions.map((c) => `${c.kind} ${c.value.toFixed(2)} (${c.source}: ${c.detail})`).join('; ');
}

export function riskTableFrame(rows: ServiceRisk[], refId: string, executed: string, groupBy: string): Frame {
  const kindValue = (r: ServiceRisk, kind: string) => r.contributions.find((c) => c.kind === kind)?.value ?? null;
  const pct = { unit: 'percentunit', min: 0, max: 1, decimals: 1 };
  return {
    name: 'failure risk',
    refId,
    meta: { preferredVisualisationType: 'table', executedQueryString: executed, custom: { groupBy } },
    fields: [
      { name: groupBy, type: 'string', values: rows.map((r) => r.service) },
      { name: 'risk', type: 'number', values: rows.map((r) => r.risk), config: pct },
      { name: 'crossing', type: 'number', values: rows.map((r) => kindValue(r, 'crossing')), config: { ...pct, noValue: '-' } },
      { name: 'capacity', type: 'number', values: rows.map((r) => kindValue(r, 'capacity')), config: { ...pct, noValue: '-' } },
      { name: 'anomaly', type: 'number', values: rows.map((r) => kindValue(r, 'anomaly')), config: { ...pct, noValue: '-' } },
      { name: 'main signal', type: 'string', values: rows.map((r) => (r.contributions[0] ? `${r.contributions[0].kind}: ${r.contributions[0].source}` : '')) },
      { name: 'signals', type: 'string', values: rows.map(signalsText) },
    ],
  };
}

export function riskAlertFrame(row: ServiceRisk, refId: string, executed: string, groupBy: string): Frame {
  return {
    name: row.service,
    refId,
    meta: { type: 'numeric-multi', typeVersion: [0, 1], executedQueryString: executed, custom: { signals: signalsText(row) } },
    fields: [{ name: 'risk', type: 'number', values: [row.risk], labels: { [groupBy]: row.service }, config: { unit: 'percentunit', min: 0, max: 1 } }],
  };
}
