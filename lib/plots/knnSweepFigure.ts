/** k-NN: test accuracy for each k of the sweep, with the chosen k marked. */
import type { Figure } from './figure';
import { baseLayout } from './figure';
import { assertSameLength, plainNumbers } from './series';

/** Accuracy per k (same lengths); `chosenK` is highlighted when given. */
export type KnnSweep = { k: ArrayLike<number>; accuracy: ArrayLike<number>; chosenK?: number };

/** Line with markers of accuracy against k. */
export function knnSweepFigure(sweep: KnnSweep, options: { title?: string } = {}): Figure {
  assertSameLength('knnSweepFigure', { k: sweep.k, accuracy: sweep.accuracy });
  const k = plainNumbers(sweep.k);
  const accuracy = plainNumbers(sweep.accuracy);
  const layout = baseLayout(options.title ?? 'k-NN accuracy vs k', 'k (neighbours)', 'accuracy');
  layout.xaxis = { ...layout.xaxis, dtick: 1 };
  const data: Figure['data'] = [{ type: 'scatter', mode: 'lines+markers', name: 'accuracy', x: k, y: accuracy }];
  const chosen = sweep.chosenK === undefined ? -1 : k.indexOf(sweep.chosenK);
  if (chosen >= 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `chosen k = ${sweep.chosenK}`,
      x: [k[chosen]!],
      y: [accuracy[chosen]!],
      marker: { size: 14, symbol: 'circle-open', color: 'red', line: { width: 2 } },
    });
  }
  return { data, layout };
}
