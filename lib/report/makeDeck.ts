/**
 * The deck of a report run: the slides' figures rendered again at slide size and twice the pixels (sharp
 * when printed), the page written, then printed to PDF.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedFigure } from '../notebook/figureRecorder';
import type { RecordedTable } from '../notebook/tableRecorder';
import { writeFileAtomic } from '../io/atomicWrite';
import { buildDeck, DECK_SLIDES, deckFigure, type DeckTable } from './deck';
import { printPdf } from './deckPdf';
import { renderPng } from './png';

/** File names of the deck in the report folder. */
export const DECK_FILES = { html: 'deck.html', pdf: 'deck.pdf' } as const;

/** What {@link makeDeck} wrote. */
export type DeckResult = { html: string; pdf: string; slides: string[]; skipped: string[] };

/** Writes `<dir>/deck.html` and `<dir>/deck.pdf` from the run's recorded figures and tables. */
export async function makeDeck(figures: readonly RecordedFigure[], tables: readonly RecordedTable[], dir: string): Promise<DeckResult> {
  const imageDir = join(dir, 'deck-figures');
  mkdirSync(imageDir, { recursive: true });
  const byName = new Map(figures.map((f) => [f.name, f]));
  const requests = DECK_SLIDES.flatMap((slide) => {
    const exhibit = slide.exhibit;
    const figure = exhibit.kind === 'figure' ? byName.get(exhibit.name) : undefined;
    if (exhibit.kind !== 'figure' || !figure) return [];
    return [
      {
        name: exhibit.name,
        fig: deckFigure(figure.fig),
        width: exhibit.width,
        height: exhibit.height,
        scale: 2,
        path: join(imageDir, `${exhibit.name}.png`),
      },
    ];
  });
  await renderPng(requests);
  const images = Object.fromEntries(requests.map((r) => [r.name, readFileSync(r.path)]));
  const deckTables: Record<string, DeckTable> = Object.fromEntries(tables.map((t) => [t.name, { rows: t.rows, digits: t.digits }]));
  const deck = buildDeck({ figures: images, tables: deckTables });
  const html = join(dir, DECK_FILES.html);
  const pdf = join(dir, DECK_FILES.pdf);
  writeFileAtomic(html, deck.html);
  await printPdf(html, pdf);
  return { html, pdf, slides: deck.slides, skipped: deck.skipped };
}
