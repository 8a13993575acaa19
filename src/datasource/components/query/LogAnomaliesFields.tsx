import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import { LogStreamFields } from './LogStreamFields';
import { OutputField } from './OutputField';
import type { QueryFieldsProps } from './props';
import { durationError, numberOrUndefined } from './validation';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Table', value: 'table', description: 'Anomalies with evidence lines' },
  { label: 'Score', value: 'score', description: 'The highest score per group, for alert rules' },
];

export function LogAnomaliesFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
      <LogStreamFields {...props} />
      <InlineFieldRow>
        <InlineField label="Window" labelWidth={14} tooltip="The recent window compared with the rest of the range; empty: the last quarter" invalid={!!durationError(query.window)} error={durationError(query.window)}>
          <Input aria-label="Window" width={10} placeholder="1/4 range" value={query.window ?? ''} onChange={(e) => onChange({ window: e.currentTarget.value }, false)} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Min lines" labelWidth={12} tooltip="Fewest lines in the window for an anomaly">
          <Input
            aria-label="Min lines"
            type="number"
            width={8}
            placeholder="3"
            value={query.minCount ?? ''}
            onChange={(e) => onChange({ minCount: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
