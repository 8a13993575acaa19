// The load generator's traffic shape, without any server: daily and weekly curve, time
// acceleration, noise; and one bounded run of the generator against a counting HTTP server.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { LoadGenerator } from '../../../demo/load/generator';
import { dailyFactor, expectedRate, RateNoise, SimClock, weeklyFactor } from '../../../demo/load/shape';
import { poisson, seededRandom } from '../../../demo/util/random';

const HOUR = 3_600_000;
// 2026-01-07 is a Wednesday, 2026-01-10 a Saturday, 2026-01-11 a Sunday.
const WEDNESDAY = Date.UTC(2026, 0, 7);
const SATURDAY = Date.UTC(2026, 0, 10);
const SUNDAY = Date.UTC(2026, 0, 11);

describe('daily and weekly shape', () => {
  it('is quiet at night and busiest in the afternoon', () => {
    const hours = Array.from({ length: 24 * 4 }, (_, i) => i / 4);
    const values = hours.map(dailyFactor);
    const peakHour = hours[values.indexOf(Math.max(...values))];
    const troughHour = hours[values.indexOf(Math.min(...values))];
    assert.ok(peakHour >= 12 && peakHour <= 16, `peak at ${peakHour}h`);
    assert.ok(troughHour >= 1 && troughHour <= 5, `trough at ${troughHour}h`);
    assert.ok(Math.max(...values) <= 1.0001 && Math.max(...values) > 0.95, `peak ${Math.max(...values)}`);
    assert.ok(Math.min(...values) >= 0.05 && Math.min(...values) < 0.2, `trough ${Math.min(...values)}`);
    // the evening shoulder: 20:00 busier than 17:00 is not required, but well above the night
    assert.ok(dailyFactor(20) > 3 * dailyFactor(3));
  });

  it('is periodic and smooth', () => {
    for (let h = 0; h < 24; h += 0.5) {
      assert.ok(Math.abs(dailyFactor(h) - dailyFactor(h + 24)) < 1e-9);
      assert.ok(Math.abs(dailyFactor(h) - dailyFactor(h + 0.25)) < 0.06, `jump at ${h}h`);
    }
  });

  it('has quieter weekends, blended in after midnight', () => {
    assert.ok(weeklyFactor(WEDNESDAY + 12 * HOUR) > 0.95);
    assert.ok(weeklyFactor(SATURDAY + 12 * HOUR) < 0.75);
    assert.ok(weeklyFactor(SUNDAY + 12 * HOUR) < 0.75);
    // Saturday 00:30 is still close to Friday's level, Saturday 03:00 is at Saturday's
    const fri = weeklyFactor(SATURDAY - 12 * HOUR);
    const sat = weeklyFactor(SATURDAY + 12 * HOUR);
    const early = weeklyFactor(SATURDAY + 0.5 * HOUR);
    assert.ok(early < fri && early > sat, `${fri} > ${early} > ${sat}`);
    assert.equal(weeklyFactor(SATURDAY + 3 * HOUR), sat);
    // a whole weekday carries more traffic than a whole Sunday
    const day = (start: number) => Array.from({ length: 96 }, (_, i) => expectedRate(start + i * 15 * 60_000, 10)).reduce((a, b) => a + b);
    assert.ok(day(WEDNESDAY) > 1.3 * day(SUNDAY));
  });

  it('scales with the peak rate', () => {
    const t = WEDNESDAY + 14 * HOUR;
    assert.ok(Math.abs(expectedRate(t, 20) - 2 * expectedRate(t, 10)) < 1e-9);
    assert.ok(expectedRate(t, 10) > 9.5 * weeklyFactor(t));
  });
});

describe('time acceleration', () => {
  it('speed 60 turns a wall-clock minute into a simulated hour', () => {
    const c = new SimClock(1_000_000, WEDNESDAY, 60);
    assert.equal(c.simTime(1_000_000), WEDNESDAY);
    assert.equal(c.simTime(1_000_000 + 60_000), WEDNESDAY + HOUR);
    assert.equal(c.simTime(1_000_000 + 24 * 60_000), WEDNESDAY + 24 * HOUR);
  });

  it('changing speed does not jump in simulated time', () => {
    const c = new SimClock(0, WEDNESDAY, 60);
    const d = c.withSpeed(30_000, 1);
    assert.equal(d.simTime(30_000), c.simTime(30_000));
    assert.equal(d.simTime(31_000), c.simTime(30_000) + 1000);
    assert.throws(() => new SimClock(0, 0, 0), /speed/);
  });
});

describe('noise', () => {
  it('has median about 1, bounded spread, and is reproducible by seed', () => {
    const a = new RateNoise(seededRandom(7), 0.15, 600);
    const values = Array.from({ length: 20_000 }, () => a.step(60));
    const sorted = [...values].sort((x, y) => x - y);
    const median = sorted[values.length / 2];
    assert.ok(Math.abs(median - 1) < 0.05, `median ${median}`);
    const p01 = sorted[Math.floor(values.length * 0.01)];
    const p99 = sorted[Math.floor(values.length * 0.99)];
    assert.ok(p01 > 0.6 && p99 < 1.6, `1%..99% = ${p01}..${p99}`);
    const b = new RateNoise(seededRandom(7), 0.15, 600);
    assert.deepEqual(Array.from({ length: 5 }, () => b.step(60)), values.slice(0, 5));
  });

  it('wanders: neighbouring steps are correlated', () => {
    const n = new RateNoise(seededRandom(3), 0.15, 600);
    const xs = Array.from({ length: 5000 }, () => Math.log(n.step(10)));
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    let num = 0;
    let den = 0;
    for (let i = 1; i < xs.length; i++) {
      num += (xs[i] - mean) * (xs[i - 1] - mean);
      den += (xs[i] - mean) ** 2;
    }
    assert.ok(num / den > 0.9, `lag-1 autocorrelation ${num / den}`);
  });

  it('Poisson arrivals have the requested mean', () => {
    const r = seededRandom(11);
    for (const mean of [0.3, 4, 50]) {
      const n = 20_000;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        sum += poisson(r, mean);
      }
      assert.ok(Math.abs(sum / n - mean) < 0.05 * mean + 0.02, `mean ${sum / n} for ${mean}`);
    }
  });
});

describe('load generator run', () => {
  it('sends about the shaped rate, follows time acceleration, and stops by itself', { timeout: 30_000 }, async () => {
    const hits: number[] = [];
    const server = createServer((req, res) => {
      hits.push(Date.now());
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // 4 s of wall clock at speed 3600 = 4 simulated hours, from 02:00 (night) to 06:00 on a Wednesday.
      let stopped = '';
      const gen = new LoadGenerator({
        target: `http://127.0.0.1:${port}`,
        peakRps: 200,
        speed: 3600,
        simStart: WEDNESDAY + 2 * HOUR,
        durationMs: 4000,
        noiseSigma: 0,
        seed: 5,
        onStop: (reason) => (stopped = reason),
      });
      const started = Date.now();
      gen.start();
      await new Promise((r) => setTimeout(r, 5000));
      const status = gen.status();
      await gen.close();
      assert.equal(status.running, false);
      assert.equal(stopped, 'duration reached');
      const expected = Array.from({ length: 40 }, (_, i) => expectedRate(WEDNESDAY + 2 * HOUR + (i + 0.5) * 360_000, 200) * 0.1).reduce((a, b) => a + b);
      assert.ok(Math.abs(status.sent - expected) < 0.25 * expected, `sent ${status.sent}, expected about ${expected.toFixed(0)}`);
      assert.equal(status.failed, 0);
      assert.equal(hits.length, status.sent);
      assert.ok(hits.every((t) => t - started < 4500), 'no request after the duration');
      // night → morning: the last second carries more traffic than the first
      const first = hits.filter((t) => t - started < 1000).length;
      const last = hits.filter((t) => t - started >= 3000).length;
      assert.ok(last > first, `first second ${first}, last second ${last}`);
      console.log(`load run: sent ${status.sent} (expected ${expected.toFixed(0)}); first second ${first}, last second ${last}`);
    } finally {
      server.close();
    }
  });

  it('refuses targets off this machine', () => {
    assert.throws(() => new LoadGenerator({ target: 'http://10.0.0.1:8081', peakRps: 1 }), /loopback/);
    assert.throws(() => new LoadGenerator({ target: 'http://example.com', peakRps: 1 }), /loopback/);
  });
});
