import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, Input } from '@grafana/ui';
import type { ForesightDataSourceOptions, ForesightSecureJsonData } from '../../types';

type Props = DataSourcePluginOptionsEditorProps<ForesightDataSourceOptions, ForesightSecureJsonData>;
type NumericKey = 'timeoutSeconds' | 'maxSeries' | 'maxPointsPerSeries';

// The bounds the backend enforces (backend/plugin/settings.ts), so the form says what the backend would refuse.
const LIMITS: Array<{ key: NumericKey; label: string; description: string; fallback: number; max: number }> = [
  { key: 'timeoutSeconds', label: 'Timeout (seconds)', description: 'Per upstream request, retries included', fallback: 30, max: 600 },
  { key: 'maxSeries', label: 'Max series per query', description: 'Queries matching more series are refused with an error', fallback: 500, max: 100_000 },
  { key: 'maxPointsPerSeries', label: 'Max points per series', description: 'The analysis step grows so that no series has more', fallback: 4000, max: 11_000 },
];

export function LimitSettings({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  return (
    <FieldSet label="Limits">
      {LIMITS.map(({ key, label, description, fallback, max }) => {
        const value = jsonData[key];
        const invalid = value !== undefined && !(Number.isFinite(value) && value > 0 && value <= max);
        return (
          <Field key={key} label={label} description={description} invalid={invalid} error={`A number between 1 and ${max}`}>
            <Input
              id={`limit-${key}`}
              type="number"
              width={12}
              placeholder={String(fallback)}
              value={value ?? ''}
              onChange={(e) => {
                const text = e.currentTarget.value;
                onOptionsChange({ ...options, jsonData: { ...jsonData, [key]: text === '' ? undefined : Number(text) } });
              }}
            />
          </Field>
        );
      })}
    </FieldSet>
  );
}
