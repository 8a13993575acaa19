import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { LogStreamFields, type LogFieldsProps } from './LogStreamFields';

export function LogPatternsFields(props: LogFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  return (
    <>
      <LogStreamFields {...props} />
      {query.output === 'series' && (
        <InlineFieldRow>
          <InlineField label="Top patterns" labelWidth={14} tooltip="How many of the most frequent patterns get a count series">
            <Input
              aria-label="Top patterns"
              type="number"
              width={10}
              placeholder="20"
              value={query.topPatterns ?? ''}
              onChange={(e) => onChange({ ...query, topPatterns: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
