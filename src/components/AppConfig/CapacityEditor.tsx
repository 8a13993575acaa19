import { Button, Field, Input, Stack } from '@grafana/ui';
import { hasOneLimit, type CapacityResource } from '../../pages/data/settings';

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

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
              <Field label={`Resource ${n} limit`} description="Usage at exhaustion" invalid={!hasOneLimit(r)} error="A positive number, or a PromQL limit: one of the two">
                <Input id={`resource-${i}-limit`} type="number" width={12} value={r.limit ?? ''} onChange={(e) => set(i, { limit: numberOrUndefined(e.currentTarget.value) })} />
              </Field>
              <Field label={`Resource ${n} limit PromQL`} description="Or the limit as PromQL, matched by labels">
                <Input
                  id={`resource-${i}-limit-expr`}
                  width={40}
                  value={r.limitExpr ?? ''}
                  placeholder="node_filesystem_size_bytes"
                  onChange={(e) => set(i, { limitExpr: e.currentTarget.value || undefined })}
                />
              </Field>
              <Field
                label={`Resource ${n} target`}
                description="Utilisation to stay under"
                invalid={r.target !== undefined && !(r.target > 0 && r.target <= 100)}
                error="In (0, 1], or a percentage"
              >
                <Input id={`resource-${i}-target`} type="number" width={10} placeholder="0.8" value={r.target ?? ''} onChange={(e) => set(i, { target: numberOrUndefined(e.currentTarget.value) })} />
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
