import { PluginPage } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
// The backend's own duration parser, so the page reads "1h30m" exactly as the queries will.
import { parseDuration } from '../../backend/plugin/query/model';
import { formatNumber, formatPercent } from './components/format';
import { NeedsSettings } from './components/NeedsSettings';
import { NotYet } from './components/NotYet';
import { PageState } from './components/PageState';
import { RefreshButton } from './components/RefreshButton';
import { Status } from './components/Status';
import { getPageStyles } from './components/styles';
import { backtest, type Backtest } from './data/backtest';
import { backtestQueries } from './data/queries';
import { runQueries } from './data/query';
import type { ResolvedAppSettings } from './data/settings';
import { useLoad } from './data/useLoad';

/** Forecast as of `horizon` ago, on `lookback` of history before it; then what the series did since. */
async function runBacktest(uid: string, settings: ResolvedAppSettings) {
  const queries = backtestQueries(settings);
  const now = Date.now();
  const horizonMs = parseDuration(settings.horizon, 'horizon');
  const lookbackMs = parseDuration(settings.lookback, 'lookback');
  const cutoff = now - horizonMs;
  const [past, later] = await Promise.all([
    runQueries(uid, queries, { from: String(cutoff - lookbackMs), to: String(cutoff) }),
    runQueries(uid, queries, { from: String(cutoff - horizonMs), to: String(now) }),
  ]);
  return queries.map((q, i) => ({
    signal: settings.signals[i].name,
    error: past[q.refId]?.error ?? later[q.refId]?.error,
    results: backtest(past[q.refId]?.frames ?? [], later[q.refId]?.frames ?? []),
  }));
}

/** Coverage within five points of the nominal level is calibrated; well below it, the bands are too narrow. */
function calibration(b: Backtest) {
  if (b.coverage === null || b.level === null) {
    return <Status kind="unknown" text="no band" />;
  }
  const gap = b.coverage - b.level;
  return gap >= -0.05 ? <Status kind="ok" text="calibrated" /> : <Status kind="warning" text="bands too narrow" />;
}

export function Kpis({ settings }: { settings: ResolvedAppSettings }) {
  const styles = useStyles2(getPageStyles);
  const { loaded, reload } = useLoad((uid) => runBacktest(uid, settings), settings.datasourceUid, JSON.stringify([settings.signals, settings.horizon, settings.lookback]));
  return (
    <PluginPage>
      <section className={styles.section} aria-labelledby="kpi-accuracy">
        <h2 id="kpi-accuracy">Prediction accuracy</h2>
        {settings.signals.length === 0 ? (
          <NeedsSettings what="signals" />
        ) : (
          <>
            <div className={styles.toolbar}>
              <span className={styles.muted}>
                Each signal forecast as of {settings.horizon} ago (on {settings.lookback} of history before that), against what it did since.
              </span>
              <RefreshButton onClick={reload} at={loaded.state === 'done' ? loaded.at : undefined} />
            </div>
            <PageState loaded={loaded}>
              {(signals) => (
                <table className={styles.table}>
                  <caption>Backtest of the last {settings.horizon}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Signal</th>
                      <th scope="col">Series</th>
                      <th scope="col">Points compared</th>
                      <th scope="col">Mean absolute error</th>
                      <th scope="col">Mean absolute % error</th>
                      <th scope="col">Inside band (nominal)</th>
                      <th scope="col">Band</th>
                      <th scope="col">Model</th>
                    </tr>
                  </thead>
                  <tbody>
                    {signals.flatMap(({ signal, error, results }) =>
                      error
                        ? [
                            <tr key={signal}>
                              <td>{signal}</td>
                              <td colSpan={7}>
                                <Alert severity="warning" title="Could not be backtested">
                                  {error}
                                </Alert>
                              </td>
                            </tr>,
                          ]
                        : results.length === 0
                          ? [
                              <tr key={signal}>
                                <td>{signal}</td>
                                <td colSpan={7}>No series with both a forecast and observations since.</td>
                              </tr>,
                            ]
                          : results.map((b) => (
                              <tr key={`${signal}/${b.series}`}>
                                <td>{signal}</td>
                                <td>{b.series}</td>
                                <td>{b.points}</td>
                                <td>{formatNumber(b.mae)}</td>
                                <td>{formatPercent(b.mape, 1)}</td>
                                <td>
                                  {formatPercent(b.coverage)} ({formatPercent(b.level)})
                                </td>
                                <td>{calibration(b)}</td>
                                <td className={styles.muted}>{b.model}</td>
                              </tr>
                            )),
                    )}
                  </tbody>
                </table>
              )}
            </PageState>
          </>
        )}
      </section>
      <section className={styles.section} aria-labelledby="kpi-incidents">
        <h2 id="kpi-incidents">False positives, lead time, time to resolve</h2>
        <NotYet title="No incident records yet">
          These compare predictions and anomalies with real incidents: when each started, when it was resolved, and whether Foresight warned
          before it. Foresight keeps no incident records yet, so these figures are not shown rather than estimated.
        </NotYet>
      </section>
    </PluginPage>
  );
}
