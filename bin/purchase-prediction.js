#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so no build step is needed.
require('tsx/cjs');
const { main } = require('../lib/cli.ts');
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`error: ${err.message}`);
    if (process.env.DEBUG) console.error(err.stack);
    process.exit(1);
  },
);
