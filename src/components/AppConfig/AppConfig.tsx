import { useState } from 'react';
import { lastValueFrom } from 'rxjs';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, LinkButton, Select, Stack } from '@grafana/ui';
import { DATASOURCE_TYPE } from '../../constants';
import { isDuration } from '../../datasource/components/query/validation';
import { DEFAULT_APP_SETTINGS, hasOneLimit, type AppSettings } from '../../pages/data/settings';
import { CapacityEditor } from './CapacityEditor';
import { SignalsEditor } from './SignalsEditor';

type Props = PluginConfigPageProps<AppPluginMeta<AppSettings>>;

async function saveSettings(pluginId: string, body: { enabled: boolean; pinned: boolean; jsonData?: AppSettings }) {
  await lastValueFrom(getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data: body, showErrorAlert: false }));
}

/** Problems that would make the pages' queries fail, named so the user can fix them before saving. */
export function settingsProblems(s: AppSettings): string[] {
  const problems: string[] = [];
  for (const [key, value] of [
    ['Look back', s.lookback],
    ['Predict ahead', s.horizon],
  ] as const) {
    if (value && !isDuration(value)) {
      problems.push(`${key} "${value}" is not a duration such as 1h or 30m`);
    }
  }
  (s.signals ?? []).forEach((x, i) => {
    if (!x.name.trim() || !x.expr.trim()) {
      problems.push(`Signal ${i + 1} needs a name and a PromQL expression`);
    }
  });
  (s.capacity ?? []).forEach((x, i) => {
    if (!x.name.trim() || !x.expr.trim() || !hasOneLimit(x)) {
      problems.push(`Resource ${i + 1} needs a name, a PromQL expression and one limit (a positive number or PromQL)`);
    }
  });
  return problems;
}

export default function AppConfig({ plugin }: Props) {
  const { enabled, pinned, id, jsonData } = plugin.meta;
  const [settings, setSettings] = useState<AppSettings>(jsonData ?? {});
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  const datasources = getDataSourceSrv().getList({ type: DATASOURCE_TYPE });
  const problems = settingsProblems(settings);
  // Prometheus, Loki and Tempo are set on the datasource; the link goes to the one the pages use.
  const linked = datasources.find((d) => d.uid === settings.datasourceUid)?.uid ?? datasources[0]?.uid;
  const update = (patch: Partial<AppSettings>) => {
    setSettings({ ...settings, ...patch });
    setSaved('idle');
  };
  const save = async (body: { enabled: boolean; pinned: boolean; jsonData?: AppSettings }, reload: boolean) => {
    setSaved('saving');
    try {
      await saveSettings(id, body);
      setSaved('saved');
      if (reload) {
        window.location.reload();
      }
    } catch (err) {
      const e = err as { data?: { message?: string }; message?: string };
      setSaved({ error: e.data?.message ?? e.message ?? String(err) });
    }
  };

  return (
    <>
      <FieldSet label="Foresight">
        <p>
          {enabled
            ? 'The app is enabled: its pages are in the navigation, and its datasource and panels can be used.'
            : 'Enable the app to add its pages to the navigation.'}
        </p>
        <Button variant={enabled ? 'destructive' : 'primary'} onClick={() => save({ enabled: !enabled, pinned: !enabled, jsonData: settings }, true)}>
          {enabled ? 'Disable' : 'Enable'}
        </Button>
      </FieldSet>
      <FieldSet label="Datasource and defaults">
        <Field label="Foresight datasource" description="The datasource the app's pages query; the first one when unset" htmlFor="app-datasource">
          <Stack gap={1}>
            <Select
              inputId="app-datasource"
              width={40}
              isClearable
              placeholder={datasources[0] ? `${datasources[0].name} (first)` : 'No Foresight datasource yet'}
              options={datasources.map((d) => ({ label: d.name, value: d.uid }))}
              value={settings.datasourceUid ?? null}
              onChange={(v) => update({ datasourceUid: v?.value })}
            />
            {linked ? (
              <LinkButton variant="secondary" icon="cog" href={`/connections/datasources/edit/${linked}`}>
                Datasource settings
              </LinkButton>
            ) : (
              <LinkButton variant="secondary" icon="plus" href="/connections/datasources/new">
                Add a Foresight datasource
              </LinkButton>
            )}
          </Stack>
        </Field>
        <Field label="Service label" description="The label that names a service in the watched series">
          <Input id="app-service-label" width={20} placeholder={DEFAULT_APP_SETTINGS.serviceLabel} value={settings.serviceLabel ?? ''} onChange={(e) => update({ serviceLabel: e.currentTarget.value || undefined })} />
        </Field>
        <Field label="Look back" description="History the pages analyse" invalid={!!settings.lookback && !isDuration(settings.lookback)} error="A duration such as 6h">
          <Input id="app-lookback" width={12} placeholder={DEFAULT_APP_SETTINGS.lookback} value={settings.lookback ?? ''} onChange={(e) => update({ lookback: e.currentTarget.value || undefined })} />
        </Field>
        <Field label="Predict ahead" description="Horizon of predictions and of the accuracy backtest" invalid={!!settings.horizon && !isDuration(settings.horizon)} error="A duration such as 1h">
          <Input id="app-horizon" width={12} placeholder={DEFAULT_APP_SETTINGS.horizon} value={settings.horizon ?? ''} onChange={(e) => update({ horizon: e.currentTarget.value || undefined })} />
        </Field>
      </FieldSet>
      <FieldSet label="Watched signals">
        <SignalsEditor signals={settings.signals ?? []} onChange={(signals) => update({ signals })} />
      </FieldSet>
      <FieldSet label="Capacity resources">
        <CapacityEditor resources={settings.capacity ?? []} onChange={(capacity) => update({ capacity })} />
      </FieldSet>
      {problems.length > 0 && (
        <Alert severity="warning" title="Fix these before saving">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
      {typeof saved === 'object' && (
        <Alert severity="error" title="The settings were not saved">
          {saved.error}
        </Alert>
      )}
      <Button disabled={problems.length > 0 || saved === 'saving'} onClick={() => save({ enabled: !!enabled, pinned: pinned ?? !!enabled, jsonData: settings }, false)}>
        {saved === 'saving' ? 'Saving…' : 'Save settings'}
      </Button>
      {saved === 'saved' && <span role="status"> Saved. Reload the app's pages to use them.</span>}
    </>
  );
}
