import { PluginPage } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { CrossingsTable } from './components/CrossingsTable';
import { NeedsSettings } from './components/NeedsSettings';
import { NotYet } from './components/NotYet';
import { PageState } from './components/PageState';
import { RefreshButton } from './components/RefreshButton';
import { getPageStyles } from './components/styles';
import { bySoonest, crossingsFromFrames } from './data/crossings';
import { capacityQueries } from './data/queries';
import { runQueries } from './data/query';
import type { ResolvedAppSettings } from './data/settings';
import { useLoad } from './data/useLoad';

/** Time to exhaustion per resource: the forecast of each usage series until it reaches its limit. */
export function Capacity({ settings }: { settings: ResolvedAppSettings }) {
  const styles = useStyles2(getPageStyles);
  const planned = capacityQueries(settings);
  const { loaded, reload } = useLoad(
    async (uid) => {
      const results = await runQueries(uid, planned.map((p) => p.query), { from: `now-${settings.lookback}`, to: 'now' });
      return planned.map(({ resource, query }) => ({
        resource,
        error: results[query.refId]?.error,
        rows: crossingsFromFrames(results[query.refId]?.frames ?? [], resource.name, settings.serviceLabel).sort(bySoonest),
      }));
    },
    settings.datasourceUid,
    JSON.stringify(planned),
  );
  return (
    <PluginPage>
      <NotYet title="Forecast to the limit, not yet a capacity model">
        Time to exhaustion here is the predictive-alert forecast of each usage series until it reaches its limit, over the last{' '}
        {settings.lookback} of history and {settings.horizon} ahead. A dedicated capacity analysis (growth trends, headroom, what to add) is
        not available yet.
      </NotYet>
      {planned.length === 0 ? (
        <NeedsSettings what="capacity resources" />
      ) : (
        <>
          <div className={styles.toolbar}>
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
                    <CrossingsTable rows={rows} caption={`Time until ${resource.name} reaches ${resource.limit}, soonest first`} sourceHeading="Resource" />
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
