import { InlineField, RadioButtonGroup } from '@grafana/ui';
import type { QueryFieldsProps } from './props';

const DIRECTIONS = [
  { label: 'Above', value: 'above' as const },
  { label: 'Below', value: 'below' as const },
];

/** Which way the threshold is crossed: shared by the predictive alert and the risk's crossing signal. */
export function CrossingField({ query, onChange }: QueryFieldsProps) {
  return (
    <InlineField label="Crossing" labelWidth={10} tooltip="Whether the series is predicted to rise above or fall below the threshold">
      <RadioButtonGroup aria-label="Crossing" options={DIRECTIONS} value={query.direction ?? 'above'} onChange={(v) => onChange({ direction: v })} />
    </InlineField>
  );
}
