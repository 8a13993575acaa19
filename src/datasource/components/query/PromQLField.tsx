import { InlineField, TextArea } from '@grafana/ui';
import type { QueryFieldsProps } from './props';

/** The PromQL expression whose series a query type analyses. */
export function PromQLField({ query, onChange, onRunQuery, placeholder, optional }: QueryFieldsProps & { placeholder?: string; optional?: boolean }) {
  const missing = !optional && !query.expr?.trim();
  return (
    <InlineField label="PromQL" labelWidth={14} grow tooltip="The series to analyse" invalid={missing} error="An expression is required">
      <TextArea
        aria-label="PromQL expression"
        rows={2}
        placeholder={placeholder ?? 'e.g. sum by (job) (rate(http_requests_total[5m]))'}
        value={query.expr ?? ''}
        onChange={(e) => onChange({ expr: e.currentTarget.value }, false)}
        onBlur={onRunQuery}
      />
    </InlineField>
  );
}
