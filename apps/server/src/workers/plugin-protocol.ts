// What the server and a plugin's thread say to each other: the jobs, the answers, and how a
// contribution is described as data. No runtime imports: a plugin thread starts with little loaded.
import type { Board, ExtensionPoint, ImportInput, Task } from '@dondoc/shared';
import type { EncodedSnapshot } from './snapshot-wire.ts';

/**
 * A job for the plugin whose entry module is `entry` (an absolute path). `load` describes the
 * module; with `shared`, the thread loads other plugins after this one, so it retires if this
 * plugin left timers or handles behind that could reach into the next.
 */
export type PluginJob = { entry: string } & (
  | { kind: 'load'; shared?: boolean }
  | { kind: 'check'; contribution: string; board: Board; tasks: ReadonlyArray<Pick<Task, 'id'> & Partial<Task>> }
  | { kind: 'export'; contribution: string; snapshot: EncodedSnapshot; gzip?: boolean }
  | { kind: 'import' | 'readTables'; contribution: string; input: ImportInput }
);

/**
 * What an `export` job answers when it asked for gzip (the host asks for text formats): the document's
 * bytes, compressed. Otherwise the answer is the document's bytes as they are, or `NOT_A_DOCUMENT`.
 */
export interface GzippedDocument {
  gzip: Uint8Array;
}
/** An `export` job's answer when the exporter returned neither text nor bytes: what it returned never crosses as is, so it cannot pose as a gzipped document. */
export const NOT_A_DOCUMENT = '\u0000not-a-document';

/** Per task of a `check` job: what `check()` returned (not yet checked), or what it threw. */
export type CheckOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** Stands where a contribution has a function: the function itself stays in the plugin's thread. */
export const FUNCTION_MARK = '\u0000function';

/** The fields copied out of a plugin's thread per extension point (functions become `FUNCTION_MARK`). */
export const DESCRIBED_FIELDS: Record<ExtensionPoint, readonly string[]> = {
  templates: ['id', 'label', 'labelEn', 'description', 'descriptionEn', 'tracks', 'agencies', 'plan'],
  checklists: ['id', 'label', 'labelEn', 'criteria', 'reads', 'check'],
  exporters: ['id', 'label', 'labelEn', 'mediaType', 'extension', 'description', 'descriptionEn', 'documentName', 'options', 'export'],
  importers: ['id', 'label', 'labelEn', 'extensions', 'import', 'readTables'],
};
