import { Button, Field, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import type { WatchedSignal } from '../../pages/data/settings';

interface Props {
  signals: WatchedSignal[];
  onChange: (signals: WatchedSignal[]) => void;
}

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The series the Overview, Incidents and KPI pages watch. */
export function SignalsEditor({ signals, onChange }: Props) {
  const set = (i: number, patch: Partial<WatchedSignal>) => onChange(signals.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <>
      {signals.map((s, i) => {
        const n = i + 1;
        return (
          <fieldset key={i} aria-label={`Signal ${n}`}>
            <Stack gap={1} alignItems="flex-end" wrap="wrap">
              <Field label={`Signal ${n} name`} invalid={!s.name.trim()} error="A name is required">
                <Input id={`signal-${i}-name`} width={24} value={s.name} placeholder="Error rate" onChange={(e) => set(i, { name: e.currentTarget.value })} />
              </Field>
              <Field label={`Signal ${n} PromQL`} invalid={!s.expr.trim()} error="An expression is required">
                <Input
                  id={`signal-${i}-expr`}
                  width={60}
                  value={s.expr}
                  placeholder="sum by (service) (rate(http_requests_total{code=~&quot;5..&quot;}[5m]))"
                  onChange={(e) => set(i, { expr: e.currentTarget.value })}
                />
              </Field>
              <Field label={`Signal ${n} threshold`} description="Optional: predict its crossing" invalid={s.threshold !== undefined && !Number.isFinite(s.threshold)} error="A number">
                <Input id={`signal-${i}-threshold`} type="number" width={12} value={s.threshold ?? ''} onChange={(e) => set(i, { threshold: numberOrUndefined(e.currentTarget.value) })} />
              </Field>
              <Field label={`Signal ${n} crossing`}>
                <RadioButtonGroup
                  id={`signal-${i}-direction`}
                  options={[
                    { label: 'Above', value: 'above' as const },
                    { label: 'Below', value: 'below' as const },
                  ]}
                  value={s.direction ?? 'above'}
                  onChange={(v) => set(i, { direction: v })}
                />
              </Field>
              <Button variant="secondary" icon="trash-alt" aria-label={`Remove signal ${n}`} onClick={() => onChange(signals.filter((_, j) => j !== i))} />
            </Stack>
          </fieldset>
        );
      })}
      <Button variant="secondary" icon="plus" onClick={() => onChange([...signals, { name: '', expr: '' }])}>
        Add signal
      </Button>
    </>
  );
}
