// Whole records from the few fields that matter: every task and board field filled with its empty
// value, so a new field is added in one place and no caller spells out a full Task by hand.
import { BoardSettings, type Board, type Task } from './model.ts';
import { BUILTIN_TRACKS } from './vocabulary.ts';

/** The settings a board starts with: blank document headers, evidence required, 7 days for "sắp đến hạn". */
export const defaultBoardSettings = (): BoardSettings => BoardSettings.parse({});

/** A task with every optional list and text empty; `fields` must name at least where it is and what it says. */
export function blankTask(fields: Pick<Task, 'id' | 'boardId' | 'track' | 'rank' | 'content' | 'deadline' | 'createdAt'> & Partial<Task>): Task {
  return {
    version: 1,
    column: 'todo',
    ordinal: '',
    group: [],
    leads: [],
    leadsText: '',
    partners: [],
    partnersText: '',
    output: '',
    sourceDoc: '',
    owner: '',
    approver: '',
    progress: 0,
    evidence: [],
    difficulties: '',
    proposals: '',
    conclusions: [],
    comments: [],
    extensions: [],
    periodReports: [],
    progressNote: '',
    updatedAt: fields.createdAt,
    ...fields,
  };
}

/** A board with the built-in tracks, no directory, default settings and revision 0. */
export function blankBoard(fields: Pick<Board, 'id' | 'title' | 'createdAt'> & Partial<Board>): Board {
  return {
    origin: '',
    tracks: BUILTIN_TRACKS.map((t) => ({ ...t })),
    roVariant: '5ro',
    agencies: [],
    indicators: [],
    rhythm: [],
    workItems: [],
    settings: defaultBoardSettings(),
    archived: false,
    revision: 0,
    updatedAt: fields.createdAt,
    ...fields,
  };
}
