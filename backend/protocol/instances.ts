// Per-datasource state (clients, caches), keyed by the datasource uid and rebuilt when Grafana
// reports newer settings (`lastUpdatedMS`), as the Go SDK's instance manager does.

import type { DataSourceInstanceSettings } from './types';

export interface Disposable {
  dispose?(): void;
}

export class InstanceManager<T extends object & Disposable> {
  private readonly instances = new Map<string, { updated: number; instance: T }>();

  constructor(private readonly create: (settings: DataSourceInstanceSettings) => T) {}

  get(settings: DataSourceInstanceSettings): T {
    const key = settings.uid || `id:${settings.id}`;
    const cached = this.instances.get(key);
    if (cached && cached.updated === settings.lastUpdatedMS) {
      return cached.instance;
    }
    // Build first: if the new settings are invalid the old instance stays usable for its own requests.
    const instance = this.create(settings);
    cached?.instance.dispose?.();
    this.instances.set(key, { updated: settings.lastUpdatedMS, instance });
    return instance;
  }

  get size(): number {
    return this.instances.size;
  }

  disposeAll(): void {
    for (const { instance } of this.instances.values()) {
      instance.dispose?.();
    }
    this.instances.clear();
  }
}
