import { Button } from '@grafana/ui';

export function RefreshButton({ onClick, at }: { onClick: () => void; at?: number }) {
  return (
    <Button variant="secondary" icon="sync" onClick={onClick} tooltip={at ? `Last queried ${new Date(at).toLocaleTimeString()}` : undefined}>
      Refresh
    </Button>
  );
}
