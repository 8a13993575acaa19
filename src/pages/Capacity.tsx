import { PluginPage } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { CapacityTable } from './components/CapacityTable';
import { NeedsSettings } from './components/NeedsSettings';
import { PageState } from './components/PageState';
import { RefreshButton } from './components/RefreshButton';
import { getPageStyles } from './components/styles';
import { bySoonestExhaustion, capacityFromFrames } from './data/capacity';
import { capacityQueries } from './data/queries';
import { runQueries } from './data/query';
import type { CapacityResource, ResolvedAppSettings } from './data/settings';
import { useLoad } from './data/useLoad';

const limitText = (r: CapacityResource) => (r.limitExpr ? r.limitExpr : String(r.limit));

/** Time to exhaustion per resource: each usage series forecast against its limit by the capacity query. */
export function Capacity({ settings }: { settings: ResolvedAppSettings }) {
  const styles = useStyles2(getPageStyles);
  const planned = capacityQueries(settings);
  const { loaded, reload } = useLoad(
    async (uid) => {
      const results = await runQueries(uid, planned.map((p) => p.query), { from: `now-${settings.lookback}`, to: 'now' });
      return planned.map(({ resource, query }) => ({
        resource,
        error: results[query.refId]?.error,
        rows: capacityFromFrames(results[query.refId]?.frames ?? [], resource.name, settings.serviceLabel).sort(bySoonestExhaustion),
      }));
    },
    settings.datasourceUid,
    JSON.stringify(planned),
  );
  return (
    <PluginPage>
      {planned.length === 0 ? (
        <NeedsSettings what="capacity resources" />
      ) : (
        <>
          <div className={styles.toolbar}>
            <span className={styles.muted}>
              Usage forecast {settings.horizon} ahead from the last {settings.lookback}; soonest exhaustion first.
            </span>
            <RefreshButton onClick={reload} at={loaded.state === 'done' ? loaded.at : undefined} />
          </div>
          <PageState loaded={loaded}>
            {(resources) =>
              resources.map(({ resource, error, rows }) => (
                <section key={resource.name} className={styles.section} aria-label={resource.name}>
                  <h2>{resource.name}</h2>
                  {error ? (
                    <Alert severity="warning" title={`${resource.name} could not be forecast`}>
                      {error}
                    </Alert>
                  ) : rows.length === 0 ? (
                    <p>No series for this resource in the last {settings.lookback}.</p>
                  ) : (
                    <CapacityTable rows={rows} caption={`${resource.name} against its limit (${limitText(resource)})`} />
                  )}
                </section>
              ))
            }
          </PageState>
        </>
      )}
    </PluginPage>
  );
}
