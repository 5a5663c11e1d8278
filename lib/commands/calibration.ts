/** `calibration --data DIR`: how closely a data set behaves like the real shop (funnel and model features). */
import { cacheOption, NO_CACHE_HELP, NO_CACHE_OPTION, parseOptions, requireOption, type Command } from './command';
import { calibrationReport, formatCalibrationReport } from '../calibration/calibrationReport';
import { runPipeline } from '../pipeline/runPipeline';

const HELP = `usage: purchase-prediction calibration --data DIR [--json] [--no-cache]
Load, clean and build the seed-mode features of DIR (recency from the study's run date), then compare:
  - the cleaning funnel and the other published figures of the real Oct+Nov 2019 data;
  - each model feature's mean and SD per class with the real data's (standardized differences in real SDs);
  - the ROC AUC of the study's real-data Gaussian naive Bayes (rebuilt from the real statistics) on the table.
  --data DIR   folder (or file) of Kaggle month files
  --json       print the report as one JSON object
${NO_CACHE_HELP}
Exit code 0 either way; the last line says whether every limit holds.`;

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const values = parseOptions(argv, { data: { type: 'string' }, json: { type: 'boolean' }, ...NO_CACHE_OPTION });
    const run = await runPipeline({ data: requireOption(values, 'data'), mode: 'seed', cache: cacheOption(values), progress: true });
    try {
      const report = await calibrationReport(run);
      console.log(values.json === true ? JSON.stringify(report, null, 1) : formatCalibrationReport(report));
      return 0;
    } finally {
      await run.close();
    }
  },
};
