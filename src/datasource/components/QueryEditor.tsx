import type { FormEvent } from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Select, TextArea } from '@grafana/ui';
import type { ForesightDataSource } from '../datasource';
import { CapacityFields } from './query/CapacityFields';
import { RiskFields } from './query/RiskFields';
import { LogAnomaliesFields } from './query/LogAnomaliesFields';
import { LogMetricLinkFields } from './query/LogMetricLinkFields';
import { LogPatternsFields } from './query/LogPatternsFields';
import { LogStreamFields, type LogFieldsProps } from './query/LogStreamFields';
import { DEFAULT_OUTPUT, DEFAULT_QUERY, QueryType, type ForecastOutput, type ForesightDataSourceOptions, type ForesightQuery } from '../types';

type Props = QueryEditorProps<ForesightDataSource, ForesightQuery, ForesightDataSourceOptions>;

const QUERY_TYPES: Array<SelectableValue<QueryType>> = [
  { label: 'Forecast', value: QueryType.Forecast, description: 'Forecast each series with a confidence band' },
  { label: 'Predictive alert', value: QueryType.Predict, description: 'Time until a threshold is crossed, and how likely' },
  { label: 'Anomalies', value: QueryType.Anomaly, description: 'Score each point against an adaptive band' },
  { label: 'Capacity', value: QueryType.Capacity, description: 'Time to exhaustion of a limit, headroom, sizing' },
  { label: 'Failure risk', value: QueryType.Risk, description: 'A 0-1 risk per service from its signals' },
  { label: 'Log patterns', value: QueryType.LogPatterns, description: 'Loki lines mined into patterns with counts' },
  { label: 'Log levels', value: QueryType.LogLevels, description: 'Lines per level and the error ratio' },
  { label: 'Log anomalies', value: QueryType.LogAnomalies, description: 'New, spiking or dropping patterns and error surges' },
  { label: 'Logs around an anomaly', value: QueryType.LogMetricLink, description: 'Patterns that changed most in a metric anomaly window' },
];

const LOG_FIELDS: Partial<Record<QueryType, (props: LogFieldsProps) => JSX.Element>> = {
  [QueryType.LogPatterns]: LogPatternsFields,
  [QueryType.LogLevels]: LogStreamFields,
  [QueryType.LogAnomalies]: LogAnomaliesFields,
  [QueryType.LogMetricLink]: LogMetricLinkFields,
};

const OUTPUTS: Record<QueryType, Array<SelectableValue<ForecastOutput>>> = {
  [QueryType.Forecast]: [
    { label: 'Series', value: 'series', description: 'Actual, predicted and band, for graphs' },
    { label: 'Value at horizon', value: 'horizon', description: 'One number per series, for alert rules' },
  ],
  [QueryType.Predict]: [
    { label: 'Table', value: 'table', description: 'One row per series: probability, time to threshold' },
    { label: 'Alert value', value: 'alert', description: 'One number per series, for alert rules' },
  ],
  [QueryType.Anomaly]: [
    { label: 'Series', value: 'series', description: 'Value, expected band and score, for graphs' },
    { label: 'Score', value: 'score', description: 'The latest score per series, for alert rules' },
  ],
  [QueryType.Capacity]: [
    { label: 'Table', value: 'table', description: 'One row per series: time to exhaustion, headroom, recommendation' },
    { label: 'Alert value', value: 'alert', description: 'One number per series, for alert rules' },
  ],
  [QueryType.Risk]: [
    { label: 'Table', value: 'table', description: 'One row per service: risk and its signals' },
    { label: 'Alert value', value: 'alert', description: 'The risk per service, for alert rules' },
  ],
  [QueryType.LogPatterns]: [
    { label: 'Table', value: 'table', description: 'One row per pattern' },
    { label: 'Series', value: 'series', description: 'Lines per pattern over time' },
  ],
  [QueryType.LogLevels]: [{ label: 'Series', value: 'series', description: 'Lines per level and the error ratio' }],
  [QueryType.LogAnomalies]: [
    { label: 'Table', value: 'table', description: 'Anomalies with evidence lines' },
    { label: 'Score', value: 'score', description: 'The highest score per group, for alert rules' },
  ],
  [QueryType.LogMetricLink]: [{ label: 'Table', value: 'table', description: 'Patterns ranked by change' }],
};

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const q = { ...DEFAULT_QUERY, ...query };
  const update = (patch: Partial<ForesightQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const text = (key: keyof ForesightQuery) => (e: FormEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onChange({ ...query, [key]: e.currentTarget.value });
  const forecasting = q.queryType !== QueryType.Anomaly;
  const LogFields = LOG_FIELDS[q.queryType ?? QueryType.Forecast];
  const horizonInvalid = !!q.horizon && !DURATION.test(q.horizon);
  const levelInvalid = q.level !== undefined && !(q.level > 0 && q.level < 1);

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Analysis" labelWidth={14}>
          <Select
            aria-label="Query type"
            width={20}
            options={QUERY_TYPES}
            value={q.queryType}
            onChange={(v) => v.value && update({ queryType: v.value, output: DEFAULT_OUTPUT[v.value] })}
          />
        </InlineField>
        <InlineField label="Output" labelWidth={10}>
          <RadioButtonGroup options={OUTPUTS[q.queryType ?? QueryType.Forecast]} value={q.output} onChange={(v) => update({ output: v })} />
        </InlineField>
      </InlineFieldRow>
      {LogFields ? (
        <LogFields query={q} onChange={onChange} onRunQuery={onRunQuery} />
      ) : (
      <>
      <InlineField label="PromQL" labelWidth={14} grow tooltip="The series to analyse" invalid={!q.expr}>
        <TextArea
          aria-label="PromQL expression"
          rows={2}
          placeholder='e.g. sum by (job) (rate(http_requests_total[5m]))'
          value={q.expr ?? ''}
          onChange={text('expr')}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineFieldRow>
        {forecasting && (
          <>
            <InlineField label="Horizon" labelWidth={14} tooltip="How far ahead to forecast (e.g. 30m, 6h, 2d)" invalid={horizonInvalid} error="Use a duration such as 1h">
              <Input aria-label="Horizon" width={12} value={q.horizon ?? ''} onChange={text('horizon')} onBlur={onRunQuery} />
            </InlineField>
            <InlineField label="Level" labelWidth={10} tooltip="Confidence level of the band, between 0 and 1" invalid={levelInvalid} error="Between 0 and 1">
              <Input
                aria-label="Confidence level"
                type="number"
                step={0.01}
                min={0.5}
                max={0.999}
                width={10}
                value={q.level ?? ''}
                onChange={(e) => onChange({ ...query, level: Number(e.currentTarget.value) })}
                onBlur={onRunQuery}
              />
            </InlineField>
          </>
        )}
        <InlineField label="History" labelWidth={10} tooltip="History to fit on, back from the end of the range; empty uses the dashboard range">
          <Input aria-label="History" width={12} placeholder="range" value={q.history ?? ''} onChange={text('history')} onBlur={onRunQuery} />
        </InlineField>
        <InlineField label="Legend" labelWidth={10} tooltip="Series name template, e.g. {{instance}}">
          <Input aria-label="Legend format" width={20} value={q.legendFormat ?? ''} onChange={text('legendFormat')} onBlur={onRunQuery} />
        </InlineField>
      </InlineFieldRow>
      {q.queryType === QueryType.Anomaly && (
        <InlineFieldRow>
          <InlineField label="Detector" labelWidth={14} tooltip="Seasonal residual: distance from the seasonal baseline. Novelty: distance from anything the series has done (streaming)">
            <RadioButtonGroup
              options={[
                { label: 'Seasonal residual', value: 'seasonal-residual' as const },
                { label: 'Novelty', value: 'novelty' as const },
              ]}
              value={q.detector ?? 'seasonal-residual'}
              onChange={(v) => update({ detector: v })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {q.queryType === QueryType.Predict && (
        <InlineFieldRow>
          <InlineField label="Threshold" labelWidth={14} tooltip="The value whose crossing is predicted" invalid={q.threshold === undefined}>
            <Input
              aria-label="Threshold"
              type="number"
              width={14}
              value={q.threshold ?? ''}
              onChange={(e) => onChange({ ...query, threshold: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Crossing" labelWidth={10}>
            <RadioButtonGroup
              options={[
                { label: 'Above', value: 'above' as const },
                { label: 'Below', value: 'below' as const },
              ]}
              value={q.direction ?? 'above'}
              onChange={(v) => update({ direction: v })}
            />
          </InlineField>
          {q.output === 'alert' && (
            <InlineField label="Alert on" labelWidth={10}>
              <RadioButtonGroup
                options={[
                  { label: 'Probability', value: 'probability' as const },
                  { label: 'Time to threshold', value: 'timeToThreshold' as const },
                ]}
                value={q.alertValue ?? 'probability'}
                onChange={(v) => update({ alertValue: v })}
              />
            </InlineField>
          )}
        </InlineFieldRow>
      )}
      {q.queryType === QueryType.Capacity && <CapacityFields query={q} onChange={(next) => onChange(next)} onRunQuery={onRunQuery} />}
      {q.queryType === QueryType.Risk && <RiskFields query={q} onChange={(next) => onChange(next)} onRunQuery={onRunQuery} />}
      {q.queryType === QueryType.Forecast && q.output === 'horizon' && (
        <InlineFieldRow>
          <InlineField label="Value" labelWidth={14} tooltip="Which forecast line the alert reads">
            <RadioButtonGroup
              options={[
                { label: 'Predicted', value: 'predicted' as const },
                { label: 'Upper bound', value: 'upper' as const },
                { label: 'Lower bound', value: 'lower' as const },
              ]}
              value={q.horizonValue ?? 'predicted'}
              onChange={(v) => update({ horizonValue: v })}
            />
          </InlineField>
          <InlineField label="Over horizon" labelWidth={14} tooltip="Value at the horizon's end, or the max/min along it">
            <RadioButtonGroup
              options={[
                { label: 'At end', value: 'last' as const },
                { label: 'Max', value: 'max' as const },
                { label: 'Min', value: 'min' as const },
              ]}
              value={q.reduce ?? 'last'}
              onChange={(v) => update({ reduce: v })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      </>
      )}
    </>
  );
}
