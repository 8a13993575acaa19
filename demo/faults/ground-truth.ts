// The ground-truth log: an append-only JSONL file of every fault injection and every control
// action, written as it happens. Incident prediction and root-cause analysis are scored against
// it, so each line is self-contained and the last line of an injection id is its final state.

import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FaultKind, FaultParams } from './kinds';

export type InjectionStatus = 'scheduled' | 'active' | 'ended' | 'cancelled';
export type EndReason = 'expired' | 'cancelled' | 'rolled-back' | 'shutdown';

export interface Injection {
  id: string;
  fault: FaultKind;
  service: string;
  params: FaultParams;
  /** When the injection was asked for (ISO 8601, ms). */
  requestedAt: string;
  plannedStart: string;
  /** null: until cancelled. */
  plannedEnd: string | null;
  /** When it took effect; null while scheduled, or if cancelled before it started. */
  start: string | null;
  /** When it stopped taking effect (expired, cancelled, rolled back, or the demo shut down). */
  end: string | null;
  status: InjectionStatus;
  endReason: EndReason | null;
}

export interface InjectionRecord extends Injection {
  record: 'injection';
  event: 'scheduled' | 'started' | 'ended' | 'cancelled';
  at: string;
}

export interface ControlRecord {
  record: 'control';
  at: string;
  id: string;
  action: string;
  service: string;
  params: Record<string, unknown>;
  previous: Record<string, unknown>;
  /** Injections this action ended (a rollback ends a bad release). */
  ended?: string[];
}

export interface RunRecord {
  record: 'run';
  event: 'started' | 'stopped';
  at: string;
  info: Record<string, unknown>;
}

export type GroundTruthRecord = InjectionRecord | ControlRecord | RunRecord;

export class GroundTruthLog {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /** Synchronous on purpose: the file must hold the record before the API answers. */
  append(record: GroundTruthRecord): void {
    appendFileSync(this.file, JSON.stringify(record) + '\n');
  }
}

export interface GroundTruth {
  /** Final state of each injection, in the order they were first seen. */
  injections: Injection[];
  controls: ControlRecord[];
  runs: RunRecord[];
}

/** Folds a ground-truth file into final states; lines that do not parse are skipped. */
export function readGroundTruth(file: string): GroundTruth {
  const out: GroundTruth = { injections: [], controls: [], runs: [] };
  if (!existsSync(file)) {
    return out;
  }
  const byId = new Map<string, Injection>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) {
      continue;
    }
    let rec: GroundTruthRecord;
    try {
      rec = JSON.parse(line) as GroundTruthRecord;
    } catch {
      continue;
    }
    if (rec.record === 'injection') {
      const { record: _r, event: _e, at: _a, ...injection } = rec;
      byId.set(rec.id, injection);
    } else if (rec.record === 'control') {
      out.controls.push(rec);
    } else if (rec.record === 'run') {
      out.runs.push(rec);
    }
  }
  out.injections = [...byId.values()];
  return out;
}
