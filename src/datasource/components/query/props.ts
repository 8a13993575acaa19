import type { ForesightQuery } from '../../types';

/** What every query type's fields receive from QueryEditor. */
export interface QueryFieldsProps {
  /** The query with the defaults filled in (DEFAULT_QUERY). */
  query: ForesightQuery;
  /** Merges a change into the query; `run` re-runs it (choices do, typing waits for blur). */
  onChange: (patch: Partial<ForesightQuery>, run?: boolean) => void;
  onRunQuery: () => void;
}
