// Reader for PDF-extracted text (e.g. seed 001): table cells broken across lines and pages,
// one fragment per line. Rebuilds rows of the task table from the column order of its header.
import type { TableSource } from '../grid.ts';

export function readPdfText(_text: string): TableSource[] {
  return [];
}
