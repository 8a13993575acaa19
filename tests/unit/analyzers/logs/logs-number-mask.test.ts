// The number rule as a regex and as the scan the line tokenizer runs.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskNumberRange, maskNumbers, NUMERIC_ONLY } from '../../../../backend/analyzers/logs/number-mask';
import { PARAM } from '../../../../backend/analyzers/logs/placeholder';
import { randomBelow } from './random';

describe('number masking', () => {
  it('masks a range of a longer text as the regex masks that range cut out', () => {
    const alphabet = '0123456789-+_.:,;#()<*>%a';
    const next = randomBelow(3);
    for (let i = 0; i < 50_000; i++) {
      let text = '';
      for (let k = 1 + next(24); k > 0; k--) text += alphabet[next(alphabet.length)];
      const start = next(text.length);
      const end = start + 1 + next(text.length - start);
      // The characters around the range must not count: a digit just before it starts no run inside.
      assert.equal(maskNumberRange(text, start, end), maskNumbers(text.slice(start, end)), `${JSON.stringify(text)} [${start}, ${end})`);
    }
  });

  it('keeps what is not a number and folds placeholders side by side', () => {
    assert.equal(maskNumbers('_55'), '_55');
    assert.equal(maskNumbers('-5'), PARAM);
    assert.equal(maskNumbers('1.5.'), `${PARAM}.`);
    assert.equal(maskNumbers('3<*>'), PARAM);
    assert.equal(maskNumberRange('x 10.0.0.1:80 y', 2, 13), `${PARAM}:${PARAM}`);
  });

  it('tells tokens of digits and punctuation from tokens that are more', () => {
    for (const t of ['42', '10.0.0.1:80', '(-5)', '12:30:01,']) assert.ok(NUMERIC_ONLY.test(t), t);
    for (const t of ['v2', '1a', 'id=5', '/5', '"5"']) assert.ok(!NUMERIC_ONLY.test(t), t);
  });
});
