// The CSV encoding lives in @dondoc/shared so the plan importer reads back exactly what this plugin writes.
export { encodeCsv, guardFormula, parseCsv, unguardFormula } from '@dondoc/shared';
