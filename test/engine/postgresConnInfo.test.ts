/** The `--pg` value in both of libpq's forms, URL and key=value, and the errors that never echo a value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConnInfo } from '../../lib/engine/postgresConnInfo';

test('URL: every part, percent-decoded', () => {
  assert.deepEqual(parseConnInfo('postgresql://bob:p%40ss:w@db.example:5433/shop%20data?sslmode=require&application_name=x'), {
    user: 'bob',
    password: 'p@ss:w',
    host: 'db.example',
    port: '5433',
    dbname: 'shop data',
    sslmode: 'require',
    application_name: 'x',
  });
});

test('URL: the short scheme, an unencoded @ in the password, IPv6, and parts left out', () => {
  assert.deepEqual(parseConnInfo('postgres://bob:a@b@[::1]:6000/db'), {
    user: 'bob',
    password: 'a@b',
    host: '::1',
    port: '6000',
    dbname: 'db',
  });
  assert.deepEqual(parseConnInfo('postgresql://'), {});
  assert.deepEqual(parseConnInfo('postgresql:///events'), { dbname: 'events' });
  // libpq accepts an empty host after the user (WHATWG URL parsing does not).
  assert.deepEqual(parseConnInfo('postgresql://bob@/events'), { user: 'bob', dbname: 'events' });
});

test('URL: a Unix-socket directory, percent-encoded or as ?host=', () => {
  assert.deepEqual(parseConnInfo('postgresql://%2Fvar%2Frun%2Fpostgresql/events'), { host: '/var/run/postgresql', dbname: 'events' });
  assert.deepEqual(parseConnInfo('postgresql:///events?host=/tmp&port=5433'), { host: '/tmp', port: '5433', dbname: 'events' });
  assert.deepEqual(parseConnInfo('postgresql://u@h/db?options=-c%20search_path%3Dx'), {
    user: 'u',
    host: 'h',
    dbname: 'db',
    options: '-c search_path=x',
  });
  assert.deepEqual(parseConnInfo('postgresql://h/db?ssl=true'), { host: 'h', dbname: 'db', sslmode: 'require' });
});

test('key=value: spaces around =, quoted values with escapes, backslash escapes', () => {
  assert.deepEqual(parseConnInfo(`host=/var/run/postgresql port = 5433 dbname=events user=bob password='it\\'s a \\\\ secret'`), {
    host: '/var/run/postgresql',
    port: '5433',
    dbname: 'events',
    user: 'bob',
    password: "it's a \\ secret",
  });
  assert.deepEqual(parseConnInfo("  sslmode=disable  application_name=''  "), { sslmode: 'disable', application_name: '' });
  assert.deepEqual(parseConnInfo('password=a\\ b'), { password: 'a b' });
  assert.deepEqual(parseConnInfo(''), {});
});

test('errors name the problem, never a value', () => {
  assert.throws(() => parseConnInfo('hots=db'), /^Error: invalid connection option "hots" in the connection string/);
  assert.throws(() => parseConnInfo('postgresql://h/db?sslmod=require'), /invalid connection option "sslmod" in the connection URL/);
  assert.throws(() => parseConnInfo('postgresql://a,b/db'), /several hosts in one connection URL are not supported/);
  assert.throws(() => parseConnInfo('postgresql://u:%zz@h/db'), /invalid percent-encoding in the password of the connection URL/);
  for (const text of ["password='s3cret", 'password=s3cret more', 'events']) {
    assert.throws(
      () => parseConnInfo(text),
      (err: Error) => {
        assert.doesNotMatch(err.message, /s3cret|more|events/);
        return true;
      },
    );
  }
});
