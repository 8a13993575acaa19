import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableFromIPC } from 'apache-arrow';
import { frameToArrowFile } from '../../../backend/protocol/arrow';

describe('frameToArrowFile', () => {
  const frame = {
    name: 'cpu',
    refId: 'A',
    meta: { type: 'timeseries-multi' as const, typeVersion: [0, 1] as [number, number] },
    fields: [
      { name: 'time', type: 'time' as const, values: [1700000000001, 1700000060001] },
      { name: 'value', type: 'number' as const, values: [1.5, null], labels: { host: 'a' }, config: { unit: 'percent' } },
      { name: 'state', type: 'string' as const, values: ['ok', 'é€'] },
      { name: 'flag', type: 'boolean' as const, values: [true, false] },
    ],
  };

  it('writes the IPC file format (ARROW1 at both ends), not the stream format', () => {
    const bytes = frameToArrowFile(frame);
    const text = Buffer.from(bytes);
    assert.equal(text.subarray(0, 6).toString(), 'ARROW1');
    assert.equal(text.subarray(text.length - 6).toString(), 'ARROW1');
  });

  it('encodes time as exact int64 nanoseconds', () => {
    const table = tableFromIPC(frameToArrowFile(frame));
    const time = table.getChild('time')!;
    assert.equal(String(time.type), 'Timestamp<NANOSECOND>');
    // Float multiplication would give ...000999936; the exact value must survive.
    assert.equal((time.data[0].values as BigInt64Array)[0], 1700000000001000000n);
  });

  it('uses plain Utf8 strings, nullable Float64 numbers, and keeps metadata', () => {
    const table = tableFromIPC(frameToArrowFile(frame));
    assert.equal(String(table.getChild('state')!.type), 'Utf8');
    assert.deepEqual(table.getChild('state')!.toArray(), ['ok', 'é€']);
    const value = table.schema.fields.find((f) => f.name === 'value')!;
    assert.equal(String(value.type), 'Float64');
    assert.equal(value.nullable, true);
    assert.equal(table.getChild('value')!.get(1), null);
    assert.equal(value.metadata.get('labels'), '{"host":"a"}');
    assert.equal(value.metadata.get('config'), '{"unit":"percent"}');
    assert.equal(value.metadata.get('tstype'), 'number');
    assert.equal(table.schema.metadata.get('name'), 'cpu');
    assert.equal(table.schema.metadata.get('refId'), 'A');
    assert.deepEqual(JSON.parse(table.schema.metadata.get('meta')!), frame.meta);
    assert.deepEqual(table.getChild('flag')!.toArray().length, 2);
    assert.equal(table.getChild('flag')!.get(0), true);
  });

  it('writes NaN and infinities as nulls', () => {
    const table = tableFromIPC(
      frameToArrowFile({ fields: [{ name: 'v', type: 'number', values: [NaN, Infinity, 2] }] }),
    );
    assert.deepEqual([0, 1, 2].map((i) => table.getChild('v')!.get(i)), [null, null, 2]);
  });

  it('encodes a frame with no fields', () => {
    const table = tableFromIPC(frameToArrowFile({ refId: 'B', fields: [] }));
    assert.equal(table.numCols, 0);
    assert.equal(table.schema.metadata.get('refId'), 'B');
  });

  it('rejects fields of unequal length', () => {
    assert.throws(
      () =>
        frameToArrowFile({
          fields: [
            { name: 'time', type: 'time', values: [1, 2] },
            { name: 'v', type: 'number', values: [1] },
          ],
        }),
      /has 1 values, expected 2/,
    );
  });
});
