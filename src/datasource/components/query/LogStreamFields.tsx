import type { FormEvent } from 'react';
import { InlineField, InlineFieldRow, Input, TextArea } from '@grafana/ui';
import type { ForesightQuery } from '../../types';
import type { QueryFieldsProps } from './props';
import { durationError, numberOrUndefined } from './validation';

/** The fields every log query type shares: the LogQL, the label that splits results, the line budget. */
export function LogStreamFields({ query, onChange, onRunQuery }: QueryFieldsProps) {
  const text = (key: keyof ForesightQuery) => (e: FormEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ [key]: e.currentTarget.value }, false);
  return (
    <>
      <InlineField label="LogQL" labelWidth={14} grow tooltip="A log query: a stream selector, optionally with line filters" invalid={!query.logql}>
        <TextArea aria-label="LogQL query" rows={2} placeholder='e.g. {job="shop", service="checkout"}' value={query.logql ?? ''} onChange={text('logql')} onBlur={onRunQuery} />
      </InlineField>
      <InlineFieldRow>
        <InlineField label="Group by" labelWidth={14} tooltip="A stream label that splits patterns and levels, e.g. service">
          <Input aria-label="Group by label" width={16} placeholder="none" value={query.groupBy ?? ''} onChange={text('groupBy')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Max lines" labelWidth={12} tooltip="Most lines read from Loki; a capped read says so in the panel">
          <Input
            aria-label="Max lines"
            type="number"
            width={12}
            placeholder="20000"
            value={query.maxLines ?? ''}
            onChange={(e) => onChange({ maxLines: numberOrUndefined(e.currentTarget.value) }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label="History" labelWidth={10} tooltip="Range to read, back from the end of the dashboard range; empty uses the dashboard range" invalid={!!durationError(query.history)} error={durationError(query.history)}>
          <Input aria-label="History" width={10} placeholder="range" value={query.history ?? ''} onChange={text('history')} onBlur={onRunQuery} />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
