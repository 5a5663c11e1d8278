import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDbEngine } from '../../lib/engine/duckdb';
import { loadEvents, loadEventStore } from '../../lib/data/load';
import { createPartitionView } from '../../lib/data/eventStore';
import { sessionSql, sessionTypeOf } from '../../lib/data/sessionType';
import { HEADER, removeTempDirs, tempDir, withDuckDb, writeLines } from './loadHelpers';

after(removeTempDirs);

const UUID_A = '26dd6e6e-4dac-4778-8d2c-92e149dab885';
const UUID_B = 'd550ca59-8ad0-4995-f49f-cd9c75c76d33';

/** A valid event row with the given user and session field (empty: no session). */
function row(user: number, session: string): string {
  return `2019-10-01 00:00:0${user % 10} UTC,view,5773203,1487580005134238553,,runail,2.62,${user},${session}`;
}

/** The sessions of `table` as text, in file order (NULL stays null). */
async function sessionTexts(engine: DuckDbEngine, table = 'events'): Promise<(string | null)[]> {
  const rows = await engine.all<{ s: string | null }>(`SELECT CAST(user_session AS VARCHAR) AS s FROM ${table} ORDER BY rowid`);
  return rows.map((r) => r.s);
}

test('sessionSql reads a UUID column as it is and treats an empty text session as none', () => {
  assert.equal(sessionSql('UUID'), 'user_session');
  assert.equal(sessionSql('VARCHAR'), "NULLIF(user_session, '')");
  assert.equal(sessionSql('VARCHAR', 's.user_session'), "NULLIF(s.user_session, '')");
});

test('canonical UUID sessions are stored as UUID and read back as the same text; empty fields are NULL', async () => {
  const dir = tempDir();
  writeLines(dir, '2019-Oct.csv', [HEADER, row(1, UUID_A), row(2, ''), row(3, UUID_B)]);
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, dir);
    assert.equal(report.sessionType, 'UUID');
    assert.equal(await sessionTypeOf(engine, 'events'), 'UUID');
    assert.deepEqual(await sessionTexts(engine), [UUID_A, null, UUID_B]);
  });
});

// Each of these DuckDB's UUID cast accepts, but none reads back as the same text, so none may be stored as UUID.
const NOT_CANONICAL = [
  ['upper case', UUID_A.toUpperCase()],
  ['braces', `{${UUID_A}}`],
  ['no hyphens', UUID_A.replaceAll('-', '')],
  ['not a UUID at all', 's1'],
] as const;

for (const [what, session] of NOT_CANONICAL) {
  test(`a session in the last file that is not a canonical UUID (${what}) makes every session text, unchanged`, async () => {
    const dir = tempDir();
    writeLines(dir, '2019-Oct.csv', [HEADER, row(1, UUID_A), row(2, '')]);
    writeLines(dir, '2019-Nov.csv', [HEADER, row(3, UUID_B), row(4, session)]);
    const lines: string[] = [];
    await withDuckDb(async (engine) => {
      const report = await loadEvents(engine, dir, { progress: (line) => lines.push(line) });
      assert.equal(report.sessionType, 'VARCHAR');
      assert.equal(report.rows, 4);
      assert.equal(await sessionTypeOf(engine, 'events'), 'VARCHAR');
      assert.deepEqual(await sessionTexts(engine), [UUID_A, null, UUID_B, session]);
    });
    // Oct was shown before the switch, so the switch is said, then both files are read again.
    const kinds = lines.map((l) =>
      l.includes('not a lower-case UUID') ? 'switch' : l.includes('2019-Oct') ? 'Oct' : l.includes('2019-Nov') ? 'Nov' : l,
    );
    assert.deepEqual(kinds, ['Oct', 'switch', 'Oct', 'Nov']);
  });
}

test('a switch to text sessions in the first file is silent, and each warning is given once', async () => {
  const dir = tempDir();
  writeLines(dir, '2019-Oct.csv', [HEADER, row(1, 's1')]);
  writeLines(dir, '2019-Nov.csv', [HEADER]); // empty: warned about
  writeLines(dir, '2020-Jan.csv', [HEADER, row(2, UUID_A)]); // Dec missing: warned about
  const lines: string[] = [];
  const warnings: string[] = [];
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, dir, { progress: (line) => lines.push(line), warnings: (w) => warnings.push(w) });
    assert.equal(report.sessionType, 'VARCHAR');
    assert.equal(report.rows, 2);
    assert.deepEqual(report.warnings, warnings);
  });
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.ok(!lines.some((l) => l.includes('not a lower-case UUID')), lines.join('\n'));
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0]!, /month 2019-Dec missing/);
  assert.match(warnings[1]!, /2019-Nov\.csv: the file has the header but no data row/);
});

/** Every session of the store's Parquet files as text, with its count, and each file's session type. */
async function storeSessions(engine: DuckDbEngine, files: string[]) {
  const sessions = await engine.all<{ s: string | null; n: number }>(
    `SELECT CAST(user_session AS VARCHAR) AS s, CAST(COUNT(*) AS INTEGER) AS n FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])
     GROUP BY 1 ORDER BY 1 NULLS LAST`,
  );
  const types = new Set<string>();
  for (const file of files) types.add(await sessionTypeOf(engine, `read_parquet('${file}')`));
  return { sessions, types: [...types] };
}

test('a partitioned store keeps canonical UUID sessions as UUID, empty partitions included', async () => {
  const dir = tempDir();
  writeLines(dir, '2019-Oct.csv', [HEADER, ...[1, 2, 3, 4, 5, 6].map((u) => row(u, UUID_A))]);
  writeLines(dir, '2019-Nov.csv', [HEADER, row(7, UUID_B), row(8, '')]);
  await withDuckDb(async (engine) => {
    // Users 1-8 fill 3 of 5 partitions (hash(user_id) % 5), so 2 are empty.
    const store = await loadEventStore(engine, dir, { partitions: 5, storeDir: tempDir() });
    assert.equal(store.report.sessionType, 'UUID');
    assert.ok(
      store.partitionFiles.some((files) => files.length === 0),
      'some partition is empty',
    );
    const { sessions, types } = await storeSessions(engine, store.partitionFiles.flat());
    assert.deepEqual(sessions, [
      { s: UUID_A, n: 6 },
      { s: UUID_B, n: 1 },
      { s: null, n: 1 },
    ]);
    assert.deepEqual(types, ['UUID']);
    // An empty partition's view has the store's session type too (every partition is checked).
    for (let k = 0; k < store.partitions; k++) {
      await createPartitionView(engine, store, k, `part_view_${k}`);
      assert.equal(await sessionTypeOf(engine, `part_view_${k}`), 'UUID');
    }
  });
});

test('a partitioned store falls back to text when the last file has a non-canonical session, with nothing of the first read left', async () => {
  const dir = tempDir();
  writeLines(dir, '2019-Oct.csv', [HEADER, ...[1, 2, 3, 4, 5, 6].map((u) => row(u, UUID_A))]);
  writeLines(dir, '2019-Nov.csv', [HEADER, row(7, UUID_B.toUpperCase()), row(8, '')]);
  const storeDir = tempDir();
  let stray: string | null = null;
  // The second read writes the same file names as the first, so a file only the first read made is simulated: the
  // first read's Oct line drops one into the store folder, which must be gone from the store that comes back.
  const progress = (line: string) => {
    if (stray !== null || !line.includes('2019-Oct')) return;
    const [folder] = fs.readdirSync(storeDir);
    stray = path.join(storeDir, folder!, 'part=0', 'stray.parquet');
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'left over from the UUID read');
  };
  await withDuckDb(async (engine) => {
    const store = await loadEventStore(engine, dir, { partitions: 3, storeDir, progress });
    assert.equal(store.report.sessionType, 'VARCHAR');
    assert.equal(store.report.rows, 8);
    assert.ok(stray !== null && !fs.existsSync(stray), 'the stray file of the first read is gone');
    const files = store.partitionFiles.flat();
    assert.ok(!files.some((f) => f.endsWith('stray.parquet')));
    const { sessions, types } = await storeSessions(engine, files);
    assert.deepEqual(sessions, [
      { s: UUID_A, n: 6 },
      { s: UUID_B.toUpperCase(), n: 1 },
      { s: null, n: 1 },
    ]);
    assert.deepEqual(types, ['VARCHAR']);
  });
});
