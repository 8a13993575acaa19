import { useStyles2 } from '@grafana/ui';
import type { PredictedCrossing } from '../data/crossings';
import { formatDuration, formatNumber, formatPercent, formatTime } from './format';
import { getPageStyles } from './styles';

/** Predicted crossings, soonest first: what crosses what, when, and how likely. */
export function CrossingsTable({ rows, caption, sourceHeading }: { rows: PredictedCrossing[]; caption: string; sourceHeading: string }) {
  const styles = useStyles2(getPageStyles);
  return (
    <table className={styles.table}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{sourceHeading}</th>
          <th scope="col">Series</th>
          <th scope="col">Now</th>
          <th scope="col">Threshold</th>
          <th scope="col">Expected in</th>
          <th scope="col">Range</th>
          <th scope="col">Probability within horizon</th>
          <th scope="col">Model</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.source}/${r.series}`}>
            <td>{r.source}</td>
            <td>{r.series}</td>
            <td>{formatNumber(r.current)}</td>
            <td>{formatNumber(r.threshold)}</td>
            <td title={r.crossingAt === null ? undefined : formatTime(r.crossingAt)}>{formatDuration(r.expectedS)}</td>
            <td className={styles.muted}>{r.earliestS === null && r.latestS === null ? '–' : `${formatDuration(r.earliestS)} to ${formatDuration(r.latestS)}`}</td>
            <td>{formatPercent(r.probability)}</td>
            <td className={styles.muted}>{r.model}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
