import { useEffect, useState } from 'react';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, LinkButton } from '@grafana/ui';
import { DATASOURCE_TYPE } from '../../constants';
import { Status } from './Status';

interface Health {
  status: 'OK' | 'ERROR' | 'checking';
  message: string;
}

/** Health of every Foresight datasource, checked through Grafana as "Save & test" does. */
function useDatasourceHealth() {
  const [datasources] = useState(() => getDataSourceSrv().getList({ type: DATASOURCE_TYPE }));
  const [health, setHealth] = useState<Record<string, Health>>({});
  useEffect(() => {
    for (const ds of datasources) {
      setHealth((h) => ({ ...h, [ds.uid]: { status: 'checking', message: 'Checking…' } }));
      getBackendSrv()
        .get<{ status: string; message: string }>(`/api/datasources/uid/${ds.uid}/health`, undefined, undefined, { showErrorAlert: false })
        .then(
          (r) => setHealth((h) => ({ ...h, [ds.uid]: { status: r.status === 'OK' ? 'OK' : 'ERROR', message: r.message } })),
          (err) => setHealth((h) => ({ ...h, [ds.uid]: { status: 'ERROR', message: err?.data?.message ?? String(err) } })),
        );
    }
  }, [datasources]);
  return { datasources, health };
}

export function DatasourceHealth({ className }: { className?: string }) {
  const { datasources, health } = useDatasourceHealth();
  if (datasources.length === 0) {
    return (
      <Alert severity="info" title="No Foresight datasource yet">
        Add a <b>Foresight Analyzer</b> datasource that points at your Prometheus, then forecast any PromQL expression.
        <div>
          <LinkButton href="/connections/datasources/new" icon="plus">
            Add datasource
          </LinkButton>
        </div>
      </Alert>
    );
  }
  return (
    <ul className={className} aria-label="Foresight datasources">
      {datasources.map((ds) => {
        const h = health[ds.uid];
        return (
          <li key={ds.uid}>
            <a href={`/connections/datasources/edit/${ds.uid}`}>{ds.name}</a>{' '}
            {h && <Status kind={h.status === 'OK' ? 'ok' : h.status === 'ERROR' ? 'critical' : 'unknown'} text={h.status === 'checking' ? 'checking' : h.status === 'OK' ? 'healthy' : 'failing'} />}{' '}
            <span>{h?.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
