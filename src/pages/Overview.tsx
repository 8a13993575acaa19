import { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, PluginPage } from '@grafana/runtime';
import { Alert, Badge, LinkButton, useStyles2 } from '@grafana/ui';
import { DATASOURCE_TYPE } from '../constants';

interface Health {
  status: 'OK' | 'ERROR' | 'checking';
  message: string;
}

/** Health of every Foresight datasource, checked through Grafana as "Save & test" does. */
function useDatasourceHealth() {
  const datasources = getDataSourceSrv().getList({ type: DATASOURCE_TYPE });
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
    // The datasource list is fixed for the life of the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { datasources, health };
}

export function Overview() {
  const styles = useStyles2(getStyles);
  const { datasources, health } = useDatasourceHealth();
  return (
    <PluginPage>
      {datasources.length === 0 ? (
        <Alert severity="info" title="No Foresight datasource yet">
          Add a <b>Foresight Analyzer</b> datasource that points at your Prometheus, then forecast any PromQL expression.
          <div className={styles.action}>
            <LinkButton href="/connections/datasources/new" icon="plus">
              Add datasource
            </LinkButton>
          </div>
        </Alert>
      ) : (
        <ul className={styles.list} aria-label="Foresight datasources">
          {datasources.map((ds) => {
            const h = health[ds.uid];
            return (
              <li key={ds.uid} className={styles.item}>
                <a href={`/connections/datasources/edit/${ds.uid}`}>{ds.name}</a>
                {h && <Badge text={h.status === 'checking' ? 'checking' : h.status === 'OK' ? 'healthy' : 'failing'} color={h.status === 'OK' ? 'green' : h.status === 'ERROR' ? 'red' : 'blue'} />}
                <span className={styles.message}>{h?.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  action: css({ marginTop: theme.spacing(2) }),
  list: css({ listStyle: 'none', padding: 0 }),
  item: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', padding: theme.spacing(1, 0) }),
  message: css({ color: theme.colors.text.secondary }),
});
