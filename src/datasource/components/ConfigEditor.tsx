import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { ForesightDataSourceOptions, ForesightSecureJsonData } from '../types';
import { LimitSettings } from './config/LimitSettings';
import { UpstreamSettings } from './config/UpstreamSettings';

type Props = DataSourcePluginOptionsEditorProps<ForesightDataSourceOptions, ForesightSecureJsonData>;

export function ConfigEditor(props: Props) {
  return (
    <>
      <UpstreamSettings
        {...props}
        upstream="prometheus"
        title="Prometheus"
        description="The Prometheus (or Mimir, Thanos) server root, as reached from the Grafana server"
        placeholder="http://localhost:9090"
        required
      />
      <UpstreamSettings
        {...props}
        upstream="loki"
        title="Loki"
        description="Optional: the Loki server root, for log patterns and log anomalies"
        placeholder="http://localhost:3100"
        tenant
      />
      <UpstreamSettings
        {...props}
        upstream="tempo"
        title="Tempo"
        description="Optional: the Tempo server root, for traces and service dependencies"
        placeholder="http://localhost:3200"
        tenant
      />
      <LimitSettings {...props} />
    </>
  );
}
