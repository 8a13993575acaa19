import { CoreApp, type DataSourceInstanceSettings, type ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import { DEFAULT_QUERY, type ForesightDataSourceOptions, type ForesightQuery } from './types';

export class ForesightDataSource extends DataSourceWithBackend<ForesightQuery, ForesightDataSourceOptions> {
  constructor(settings: DataSourceInstanceSettings<ForesightDataSourceOptions>) {
    super(settings);
  }

  getDefaultQuery(_app: CoreApp): Partial<ForesightQuery> {
    return DEFAULT_QUERY;
  }

  applyTemplateVariables(query: ForesightQuery, scopedVars: ScopedVars): ForesightQuery {
    const templates = getTemplateSrv();
    return {
      ...query,
      expr: query.expr ? templates.replace(query.expr, scopedVars, 'regex') : query.expr,
      horizon: query.horizon ? templates.replace(query.horizon, scopedVars) : query.horizon,
      history: query.history ? templates.replace(query.history, scopedVars) : query.history,
      legendFormat: query.legendFormat ? templates.replace(query.legendFormat, scopedVars) : query.legendFormat,
    };
  }

  filterQuery(query: ForesightQuery): boolean {
    return !query.hide && !!query.expr?.trim();
  }
}
