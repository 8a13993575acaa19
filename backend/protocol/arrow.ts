// Encodes one data frame as one Arrow IPC *file*, in the subset Grafana's Go decoder accepts.
//
// apache-arrow's type inference does not fit Grafana (strings become dictionaries, dates become
// millisecond timestamps that Go reads as nanoseconds), so every column is built here with an
// explicit type and hand-made buffers:
//   time    -> Timestamp(ns), int64 values computed exactly in BigInt
//   number  -> Float64, always nullable (Go then decodes *float64, as server-side expressions prefer)
//   string  -> Utf8 (never Dictionary), boolean -> Bool
// Schema metadata carries `name`, `refId`, `meta`; field metadata carries `tstype`, `labels`, `config`.

import {
  Bool,
  Data,
  Field as ArrowField,
  Float64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  makeData,
  tableToIPC,
} from 'apache-arrow';
import type { Field, Frame } from './frames';

const NS_PER_MS = 1_000_000n;
const encoder = new TextEncoder();

interface Column {
  data: Data;
  nullable: boolean;
}

function validityBitmap(length: number, isValid: (i: number) => boolean): { bitmap?: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (isValid(i)) {
      bitmap[i >> 3] |= 1 << (i & 7);
    } else {
      nullCount++;
    }
  }
  return nullCount > 0 ? { bitmap, nullCount } : { nullCount: 0 };
}

function timeColumn(values: ArrayLike<number>, name: string): Column {
  const ns = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const ms = values[i];
    if (!Number.isFinite(ms)) {
      throw new Error(`time field "${name}" has a non-finite value at row ${i}`);
    }
    const whole = Math.floor(ms);
    // Sub-millisecond parts (rare) are kept to the nanosecond without float rounding of the whole part.
    ns[i] = BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
  }
  return { data: makeData({ type: new TimestampNanosecond(), length: ns.length, data: ns }), nullable: false };
}

function numberColumn(values: ArrayLike<number | null>): Column {
  const out = new Float64Array(values.length);
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => {
    const v = values[i];
    return v !== null && v !== undefined && Number.isFinite(v);
  });
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v !== null && v !== undefined && Number.isFinite(v) ? v : 0;
  }
  return {
    data: makeData({ type: new Float64(), length: out.length, nullCount, nullBitmap: bitmap, data: out }),
    nullable: true,
  };
}

function stringColumn(values: ArrayLike<string | null>): Column {
  const encoded: Uint8Array[] = new Array(values.length);
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const bytes = v === null || v === undefined ? new Uint8Array(0) : encoder.encode(v);
    encoded[i] = bytes;
    total += bytes.length;
    if (total > 0x7fffffff) {
      throw new Error('string column exceeds 2 GiB');
    }
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < encoded.length; i++) {
    data.set(encoded[i], offsets[i]);
  }
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => values[i] !== null && values[i] !== undefined);
  return {
    data: makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap: bitmap, valueOffsets: offsets, data }),
    nullable: nullCount > 0,
  };
}

function booleanColumn(values: ArrayLike<boolean | null>): Column {
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (values[i] === true) {
      bits[i >> 3] |= 1 << (i & 7);
    }
  }
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => values[i] !== null && values[i] !== undefined);
  return {
    data: makeData({ type: new Bool(), length: values.length, nullCount, nullBitmap: bitmap, data: bits }),
    nullable: nullCount > 0,
  };
}

function column(field: Field): Column {
  switch (field.type) {
    case 'time':
      return timeColumn(field.values, field.name);
    case 'number':
      return numberColumn(field.values);
    case 'string':
      return stringColumn(field.values);
    case 'boolean':
      return booleanColumn(field.values);
  }
}

/** Serialises a frame to the bytes of one `DataResponse.frames` entry. */
export function frameToArrowFile(frame: Frame): Uint8Array {
  const length = frame.fields.length > 0 ? frame.fields[0].values.length : 0;
  const columns = frame.fields.map((f) => {
    if (f.values.length !== length) {
      throw new Error(`field "${f.name}" has ${f.values.length} values, expected ${length} like the first field`);
    }
    return column(f);
  });
  const fields = frame.fields.map((f, i) => {
    const metadata = new Map<string, string>([['tstype', f.type]]);
    if (f.labels && Object.keys(f.labels).length > 0) {
      metadata.set('labels', JSON.stringify(f.labels));
    }
    if (f.config && Object.keys(f.config).length > 0) {
      metadata.set('config', JSON.stringify(f.config));
    }
    return new ArrowField(f.name, columns[i].data.type, columns[i].nullable, metadata);
  });
  const schemaMeta = new Map<string, string>([
    ['name', frame.name ?? ''],
    ['refId', frame.refId ?? ''],
  ]);
  if (frame.meta) {
    schemaMeta.set('meta', JSON.stringify(frame.meta));
  }
  const schema = new Schema(fields, schemaMeta);
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(fields), length, nullCount: 0, children: columns.map((c) => c.data) }),
  );
  return tableToIPC(new Table(schema, [batch]), 'file');
}
