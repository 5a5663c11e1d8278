import { EVENT_COLUMNS, EVENT_TYPES, type EventColumn } from './schema';
import { LoadError } from './loadError';

/** A row of DuckDB's reject_errors table, as the engine returns it (BIGINTs as text). */
export interface RejectRecord {
  line: string;
  column_idx: string | null;
  column_name: string | null;
  error_type: string;
  csv_line: string | null;
  error_message: string | null;
}

const INTEGER_COLUMNS: ReadonlySet<string> = new Set<EventColumn>(['product_id', 'category_id', 'user_id']);

/** Where a rejected row goes wrong, and why. */
interface Located {
  file: string;
  line: number;
  column: number;
  columnName: string;
  reason: string;
}

/**
 * Turn DuckDB's reject records into one {@link LoadError} per bad line, in line order. DuckDB records every bad
 * field of a line (a row can fail on several columns), so the line's first bad field stands for the line.
 */
export function badRowsFromRejects(file: string, records: readonly RejectRecord[]): LoadError[] {
  const firstPerLine = new Map<number, Located>();
  for (const record of records) {
    const located = locate(file, record);
    const seen = firstPerLine.get(located.line);
    if (!seen || located.column < seen.column) firstPerLine.set(located.line, located);
  }
  return [...firstPerLine.values()].sort((a, b) => a.line - b.line).map(({ reason, ...where }) => new LoadError(where, reason));
}

function locate(file: string, record: RejectRecord): Located {
  const line = Number(record.line);
  const fields = record.csv_line === null ? null : splitCsvLine(record.csv_line);
  const expected = EVENT_COLUMNS.length;
  const nameAt = (column: number) => (column <= expected ? EVENT_COLUMNS[column - 1]! : 'extra field');

  if (record.error_type === 'MISSING COLUMNS' || record.error_type === 'TOO MANY COLUMNS') {
    // Count the fields ourselves: DuckDB's column index for these errors is not the position of the problem.
    const count = fields?.length ?? Number(/Found: (\d+)/.exec(record.error_message ?? '')?.[1] ?? NaN);
    const column = record.error_type === 'MISSING COLUMNS' ? Math.min(count + 1, expected) : expected + 1;
    const reason =
      record.error_type === 'MISSING COLUMNS'
        ? `row has ${count} fields, expected ${expected}: "${nameAt(column)}" and later columns are missing`
        : `row has ${count} fields, expected ${expected}`;
    return { file, line, column, columnName: nameAt(column), reason };
  }

  // Trust the column named in DuckDB's message over its column index: for casts done after parsing (the
  // ENUM check of event_type) the index can point at another column.
  const namedInMessage = /converting column "([^"]+)"/.exec(record.error_message ?? '')?.[1];
  // biome-ignore lint/complexity/useIndexOf: indexOf would need the message's name typed as a column already
  const namedIndex = EVENT_COLUMNS.findIndex((c) => c === namedInMessage);
  const column = namedIndex >= 0 ? namedIndex + 1 : Math.min(Math.max(Number(record.column_idx ?? 1) || 1, 1), expected + 1);
  const columnName = nameAt(column);
  if (record.error_type === 'CAST') {
    const raw = fields?.[column - 1] ?? /Could not convert string "(.*)" to/.exec(record.error_message ?? '')?.[1] ?? '';
    return { file, line, column, columnName, reason: castReason(columnName, raw, record.error_message) };
  }
  if (record.error_type === 'INVALID ENCODING') {
    return {
      file,
      line,
      column,
      columnName,
      reason: 'bytes that are not UTF-8 (the files must be UTF-8 text; convert the file, e.g. iconv -f latin1 -t utf-8)',
    };
  }
  const detail = record.error_message ? `: ${record.error_message}` : '';
  return { file, line, column, columnName, reason: `${record.error_type.toLowerCase()}${detail}` };
}

/** Why a field could not be read as its column's type, in the user's terms. */
function castReason(columnName: string, raw: string, duckdbMessage: string | null): string {
  if (raw.trim() === '') return `empty value, but ${columnName} is required`;
  if (columnName === 'event_time') return `could not convert "${raw}" to a time: expected YYYY-MM-DD HH:MM:SS UTC`;
  if (columnName === 'event_type') return `"${raw}" is not an event type: expected one of ${EVENT_TYPES.join(', ')}`;
  if (INTEGER_COLUMNS.has(columnName)) {
    if (/^\s*[+-]?\d+\s*$/.test(raw)) return `"${raw}" does not fit in a 64-bit integer`;
    return `could not convert "${raw}" to an integer`;
  }
  if (columnName === 'price') {
    if (/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(raw)) return `"${raw}" is too large for a price (at most 10 digits before the point)`;
    return `could not convert "${raw}" to a decimal price`;
  }
  return duckdbMessage ?? `could not convert "${raw}"`;
}

/** Split one CSV line into raw field values (RFC 4180 quoting, `""` inside quotes is one quote). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c !== '\r' && c !== '\n') field += c;
  }
  fields.push(field);
  return fields;
}
