// The plan importer's public surface: readers, the table parser, the whole-text parser.
export * from './grid.ts';
export * from './clean.ts';
export * from './fields.ts';
export * from './agencies.ts';
export * from './directory.ts';
export * from './tracks.ts';
export * from './tables.ts';
export * from './body.ts';
export * from './parse.ts';
export * from './tables-with-body.ts';
export * from './readers/seed-text.ts';
export * from './readers/pdf-text.ts';
export * from './limits.ts';
export * from './report.ts';
export * from './read-text.ts';
export * from './report-match.ts';
