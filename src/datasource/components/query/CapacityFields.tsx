import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { CapacityAlertValue, ForesightQuery } from '../../types';

interface Props {
  query: ForesightQuery;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

const ALERT_VALUES: Array<{ label: string; value: CapacityAlertValue; description: string }> = [
  { label: 'Time to exhaustion', value: 'timeToExhaustion', description: 'Seconds until usage reaches the limit (empty: not within the horizon)' },
  { label: 'Probability', value: 'exhaustionProbability', description: 'Probability of reaching the limit within the horizon' },
  { label: 'Peak utilisation', value: 'peakUtilisation', description: 'Highest predicted usage over the limit' },
  { label: 'Headroom', value: 'headroom', description: 'Limit minus predicted usage at the horizon' },
];

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The capacity query's own fields: the limit (constant or PromQL), target utilisation, replicas. */
export function CapacityFields({ query, onChange, onRunQuery }: Props) {
  const both = query.limit !== undefined && !!query.limitExpr;
  const neither = query.limit === undefined && !query.limitExpr;
  const targetInvalid = query.target !== undefined && !(query.target > 0 && query.target <= 100);
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Limit" labelWidth={14} tooltip="The limit usage must stay under, as a number…" invalid={both || neither} error={both ? 'A number or an expression, not both' : 'Give a limit'}>
          <Input
            aria-label="Limit"
            type="number"
            width={14}
            value={query.limit ?? ''}
            onChange={(e) => onChange({ ...query, limit: numberOrUndefined(e.currentTarget.value) })}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="or PromQL" labelWidth={10} grow tooltip="…or as a PromQL expression, matched to the usage series by their shared labels">
          <Input
            aria-label="Limit expression"
            placeholder='e.g. kube_pod_container_resource_limits{resource="memory"}'
            value={query.limitExpr ?? ''}
            onChange={(e) => onChange({ ...query, limitExpr: e.currentTarget.value || undefined })}
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
            onChange={(e) => onChange({ ...query, target: numberOrUndefined(e.currentTarget.value) })}
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
            onChange={(e) => onChange({ ...query, replicas: numberOrUndefined(e.currentTarget.value) })}
            onBlur={onRunQuery}
          />
        </InlineField>
        {query.output === 'alert' && (
          <InlineField label="Alert on" labelWidth={10}>
            <RadioButtonGroup
              options={ALERT_VALUES}
              value={(query.alertValue as CapacityAlertValue | undefined) ?? 'timeToExhaustion'}
              onChange={(v) => {
                onChange({ ...query, alertValue: v });
                onRunQuery();
              }}
            />
          </InlineField>
        )}
      </InlineFieldRow>
    </>
  );
}
