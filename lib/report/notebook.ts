/**
 * Executes a tslab notebook in a fresh kernel and exports it to a self-contained HTML page (plus the
 * executed .ipynb). Parameters travel as environment variables (see notebookParameters.ts).
 *
 * The kernel starts in the notebook's own folder, as Jupyter, JupyterLab and VS Code start it, so a
 * notebook that runs here runs in any front end. Notebooks import the library by its package name,
 * `import { show } from 'purchase-prediction'`, which resolves from any folder (libraryBuild.ts,
 * packageStubs.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { moveFileAtomic } from '../io/atomicWrite';
import { JUPYTER_PYTHON, NBCLIENT_DRIVER, REPORT_TEMPLATE } from './nbclientDriver';
import { REPOSITORY_ROOT } from '../notebook/contract';

export { REPOSITORY_ROOT };

/** Jupyter kernel that runs the notebooks. */
export const NOTEBOOK_KERNEL = 'tslab';

/** Options of {@link executeNotebook}. */
export type ExecuteNotebookOptions = {
  /** The .ipynb to run. */
  notebook: string;
  /** Where the HTML goes; the executed notebook is written beside it as `<name>.ipynb`. */
  outHtml: string;
  /** Kernel working directory (default: the notebook's folder, as in every Jupyter front end). */
  cwd?: string;
  /** Per-cell timeout (default 1800 s). */
  timeoutSeconds?: number;
  /** Extra environment variables for the kernel, e.g. from `notebookEnvironment(...)`. */
  env?: Record<string, string>;
};

/** A failure inside one notebook cell. */
export class NotebookCellError extends Error {
  constructor(
    message: string,
    /** Position of the cell among all cells, counted from 1. */
    readonly cellNumber: number,
    readonly cellSource: string,
    /** The kernel's error name and value, plus any stderr the cell printed (tslab compile errors). */
    readonly detail: string,
  ) {
    super(message);
    this.name = 'NotebookCellError';
  }
}

type CellFailure = {
  index: number;
  source: string;
  ename: string;
  evalue: string;
  traceback: string;
  stderr: string;
  errorOutputs: string[];
};

// Tracebacks from kernels are coloured with ANSI escapes.
function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the terminal colour codes being removed
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.length <= count ? text : [...lines.slice(0, count), `... (${lines.length - count} more lines)`].join('\n');
}

function cellError(notebook: string, failure: CellFailure): NotebookCellError {
  const detail = stripAnsi([failure.stderr.trim(), ...failure.errorOutputs.map((s) => s.trim())].filter((s) => s !== '').join('\n'));
  // tslab replies with an empty error value and prints the real message ("Error: ...", or
  // "line:col - message" for compile errors) to the cell's stderr: take the headline from there.
  const printed = detail.split('\n').find((line) => /^[A-Za-z]*Error\b.*:|^\d+:\d+ - /.test(line));
  const headline = failure.evalue?.trim() ? `${failure.ename}: ${failure.evalue}` : (printed ?? failure.ename);
  const number = failure.index + 1;
  const message =
    `notebook ${notebook}: cell ${number} failed: ${headline || 'error'}\n` +
    `--- cell ${number} source ---\n${firstLines(failure.source, 8)}\n` +
    (detail ? `--- error output ---\n${firstLines(detail, 30)}\n` : '');
  return new NotebookCellError(message, number, failure.source, [headline, detail].filter(Boolean).join('\n'));
}

function runDriver(args: object, cwd: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(JUPYTER_PYTHON, ['-c', NBCLIENT_DRIVER, JSON.stringify(args)], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stderr }));
  });
}

/**
 * Runs every cell of `notebook` in a fresh tslab kernel and writes the HTML page and the executed
 * notebook. Both appear only when execution succeeded, each by an atomic rename. A failing cell
 * rejects with a {@link NotebookCellError} that shows the cell's number, first lines and error.
 */
export async function executeNotebook(options: ExecuteNotebookOptions): Promise<{ seconds: number }> {
  const started = process.hrtime.bigint();
  const notebook = resolve(options.notebook);
  if (!existsSync(notebook)) throw new Error(`notebook not found: ${notebook}`);
  const outHtml = resolve(options.outHtml);
  const name = basename(outHtml).replace(/\.html?$/i, '');
  const outIpynb = join(resolve(outHtml, '..'), `${name}.ipynb`);
  if (outIpynb === notebook) throw new Error(`the executed notebook would overwrite its source: ${notebook}`);
  const cwd = resolve(options.cwd ?? dirname(notebook));
  const work = mkdtempSync(join(tmpdir(), 'execute-notebook-'));
  try {
    const templateFile = join(work, 'report.html.j2');
    writeFileSync(templateFile, REPORT_TEMPLATE);
    const paths = {
      notebook,
      ipynbOut: join(work, 'executed.ipynb'),
      htmlOut: join(work, 'executed.html'),
      failureOut: join(work, 'failure.json'),
    };
    const { code, stderr } = await runDriver(
      { ...paths, cwd, kernel: NOTEBOOK_KERNEL, timeout: options.timeoutSeconds ?? 1800, templateFile, title: name },
      cwd,
      options.env ?? {},
    );
    if (code === 3) {
      throw cellError(options.notebook, JSON.parse(readFileSync(paths.failureOut, 'utf8')) as CellFailure);
    }
    if (code !== 0) {
      throw new Error(`notebook ${options.notebook}: execution failed (exit ${code}):\n${stripAnsi(stderr).slice(-3000)}`);
    }
    moveFileAtomic(paths.ipynbOut, outIpynb);
    moveFileAtomic(paths.htmlOut, outHtml);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
