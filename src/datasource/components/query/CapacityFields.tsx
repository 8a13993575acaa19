import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { SelectableValue } from '@grafana/data';
import type { CapacityAlertValue, ForecastOutput } from '../../types';
import { HistoryLegendFields } from './HistoryLegendFields';
import { HorizonLevelFields } from './HorizonLevelFields';
import { OutputField } from './OutputField';
import { PromQLField } from './PromQLField';
import type { QueryFieldsProps } from './props';
import { numberOrUndefined } from './validation';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Table', value: 'table', description: 'One row per series: time to exhaustion, headroom, recommendation' },
  { label: 'Alert value', value: 'alert', description: 'One number per series, for alert rules' },
];

const ALERT_VALUES: Array<{ label: string; value: CapacityAlertValue; description: string }> = [
  { label: 'Time to exhaustion', value: 'timeToExhaustion', description: 'Seconds until usage reaches the limit (empty: not within the horizon)' },
  { label: 'Probability', value: 'exhaustionProbability', description: 'Probability of reaching the limit within the horizon' },
  { label: 'Peak utilisation', value: 'peakUtilisation', description: 'Highest predicted usage over the limit' },
  { label: 'Headroom', value: 'headroom', description: 'Limit minus predicted usage at the horizon' },
];

/** capacity: usage (the PromQL) forecast against a limit (a constant or PromQL), target utilisation, replicas. */
export function CapacityFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  const both = query.limit !== undefined && !!query.limitExpr;
  const neither = query.limit === undefined && !query.limitExpr;
  const targetInvalid = query.target !== undefined && !(query.target > 0 && query.target <= 100);
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
      <PromQLField {...props} placeholder="Usage, e.g. process_resident_memory_bytes" />
      <InlineFieldRow>
        <HorizonLevelFields {...props} />
        <HistoryLegendFields {...props} />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Limit" labelWidth={14} tooltip="The limit usage must stay under, as a number…" invalid={both || neither} error={both ? 'A number or an expression, not both' : 'Give a limit'}>
          <Input
            aria-label="Limit"
            type="number"
            width={14}
            value={query.limit ?? ''}
            onChange={(e) => onChange({ limit: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="or PromQL" labelWidth={10} grow tooltip="…or as a PromQL expression, matched to the usage series by their shared labels">
          <Input
            aria-label="Limit expression"
            placeholder='e.g. kube_pod_container_resource_limits{resource="memory"}'
            value={query.limitExpr ?? ''}
            onChange={(e) => onChange({ limitExpr: e.currentTarget.value || undefined }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Target" labelWidth={14} tooltip="Utilisation to stay under: 0.8 or 80 (%)" invalid={targetInvalid} error="In (0, 1], or a percentage">
          <Input
            aria-label="Target utilisation"
            type="number"
            width={10}
            placeholder="0.8"
            value={query.target ?? ''}
            onChange={(e) => onChange({ target: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="Replicas" labelWidth={10} tooltip="Replicas sharing the limit now; the recommendation is then a replica count">
          <Input
            aria-label="Replicas"
            type="number"
            min={1}
            step={1}
            width={10}
            value={query.replicas ?? ''}
            onChange={(e) => onChange({ replicas: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        {query.output === 'alert' && (
          <InlineField label="Alert on" labelWidth={10}>
            <RadioButtonGroup
              options={ALERT_VALUES}
              value={(query.alertValue as CapacityAlertValue | undefined) ?? 'timeToExhaustion'}
              onChange={(v) => onChange({ alertValue: v })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
    </>
  );
}
