import type { FormEvent } from 'react';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { DURATION, LogStreamFields, type LogFieldsProps } from './LogStreamFields';

export function LogMetricLinkFields(props: LogFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  const time = (key: 'anomalyStart' | 'anomalyEnd') => (e: FormEvent<HTMLInputElement>) => onChange({ ...query, [key]: e.currentTarget.value });
  return (
    <>
      <LogStreamFields {...props} />
      <InlineFieldRow>
        <InlineField label="Anomaly from" labelWidth={14} tooltip="Start of the metric anomaly: ISO time or epoch ms (dashboard variables work: ${__from})" invalid={!query.anomalyStart}>
          <Input aria-label="Anomaly start" width={26} value={query.anomalyStart ?? ''} onChange={time('anomalyStart')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="to" labelWidth={6} invalid={!query.anomalyEnd}>
          <Input aria-label="Anomaly end" width={26} value={query.anomalyEnd ?? ''} onChange={time('anomalyEnd')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Margin" labelWidth={10} tooltip="Widens the window on both sides: logs often lead or trail the metric" invalid={!!query.margin && !DURATION.test(query.margin)}>
          <Input aria-label="Margin" width={8} placeholder="0s" value={query.margin ?? ''} onChange={(e) => onChange({ ...query, margin: e.currentTarget.value })} onBlur={onRunQuery} />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
