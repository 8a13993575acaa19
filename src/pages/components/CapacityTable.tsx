import { useStyles2 } from '@grafana/ui';
import type { ResourceCapacity } from '../data/capacity';
import { formatDuration, formatNumber, formatPercent } from './format';
import { Status, type StatusKind } from './Status';
import { getPageStyles } from './styles';

const ACTION: Record<string, { kind: StatusKind; text: string }> = {
  increase: { kind: 'warning', text: 'increase' },
  decrease: { kind: 'unknown', text: 'decrease' },
  keep: { kind: 'ok', text: 'keep' },
};

/** Each usage series of a resource: how full, when it runs out, and what to do about it. */
export function CapacityTable({ rows, caption }: { rows: ResourceCapacity[]; caption: string }) {
  const styles = useStyles2(getPageStyles);
  return (
    <table className={styles.table}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Now</th>
          <th scope="col">Limit</th>
          <th scope="col">Used</th>
          <th scope="col">Exhausted in</th>
          <th scope="col">Earliest</th>
          <th scope="col">Probability within horizon</th>
          <th scope="col">Predicted peak</th>
          <th scope="col">Action</th>
          <th scope="col">Recommendation</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const action = ACTION[r.action] ?? { kind: 'unknown' as const, text: r.action || '–' };
          return (
            <tr key={`${r.resource}/${r.series}`}>
              <td>{r.series}</td>
              <td>{formatNumber(r.current)}</td>
              <td>{formatNumber(r.limit)}</td>
              <td>{formatPercent(r.utilisation)}</td>
              <td>{formatDuration(r.exhaustionS)}</td>
              <td className={styles.muted}>{formatDuration(r.earliestS)}</td>
              <td>{formatPercent(r.probability)}</td>
              <td>{formatPercent(r.peakUtilisation)}</td>
              <td>
                <Status kind={action.kind} text={action.text} />
              </td>
              <td className={styles.muted}>
                {r.recommendation} {r.model && `(${r.model})`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
