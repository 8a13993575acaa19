// What one configured datasource keeps between requests: its settings, upstream clients and the
// forecast fits of its series.

import type { DataSourceInstanceSettings } from '../protocol';
import { LokiClient } from '../sources/loki/client';
import { PrometheusClient } from '../sources/prometheus/client';
import { TempoClient } from '../sources/tempo/client';
import { FitCache } from './fit-cache';
import { LogMiners } from './query/log-miners';
import { parseSettings, SettingsError, type Settings } from './settings';

export class DatasourceInstance {
  readonly settings: Settings;
  readonly fits = new FitCache();
  private readonly prometheusClient?: PrometheusClient;
  private readonly lokiClient?: LokiClient;
  private readonly tempoClient?: TempoClient;
  /** Template miners kept between log queries, so a pattern keeps its id from one refresh to the next. */
  readonly logMiners = new LogMiners();

  constructor(raw: DataSourceInstanceSettings) {
    this.settings = parseSettings(raw);
    if (this.settings.prometheus) {
      try {
        this.prometheusClient = new PrometheusClient(this.settings.prometheus.url, this.settings.prometheus.auth, this.settings.policy);
      } catch (err) {
        // A malformed URL is a settings problem, not an upstream failure.
        throw new SettingsError((err as Error).message);
      }
    }
    if (this.settings.loki) {
      try {
        this.lokiClient = new LokiClient(this.settings.loki.url, this.settings.loki.auth, this.settings.policy);
      } catch (err) {
        throw new SettingsError((err as Error).message);
      }
    }
    if (this.settings.tempo) {
      try {
        this.tempoClient = new TempoClient(this.settings.tempo.url, this.settings.tempo.auth, this.settings.policy);
      } catch (err) {
        throw new SettingsError((err as Error).message);
      }
    }
  }

  /** The Loki client, or a clear error telling the user where to configure it. */
  get loki(): LokiClient {
    if (!this.lokiClient) {
      throw new SettingsError('no Loki URL is configured: set it in the datasource settings under Loki');
    }
    return this.lokiClient;
  }

  /** The Tempo client, or a clear error telling the user where to configure it. */
  get tempo(): TempoClient {
    if (!this.tempoClient) {
      throw new SettingsError('no Tempo URL is configured: set it in the datasource settings under Tempo');
    }
    return this.tempoClient;
  }

  /** The Prometheus client, or a clear error telling the user where to configure it. */
  get prometheus(): PrometheusClient {
    if (!this.prometheusClient) {
      throw new SettingsError('no Prometheus URL is configured: set it in the datasource settings under Prometheus');
    }
    return this.prometheusClient;
  }
}
