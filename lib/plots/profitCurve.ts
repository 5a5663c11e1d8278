/** Expected profit of contacting the top k% of users, per curve, with the chosen k marked. */
import type * as Plotly from 'plotly.js';
import { baseLayout, type Figure } from './figure';
import { assertSameLength, plainNumbers } from './series';

/** One curve: k in percent (increasing) and the profit (total or per user, as the caller chooses). */
export type ProfitCurveData = { name: string; percent: ArrayLike<number>; profit: ArrayLike<number> };

/** Lines over k, a zero line (contacting no one) and a vertical marker at `chosen` (a k in percent) when given. */
export function profitCurve(
  curves: readonly ProfitCurveData[],
  options: { chosen?: number; title?: string; yTitle?: string } = {},
): Figure {
  const data: Plotly.Data[] = curves.map((c) => {
    assertSameLength(`profit ${c.name}`, { percent: c.percent, profit: c.profit });
    return { type: 'scatter', mode: 'lines', name: c.name, x: plainNumbers(c.percent), y: plainNumbers(c.profit) };
  });
  const layout = baseLayout(
    options.title ?? 'Expected profit by share of users contacted',
    '% of users contacted (highest scores first)',
    options.yTitle ?? 'expected profit',
  );
  layout.showlegend = true;
  const shapes: Partial<Plotly.Shape>[] = [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0, y1: 0, line: { color: 'grey' } }];
  if (options.chosen !== undefined) {
    shapes.push({
      type: 'line',
      x0: options.chosen,
      x1: options.chosen,
      yref: 'paper',
      y0: 0,
      y1: 1,
      line: { dash: 'dot', color: 'black' },
    });
    layout.annotations = [
      { x: options.chosen, yref: 'paper', y: 1, text: `chosen k = ${options.chosen}%`, showarrow: false, yanchor: 'bottom' },
    ];
  }
  layout.shapes = shapes;
  return { data, layout };
}
