import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import { LogStreamFields } from './LogStreamFields';
import { OutputField } from './OutputField';
import type { QueryFieldsProps } from './props';
import { numberOrUndefined } from './validation';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Table', value: 'table', description: 'One row per pattern' },
  { label: 'Series', value: 'series', description: 'Lines per pattern over time' },
];

export function LogPatternsFields(props: QueryFieldsProps) {
  const { query, onChange, onRunQuery } = props;
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
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
              onChange={(e) => onChange({ topPatterns: numberOrUndefined(e.currentTarget.value) }, false)}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
