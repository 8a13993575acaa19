import type { ReactNode } from 'react';
import { Alert } from '@grafana/ui';

/** Says plainly which part of a page has no data source yet, rather than showing something invented. */
export function NotYet({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Alert severity="info" title={title}>
      {children}
    </Alert>
  );
}
