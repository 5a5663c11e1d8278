/**
 * A small HTML table from rows of plain values, for notebook display of counts and scores.
 */

/** One table row: column name to value. */
export type TableRow = Record<string, string | number | bigint | boolean | null | undefined>;

/** Escapes the five characters that are special in HTML text and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function formatCell(value: TableRow[string], digits: number | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && digits !== undefined && !Number.isInteger(value)) {
    return value.toFixed(digits);
  }
  return String(value);
}

/**
 * `<table>` with a header row taken from the union of the rows' keys (first-seen order);
 * non-integer numbers are rounded to `digits` places when given. Numbers are right-aligned.
 */
export function htmlTable(rows: TableRow[], options: { digits?: number } = {}): string {
  const columns: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((c) => {
        const value = row[c];
        const align = typeof value === 'number' || typeof value === 'bigint' ? ' style="text-align:right"' : '';
        return `<td${align}>${escapeHtml(formatCell(value, options.digits))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="purchase-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
