import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import type { ForecastOutput } from '../../types';
import { HistoryLegendFields } from './HistoryLegendFields';
import { HorizonLevelFields } from './HorizonLevelFields';
import { OutputField } from './OutputField';
import { PromQLField } from './PromQLField';
import type { QueryFieldsProps } from './props';

const OUTPUTS: Array<SelectableValue<ForecastOutput>> = [
  { label: 'Series', value: 'series', description: 'Actual, predicted and band, for graphs' },
  { label: 'Value at horizon', value: 'horizon', description: 'One number per series, for alert rules' },
];

/** forecast: any PromQL expression forecast `horizon` ahead with a confidence band. */
export function ForecastFields(props: QueryFieldsProps) {
  const { query, onChange } = props;
  return (
    <>
      <OutputField {...props} options={OUTPUTS} />
      <PromQLField {...props} />
      <InlineFieldRow>
        <HorizonLevelFields {...props} />
        <HistoryLegendFields {...props} />
      </InlineFieldRow>
      {query.output === 'horizon' && (
        <InlineFieldRow>
          <InlineField label="Value" labelWidth={14} tooltip="Which forecast line the alert reads">
            <RadioButtonGroup
              aria-label="Forecast value"
              options={[
                { label: 'Predicted', value: 'predicted' as const },
                { label: 'Upper bound', value: 'upper' as const },
                { label: 'Lower bound', value: 'lower' as const },
              ]}
              value={query.horizonValue ?? 'predicted'}
              onChange={(v) => onChange({ horizonValue: v })}
            />
          </InlineField>
          <InlineField label="Over horizon" labelWidth={14} tooltip="Value at the horizon's end, or the max/min along it">
            <RadioButtonGroup
              aria-label="Over horizon"
              options={[
                { label: 'At end', value: 'last' as const },
                { label: 'Max', value: 'max' as const },
                { label: 'Min', value: 'min' as const },
              ]}
              value={query.reduce ?? 'last'}
              onChange={(v) => onChange({ reduce: v })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
