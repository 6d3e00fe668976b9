// A realistic 10,000-task board, deterministic from a seed: Vietnamese content of plan length, 1–3 leads,
// partners, every kind of deadline, outputs and group paths, spread over tracks and columns.
import { prng } from '../shared/src/testing/prng.ts';
import { BUILTIN_TRACKS, COLUMN_IDS, RANK_STEP, blankBoard, defaultBoardSettings, systemActor, taskFromDraft, type Board, type Deadline, type Operation, type Task } from '@dondoc/shared';

/** mulberry32: the same board from the same seed. */
export { prng };

const AGENCIES = [
  'Sở Khoa học và Công nghệ', 'Công an tỉnh', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Sở Tài chính', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Tư pháp',
  'Sở Văn hóa, Thể thao và Du lịch', 'Trung tâm Phục vụ hành chính công tỉnh', 'Bảo hiểm xã hội tỉnh',
  'UBND các xã, phường', 'Viễn thông tỉnh', 'Bưu điện tỉnh', 'Các sở, ban, ngành', 'Đài Phát thanh và Truyền hình tỉnh',
];
const VERBS = ['Triển khai', 'Xây dựng', 'Hoàn thiện', 'Rà soát, đánh giá', 'Tổ chức thực hiện', 'Nâng cấp', 'Đẩy mạnh', 'Tham mưu ban hành', 'Kiểm tra, đôn đốc', 'Số hóa'];
const OBJECTS = [
  'cơ sở dữ liệu dân cư phục vụ giải quyết thủ tục hành chính', 'hệ thống thông tin giải quyết thủ tục hành chính của tỉnh',
  'nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)', 'dịch vụ công trực tuyến toàn trình', 'ứng dụng định danh điện tử VNeID',
  'kế hoạch chuyển đổi số năm 2026', 'hạ tầng số tại các xã, phường', 'chỉ số cải cách hành chính (PAR INDEX)',
  'bộ thủ tục hành chính thuộc thẩm quyền giải quyết', 'hồ sơ sức khỏe điện tử', 'kho dữ liệu số của tỉnh', 'chữ ký số cho cán bộ, công chức',
];
const TAILS = [
  'bảo đảm dữ liệu "đúng, đủ, sạch, sống", kết nối liên thông với các cơ sở dữ liệu quốc gia',
  'theo chỉ đạo tại Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
  'gắn với trách nhiệm người đứng đầu, kết quả được đánh giá hằng quý',
  'nâng tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 80% tổng số hồ sơ tiếp nhận',
  'phối hợp với doanh nghiệp viễn thông bảo đảm phủ sóng di động 4G/5G',
  'tuyên truyền, hướng dẫn người dân, doanh nghiệp sử dụng các tiện ích',
  'báo cáo kết quả về Ban Chỉ đạo tỉnh (qua Sở Khoa học và Công nghệ) trước ngày 25 hằng tháng',
];
const OUTPUTS = ['Kế hoạch được ban hành', 'Báo cáo kết quả thực hiện', 'Quyết định phê duyệt', 'Cơ sở dữ liệu được cập nhật', '03 lớp tập huấn được tổ chức', 'Văn bản hướng dẫn', 'Hệ thống vận hành chính thức', ''];
const GROUPS = ['I. Hoàn thiện thể chế, chính sách', 'II. Phát triển hạ tầng số', 'III. Phát triển dữ liệu số', 'IV. Dịch vụ công trực tuyến', 'V. Nhân lực số', 'VI. An toàn thông tin mạng'];

const DEADLINES: Deadline[] = [
  { raw: '31/12/2025', kind: 'date', due: '2025-12-31', flags: [] },
  { raw: 'Ngày 15/12/2025', kind: 'date', due: '2025-12-15', flags: [] },
  { raw: 'Trước ngày 30/4/2026', kind: 'date', due: '2026-04-30', flags: ['có thể hiểu là 29/4/2026'] },
  { raw: 'Tháng 11/2025', kind: 'month', due: '2025-11-30', flags: [] },
  { raw: 'Quý IV/2025', kind: 'quarter', due: '2025-12-31', flags: [] },
  { raw: 'Quý II-III/2026', kind: 'quarter', due: '2026-09-30', flags: [] },
  { raw: 'Q3/2025 – Q2/2026', kind: 'span', start: '2025-07-01', due: '2026-06-30', flags: [] },
  { raw: 'Năm 2026', kind: 'year', due: '2026-12-31', flags: [] },
  { raw: 'Thường xuyên', kind: 'recurring', cadence: 'ongoing', flags: [] },
  { raw: 'Hằng tháng', kind: 'recurring', cadence: 'monthly', flags: [] },
  { raw: 'Trong năm 2025 và thực hiện thường xuyên', kind: 'year', due: '2025-12-31', cadence: 'ongoing', flags: [] },
  { raw: 'Theo hướng dẫn của Bộ Công an', kind: 'conditional', trigger: 'hướng dẫn của Bộ Công an', flags: [], reason: 'chờ hướng dẫn' },
  { raw: 'Chậm nhất 10 ngày sau khi có hướng dẫn của Trung ương', kind: 'conditional', offsetDays: 10, trigger: 'có hướng dẫn của Trung ương', flags: [] },
  { raw: '', kind: 'none', flags: [], reason: 'không ghi thời hạn' },
];

export interface GeneratedBoard {
  op: Extract<Operation, { type: 'board.create' }>;
  board: Board;
  tasks: Task[];
}

/** Content lengths of the bench's default workload, in characters: plan rows of one to three clauses. */
export const PLAN_CONTENT_CHARS: readonly [number, number] = [150, 400];
/** Issue 14's stated workload, "~150-character Vietnamese titles": every content cut at 150 characters. */
export const TITLE_CONTENT_CHARS: readonly [number, number] = [150, 150];

export function generateBoard(opts: { tasks?: number; seed?: number; boardId?: string; checklist?: string; /** [min, max] characters of each task's content; default PLAN_CONTENT_CHARS. */ contentChars?: readonly [number, number] } = {}): GeneratedBoard {
  const n = opts.tasks ?? 10_000;
  const [minChars, maxChars] = opts.contentChars ?? PLAN_CONTENT_CHARS;
  const rand = prng(opts.seed ?? 20251120);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const boardId = opts.boardId ?? 'bench';
  const at = '2025-11-20T02:00:00.000Z';
  const board: Board = blankBoard({
    id: boardId,
    title: `Bảng thử tải ${n.toLocaleString('vi-VN')} nhiệm vụ`,
    origin: 'bench',
    ...(opts.checklist ? { checklist: opts.checklist } : {}),
    // Bench moves go to every column, "Chờ xác nhận" included, without adding evidence first.
    settings: { ...defaultBoardSettings(), requireEvidence: false },
    createdAt: at,
  });
  const perCell = new Map<string, number>();
  const tasks: Task[] = [];
  for (let i = 0; i < n; i++) {
    let content = `${pick(VERBS)} ${pick(OBJECTS)}`;
    const target = minChars + rand() * (maxChars - minChars);
    while (content.length < target) {
      const tail = pick(TAILS);
      content += content.includes(tail) ? `, ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)}` : `; ${tail}`;
    }
    content = content.slice(0, maxChars);
    const leads = Array.from(new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(AGENCIES))));
    const partners = Array.from(new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(AGENCIES)))).filter((a) => !leads.includes(a));
    const track = pick(BUILTIN_TRACKS).id;
    const column = rand() < 0.5 ? 'todo' : pick(COLUMN_IDS);
    const key = `${track}/${column}`;
    const rank = ((perCell.get(key) ?? 0) + 1) * RANK_STEP;
    perCell.set(key, rank / RANK_STEP);
    const g = pick(GROUPS);
    const task = taskFromDraft(
      { track, ordinal: String(i + 1), group: ['Phụ lục I', g], content, leads, partners, deadline: pick(DEADLINES), output: pick(OUTPUTS), sourceDoc: 'Kế hoạch số 01/KH-BCĐ' },
      { id: `t${String(i + 1).padStart(5, '0')}`, boardId, rank, at, column },
    );
    if (column === 'done') task.completedAt = '2025-11-15';
    if (rand() < 0.3) task.owner = `Chuyên viên ${pick(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu', 'Phạm Thu Dung'])}`;
    if (column !== 'todo') task.progress = Math.floor(rand() * 100);
    tasks.push(task);
  }
  return { op: { type: 'board.create', board, tasks, at, actor: systemActor('bench'), via: 'bench' }, board, tasks };
}
