import type { FormEvent } from 'react';
import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import { CrossingField } from './CrossingField';
import { HistoryLegendFields } from './HistoryLegendFields';
import { HorizonLevelFields } from './HorizonLevelFields';
import { OutputField } from './OutputField';
import { PromQLField } from './PromQLField';
import type { QueryFieldsProps } from './props';
import { durationError, numberOrUndefined } from './validation';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Table', value: 'table', description: 'One row per service: risk and its signals' },
  { label: 'Alert value', value: 'alert', description: 'The risk per service, for alert rules' },
];

/**
 * risk: a 0-1 risk per service from its signals. The PromQL box is the crossing signal (with the threshold here);
 * usage with a limit is the capacity signal; a third expression gives the anomaly signal. Any one is enough.
 */
export function RiskFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  const text = (key: 'groupBy' | 'usageExpr' | 'limitExpr' | 'anomalyExpr' | 'anomalyWindow') => (e: FormEvent<HTMLInputElement>) =>
    onChange({ [key]: e.currentTarget.value || undefined }, false);
  const noSignal = !query.expr && !query.usageExpr && !query.anomalyExpr;
  const windowError = durationError(query.anomalyWindow);
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
      <PromQLField {...props} optional placeholder="Crossing signal (optional), e.g. process_resident_memory_bytes" />
      <InlineFieldRow>
        <HorizonLevelFields {...props} />
        <HistoryLegendFields {...props} />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Service label" labelWidth={14} tooltip="The label that names a service; the risk is given per value">
          <Input aria-label="Service label" width={14} placeholder="service" value={query.groupBy ?? ''} onChange={text('groupBy')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Threshold" labelWidth={10} tooltip="Crossing signal: the value the PromQL series must not cross" invalid={!!query.expr && query.threshold === undefined}
          error="A threshold is required with a crossing expression"
        >
          <Input
            aria-label="Risk threshold"
            type="number"
            width={12}
            value={query.threshold ?? ''}
            onChange={(e) => onChange({ threshold: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <CrossingField {...props} />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Usage" labelWidth={14} grow tooltip="Capacity signal: usage series, read against the limit" invalid={noSignal} error="Give at least one signal">
          <Input aria-label="Usage expression" placeholder="e.g. process_resident_memory_bytes" value={query.usageExpr ?? ''} onChange={text('usageExpr')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Limit" labelWidth={10} tooltip="A number, or use the PromQL limit on the right">
          <Input aria-label="Risk limit" type="number" width={14} value={query.limit ?? ''} onChange={(e) => onChange({ limit: numberOrUndefined(e.currentTarget.value) }, false)} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="or PromQL" labelWidth={10} grow>
          <Input aria-label="Risk limit expression" value={query.limitExpr ?? ''} onChange={text('limitExpr')} onBlur={onRunQuery} />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Anomalies of" labelWidth={14} grow tooltip="Anomaly signal: the highest recent online anomaly score of these series">
          <Input aria-label="Anomaly expression" placeholder="e.g. sum by (service) (rate(errors_total[5m]))" value={query.anomalyExpr ?? ''} onChange={text('anomalyExpr')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Over the last" labelWidth={14} invalid={!!windowError} error={windowError}>
          <Input aria-label="Anomaly window" width={10} placeholder="15m" value={query.anomalyWindow ?? ''} onChange={text('anomalyWindow')} onBlur={onRunQuery} />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
