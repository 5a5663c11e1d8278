/**
 * What an analyst reads under a cell should be a table, a figure or a few lines of text. A cell that ends
 * in an expression whose value is an object makes tslab print the object: kilobytes of `{ name: ..., sweep:
 * [ ... ] }` where a table should be. This check finds such text in an executed notebook, so the report can
 * name the cell and the tests can fail on it.
 */

/** Largest text block (bytes of UTF-8) a cell may print. */
export const TEXT_OUTPUT_LIMIT = 2048;

/** Cell tag that marks a cell whose long text output is an intended log. */
export const LOG_TAG = 'log';

/** A text block over the limit. */
export type OversizedOutput = {
  /** Position of the cell among all cells, counted from 1 (as in cell errors). */
  cell: number;
  /** `stdout` / `stderr` (consecutive writes joined, as front ends show them) or `text/plain` (a printed value). */
  kind: string;
  bytes: number;
  /** The block's first line, to recognise it by. */
  firstLine: string;
};

type Output = { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> };
type Cell = { cell_type: string; metadata?: { tags?: string[] }; outputs?: Output[] };

/** The parts of an nbformat 4 notebook this check reads. */
export type ExecutedNotebook = { cells: Cell[] };

function joined(text: string | string[] | unknown): string {
  return Array.isArray(text) ? text.join('') : typeof text === 'string' ? text : '';
}

// Rich outputs are tables and figures: only plain text counts.
const RICH_TYPES = ['text/html', 'image/png', 'image/svg+xml', 'image/jpeg', 'application/pdf'];

/**
 * Text blocks longer than `limit` bytes in `notebook`: runs of stream output of one name, and values shown
 * as plain text only. Tables and figures (HTML, images), errors and cells tagged `log` are not text blocks.
 */
export function oversizedTextOutputs(notebook: ExecutedNotebook, limit: number = TEXT_OUTPUT_LIMIT): OversizedOutput[] {
  const found: OversizedOutput[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code' || cell.metadata?.tags?.includes(LOG_TAG)) return;
    const blocks: { kind: string; text: string }[] = [];
    for (const output of cell.outputs ?? []) {
      if (output.output_type === 'stream') {
        const kind = output.name ?? 'stdout';
        const last = blocks[blocks.length - 1];
        if (last && last.kind === kind) last.text += joined(output.text);
        else blocks.push({ kind, text: joined(output.text) });
      } else if (output.output_type === 'execute_result' || output.output_type === 'display_data') {
        const data = output.data ?? {};
        // A table or figure ends a run of stream text, as it does on screen.
        if (RICH_TYPES.some((type) => type in data)) {
          blocks.push({ kind: 'rich', text: '' });
          continue;
        }
        blocks.push({ kind: 'text/plain', text: joined(data['text/plain']) });
      }
    }
    for (const { kind, text } of blocks) {
      if (kind === 'rich') continue;
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > limit) found.push({ cell: index + 1, kind, bytes, firstLine: text.split('\n')[0]!.slice(0, 120) });
    }
  });
  return found;
}
