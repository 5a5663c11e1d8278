import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTableName } from '../../lib/engine/tableName';

test('checkTableName accepts plain identifiers and, when asked, schema.table; refuses anything else', () => {
  assert.equal(checkTableName('clean_events'), 'clean_events');
  assert.equal(checkTableName('_t2'), '_t2');
  assert.equal(checkTableName('bench.events', { qualified: true }), 'bench.events');
  assert.throws(() => checkTableName('bench.events'), /table name must be a plain SQL table name .*got 'bench\.events'/);
  assert.throws(() => checkTableName('2events'), /got '2events'/);
  assert.throws(() => checkTableName('a.b.c', { qualified: true }), /got 'a\.b\.c'/);
  assert.throws(() => checkTableName('x; DROP TABLE events', { what: 'target' }), /^Error: target must be a plain SQL table name/);
  assert.throws(() => checkTableName(''), /got ''/);
});
