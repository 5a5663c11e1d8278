import { writeFileAtomic } from '../io/atomicWrite';
import { readFeatureCsv } from '../features/csv';
import { prepareStudyData, SAMPLINGS, type Sampling } from '../study/prepareData';
import { modelsReport, performanceRows, toMarkdown } from '../study/modelsReport';
import { runStudy } from '../study/runStudy';
import { intOption, parseOptions, requireOption, type Command } from './command';
import { DEFAULT_SEED } from '../random';

export const command: Command = {
  help: `purchase-prediction models --features FILE.csv --out FILE.json [--seed N] [--sampling under|smote|none] [--scale] [--knn-k K] [--no-timings]

Trains every model of the study on the modelling table (features CSV from 'purchase-prediction features'),
dropping rfm_int, rfm_score and user_id: stratified 70/30 split, the training rows rebalanced (default: random
undersampling), then logistic regression, k-NN (k by a sweep over 1..20 unless --knn-k), random forest, Gaussian
naive Bayes, XGBoost, a decision tree, and hard and soft voting over the five study models. Writes one JSON object
per model with accuracy, roc_auc, f1, precision, recall, confusion matrix, best F1 threshold, fit/predict seconds.
--no-timings leaves the seconds out, so equal inputs give byte-identical JSON.`,
  async run(argv) {
    const v = parseOptions(argv, {
      features: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      sampling: { type: 'string' },
      scale: { type: 'boolean' },
      'knn-k': { type: 'string' },
      'no-timings': { type: 'boolean' },
    });
    const featuresPath = requireOption(v, 'features');
    const out = requireOption(v, 'out');
    const sampling = (v.sampling ?? 'under') as Sampling;
    if (!SAMPLINGS.includes(sampling)) throw new Error(`--sampling must be one of ${SAMPLINGS.join(', ')}, got '${sampling}'`);
    const seed = intOption(v, 'seed') ?? DEFAULT_SEED;
    const knnK = intOption(v, 'knn-k');

    const t0 = performance.now();
    const table = readFeatureCsv(featuresPath);
    const data = prepareStudyData(table, { seed, sampling, scale: v.scale === true });
    console.error(
      `models: ${data.counts.users} users (${data.counts.positives} purchasers); train ${data.counts.train} rows after ` +
        `'${sampling}' sampling, test ${data.counts.test} rows (${data.counts.testPositives} purchasers)`,
    );
    const result = await runStudy(data, {
      seed,
      knnK: knnK ?? 'sweep',
      onModel: (name, e) =>
        console.error(
          `  ${name.padEnd(20)} AUC ${e.rocAuc.toFixed(3)}  F1 ${e.f1.toFixed(3)}  fit ${e.fitSeconds.toFixed(2)} s  predict ${e.predictSeconds.toFixed(2)} s`,
        ),
    });
    const report = modelsReport(data, result, { timings: v['no-timings'] !== true });
    writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(toMarkdown(performanceRows(result)));
    console.error(`models: chosen k = ${result.knn.chosenK}; wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  },
};
