// Titles a table from the lines printed above it, the same way for every reader, so that
// "Phụ lục II" names the same table (and track override) whether it came from text, Word or Excel.
import type { TableSource } from '../grid.ts';
import { appendixTitle } from './seed-text.ts';

/** Heading lines kept from the appendix line on: "PHỤ LỤC I", its name, "(Kèm theo …)". */
const MAX_HEADING_LINES = 3;

/**
 * `lines` are the heading lines nearest above a table, in reading order. With a "Phụ lục …"
 * line, the title is its normalised name ("Phụ lục II", as the seed-text reader gives) and
 * the caption that line and the ones after it; without, the title is the first line (or
 * `fallback` if there is none) and the caption all the lines.
 */
export function tableHeading(lines: readonly string[], fallback: string): Pick<TableSource, 'title' | 'caption'> {
  let appendixAt = -1;
  let appendix: string | undefined;
  for (let k = lines.length - 1; k >= 0 && appendix === undefined; k--) {
    appendix = appendixTitle(lines[k]!);
    if (appendix !== undefined) appendixAt = k;
  }
  const kept = appendix !== undefined ? lines.slice(appendixAt, appendixAt + MAX_HEADING_LINES) : lines.slice(-MAX_HEADING_LINES);
  const caption = kept.join(' ').replace(/\s+/g, ' ').trim();
  const title = appendix ?? kept[0]?.replace(/\s+/g, ' ').trim() ?? fallback;
  return caption === '' || caption === title ? { title } : { title, caption };
}
