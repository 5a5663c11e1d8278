/**
 * Per-stage measurements inside one benchmark child process: wall seconds, CPU seconds of the whole process
 * (all DuckDB threads included, from getrusage), and peak RSS. The kernel only keeps the process-wide peak
 * (maxRSS), so a stage's own peak comes from sampling RSS every few milliseconds while it runs; DuckDB works
 * on its own threads, so the JavaScript timer keeps firing during queries.
 */
import type { QueryTiming } from './queryProfile';

export interface StageFigures {
  stage: string;
  /** Rows the stage consumed (events for load/clean/features, users for read and models). */
  rows: number;
  wallSeconds: number;
  /** CPU seconds of this process (user + system); other processes (PostgreSQL) are reported separately. */
  cpuSeconds: number;
  /** CPU seconds of the PostgreSQL server backend serving this run, when there is one. */
  serverCpuSeconds?: number;
  rowsPerSecond: number;
  /** Highest RSS sampled during the stage, bytes. */
  peakRssBytes: number;
  /** The slowest statements of the stage (bench/queryProfile.ts), when a query profile was recorded. */
  queries?: QueryTiming[];
  /** Free-form extras (e.g. per-model fit/predict seconds). */
  extra?: Record<string, number | string>;
}

const SAMPLE_MS = 10;

/** Measures consecutive stages of one process. */
export class StageMeter {
  readonly stages: StageFigures[] = [];
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly serverCpu?: () => number) {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** Run `work` as stage `stage` and record its figures; `rows` may be computed from the work's result. */
  async measure<T>(stage: string, rows: number | ((result: T) => number), work: () => Promise<T>): Promise<T> {
    this.sample();
    this.peak = process.memoryUsage.rss();
    const cpu0 = process.cpuUsage();
    const server0 = this.serverCpu?.();
    const t0 = performance.now();
    const result = await work();
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    this.sample();
    const n = typeof rows === 'number' ? rows : rows(result);
    const figures: StageFigures = {
      stage,
      rows: n,
      wallSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rowsPerSecond: n / Math.max(wallSeconds, 1e-6),
      peakRssBytes: this.peak,
    };
    // A backend that closed during the stage takes its ticks with it: never report a negative difference.
    if (server0 !== undefined) figures.serverCpuSeconds = Math.max(0, this.serverCpu!() - server0);
    this.stages.push(figures);
    return result;
  }

  /** The process-wide peak RSS so far, bytes (the kernel's figure; covers moments between samples). */
  processPeakRssBytes(): number {
    return process.resourceUsage().maxRSS * 1024;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
}
