/** `build`: the compiled library behind `import ... from 'purchase-prediction'` (dist/), and the stubs that let tslab find its types. */
import { ensureLibraryBuild } from '../report/libraryBuild';
import { ensurePackageStubs } from '../report/packageStubs';
import { parseOptions, type Command } from './command';

const HELP = `usage: purchase-prediction build
Compiles lib/index.ts and what it imports into dist/ (JavaScript and type declarations) when lib/ changed
since the last build, and writes notebooks/node_modules/purchase-prediction, the stub through which
TypeScript in a tslab kernel finds the types. Run by scripts/setup.sh (npm run main, npm test, npm run lab)
and by the report command; after editing lib/ by hand, run it (npm run build) and restart the kernel.`;

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    parseOptions(argv, {});
    ensureLibraryBuild({ log: (line) => console.error(`build: ${line}`) });
    for (const file of ensurePackageStubs()) console.error(`build: wrote ${file}`);
    return 0;
  },
};
