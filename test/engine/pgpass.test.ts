/** The password file as libpq reads it: wildcards, escapes, comments, first match, and its permission check. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPassword, passwordFromFile, type PasswordLookup } from '../../lib/engine/pgpass';

const target: PasswordLookup = { hosts: ['db.example'], port: '5432', database: 'shop', user: 'bob' };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgpass test '));
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the first matching line wins; * matches any value', () => {
  const text = ['other:5432:shop:bob:no', 'db.example:5432:shop:alice:no', '*:5432:*:bob:first', '*:*:*:*:second'].join('\n');
  assert.equal(findPassword(text, target), 'first');
  assert.equal(findPassword(text, { ...target, user: 'carol' }), 'second');
  assert.equal(findPassword('db.example:5432:shop:alice:no', target), undefined);
});

test('escaped colons and backslashes, colons in the password, comments, CRLF and short lines', () => {
  const text = ['# a comment line: *:*:*:*:never', 'too:few:fields', '', 'db.example:5432:shop:bob:pa\\:ss\\\\word:with:colons\r'].join(
    '\n',
  );
  assert.equal(findPassword(text, target), 'pa:ss\\word:with:colons');
  assert.equal(findPassword('a\\:b:5432:shop:bob:x', { ...target, hosts: ['a:b'] }), 'x');
  // An escaped star is a literal star, not a wildcard.
  assert.equal(findPassword('\\*:5432:shop:bob:x', target), undefined);
  assert.equal(findPassword('\\*:5432:shop:bob:x', { ...target, hosts: ['*'] }), 'x');
});

test('a socket connection may match its directory or localhost', () => {
  const socket: PasswordLookup = { hosts: ['/var/run/postgresql', 'localhost'], port: '5432', database: 'events', user: 'root' };
  assert.equal(findPassword('localhost:5432:events:root:via-localhost', socket), 'via-localhost');
  assert.equal(findPassword('/var/run/postgresql:5432:events:root:via-dir', socket), 'via-dir');
});

test('passwordFromFile: a 0600 file is read; a missing file is no password and no warning', () => {
  const file = path.join(work, 'pgpass');
  fs.writeFileSync(file, 'db.example:5432:shop:bob:s3cret\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  assert.deepEqual(passwordFromFile(file, target), { password: 's3cret' });
  assert.deepEqual(passwordFromFile(path.join(work, 'missing'), target), {});
});

test('passwordFromFile: a file others can read, or a directory, is ignored with a warning', { skip: process.platform === 'win32' }, () => {
  const file = path.join(work, 'open pgpass');
  fs.writeFileSync(file, '*:*:*:*:s3cret\n');
  fs.chmodSync(file, 0o644);
  assert.deepEqual(passwordFromFile(file, target), {
    warning: `password file "${file}" has group or world access; permissions should be u=rw (0600) or less`,
  });
  fs.chmodSync(file, 0o640);
  assert.match(passwordFromFile(file, target).warning ?? '', /group or world access/);
  assert.deepEqual(passwordFromFile(work, target), { warning: `password file "${work}" is not a plain file` });
});
