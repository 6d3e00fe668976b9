// The board's columns in order. Mirrors shared's COLUMN_IDS without importing model.ts at
// runtime: that module builds zod schemas, which would add ~100 kB to the web bundle.
import type { ColumnId, COLUMN_IDS as SHARED_COLUMN_IDS } from '@dondoc/shared/model';

export const COLUMN_IDS = ['todo', 'doing', 'review', 'done'] as const satisfies readonly ColumnId[];

// Fails to compile if shared's list changes and this one does not follow.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const columnsMatchShared: Same<typeof COLUMN_IDS, typeof SHARED_COLUMN_IDS> = true;
