/**
 * Targeting figures: cumulative gains and lift curves of several models, against random targeting.
 * A gains curve has a vertex per distinct score (one per test user, tens of thousands); both figures read it
 * at 1000 population quantiles (curvePoints.ts), which a figure cannot tell from the full curve.
 */
import type * as Plotly from 'plotly.js';
import { baseLayout, type Figure } from './figure';
import { gainsAtQuantiles } from './curvePoints';
import { assertSameLength } from './series';

/** One model's gains curve: share of users targeted (0..1, increasing) and share of buyers captured. */
export type GainsCurveData = { name: string; populationShare: ArrayLike<number>; positiveShare: ArrayLike<number> };

/** Cumulative gains of every model plus the random-targeting diagonal, both axes in percent. */
export function gainsChart(curves: GainsCurveData[], options: { title?: string } = {}): Figure {
  const traces: Plotly.Data[] = curves.map((c) => {
    assertSameLength(`gains ${c.name}`, { populationShare: c.populationShare, positiveShare: c.positiveShare });
    const drawn = gainsAtQuantiles(c.populationShare, c.positiveShare);
    return {
      type: 'scatter',
      mode: 'lines',
      name: c.name,
      x: drawn.populationShare.map((v) => 100 * v),
      y: drawn.positiveShare.map((v) => 100 * v),
    };
  });
  traces.push({
    type: 'scatter',
    mode: 'lines',
    name: 'random targeting',
    x: [0, 100],
    y: [0, 100],
    line: { dash: 'dash', color: 'grey' },
  });
  const layout = baseLayout(options.title ?? 'Cumulative gains', '% of users targeted (highest scores first)', '% of buyers reached');
  layout.showlegend = true;
  return { data: traces, layout };
}

/**
 * Lift (share of buyers reached / share of users targeted) along each gains curve, from the first point
 * with at least `minShare` of users targeted (default 1%: the first few users give a noisy, huge lift).
 */
export function liftChart(curves: GainsCurveData[], options: { title?: string; minShare?: number } = {}): Figure {
  const minShare = options.minShare ?? 0.01;
  const traces: Plotly.Data[] = curves.map((c) => {
    assertSameLength(`lift ${c.name}`, { populationShare: c.populationShare, positiveShare: c.positiveShare });
    const drawn = gainsAtQuantiles(c.populationShare, c.positiveShare);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < drawn.populationShare.length; i++) {
      const share = drawn.populationShare[i]!;
      if (share < minShare || share === 0) continue;
      x.push(100 * share);
      y.push(drawn.positiveShare[i]! / share);
    }
    return { type: 'scatter', mode: 'lines', name: c.name, x, y };
  });
  traces.push({ type: 'scatter', mode: 'lines', name: 'random targeting', x: [0, 100], y: [1, 1], line: { dash: 'dash', color: 'grey' } });
  const layout = baseLayout(
    options.title ?? 'Lift',
    '% of users targeted (highest scores first)',
    'lift (times the buyer rate of random targeting)',
  );
  layout.showlegend = true;
  return { data: traces, layout };
}
