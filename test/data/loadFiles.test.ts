import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { listEventFiles } from '../../lib/data/files';
import { HEADER, removeTempDirs, tempDir, writeLines } from './loadHelpers';

after(removeTempDirs);

test('a folder lists its month files, .csv or .csv.gz, in month order; other files are ignored', () => {
  const dir = tempDir();
  for (const name of ['2020-Feb.csv.gz', '2019-Nov.csv', '2019-Oct.csv.gz', '2020-Jan.csv', 'readme.txt', '2019-oct.csv', 'x.csv']) {
    writeLines(dir, name, [HEADER]);
  }
  assert.deepEqual(listEventFiles(dir), [
    path.join(dir, '2019-Oct.csv.gz'),
    path.join(dir, '2019-Nov.csv'),
    path.join(dir, '2020-Jan.csv'),
    path.join(dir, '2020-Feb.csv.gz'),
  ]);
});

test('an explicit list is kept as given', () => {
  const dir = tempDir();
  const nov = writeLines(dir, '2019-Nov.csv', [HEADER]);
  const mine = writeLines(dir, 'my-sample.csv.gz', [HEADER]);
  assert.deepEqual(listEventFiles([nov, mine]), [nov, mine]);
  assert.deepEqual(listEventFiles(mine), [mine]);
});

test('a missing file in a list is named', () => {
  const dir = tempDir();
  const oct = writeLines(dir, '2019-Oct.csv', [HEADER]);
  const missing = path.join(dir, '2019-Nov.csv');
  assert.throws(() => listEventFiles([oct, missing]), { message: `no such file: ${missing}` });
  assert.throws(() => listEventFiles(missing), { message: `no such file or folder: ${missing}` });
});

test('a folder without month files is an error naming the folder', () => {
  const dir = tempDir();
  writeLines(dir, 'events.csv', [HEADER]);
  assert.throws(
    () => listEventFiles(dir),
    (err: Error) => {
      assert.ok(err.message.startsWith(`folder ${dir} holds no Kaggle month file`), err.message);
      assert.match(err.message, /2019-Oct\.csv/);
      return true;
    },
  );
});

test('a month present both plain and gzipped is an error naming both', () => {
  const dir = tempDir();
  writeLines(dir, '2019-Oct.csv', [HEADER]);
  writeLines(dir, '2019-Nov.csv', [HEADER]);
  writeLines(dir, '2019-Nov.csv.gz', [HEADER]);
  assert.throws(() => listEventFiles(dir), {
    message: `folder ${dir} holds both 2019-Nov.csv and 2019-Nov.csv.gz: keep only one of them`,
  });
});
