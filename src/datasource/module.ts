import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { ForesightDataSource } from './datasource';
import type { ForesightDataSourceOptions, ForesightQuery } from './types';

export const plugin = new DataSourcePlugin<ForesightDataSource, ForesightQuery, ForesightDataSourceOptions>(ForesightDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
