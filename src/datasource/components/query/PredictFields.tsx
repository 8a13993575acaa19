import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import { CrossingField } from './CrossingField';
import { HistoryLegendFields } from './HistoryLegendFields';
import { HorizonLevelFields } from './HorizonLevelFields';
import { OutputField } from './OutputField';
import { PromQLField } from './PromQLField';
import type { QueryFieldsProps } from './props';
import { numberOrUndefined } from './validation';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Table', value: 'table', description: 'One row per series: probability, time to threshold' },
  { label: 'Alert value', value: 'alert', description: 'One number per series, for alert rules' },
];

/** predict: time until each series crosses a threshold, and the probability that it does within the horizon. */
export function PredictFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  const thresholdError = query.threshold === undefined ? 'A threshold is required' : Number.isFinite(query.threshold) ? undefined : 'The threshold must be a number';
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
      <PromQLField {...props} placeholder="e.g. node_filesystem_avail_bytes{mountpoint=&quot;/&quot;}" />
      <InlineFieldRow>
        <InlineField label="Threshold" labelWidth={14} tooltip="The value whose crossing is predicted" invalid={!!thresholdError} error={thresholdError}>
          <Input
            aria-label="Threshold"
            type="number"
            width={14}
            value={query.threshold ?? ''}
            onChange={(e) => onChange({ threshold: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <CrossingField {...props} />
        {query.output === 'alert' && (
          <InlineField label="Alert on" labelWidth={10}>
            <RadioButtonGroup
              aria-label="Alert on"
              options={[
                { label: 'Probability', value: 'probability' as const },
                { label: 'Time to threshold', value: 'timeToThreshold' as const },
              ]}
              value={query.alertValue ?? 'probability'}
              onChange={(v) => onChange({ alertValue: v })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <HorizonLevelFields {...props} />
        <HistoryLegendFields {...props} />
      </InlineFieldRow>
    </>
  );
}
