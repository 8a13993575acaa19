import { PluginPage } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { EvidenceList } from './components/EvidenceList';
import { formatTime } from './components/format';
import { NeedsSettings } from './components/NeedsSettings';
import { NotYet } from './components/NotYet';
import { PageState } from './components/PageState';
import { RefreshButton } from './components/RefreshButton';
import { Status } from './components/Status';
import { getPageStyles } from './components/styles';
import { anomalyEpisodes } from './data/anomalies';
import { correlateEpisodes } from './data/incidents';
import { ANOMALY_THRESHOLD, anomalyQueries } from './data/queries';
import { runQueries } from './data/query';
import type { ResolvedAppSettings } from './data/settings';
import { useLoad } from './data/useLoad';

/** Anomalies closer than this are taken to belong to one event. */
const CORRELATION_GAP_MS = 5 * 60_000;

export function Incidents({ settings }: { settings: ResolvedAppSettings }) {
  const styles = useStyles2(getPageStyles);
  const queries = anomalyQueries(settings);
  const { loaded, reload } = useLoad(
    async (uid) => {
      const results = await runQueries(uid, queries, { from: `now-${settings.lookback}`, to: 'now' });
      const failures = queries.flatMap((q, i) => (results[q.refId]?.error ? [{ signal: settings.signals[i].name, error: results[q.refId].error! }] : []));
      const episodes = queries.flatMap((q, i) => anomalyEpisodes(results[q.refId]?.frames ?? [], settings.signals[i].name, ANOMALY_THRESHOLD, settings.serviceLabel));
      return { groups: correlateEpisodes(episodes, CORRELATION_GAP_MS), failures };
    },
    settings.datasourceUid,
    JSON.stringify(queries),
  );
  const exprOf = (signal: string) => settings.signals.find((s) => s.name === signal)?.expr ?? '';
  return (
    <PluginPage>
      <NotYet title="Root-cause graph not available yet">
        Foresight does not rank root causes yet. Shown here are anomalies of the watched signals that happened together (within{' '}
        {CORRELATION_GAP_MS / 60_000} minutes of each other), grouped across services, earliest first: the earliest is where to start looking,
        not a proven cause.
      </NotYet>
      {queries.length === 0 ? (
        <NeedsSettings what="signals" />
      ) : (
        <>
          <div className={styles.toolbar}>
            <span className={styles.muted}>
              Anomalies (score above {ANOMALY_THRESHOLD}) in the last {settings.lookback}.
            </span>
            <RefreshButton onClick={reload} at={loaded.state === 'done' ? loaded.at : undefined} />
          </div>
          <PageState loaded={loaded}>
            {({ groups, failures }) => (
              <>
                {failures.map((f) => (
                  <Alert key={f.signal} severity="warning" title={`${f.signal} could not be queried`}>
                    {f.error}
                  </Alert>
                ))}
                {groups.length === 0 ? (
                  <p>No anomalies in the last {settings.lookback}.</p>
                ) : (
                  groups.map((g) => (
                    <section key={g.start} className={styles.section} aria-label={`Events from ${formatTime(g.start)}`}>
                      <h2>
                        {formatTime(g.start)} to {g.ongoing ? 'now' : formatTime(g.end)}
                      </h2>
                      <div>
                        {g.ongoing ? <Status kind="critical" text="ongoing" /> : <Status kind="ok" text="ended" />} {g.episodes.length} anomalies in{' '}
                        {g.services.length} {g.services.length === 1 ? 'service' : 'services'} ({g.services.join(', ')}); peak score {g.peakScore.toFixed(2)}
                      </div>
                      <EvidenceList episodes={g.episodes} datasourceUid={loaded.state === 'done' ? loaded.datasourceUid : ''} exprOf={exprOf} />
                    </section>
                  ))
                )}
              </>
            )}
          </PageState>
        </>
      )}
    </PluginPage>
  );
}
