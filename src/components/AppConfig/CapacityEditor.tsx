import { Button, Field, Input, Stack } from '@grafana/ui';
import type { CapacityResource } from '../../pages/data/settings';

interface Props {
  resources: CapacityResource[];
  onChange: (resources: CapacityResource[]) => void;
}

/** The usage series the Capacity page forecasts to their limits. */
export function CapacityEditor({ resources, onChange }: Props) {
  const set = (i: number, patch: Partial<CapacityResource>) => onChange(resources.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      {resources.map((r, i) => {
        const n = i + 1;
        return (
          <fieldset key={i} aria-label={`Resource ${n}`}>
            <Stack gap={1} alignItems="flex-end" wrap="wrap">
              <Field label={`Resource ${n} name`} invalid={!r.name.trim()} error="A name is required">
                <Input id={`resource-${i}-name`} width={24} value={r.name} placeholder="Disk" onChange={(e) => set(i, { name: e.currentTarget.value })} />
              </Field>
              <Field label={`Resource ${n} usage PromQL`} invalid={!r.expr.trim()} error="An expression is required">
                <Input
                  id={`resource-${i}-expr`}
                  width={60}
                  value={r.expr}
                  placeholder="1 - node_filesystem_avail_bytes / node_filesystem_size_bytes"
                  onChange={(e) => set(i, { expr: e.currentTarget.value })}
                />
              </Field>
              <Field label={`Resource ${n} limit`} description="Usage at exhaustion" invalid={!Number.isFinite(r.limit)} error="A number is required">
                <Input
                  id={`resource-${i}-limit`}
                  type="number"
                  width={12}
                  value={Number.isFinite(r.limit) ? r.limit : ''}
                  onChange={(e) => set(i, { limit: e.currentTarget.value === '' ? NaN : Number(e.currentTarget.value) })}
                />
              </Field>
              <Button variant="secondary" icon="trash-alt" aria-label={`Remove resource ${n}`} onClick={() => onChange(resources.filter((_, j) => j !== i))} />
            </Stack>
          </fieldset>
        );
      })}
      <Button variant="secondary" icon="plus" onClick={() => onChange([...resources, { name: '', expr: '', limit: 1 }])}>
        Add resource
      </Button>
    </>
  );
}
