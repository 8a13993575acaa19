import { PluginPage } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { CrossingsTable } from './components/CrossingsTable';
import { DatasourceHealth } from './components/DatasourceHealth';
import { formatPercent } from './components/format';
import { NeedsSettings } from './components/NeedsSettings';
import { PageState } from './components/PageState';
import { RefreshButton } from './components/RefreshButton';
import { Status } from './components/Status';
import { getPageStyles } from './components/styles';
import { buildOverview } from './data/overview';
import { anomalyQueries, predictionQueries } from './data/queries';
import { runQueries } from './data/query';
import type { ResolvedAppSettings } from './data/settings';
import { useLoad } from './data/useLoad';

export function Overview({ settings }: { settings: ResolvedAppSettings }) {
  const styles = useStyles2(getPageStyles);
  const queries = [...anomalyQueries(settings), ...predictionQueries(settings).map((p) => p.query)];
  const { loaded, reload } = useLoad(
    async (uid) => buildOverview(await runQueries(uid, queries, { from: `now-${settings.lookback}`, to: 'now' }), settings),
    settings.datasourceUid,
    JSON.stringify(queries),
  );
  return (
    <PluginPage>
      <section className={styles.section} aria-labelledby="overview-datasources">
        <h2 id="overview-datasources">Datasources</h2>
        <DatasourceHealth />
      </section>
      <section className={styles.section} aria-labelledby="overview-services">
        <h2 id="overview-services">Services</h2>
        {settings.signals.length === 0 ? (
          <NeedsSettings what="signals" />
        ) : (
          <>
            <div className={styles.toolbar}>
              <span className={styles.muted}>
                Anomaly scores over the last {settings.lookback}; predicted crossings within {settings.horizon}.
              </span>
              <RefreshButton onClick={reload} at={loaded.state === 'done' ? loaded.at : undefined} />
            </div>
            <PageState loaded={loaded}>
              {(o) => (
                <>
                  {o.failures.map((f) => (
                    <Alert key={f.signal} severity="warning" title={`${f.signal} could not be queried`}>
                      {f.error}
                    </Alert>
                  ))}
                  {o.services.length === 0 ? (
                    o.failures.length === 0 && <p>The watched signals returned no series in the last {settings.lookback}.</p>
                  ) : (
                    <table className={styles.table}>
                      <caption>Health by service</caption>
                      <thead>
                        <tr>
                          <th scope="col">Service</th>
                          <th scope="col">Status</th>
                          <th scope="col">Anomalous now</th>
                          <th scope="col">Predicted crossings</th>
                        </tr>
                      </thead>
                      <tbody>
                        {o.services.map((h) => (
                          <tr key={h.service}>
                            <th scope="row">{h.service}</th>
                            <td>
                              {h.anomalous.length > 0 ? (
                                <Status kind="critical" text="anomalous" />
                              ) : h.crossings.length > 0 ? (
                                <Status kind="warning" text="crossing predicted" />
                              ) : (
                                <Status kind="ok" text="normal" />
                              )}
                            </td>
                            <td>{h.anomalous.length === 0 ? 'none' : h.anomalous.map((a) => `${a.signal} (score ${a.latest?.toFixed(2)})`).join(', ')}</td>
                            <td>{h.crossings.length === 0 ? 'none' : h.crossings.map((c) => `${c.source} (${formatPercent(c.probability)})`).join(', ')}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {o.crossings.length > 0 && <CrossingsTable rows={o.crossings} caption="Active predictions, soonest first" sourceHeading="Signal" />}
                </>
              )}
            </PageState>
          </>
        )}
      </section>
    </PluginPage>
  );
}
