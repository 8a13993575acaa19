import { useStyles2 } from '@grafana/ui';
import { DATASOURCE_TYPE } from '../../constants';
import type { AnomalyEpisode } from '../data/anomalies';
import { formatNumber, formatTime } from './format';
import { getPageStyles } from './styles';

/** Explore, opened on the anomaly query of the episode's signal around its time. */
export function exploreUrl(datasourceUid: string, expr: string, from: number, to: number): string {
  const pane = {
    datasource: datasourceUid,
    queries: [{ refId: 'A', datasource: { type: DATASOURCE_TYPE, uid: datasourceUid }, queryType: 'anomaly', expr, output: 'series' }],
    range: { from: String(from), to: String(to) },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify({ foresight: pane }))}`;
}

export function EvidenceList({ episodes, datasourceUid, exprOf }: { episodes: AnomalyEpisode[]; datasourceUid: string; exprOf: (signal: string) => string }) {
  const styles = useStyles2(getPageStyles);
  return (
    <table className={styles.table}>
      <caption>Evidence, earliest first</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Service</th>
          <th scope="col">Signal</th>
          <th scope="col">Series</th>
          <th scope="col">Peak score</th>
          <th scope="col">Value at peak (expected)</th>
          <th scope="col">Explore</th>
        </tr>
      </thead>
      <tbody>
        {episodes.map((e) => {
          const margin = Math.max(5 * 60_000, e.end - e.start);
          return (
            <tr key={`${e.signal}/${e.series}/${e.start}`}>
              <td>{formatTime(e.start)}</td>
              <td>{e.service ?? 'unlabelled'}</td>
              <td>{e.signal}</td>
              <td>{e.series}</td>
              <td>{e.peakScore.toFixed(2)}</td>
              <td>
                {formatNumber(e.value)} ({formatNumber(e.expected)})
              </td>
              <td>
                <a href={exploreUrl(datasourceUid, exprOf(e.signal), e.start - margin, e.end + margin)} aria-label={`Explore ${e.signal} of ${e.service ?? e.series}`}>
                  Open in Explore
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
