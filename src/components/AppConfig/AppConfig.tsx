import { lastValueFrom } from 'rxjs';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Button, FieldSet } from '@grafana/ui';

type Props = PluginConfigPageProps<AppPluginMeta>;

async function setEnabled(pluginId: string, enabled: boolean) {
  await lastValueFrom(getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data: { enabled, pinned: enabled } }));
  window.location.reload();
}

export default function AppConfig({ plugin }: Props) {
  const { enabled, id } = plugin.meta;
  return (
    <FieldSet label="Foresight">
      <p>
        {enabled
          ? 'The app is enabled: its pages are in the navigation, and its datasource and panels can be used.'
          : 'Enable the app to add its pages to the navigation.'}
      </p>
      <Button variant={enabled ? 'destructive' : 'primary'} onClick={() => setEnabled(id, !enabled)}>
        {enabled ? 'Disable' : 'Enable'}
      </Button>
    </FieldSet>
  );
}
