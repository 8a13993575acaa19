import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import type { AuthMode, ForesightDataSourceOptions, ForesightSecureJsonData } from '../../types';

export type Upstream = 'prometheus' | 'loki' | 'tempo';

type Props = DataSourcePluginOptionsEditorProps<ForesightDataSourceOptions, ForesightSecureJsonData> & {
  upstream: Upstream;
  title: string;
  description: string;
  placeholder: string;
  /** Loki and Tempo take a tenant (X-Scope-OrgID); Prometheus has none. */
  tenant?: boolean;
  required?: boolean;
};

const AUTH_MODES: Array<{ label: string; value: AuthMode; description: string }> = [
  { label: 'No auth', value: 'none', description: 'The server needs no credentials' },
  { label: 'Basic', value: 'basic', description: 'User and password' },
  { label: 'Bearer token', value: 'bearer', description: 'Authorization: Bearer <token>' },
];

type JsonKey = keyof ForesightDataSourceOptions;
type SecretKey = keyof ForesightSecureJsonData;

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+[^\s]*$/.test(value.trim());
}

/** URL, authentication and tenant of one upstream; every upstream stores the same keys under its own prefix. */
export function UpstreamSettings({ upstream, title, description, placeholder, tenant, required, options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields } = options;
  const secure = (options.secureJsonData ?? {}) as ForesightSecureJsonData;
  const key = (suffix: string) => `${upstream}${suffix}` as JsonKey;
  const secretKey = (suffix: string) => `${upstream}${suffix}` as SecretKey;
  const url = (jsonData[key('Url')] as string | undefined) ?? '';
  const auth = (jsonData[key('Auth')] as AuthMode | undefined) ?? 'none';
  const user = (jsonData[key('User')] as string | undefined) ?? '';
  const urlInvalid = url !== '' && !isHttpUrl(url);
  const userMissing = auth === 'basic' && user.trim() === '';
  const tokenMissing = auth === 'bearer' && !secureJsonFields?.[secretKey('BearerToken')] && !secure[secretKey('BearerToken')];

  const setJson = (k: JsonKey, value: string | undefined) => onOptionsChange({ ...options, jsonData: { ...jsonData, [k]: value } });
  const setSecret = (k: SecretKey, value: string) => onOptionsChange({ ...options, secureJsonData: { ...secure, [k]: value } });
  const resetSecret = (k: SecretKey) =>
    onOptionsChange({ ...options, secureJsonFields: { ...secureJsonFields, [k]: false }, secureJsonData: { ...secure, [k]: '' } });
  const id = (suffix: string) => `${upstream}-${suffix}`;

  return (
    <FieldSet label={title}>
      <Field label="URL" description={description} invalid={urlInvalid} error="Must start with http:// or https:// and name a host" required={required}>
        <Input id={id('url')} width={50} placeholder={placeholder} value={url} onChange={(e) => setJson(key('Url'), e.currentTarget.value)} />
      </Field>
      <Field label="Authentication" description="How Foresight's backend signs its requests to this server">
        <RadioButtonGroup id={id('auth')} options={AUTH_MODES} value={auth} onChange={(v) => setJson(key('Auth'), v)} />
      </Field>
      {auth === 'basic' && (
        <>
          <Field label="User" invalid={userMissing} error="Basic auth needs a user" required>
            <Input id={id('user')} width={30} value={user} onChange={(e) => setJson(key('User'), e.currentTarget.value)} />
          </Field>
          <Field label="Password">
            <SecretInput
              id={id('password')}
              width={30}
              isConfigured={!!secureJsonFields?.[secretKey('Password')]}
              value={secure[secretKey('Password')] ?? ''}
              onChange={(e) => setSecret(secretKey('Password'), e.currentTarget.value)}
              onReset={() => resetSecret(secretKey('Password'))}
            />
          </Field>
        </>
      )}
      {auth === 'bearer' && (
        <Field label="Token" invalid={tokenMissing} error="Bearer auth needs a token" required>
          <SecretInput
            id={id('token')}
            width={50}
            isConfigured={!!secureJsonFields?.[secretKey('BearerToken')]}
            value={secure[secretKey('BearerToken')] ?? ''}
            onChange={(e) => setSecret(secretKey('BearerToken'), e.currentTarget.value)}
            onReset={() => resetSecret(secretKey('BearerToken'))}
          />
        </Field>
      )}
      {tenant && (
        <Field label="Tenant" description="Sent as X-Scope-OrgID; leave empty for a single-tenant server">
          <Input
            id={id('tenant')}
            width={30}
            placeholder="none"
            value={(jsonData[key('Tenant')] as string | undefined) ?? ''}
            onChange={(e) => setJson(key('Tenant'), e.currentTarget.value || undefined)}
          />
        </Field>
      )}
    </FieldSet>
  );
}
