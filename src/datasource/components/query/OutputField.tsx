import type { SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import type { QueryFieldsProps } from './props';

/** Graph-shaped or alert-shaped output: every analysis offers both. */
export function OutputField({ query, onChange, options }: QueryFieldsProps & { options: Array<SelectableValue<ForecastOutput>> }) {
  return (
    <InlineField label="Output" labelWidth={14} tooltip="Series for dashboards; one number per series for alert rules">
      <RadioButtonGroup aria-label="Output" options={options} value={query.output} onChange={(v) => onChange({ output: v })} />
    </InlineField>
  );
}
