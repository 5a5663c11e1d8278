import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODE_SWITCHES, SWITCH_DESCRIPTIONS, resolveSwitches } from '../../lib/features/modes';

test('seed switches everything off, fixed everything on, overrides apply one switch', () => {
  const names = Object.keys(SWITCH_DESCRIPTIONS).sort();
  assert.deepEqual(Object.keys(MODE_SWITCHES.seed).sort(), names);
  assert.ok(Object.values(MODE_SWITCHES.seed).every((v) => v === false));
  assert.ok(Object.values(MODE_SWITCHES.fixed).every((v) => v === true));
  assert.deepEqual(resolveSwitches('seed', { rateOverSessions: true }), {
    ntileOverUsers: false,
    rateOverSessions: true,
    keepUsersWithoutViews: false,
    brandMaximaWithoutOther: false,
  });
  assert.throws(() => resolveSwitches('other' as 'seed'), /unknown feature mode/);
});
