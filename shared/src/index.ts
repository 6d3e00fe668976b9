// Public surface of @dondoc/shared: domain model, plugin API, API shapes and pure logic.
export * from './model.ts';
export * from './plugin.ts';
export * from './api.ts';
export * from './dates.ts';
export * from './fold.ts';
export * from './csv.ts';
export * from './deadline.ts';
export * from './factories.ts';
export * from './operations.ts';
export * from './status.ts';
export * from './checklist/rules.ts';
export * from './checklist/output.ts';
export * from './import/index.ts';
export * from './import/readers/tsv.ts';
export * from './import/readers/markdown.ts';
export * from './import/readers/csv.ts';
export * from './import/readers/heading.ts';
