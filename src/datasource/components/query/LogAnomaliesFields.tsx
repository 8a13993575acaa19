import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { DURATION, LogStreamFields, type LogFieldsProps } from './LogStreamFields';

export function LogAnomaliesFields(props: LogFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  return (
    <>
      <LogStreamFields {...props} />
      <InlineFieldRow>
        <InlineField label="Window" labelWidth={14} tooltip="The recent window compared with the rest of the range; empty: the last quarter" invalid={!!query.window && !DURATION.test(query.window)} error="Use a duration such as 10m">
          <Input aria-label="Window" width={10} placeholder="1/4 range" value={query.window ?? ''} onChange={(e) => onChange({ ...query, window: e.currentTarget.value })} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Min lines" labelWidth={12} tooltip="Fewest lines in the window for an anomaly">
          <Input
            aria-label="Min lines"
            type="number"
            width={8}
            placeholder="3"
            value={query.minCount ?? ''}
            onChange={(e) => onChange({ ...query, minCount: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
