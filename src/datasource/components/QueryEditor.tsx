import type { ComponentType } from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Select } from '@grafana/ui';
import type { ForesightDataSource } from '../datasource';
import { DEFAULT_OUTPUT, DEFAULT_QUERY, QueryType, type ForesightDataSourceOptions, type ForesightQuery } from '../types';
import { AnomalyFields } from './query/AnomalyFields';
import { CapacityFields } from './query/CapacityFields';
import { ForecastFields } from './query/ForecastFields';
import { LogAnomaliesFields } from './query/LogAnomaliesFields';
import { LogMetricLinkFields } from './query/LogMetricLinkFields';
import { LogPatternsFields } from './query/LogPatternsFields';
import { LogStreamFields } from './query/LogStreamFields';
import { PredictFields } from './query/PredictFields';
import { RiskFields } from './query/RiskFields';
import type { QueryFieldsProps } from './query/props';

type Props = QueryEditorProps<ForesightDataSource, ForesightQuery, ForesightDataSourceOptions>;

interface QueryTypeEditor {
  label: string;
  description: string;
  Fields: ComponentType<QueryFieldsProps>;
}

/** Each query type's name in the picker and its fields; the type checker makes sure every type has one. */
export const QUERY_EDITORS: Record<QueryType, QueryTypeEditor> = {
  [QueryType.Forecast]: { label: 'Forecast', description: 'Forecast each series with a confidence band', Fields: ForecastFields },
  [QueryType.Predict]: { label: 'Predictive alert', description: 'Time until a threshold is crossed, and how likely', Fields: PredictFields },
  [QueryType.Anomaly]: { label: 'Anomalies', description: 'Score each point against an adaptive band', Fields: AnomalyFields },
  [QueryType.Capacity]: { label: 'Capacity', description: 'Time to exhaustion of a limit, headroom, sizing', Fields: CapacityFields },
  [QueryType.Risk]: { label: 'Failure risk', description: 'A 0-1 risk per service from its signals', Fields: RiskFields },
  [QueryType.LogPatterns]: { label: 'Log patterns', description: 'Loki lines mined into patterns with counts', Fields: LogPatternsFields },
  [QueryType.LogLevels]: { label: 'Log levels', description: 'Lines per level and the error ratio', Fields: LogStreamFields },
  [QueryType.LogAnomalies]: { label: 'Log anomalies', description: 'New, spiking or dropping patterns and error surges', Fields: LogAnomaliesFields },
  [QueryType.LogMetricLink]: { label: 'Logs around an anomaly', description: 'Patterns that changed most in a metric anomaly window', Fields: LogMetricLinkFields },
};

const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = Object.entries(QUERY_EDITORS).map(([value, e]) => ({
  value: value as QueryType,
  label: e.label,
  description: e.description,
}));

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const q: ForesightQuery = { ...DEFAULT_QUERY, ...query };
  const type = q.queryType && QUERY_EDITORS[q.queryType] ? q.queryType : QueryType.Forecast;
  const { Fields } = QUERY_EDITORS[type];
  const update = (patch: Partial<ForesightQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  // A threshold (a value, or a score) and an alert value mean different things to each type: they do not carry over.
  const switchTo = (next: QueryType) => update({ queryType: next, output: DEFAULT_OUTPUT[next], threshold: undefined, alertValue: undefined });

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Analysis" labelWidth={14} tooltip="What Foresight computes from the series">
          <Select aria-label="Query type" width={24} options={QUERY_TYPE_OPTIONS} value={type} onChange={(v) => v.value && switchTo(v.value)} />
        </InlineField>
      </InlineFieldRow>
      <Fields query={q} onChange={update} onRunQuery={onRunQuery} />
    </>
  );
}
