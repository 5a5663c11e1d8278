/** Shared by the pipeline tests: one load → clean → features run and what it produced. */
import fs from 'node:fs';
import { writeFeatureCsv } from '../../lib/features/csv';
import { openPipeline, type LoadedPipeline, type PipelineOptions } from '../../lib/pipeline/runPipeline';
import type { Funnel } from '../../lib/clean/clean';

export interface CleanAndFeaturesOutcome<T> {
  funnel: Funnel;
  /** The feature CSV's bytes (written to `csvFile`). */
  csv: Buffer;
  load: LoadedPipeline['load'];
  /** What `inspect` returned, read before the pipeline closed. */
  inspected: T;
}

/** Open a seed-mode pipeline on `options`, clean, build features, write them to `csvFile`, inspect, close. */
export async function cleanAndFeatures<T = undefined>(
  options: PipelineOptions,
  csvFile: string,
  inspect?: (pipeline: LoadedPipeline) => Promise<T>,
): Promise<CleanAndFeaturesOutcome<T>> {
  const pipeline = await openPipeline({ mode: 'seed', ...options });
  try {
    const funnel = await pipeline.clean();
    await pipeline.features();
    await writeFeatureCsv(pipeline.engine, undefined, csvFile);
    const inspected = (inspect ? await inspect(pipeline) : undefined) as T;
    return { funnel, csv: fs.readFileSync(csvFile), load: pipeline.load, inspected };
  } finally {
    await pipeline.close();
  }
}
