import { useCallback, useEffect, useState } from 'react';
import { getDataSourceSrv } from '@grafana/runtime';
import { DATASOURCE_TYPE } from '../../constants';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'no-datasource' }
  | { state: 'error'; error: string }
  | { state: 'done'; value: T; datasourceUid: string; at: number };

/** The configured Foresight datasource, or the first one Grafana has. */
export function foresightDatasourceUid(configured?: string): string | undefined {
  const list = getDataSourceSrv().getList({ type: DATASOURCE_TYPE });
  return (configured && list.find((d) => d.uid === configured)?.uid) || list[0]?.uid;
}

/** Runs a page's queries against the Foresight datasource; `reload` runs them again. */
export function useLoad<T>(load: (datasourceUid: string) => Promise<T>, datasourceUid: string | undefined, key: string) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const uid = foresightDatasourceUid(datasourceUid);
    if (!uid) {
      setLoaded({ state: 'no-datasource' });
      return;
    }
    let current = true;
    setLoaded({ state: 'loading' });
    load(uid).then(
      (value) => current && setLoaded({ state: 'done', value, datasourceUid: uid, at: Date.now() }),
      (err) => current && setLoaded({ state: 'error', error: (err as Error)?.message ?? String(err) }),
    );
    return () => {
      current = false;
    };
    // `key` stands for what `load` reads (the settings), so a new closure each render does not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [datasourceUid, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { loaded, reload };
}
