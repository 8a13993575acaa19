import type { FormEvent } from 'react';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { LogStreamFields } from './LogStreamFields';
import type { QueryFieldsProps } from './props';
import { durationError } from './validation';

export function LogMetricLinkFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  const time = (key: 'anomalyStart' | 'anomalyEnd') => (e: FormEvent<HTMLInputElement>) => onChange({ [key]: e.currentTarget.value }, false);
  return (
    <>
      <LogStreamFields {...props} />
      <InlineFieldRow>
        <InlineField label="Anomaly from" labelWidth={14} tooltip="Start of the metric anomaly: ISO time, epoch ms, or now-15m (relative to the end of the range)" invalid={!query.anomalyStart}>
          <Input aria-label="Anomaly start" width={26} value={query.anomalyStart ?? ''} onChange={time('anomalyStart')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="to" labelWidth={6} invalid={!query.anomalyEnd}>
          <Input aria-label="Anomaly end" width={26} value={query.anomalyEnd ?? ''} onChange={time('anomalyEnd')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Margin" labelWidth={10} tooltip="Widens the window on both sides: logs often lead or trail the metric" invalid={!!durationError(query.margin)} error={durationError(query.margin)}>
          <Input aria-label="Margin" width={8} placeholder="0s" value={query.margin ?? ''} onChange={(e) => onChange({ margin: e.currentTarget.value }, false)} onBlur={onRunQuery} />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
