/**
 * The slide deck: the study's story in the order of its presentation, one figure or table per slide, built
 * from what the notebooks recorded in a report run (figure specs, tables). The page is self-contained
 * (figures as PNG images inlined, no script) and laid out as 16:9 pages, so headless Chromium prints it to
 * a PDF with one page per slide (deckPdf.ts).
 */
import type { Figure } from '../plots/figure';
import { escapeHtml, htmlTable, type TableRow } from '../plots/htmlTable';

/** What a slide shows: a recorded figure, a recorded table, or lists of points (text slides). */
export type SlideExhibit =
  | { kind: 'figure'; name: string; width: number; height: number }
  | { kind: 'table'; name: string; columns?: readonly string[] }
  | { kind: 'points'; lists: { heading?: string; points: string[] }[] };

/** One slide: its title, one sentence to take away, and its exhibit. */
export type Slide = { title: string; takeaway: string; exhibit: SlideExhibit };

// Figures are drawn at the slide's size (so their text has the slide's scale), titles left to the slide.
const WIDE = { width: 1150, height: 500 } as const;

/** The deck, in the order of the study's presentation. */
export const DECK_SLIDES: readonly Slide[] = [
  {
    title: 'Who will make a first purchase?',
    takeaway: "Predicting first purchases from an online cosmetics shop's click-stream.",
    exhibit: {
      kind: 'points',
      lists: [
        {
          points: [
            'The shop logs every view, cart, removal from the cart and purchase of every visitor (October and November 2019 in the study).',
            'Question: from what a visitor did on the site, will they buy for the first time?',
            'Why: retention incentives, cart reminders and e-mails cost money; spend them on the visitors most likely to buy.',
            'How: SQL features per user, five classifiers, and an honest evaluation that predicts the future instead of recognising the past.',
          ],
        },
      ],
    },
  },
  {
    title: 'The data and the cleaning funnel',
    takeaway: "Events up to each buyer's first purchase, cosmetics only, positive prices, no removals, users with more than one session.",
    exhibit: { kind: 'figure', name: 'cleaning-funnel', ...WIDE },
  },
  {
    title: 'The target is imbalanced',
    takeaway: 'Far fewer buyers than browsers: the training set is undersampled, the test set keeps the real buyer rate.',
    exhibit: { kind: 'figure', name: 'target-balance', ...WIDE },
  },
  {
    title: 'Recency, frequency and monetary value',
    takeaway:
      'Buyers (red) visit more often and put more in their visits; their last event is a little older, since their rows stop at the first purchase.',
    exhibit: { kind: 'figure', name: 'rfm-pair-plot', width: 560, height: 520 },
  },
  {
    title: 'Brand affinity',
    takeaway: "The largest share of a user's views on a single brand, buyers against everyone else.",
    exhibit: { kind: 'figure', name: 'brand-view-share', ...WIDE },
  },
  {
    title: 'Model comparison',
    takeaway: "Test set of the study's random 70/30 split; threshold 0.5 unless stated.",
    exhibit: {
      kind: 'table',
      name: 'model-performance',
      columns: ['model', 'accuracy', 'roc_auc', 'f1', 'precision', 'recall', 'best_threshold', 'best_f1'],
    },
  },
  {
    title: 'ROC curves of the five models',
    takeaway: 'How well each model ranks buyers above non-buyers; the area under each curve is in the legend.',
    exhibit: { kind: 'figure', name: 'roc-overlay', ...WIDE },
  },
  {
    title: 'What XGBoost looks at',
    takeaway: 'Feature importance: how often the trees split on each feature.',
    exhibit: { kind: 'figure', name: 'xgboost-feature-importance', width: 1000, height: 520 },
  },
  {
    title: 'The honest result',
    takeaway:
      "Predicting first purchases after a cutoff from behaviour before it: the study's (leaky) scores partly recognise purchases that already happened.",
    exhibit: { kind: 'table', name: 'honest-comparison' },
  },
  {
    title: 'Targeting and lift',
    takeaway: 'Contacting the users with the highest scores first: how many times the buyer rate of random targeting they reach.',
    exhibit: { kind: 'figure', name: 'honest-lift', ...WIDE },
  },
  {
    title: 'Future work and action items',
    takeaway: 'What the study proposed next, for the models and for the shop.',
    exhibit: {
      kind: 'points',
      lists: [
        {
          heading: 'Future work',
          points: [
            'Predict which products a user will buy, not only whether.',
            'Time-based features: session duration, time on page.',
            'An F-beta score weighted by the cost of losing a customer.',
          ],
        },
        {
          heading: 'Action items',
          points: [
            'Retention incentives for likely first buyers.',
            'Cart reminders.',
            "Targeted e-mail lists built from the model's scores.",
          ],
        },
      ],
    },
  },
];

/** A figure as the deck draws it: its own title dropped (the slide has one), the slide's size. */
export function deckFigure(fig: Figure): Figure {
  const margin = { ...(fig.layout.margin ?? {}), t: 30 };
  return { data: fig.data, layout: { ...fig.layout, title: { text: '' }, margin } };
}

/** A recorded table as a slide shows it. */
export type DeckTable = { rows: TableRow[]; digits?: number };

/** What the slides draw from: PNG bytes of rendered figures and recorded tables, by name. */
export type DeckInputs = { figures: Record<string, Uint8Array>; tables: Record<string, DeckTable> };

/** The page, and which slides it holds or left out (their figure or table was not recorded in this run). */
export type BuiltDeck = { html: string; slides: string[]; skipped: string[] };

const STYLE = `
@page { size: 13.333in 7.5in; margin: 0; }
html, body { margin: 0; padding: 0; background: #d9dde3; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #1f2937; }
.slide { box-sizing: border-box; width: 13.333in; height: 7.5in; margin: 0.25in auto; padding: 0.45in 0.6in 0.5in; background: white;
  display: flex; flex-direction: column; overflow: hidden; position: relative; break-after: page; box-shadow: 0 2px 8px rgba(0,0,0,0.2); }
.slide:last-child { break-after: auto; }
.slide h1 { font-size: 30pt; margin: 0 0 6pt; }
.slide .takeaway { font-size: 15pt; color: #4b5563; margin: 0 0 14pt; }
.slide .exhibit { flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; gap: 0.6in; }
.slide .exhibit img { max-width: 100%; max-height: 100%; object-fit: contain; }
.slide .exhibit ul { font-size: 18pt; line-height: 1.45; margin: 0; padding-left: 1.2em; }
.slide .exhibit .list { flex: 1; align-self: flex-start; }
.slide .exhibit h2 { font-size: 20pt; margin: 0 0 8pt; color: #2563eb; }
.slide table { border-collapse: collapse; font-size: 14pt; }
.slide th, .slide td { padding: 5pt 11pt; border-bottom: 1px solid #d1d5db; }
.slide th { background: #eef2f7; text-align: center; }
.slide footer { position: absolute; bottom: 0.2in; right: 0.6in; font-size: 10pt; color: #9ca3af; }
@media print { body { background: white; } .slide { margin: 0; box-shadow: none; } }
`;

function exhibitHtml(slide: Slide, inputs: DeckInputs): string | undefined {
  const exhibit = slide.exhibit;
  if (exhibit.kind === 'figure') {
    const png = inputs.figures[exhibit.name];
    if (!png) return undefined;
    const src = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    return `<img alt="${escapeHtml(slide.title)}" src="${src}" style="width:${exhibit.width}px">`;
  }
  if (exhibit.kind === 'table') {
    const table = inputs.tables[exhibit.name];
    if (!table) return undefined;
    // The slide's columns, named as words: roc_auc_honest reads "roc auc honest".
    const columns = exhibit.columns ?? Object.keys(table.rows[0] ?? {});
    const rows = table.rows.map((row) => Object.fromEntries(columns.map((key) => [key.replace(/_/g, ' '), row[key]])));
    return htmlTable(rows, { digits: table.digits ?? 3 });
  }
  return exhibit.lists
    .map((list) => {
      const heading = list.heading ? `<h2>${escapeHtml(list.heading)}</h2>` : '';
      return `<div class="list">${heading}<ul>${list.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`;
    })
    .join('');
}

/**
 * The deck's page: every slide of `slides` whose exhibit is among `inputs`, in order, numbered; slides whose
 * figure or table is missing (a run without that notebook) are left out and named in `skipped`.
 */
export function buildDeck(inputs: DeckInputs, slides: readonly Slide[] = DECK_SLIDES, title = 'Predicting first purchases'): BuiltDeck {
  const shown: { slide: Slide; exhibit: string }[] = [];
  const skipped: string[] = [];
  for (const slide of slides) {
    const exhibit = exhibitHtml(slide, inputs);
    if (exhibit === undefined) skipped.push(slide.title);
    else shown.push({ slide, exhibit });
  }
  const sections = shown.map(
    ({ slide, exhibit }, i) =>
      `<section class="slide">\n<h1>${escapeHtml(slide.title)}</h1>\n<p class="takeaway">${escapeHtml(slide.takeaway)}</p>\n` +
      `<div class="exhibit">${exhibit}</div>\n<footer>${i + 1} / ${shown.length}</footer>\n</section>`,
  );
  const html =
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head>\n<body>\n${sections.join('\n')}\n</body></html>\n`;
  return { html, slides: shown.map((s) => s.slide.title), skipped };
}
