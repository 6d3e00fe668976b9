// The office importer plugin: plan drafts from Word (.docx) and Excel (.xlsx) files.
import { definePlugin, defineImporter, type ImporterContribution } from '@dondoc/shared';
import { importOfficeFile, type OfficeImportOptions } from './plan.ts';

export { readDocx, readDocxTables, type DocxContent } from './docx.ts';
export { readXlsxTables, formatSheetDate, type XlsxReadOptions } from './xlsx.ts';
export { checkOfficeBytes, DEFAULT_MAX_BYTES, OfficeFileError, type ReadOptions } from './guard.ts';
export { importOfficeFile, applyBodyText, officeKind, baseName, type OfficeImportOptions } from './plan.ts';

/** The two importers, with options (size limit, agency directory …) applied to every file. */
export function createOfficeImporters(options: OfficeImportOptions = {}): ImporterContribution[] {
  return [
    defineImporter({
      id: 'docx',
      label: 'Word (.docx)',
      extensions: ['docx'],
      import: async ({ filename, bytes }) => (await importOfficeFile(filename, bytes, options, 'docx')).plan,
    }),
    defineImporter({
      id: 'xlsx',
      label: 'Excel (.xlsx)',
      extensions: ['xlsx'],
      import: async ({ filename, bytes }) => (await importOfficeFile(filename, bytes, options, 'xlsx')).plan,
    }),
  ];
}

export default definePlugin({ importers: createOfficeImporters() });
