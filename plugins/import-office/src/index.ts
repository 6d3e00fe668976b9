// The office importer plugin: plan drafts from Word (.docx) and Excel (.xlsx) files.
import { definePlugin, defineImporter, type ImportInput, type ImporterContribution } from '@dondoc/shared';
import { importOfficeFile, readOfficeTables, type OfficeImportOptions } from './plan.ts';

export { readDocx, readDocxTables, type DocxContent } from './docx.ts';
export { readXlsx, readXlsxTables, formatSheetDate, type XlsxContent, type XlsxReadOptions } from './xlsx.ts';
export { checkOfficeBytes, DEFAULT_MAX_BYTES, OfficeFileError, OfficeLimitError, type ReadOptions } from './guard.ts';
export { checkZip, officeKindOf, zipEntries, MAX_ENTRY_INFLATED, MAX_TOTAL_INFLATED } from './zip-guard.ts';
export { importOfficeFile, readOfficeTables, applyBodyText, officeKind, baseName, type OfficeImportOptions } from './plan.ts';

/** The importers' options plus the sheet the user picked for this file, which wins over a configured one. */
const withSheet = (options: OfficeImportOptions, { sheet }: ImportInput): OfficeImportOptions => (sheet === undefined ? options : { ...options, sheet });

/** The two importers, with options (size limit, agency directory …) applied to every file. */
export function createOfficeImporters(options: OfficeImportOptions = {}): ImporterContribution[] {
  return (['docx', 'xlsx'] as const).map((kind) =>
    defineImporter({
      id: kind,
      label: kind === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)',
      labelEn: kind === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)',
      extensions: [kind],
      import: async (input) => (await importOfficeFile(input.filename, input.bytes, withSheet(options, input), kind)).plan,
      // The host parses these itself, with the user's column mapping and track per table.
      readTables: (input) => readOfficeTables(input.filename, input.bytes, withSheet(options, input), kind),
    }),
  );
}

export default definePlugin({ importers: createOfficeImporters() });
