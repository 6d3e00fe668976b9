// Which task field a plan column feeds, recognised from its printed header by the synonyms
// of DOMAIN.md; exported so the web app can offer the same choices in a column-mapping UI.
import { fold } from '../fold.ts';

// `track` comes last: plans never print it, but dondoc's CSV export does ("Lĩnh vực").
export const TASK_FIELDS = ['ordinal', 'group', 'content', 'leads', 'partners', 'deadline', 'output', 'sourceDoc', 'track'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];
export type ColumnMapping = Array<TaskField | 'ignore'>;

/** Vietnamese labels of the fields, for the mapping UI. */
export const TASK_FIELD_LABELS: Record<TaskField | 'ignore', string> = {
  ordinal: 'STT',
  group: 'Nhóm nhiệm vụ',
  content: 'Nội dung nhiệm vụ',
  leads: 'Cơ quan chủ trì',
  partners: 'Cơ quan phối hợp',
  deadline: 'Thời hạn',
  output: 'Kết quả đầu ra',
  sourceDoc: 'Văn bản giao nhiệm vụ',
  track: 'Lĩnh vực (nhóm trên bảng)',
  ignore: 'Bỏ qua',
};

/**
 * Header texts per field, as printed in plans. Matching is on folded text and by prefix,
 * so "Thời hạn hoàn thành (Trung ương giao)" still finds "thoi han".
 */
export const HEADER_SYNONYMS: Record<TaskField, readonly string[]> = {
  ordinal: ['STT', 'TT', 'Số TT', 'Số thứ tự'],
  group: ['Nhóm nhiệm vụ', 'Nhóm'],
  content: ['Nội dung nhiệm vụ', 'Nhiệm vụ cụ thể', 'Tên nhiệm vụ', 'Nội dung cụ thể', 'Nội dung chi tiết', 'Nội dung, nhiệm vụ cụ thể', 'Nội dung', 'Nhiệm vụ'],
  leads: ['Cơ quan chủ trì', 'Đơn vị chủ trì', 'Cơ quan chủ trì/tham mưu', 'Cơ quan chủ trì /tham mưu', 'Chủ trì'],
  partners: ['Cơ quan phối hợp', 'Đơn vị phối hợp', 'Phối hợp'],
  deadline: ['Thời hạn', 'Thời hạn hoàn thành', 'Thời gian hoàn thành', 'Thời hạn thực hiện', 'Thời gian thực hiện', 'Thời gian'],
  output: ['Kết quả đầu ra', 'Kết quả dự kiến', 'Kết quả', 'Sản phẩm'],
  sourceDoc: ['Văn bản giao nhiệm vụ', 'Văn bản giao', 'Căn cứ'],
  // The board lane a task is on, by its label ("Đề án 06", "CCHC", "KHCN/CĐS") or id.
  track: ['Lĩnh vực'],
};

const FOLDED_SYNONYMS: Array<[TaskField, string]> = (Object.entries(HEADER_SYNONYMS) as Array<[TaskField, readonly string[]]>)
  .flatMap(([field, names]) => names.map((n): [TaskField, string] => [field, fold(n)]))
  // Longest first: "noi dung nhiem vu" must win over "nhiem vu".
  .sort((a, b) => b[1].length - a[1].length);

/** The field a header names, or undefined when none of the synonyms fits. */
export function fieldForHeader(header: string): TaskField | undefined {
  const h = fold(header);
  if (h === '') return undefined;
  for (const [field, syn] of FOLDED_SYNONYMS) if (h === syn || h.startsWith(syn + ' ')) return field;
  return undefined;
}

/**
 * Column mapping of a header row, or undefined when the row is not a task header (it must
 * name the content and at least one of leads or deadline). Each field is taken once.
 */
export function detectMapping(headers: readonly string[]): ColumnMapping | undefined {
  const taken = new Set<TaskField>();
  const mapping: ColumnMapping = headers.map((h) => {
    const field = fieldForHeader(h);
    if (!field || taken.has(field)) return 'ignore';
    taken.add(field);
    return field;
  });
  if (!taken.has('content') || !(taken.has('leads') || taken.has('deadline'))) return undefined;
  return mapping;
}
