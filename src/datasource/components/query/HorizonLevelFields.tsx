import type { SelectableValue } from '@grafana/data';
import { InlineField, Input, RadioButtonGroup } from '@grafana/ui';
import type { ForecastMethod } from '../../types';
import type { QueryFieldsProps } from './props';
import { durationError, levelError, numberOrUndefined } from './validation';

const METHODS: Array<SelectableValue<ForecastMethod>> = [
  { label: 'Auto', value: 'auto', description: 'MSTL or ETS, by the seasonal periods found' },
  { label: 'Ensemble', value: 'ensemble', description: 'Models chosen and averaged per series on a holdout; more accurate, about ten times slower' },
  { label: 'Prophet', value: 'prophet', description: 'Trend with changepoints plus daily and weekly terms; slower still' },
];

/** How far ahead, how confident and by which model: the forecasting step that forecast and predictive alerts share. */
export function HorizonLevelFields({ query, onChange, onRunQuery }: QueryFieldsProps) {
  const horizonError = durationError(query.horizon);
  const confidenceError = levelError(query.level);
  return (
    <>
      <InlineField label="Horizon" labelWidth={14} tooltip="How far ahead to forecast (e.g. 30m, 6h, 2d); empty is 1h" invalid={!!horizonError} error={horizonError}>
        <Input aria-label="Horizon" width={12} placeholder="1h" value={query.horizon ?? ''} onChange={(e) => onChange({ horizon: e.currentTarget.value || undefined }, false)} onBlur={onRunQuery} />
      </InlineField>
      <InlineField label="Level" labelWidth={10} tooltip="Confidence level of the band, between 0 and 1" invalid={!!confidenceError} error={confidenceError}>
        <Input
          aria-label="Confidence level"
          type="number"
          step={0.01}
          min={0.5}
          max={0.999}
          width={10}
          placeholder="0.95"
          value={query.level ?? ''}
          onChange={(e) => onChange({ level: numberOrUndefined(e.currentTarget.value) }, false)}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineField label="Method" labelWidth={10} tooltip="The forecasting model">
        <RadioButtonGroup aria-label="Forecast method" options={METHODS} value={query.method ?? 'auto'} onChange={(v) => onChange({ method: v === 'auto' ? undefined : v })} />
      </InlineField>
    </>
  );
}
