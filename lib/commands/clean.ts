/** `clean`: load the Kaggle month files of a folder and print the cleaning funnel. */
import {
  cacheOption,
  NO_CACHE_HELP,
  NO_CACHE_OPTION,
  PARTITIONS_HELP,
  PARTITIONS_OPTION,
  parseOptions,
  partitionsOption,
  requireOption,
  type Command,
} from './command';
import { formatFunnel } from '../clean/clean';
import { emptyCleaningMessage, oneClassWarning } from '../pipeline/dataProblems';
import { openPipeline } from '../pipeline/runPipeline';

const HELP = `usage: purchase-prediction clean --data DIR [--json] [--skip-bad-rows] [--no-cache] [--partitions N|auto]
Load the Kaggle month files in DIR (2019-Oct.csv, 2019-Nov.csv.gz, ...) into an in-memory DuckDB, run the
study's five cleaning steps and print the rows left after each step (the funnel).
  --data DIR         folder with the month files (or one .csv / .csv.gz file)
  --json             print one JSON object instead of the table: raw, first_purchase, cosmetics_only,
                     positive_price, no_remove_from_cart, multi_session, users, purchasers,
                     duplicates_removed, skipped_bad_rows (progress lines stay on stderr)
  --skip-bad-rows    skip and count malformed rows instead of stopping at the first one
${NO_CACHE_HELP}
${PARTITIONS_HELP}`;

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const values = parseOptions(argv, {
      data: { type: 'string' },
      json: { type: 'boolean' },
      'skip-bad-rows': { type: 'boolean' },
      ...NO_CACHE_OPTION,
      ...PARTITIONS_OPTION,
    });
    const data = requireOption(values, 'data');
    const run = await openPipeline({
      data,
      skipBadRows: values['skip-bad-rows'] === true,
      cache: cacheOption(values),
      partitions: partitionsOption(values),
      progress: true,
    });
    try {
      const load = run.load;
      const funnel = await run.clean({ allowEmpty: true });
      process.stderr.write(`clean: five steps in ${run.timings.clean.toFixed(1)} s\n`);
      if (values.json === true) {
        // stdout carries exactly one JSON object so scripts can parse it.
        console.log(JSON.stringify({ ...funnel, skipped_bad_rows: load.skipped }));
      } else {
        console.log(formatFunnel(funnel));
        if (load.skipped > 0) console.log(`bad rows skipped while loading: ${load.skipped.toLocaleString('en-US')}`);
      }
      // The funnel above shows where the rows went; then say plainly what is wrong with what is left.
      const empty = emptyCleaningMessage(funnel);
      if (empty) throw new Error(empty);
      const oneClass = oneClassWarning(funnel);
      if (oneClass) process.stderr.write(`warning: ${oneClass}\n`);
      return 0;
    } finally {
      await run.close();
    }
  },
};
