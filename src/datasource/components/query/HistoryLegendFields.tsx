import { InlineField, Input } from '@grafana/ui';
import type { QueryFieldsProps } from './props';
import { durationError } from './validation';

/** History to fit on and the series name template, which every Prometheus-based analysis takes. */
export function HistoryLegendFields({ query, onChange, onRunQuery }: QueryFieldsProps) {
  const historyError = durationError(query.history);
  return (
    <>
      <InlineField
        label="History"
        labelWidth={10}
        tooltip="History to fit on, back from the end of the range; empty uses the dashboard range (alert rules need it: their range is short)"
        invalid={!!historyError}
        error={historyError}
      >
        <Input aria-label="History" width={12} placeholder="range" value={query.history ?? ''} onChange={(e) => onChange({ history: e.currentTarget.value }, false)} onBlur={onRunQuery} />
      </InlineField>
      <InlineField label="Legend" labelWidth={10} tooltip="Series name template, e.g. {{instance}}">
        <Input
          aria-label="Legend format"
          width={20}
          placeholder="{{label}}"
          value={query.legendFormat ?? ''}
          onChange={(e) => onChange({ legendFormat: e.currentTarget.value }, false)}
          onBlur={onRunQuery}
        />
      </InlineField>
    </>
  );
}
