// Which task field a plan or report column feeds, recognised from its printed header by the
// synonyms of DOMAIN.md ("A task, field by field" and "Documents that come in"); exported so the
// web app can offer the same choices in a column-mapping UI.
import { fold } from '../fold.ts';

// `track`, `owner`, `approver`, `progress` and `completedAt` come after the plan's own columns: plans
// never print them, but dondoc's CSV and Excel exports do ("Lĩnh vực", "Người phụ trách", "Người phê
// duyệt", "Phần trăm", "Ngày hoàn thành"), so a board exported and imported again keeps them.
// `status`, `progressNote`, `difficulties` and `proposals` are what progress reports add (and a percent).
export const TASK_FIELDS = [
  'ordinal',
  'group',
  'content',
  'leads',
  'partners',
  'deadline',
  'output',
  'sourceDoc',
  'owner',
  'approver',
  'track',
  'status',
  'progress',
  'completedAt',
  'progressNote',
  'difficulties',
  'proposals',
] as const;
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
  owner: 'Người phụ trách',
  approver: 'Người phê duyệt',
  track: 'Lĩnh vực (nhóm trên bảng)',
  status: 'Tiến độ (tình trạng)',
  progress: 'Phần trăm hoàn thành',
  completedAt: 'Ngày hoàn thành',
  progressNote: 'Tình hình thực hiện',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Đề xuất, kiến nghị',
  ignore: 'Bỏ qua',
};

/**
 * Header texts per field, as printed in plans and progress reports. Matching is on folded text
 * and by prefix, longest synonym first, so "Thời hạn hoàn thành (Trung ương giao)" still finds
 * "thoi han" and "Kết quả thực hiện" (a report's result so far) is not "Kết quả" (the output).
 */
export const HEADER_SYNONYMS: Record<TaskField, readonly string[]> = {
  ordinal: ['STT', 'TT', 'Số TT', 'Số thứ tự'],
  group: ['Nhóm nhiệm vụ', 'Nhóm', 'Lĩnh vực nhiệm vụ'],
  content: ['Nội dung nhiệm vụ', 'Nhiệm vụ cụ thể', 'Tên nhiệm vụ', 'Nội dung cụ thể', 'Nội dung chi tiết', 'Nội dung, nhiệm vụ cụ thể', 'Nội dung công việc', 'Nhiệm vụ, giải pháp', 'Nội dung', 'Nhiệm vụ'],
  leads: [
    'Cơ quan chủ trì',
    'Đơn vị chủ trì',
    'Cơ quan chủ trì/tham mưu',
    'Cơ quan chủ trì /tham mưu',
    'Cơ quan chủ trì, tham mưu',
    'Cơ quan chủ trì thực hiện',
    'Đơn vị chủ trì thực hiện',
    'Cơ quan, đơn vị chủ trì',
    'Cơ quan thực hiện',
    'Đơn vị thực hiện',
    'Cơ quan, đơn vị thực hiện',
    'Cơ quan tham mưu',
    'Đơn vị đầu mối',
    'Chủ trì',
  ],
  partners: ['Cơ quan phối hợp', 'Đơn vị phối hợp', 'Cơ quan, đơn vị phối hợp', 'Cơ quan phối hợp thực hiện', 'Phối hợp'],
  deadline: ['Thời hạn', 'Thời hạn hoàn thành', 'Thời gian hoàn thành', 'Thời hạn thực hiện', 'Thời gian thực hiện', 'Thời gian', 'Mốc thời gian', 'Tiến độ hoàn thành', 'Hạn hoàn thành'],
  output: ['Kết quả đầu ra', 'Kết quả dự kiến', 'Kết quả yêu cầu', 'Kết quả cần đạt', 'Kết quả', 'Sản phẩm', 'Sản phẩm đầu ra', 'Sản phẩm dự kiến', 'Hình thức văn bản'],
  sourceDoc: ['Văn bản giao nhiệm vụ', 'Văn bản giao', 'Căn cứ'],
  // The board's people, as dondoc's exports head them: the named person in charge and who approves.
  owner: ['Người phụ trách', 'Cán bộ phụ trách', 'Người chịu trách nhiệm'],
  approver: ['Người phê duyệt', 'Người duyệt', 'Người ký duyệt'],
  // A number 0–100 ("Phần trăm" in the exports); "Tiến độ" alone is the report's status, "Tiến độ (%)" this (see PERCENT_HEADER).
  progress: ['Phần trăm', 'Phần trăm hoàn thành', 'Phần trăm thực hiện', 'Tỷ lệ hoàn thành', 'Tỉ lệ hoàn thành', 'Tỷ lệ thực hiện', 'Tỉ lệ thực hiện'],
  // When a finished task was finished ("Ngày hoàn thành" in the exports): not its deadline, which plans head "Thời hạn".
  completedAt: ['Ngày hoàn thành', 'Ngày hoàn thành thực tế', 'Ngày thực tế hoàn thành'],
  // The board lane a task is on, by its label ("Đề án 06", "CCHC", "KHCN/CĐS") or id.
  track: ['Lĩnh vực'],
  // Progress reports: where a task stands ("Hoàn thành", "Đang thực hiện", "Chậm tiến độ") …
  status: ['Tiến độ', 'Tiến độ thực hiện', 'Tình trạng', 'Trạng thái', 'Đánh giá', 'Đánh giá kết quả', 'Mức độ hoàn thành', 'Kết quả đánh giá'],
  // … and what was done so far.
  progressNote: ['Tình hình thực hiện', 'Kết quả thực hiện', 'Kết quả hiện nay', 'Kết quả đạt được', 'Kết quả triển khai', 'Tình hình triển khai', 'Tiến độ, kết quả thực hiện', 'Kết quả thực hiện đến nay'],
  difficulties: ['Khó khăn, vướng mắc', 'Khó khăn', 'Vướng mắc', 'Khó khăn vướng mắc', 'Tồn tại, hạn chế'],
  proposals: ['Đề xuất, kiến nghị', 'Kiến nghị, đề xuất', 'Đề xuất', 'Kiến nghị'],
};

const FOLDED_SYNONYMS: Array<[TaskField, string]> = (Object.entries(HEADER_SYNONYMS) as Array<[TaskField, readonly string[]]>)
  .flatMap(([field, names]) => names.map((n): [TaskField, string] => [field, fold(n)]))
  // Longest first: "noi dung nhiem vu" must win over "nhiem vu", "ket qua thuc hien" over "ket qua".
  .sort((a, b) => b[1].length - a[1].length);

/**
 * Headers that, with a "%" in them, name the percent of completion: "% hoàn thành", "Tiến độ (%)",
 * "Tỷ lệ (%)", "Mức độ hoàn thành (%)", "%". Folding drops the "%", and without it "Tiến độ" is the
 * status, so the sign decides. A "%" after other words ("Tỷ lệ hồ sơ trực tuyến (%)") is an indicator's.
 */
const PERCENT_HEADER = /^(?:(?:(?:ty|ti) le|phan tram|tien do|muc do|khoi luong|ket qua)(?= |$))?(?: ?(?:hoan thanh|thuc hien|dat duoc))*$/;

/** The field a header names, or undefined when none of the synonyms fits. */
export function fieldForHeader(header: string): TaskField | undefined {
  const h = fold(header);
  // A note in brackets ("(1)", "(ghi chú)") is no part of the header; "(%)" is.
  if (header.includes('%') && header.length <= 200 && PERCENT_HEADER.test(fold(header.replace(/\([^%()]*\)/g, ' ')))) return 'progress';
  if (h === '' || h.length > 200) return undefined;
  for (const [field, syn] of FOLDED_SYNONYMS) if (h === syn || h.startsWith(syn + ' ')) return field;
  return undefined;
}

/**
 * Column mapping of a header row, or undefined when the row is not a task header (it must
 * name the content and at least one of leads, deadline, status or percent). Each field is taken once.
 */
export function detectMapping(headers: readonly string[]): ColumnMapping | undefined {
  const taken = new Set<TaskField>();
  const mapping: ColumnMapping = headers.map((h) => {
    const field = fieldForHeader(h);
    if (!field || taken.has(field)) return 'ignore';
    taken.add(field);
    return field;
  });
  // A report may say where each task stands by a percent alone ("Tỷ lệ hoàn thành").
  if (!taken.has('content') || !(taken.has('leads') || taken.has('deadline') || taken.has('status') || taken.has('progress'))) return undefined;
  return mapping;
}
