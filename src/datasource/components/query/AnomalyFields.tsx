import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import { HistoryLegendFields } from './HistoryLegendFields';
import { OutputField } from './OutputField';
import { PromQLField } from './PromQLField';
import type { QueryFieldsProps } from './props';
import { numberOrUndefined } from './validation';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Series', value: 'series', description: 'Value, expected band and score, for graphs' },
  { label: 'Score', value: 'score', description: 'The latest (or highest) score per series, for alert rules' },
];

/** The backend flags points scoring above this (backend/plugin/query/anomaly.ts). */
const DEFAULT_SCORE_THRESHOLD = 0.5;

/** anomaly: each point scored against an adaptive band. */
export function AnomalyFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  const threshold = query.threshold;
  const thresholdError = threshold === undefined || (threshold > 0 && threshold <= 1) ? undefined : 'An anomaly score above 0 and at most 1';
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
      <PromQLField {...props} />
      <InlineFieldRow>
        <InlineField
          label="Detector"
          labelWidth={14}
          tooltip="Seasonal residual: distance from the seasonal baseline. Novelty: distance from anything the series has done (streaming)"
        >
          <RadioButtonGroup
            aria-label="Detector"
            options={[
              { label: 'Seasonal residual', value: 'seasonal-residual' as const },
              { label: 'Novelty', value: 'novelty' as const },
            ]}
            value={query.detector ?? 'seasonal-residual'}
            onChange={(v) => onChange({ detector: v })}
          />
        </InlineField>
        <InlineField label="Flag above" labelWidth={12} tooltip="Points scoring above this are anomalies" invalid={!!thresholdError} error={thresholdError}>
          <Input
            aria-label="Score threshold"
            type="number"
            step={0.05}
            min={0.05}
            max={1}
            width={10}
            placeholder={String(DEFAULT_SCORE_THRESHOLD)}
            value={threshold ?? ''}
            onChange={(e) => onChange({ threshold: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        {query.output === 'score' && (
          <InlineField label="Score of" labelWidth={10} tooltip="The latest score, or the highest over the range">
            <RadioButtonGroup<'last' | 'max'>
              aria-label="Score of"
              options={[
                { label: 'Latest', value: 'last' as const },
                { label: 'Highest', value: 'max' as const },
              ]}
              value={query.reduce === 'max' ? 'max' : 'last'}
              onChange={(v) => onChange({ reduce: v })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <HistoryLegendFields {...props} />
      </InlineFieldRow>
    </>
  );
}
