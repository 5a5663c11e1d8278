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

/** The `--no-cache` option of every command that loads month files (see {@link cacheOption}). */
export const NO_CACHE_OPTION = { 'no-cache': { type: 'boolean', default: false } } as const;

/** Help lines of `--no-cache`. */
export const NO_CACHE_HELP = `  --no-cache            parse the CSV files again and keep nothing (default: reuse the validated events of
                        the same files from the load cache, .cache/events/; 'cache clear' empties it)`;

/** The `--partitions` option of the commands that need no event-level table after the run. */
export const PARTITIONS_OPTION = { partitions: { type: 'string', default: 'auto' } } as const;

/** Help lines of `--partitions`. */
export const PARTITIONS_HELP = `  --partitions N|auto   clean and featurise the users in N partitions, one at a time (bounded memory; same
                        results); auto (default): one table up to 1.2 GB of CSV, beyond it one
                        partition per ~512 MB`;

/** The pipeline's `cache` setting from `--no-cache`. */
export function cacheOption(values: Record<string, unknown>): boolean {
  return values['no-cache'] !== true;
}

/** The pipeline's `partitions` setting from `--partitions`. */
export function partitionsOption(values: Record<string, unknown>): number | 'auto' {
  if (values.partitions === undefined || values.partitions === 'auto') return 'auto';
  const n = intOption(values, 'partitions');
  if (n === undefined || n < 1) throw new Error(`--partitions must be 'auto' or a whole number >= 1, got '${String(values.partitions)}'`);
  return n;
}
