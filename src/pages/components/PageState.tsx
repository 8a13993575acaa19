import type { ReactNode } from 'react';
import { Alert, LinkButton, LoadingPlaceholder } from '@grafana/ui';
import type { Loaded } from '../data/useLoad';

/** Loading, no datasource, and failure look the same on every page; `children` renders the data. */
export function PageState<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ReactNode }) {
  switch (loaded.state) {
    case 'loading':
      return <LoadingPlaceholder text="Querying Foresight…" />;
    case 'no-datasource':
      return (
        <Alert severity="info" title="No Foresight datasource yet">
          Add a <b>Foresight Analyzer</b> datasource that points at your Prometheus; the pages query it.
          <div>
            <LinkButton href="/connections/datasources/new" icon="plus" variant="secondary">
              Add datasource
            </LinkButton>
          </div>
        </Alert>
      );
    case 'error':
      return (
        <Alert severity="error" title="The queries failed">
          {loaded.error}
        </Alert>
      );
    case 'done':
      return <>{children(loaded.value)}</>;
  }
}
