import {
  onUpdateDatasourceJsonDataOption,
  onUpdateDatasourceSecureJsonDataOption,
  type DataSourcePluginOptionsEditorProps,
} from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import type { AuthMode, ForesightDataSourceOptions, ForesightSecureJsonData } from '../types';

type Props = DataSourcePluginOptionsEditorProps<ForesightDataSourceOptions, ForesightSecureJsonData>;

const AUTH_MODES: Array<{ label: string; value: AuthMode }> = [
  { label: 'No auth', value: 'none' },
  { label: 'Basic', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

export function ConfigEditor(props: Props) {
  const { options, onOptionsChange } = props;
  const { jsonData, secureJsonFields } = options;
  const secure = (options.secureJsonData ?? {}) as ForesightSecureJsonData;
  const auth = jsonData.prometheusAuth ?? 'none';
  const urlInvalid = !!jsonData.prometheusUrl && !/^https?:\/\/[^\s]+$/.test(jsonData.prometheusUrl);

  const resetSecret = (key: keyof ForesightSecureJsonData) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, [key]: false },
      secureJsonData: { ...secure, [key]: '' },
    });

  return (
    <>
      <FieldSet label="Prometheus">
        <Field
          label="URL"
          description="The Prometheus (or Mimir, Thanos) server root, as reached from the Grafana server"
          invalid={urlInvalid}
          error="Must start with http:// or https://"
          required
        >
          <Input
            id="prometheus-url"
            width={50}
            placeholder="http://localhost:9090"
            value={jsonData.prometheusUrl ?? ''}
            onChange={onUpdateDatasourceJsonDataOption(props, 'prometheusUrl')}
          />
        </Field>
        <Field label="Authentication">
          <RadioButtonGroup
            options={AUTH_MODES}
            value={auth}
            onChange={(v) => onOptionsChange({ ...options, jsonData: { ...jsonData, prometheusAuth: v } })}
          />
        </Field>
        {auth === 'basic' && (
          <>
            <Field label="User">
              <Input id="prometheus-user" width={30} value={jsonData.prometheusUser ?? ''} onChange={onUpdateDatasourceJsonDataOption(props, 'prometheusUser')} />
            </Field>
            <Field label="Password">
              <SecretInput
                id="prometheus-password"
                width={30}
                isConfigured={!!secureJsonFields?.prometheusPassword}
                value={secure.prometheusPassword ?? ''}
                onChange={onUpdateDatasourceSecureJsonDataOption(props, 'prometheusPassword')}
                onReset={() => resetSecret('prometheusPassword')}
              />
            </Field>
          </>
        )}
        {auth === 'bearer' && (
          <Field label="Token">
            <SecretInput
              id="prometheus-token"
              width={50}
              isConfigured={!!secureJsonFields?.prometheusBearerToken}
              value={secure.prometheusBearerToken ?? ''}
              onChange={onUpdateDatasourceSecureJsonDataOption(props, 'prometheusBearerToken')}
              onReset={() => resetSecret('prometheusBearerToken')}
            />
          </Field>
        )}
      </FieldSet>
      <FieldSet label="Limits">
        <Field label="Timeout (seconds)" description="Per upstream request, retries included">
          <Input
            id="timeout-seconds"
            type="number"
            width={12}
            placeholder="30"
            value={jsonData.timeoutSeconds ?? ''}
            onChange={(e) => onOptionsChange({ ...options, jsonData: { ...jsonData, timeoutSeconds: Number(e.currentTarget.value) || undefined } })}
          />
        </Field>
        <Field label="Max series per query" description="Queries matching more series are refused with an error">
          <Input
            id="max-series"
            type="number"
            width={12}
            placeholder="500"
            value={jsonData.maxSeries ?? ''}
            onChange={(e) => onOptionsChange({ ...options, jsonData: { ...jsonData, maxSeries: Number(e.currentTarget.value) || undefined } })}
          />
        </Field>
      </FieldSet>
    </>
  );
}
