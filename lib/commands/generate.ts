/** `generate`: write seeded Kaggle-format month files (the project's default data). */
import { intOption, parseOptions, requireOption, type Command } from './command';
import { DEFAULT_MONTHS, DEFAULT_SEED, DEFAULT_USERS, generateKaggleFiles } from '../data/generate';

const HELP = `usage: purchase-prediction generate --out DIR [--users N] [--months 2019-Oct,2019-Nov] [--seed S] [--gzip]
Write one Kaggle-format CSV per month into DIR (created if missing), deterministic for a given seed.
  --out DIR      output directory (files: <month>.csv, or <month>.csv.gz with --gzip)
  --users N      distinct raw users (default ${DEFAULT_USERS}: ~0.96M rows, ~25k modelled users on Oct+Nov;
                 1120000 gives the real data's size, ~8.8M rows; ~2700000 for five months)
  --months LIST  comma-separated months (default ${DEFAULT_MONTHS.join(',')})
  --seed S       random seed (default ${DEFAULT_SEED})
  --gzip         gzip the files
  --quiet        no progress lines on stderr`;

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const values = parseOptions(argv, {
      out: { type: 'string' },
      users: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      gzip: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    const months =
      typeof values.months === 'string'
        ? values.months
            .split(',')
            .map((m) => m.trim())
            .filter((m) => m !== '')
        : undefined;
    const result = await generateKaggleFiles({
      out: requireOption(values, 'out'),
      users: intOption(values, 'users'),
      months,
      seed: intOption(values, 'seed'),
      gzip: values.gzip === true,
      progress: values.quiet !== true,
    });
    for (const f of result.files) {
      console.log(`${f.path}\t${f.rows} rows\t${f.bytes} bytes`);
    }
    console.log(`${result.rows} rows from ${result.users} users`);
    return 0;
  },
};
