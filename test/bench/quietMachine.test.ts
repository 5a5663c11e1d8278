import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busyShare, parseCpuTicks } from '../../bench/quietMachine';

test('parseCpuTicks: the aggregate cpu line, idle apart, guest time not counted twice', () => {
  const stat = ['cpu  100 5 50 800 20 3 2 0 40 0', 'cpu0 50 2 25 400 10 1 1 0 20 0', 'intr 12345'].join('\n');
  // 100 + 5 + 50 + 800 + 20 + 3 + 2 + 0 = 980; guest (40) is already inside user.
  assert.deepEqual(parseCpuTicks(stat), { total: 980, idle: 800 });
  assert.equal(parseCpuTicks('cpu0 1 2 3 4\n'), null);
  assert.equal(parseCpuTicks('cpu  1 x 3 4\n'), null);
});

test('busyShare: non-idle ticks over all ticks between two samples', () => {
  // 200 ticks passed, 150 of them idle: a quarter busy (I/O wait is busy: it is not in idle).
  assert.equal(busyShare({ total: 1000, idle: 800 }, { total: 1200, idle: 950 }), 0.25);
  assert.equal(busyShare({ total: 1000, idle: 800 }, { total: 1200, idle: 1000 }), 0);
  assert.equal(busyShare({ total: 1000, idle: 800 }, { total: 1000, idle: 800 }), 0);
});
