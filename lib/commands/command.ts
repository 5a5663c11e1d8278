import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A CLI command: `help` text and `run` returning the process exit code. */
export interface Command {
  help: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse `argv` strictly against `options`; unknown flags raise a clear error. */
export function parseOptions<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

/** Read a required string option or fail naming it. */
export function requireOption(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new Error(`missing required option --${name}`);
  return v;
}

/** Parse an integer option (or undefined when absent). */
export function intOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) {
    throw new Error(`--${name} must be an integer, got '${String(v)}'`);
  }
  return n;
}
