import { describe, expect, it } from 'vitest';
import { chaseDigest, chaseDigestFileName, chaseList, formatDateLongVi } from './chase.ts';
import { parseDeadline } from './deadline.ts';
import { blankBoard, blankTask, defaultBoardSettings } from './factories.ts';
import type { Board, Task } from './model.ts';

const TODAY = '2025-12-12'; // a Friday
const CREATED = '2025-11-01T01:00:00.000Z';
let n = 0;
const task = (leads: string[], deadline: string, fields: Partial<Task> = {}): Task =>
  blankTask({ id: `t${++n}`, boardId: 'b', track: 'cchc', rank: n, ordinal: String(n), content: `Nhiệm vụ số ${n}`, leads, deadline: parseDeadline(deadline), createdAt: CREATED, ...fields });

const directory = [{ name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN'], collective: false }];
const board: Board = blankBoard({ id: 'b', title: 'Bảng KHCN/CĐS 2025', createdAt: CREATED, agencies: directory });

describe('chaseList', () => {
  const tasks = [
    task(['Sở KH&CN'], '05/12/2025', { updatedAt: '2025-12-08T03:00:00.000Z' }), // 7 days late
    task(['Sở Khoa học và Công nghệ', 'Công an tỉnh'], '10/12/2025'), // 2 days late, two leads
    task(['Công an tỉnh'], '12/12/2025', { column: 'doing' }), // due today
    task(['Công an tỉnh'], '19/12/2025'), // 7 days left: still "due soon"
    task(['Công an tỉnh'], '20/12/2025'), // 8 days left: not yet
    task(['Sở Nội vụ'], '01/12/2025', { column: 'done', completedAt: '2025-12-03' }), // finished: never chased
    task(['Sở Nội vụ'], '01/12/2025', { column: 'review' }), // awaiting the coordinator: not chased, counted
    task(['Sở Nội vụ'], 'Thường xuyên'), // no date: not chased
    task([], '30/11/2025'), // no lead: listed apart
    task(['Sở Tư pháp'], '30/11/2025', { extensions: [{ id: 'e', previousDue: '2025-11-30', due: '2025-12-31', reason: 'Chờ ý kiến Bộ', approvedBy: 'Phó Chủ tịch UBND tỉnh', at: CREATED }] }), // extended: no longer late
  ];
  const list = chaseList(board, tasks, TODAY);

  it('lists per lead agency what is late and what falls due within 7 days, most late first', () => {
    expect(list.days).toBe(7);
    expect(list.agencies.map((a) => [a.agency, a.late.map((i) => i.taskId), a.dueSoon.map((i) => i.taskId)])).toEqual([
      ['Sở Khoa học và Công nghệ', ['t1', 't2'], []],
      ['Công an tỉnh', ['t2'], ['t3', 't4']],
      ['', ['t9'], []],
    ]);
    expect(list.agencies[0]!.late.map((i) => i.days)).toEqual([7, 2]);
    expect(list.agencies[1]!.dueSoon.map((i) => i.days)).toEqual([0, 7]);
  });
  it('counts each task once, though it is listed under each of its leads', () => {
    expect(list.totals).toEqual({ late: 3, dueSoon: 2 });
  });
  it('keeps each task\'s last update, none when it was never written after the board was made', () => {
    expect(list.agencies[0]!.late[0]).toMatchObject({ taskId: 't1', due: '2025-12-05', lastUpdate: '2025-12-08T03:00:00.000Z', extended: false });
    expect(list.agencies[0]!.late[1]!.lastUpdate).toBeUndefined();
  });
  it('judges by the extended date, and leaves finished, awaiting and undated tasks out', () => {
    const ids = list.agencies.flatMap((a) => [...a.late, ...a.dueSoon].map((i) => i.taskId));
    for (const id of ['t5', 't6', 't7', 't8', 't10']) expect(ids).not.toContain(id);
    expect(chaseList(board, tasks, TODAY, { days: 30 }).agencies.find((a) => a.agency === 'Sở Tư pháp')!.dueSoon[0]).toMatchObject({ taskId: 't10', due: '2025-12-31', extended: true, days: 19 });
  });
  it('counts what waits for confirmation without chasing it', () => {
    const noi = chaseList(board, [...tasks, task(['Sở Nội vụ'], '01/12/2025')], TODAY).agencies.find((a) => a.agency === 'Sở Nội vụ')!;
    expect(noi.awaitingConfirmation).toBe(1);
    expect(noi.late).toHaveLength(1);
  });
  it('narrows to one agency however it is spelt, and to the look-ahead asked for', () => {
    const mine = chaseList(board, tasks, TODAY, { agency: 'sở kh&cn' });
    expect(mine.agencies.map((a) => a.agency)).toEqual(['Sở Khoa học và Công nghệ']);
    expect(mine.totals).toEqual({ late: 2, dueSoon: 0 });
    expect(chaseList(board, tasks, TODAY, { days: 3 }).totals.dueSoon).toBe(1);
  });
});

describe('chaseList: recurring tasks are chased for the period report they owe', () => {
  it('lists a monthly report past its printed day as late, and one due within the window as due soon, naming the period', () => {
    const late = task(['Sở KH&CN'], 'Hằng tháng (trước ngày 10)', { periodReports: [{ period: '2025-11', done: true, note: '', at: CREATED }] });
    const soon = task(['Sở KH&CN'], 'Hằng tháng (trước ngày 15)', { periodReports: [{ period: '2025-11', done: true, note: '', at: CREATED }] });
    const settled = task(['Sở KH&CN'], 'Hằng tháng (trước ngày 10)', { periodReports: [{ period: '2025-11', done: true, note: '', at: CREATED }, { period: '2025-12', done: true, note: '', at: CREATED }] });
    const a = chaseList(board, [late, soon, settled], TODAY).agencies[0]!;
    expect(a.late).toEqual([expect.objectContaining({ taskId: late.id, due: '2025-12-10', days: 2, period: '2025-12' })]);
    expect(a.dueSoon).toEqual([expect.objectContaining({ taskId: soon.id, due: '2025-12-15', days: 3, period: '2025-12' })]);
    const digest = chaseDigest(chaseList(board, [late], TODAY), board);
    expect(digest).toContain('— báo cáo tháng 12/2025 | 10/12/2025 | 2 |');
  });
});

describe('chaseDigest', () => {
  const settings = {
    ...defaultBoardSettings(),
    issuerParent: 'UBND tỉnh Lào Cai',
    issuer: 'Ban Chỉ đạo phát triển KHCN, ĐMST và CĐS',
    numberSuffix: 'BCĐ-SKHCN',
    place: 'Lào Cai',
    signerAuthority: 'KT. Trưởng ban',
    signerTitle: 'Phó Trưởng ban',
    signerName: 'Nguyễn Văn Bình',
    recipients: ['Thường trực Tỉnh ủy (b/c)', 'Chủ tịch UBND tỉnh (b/c);'],
  };
  const full: Board = { ...board, settings, plan: { title: 'Kế hoạch hoạt động năm 2026', issuer: 'Ban Chỉ đạo tỉnh', number: '12/KH-BCĐ', date: '2026-01-15', province: 'Lào Cai' } };
  const tasks = [
    task(['Sở KH&CN'], '05/12/2025', { ordinal: 'I.3', content: 'Xây dựng Kế hoạch chuyển đổi số | năm 2026', updatedAt: '2025-12-08T20:00:00.000Z' }),
    task(['Công an tỉnh'], '10/12/2025', { ordinal: '', content: 'Làm sạch dữ liệu dân cư' }),
    task(['Công an tỉnh'], '15/12/2025', { ordinal: 'III.2', content: 'Cấp tài khoản định danh điện tử mức 2' }),
  ];
  const list = chaseList(full, tasks, TODAY);
  const text = chaseDigest(list, full);
  const lines = text.split('\n');

  it('opens like a dispatch: issuing body, number, subject, national motto, place and date, "Kính gửi"', () => {
    expect(lines.slice(0, 12)).toEqual([
      'UBND TỈNH LÀO CAI',
      'BAN CHỈ ĐẠO PHÁT TRIỂN KHCN, ĐMST VÀ CĐS',
      'Số:       /BCĐ-SKHCN',
      'V/v đôn đốc thực hiện nhiệm vụ tuần 50/2025',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      'Lào Cai, ngày 12 tháng 12 năm 2025',
      '',
      'Kính gửi:',
      '- Công an tỉnh;',
    ]);
    expect(lines[12]).toBe('- Sở Khoa học và Công nghệ.');
  });
  it('states the situation with the counts, citing the plan', () => {
    expect(text).toContain(
      'Thực hiện Kế hoạch số 12/KH-BCĐ ngày 15/01/2026 của Ban Chỉ đạo tỉnh, Ban Chỉ đạo phát triển KHCN, ĐMST và CĐS đôn đốc các cơ quan, đơn vị thực hiện nhiệm vụ được giao. Tính đến ngày 12 tháng 12 năm 2025, còn 2 nhiệm vụ quá hạn và 1 nhiệm vụ đến hạn trong 7 ngày tới, cụ thể như sau:',
    );
  });
  it('lists by agency, each section a table of STT, task, deadline, days, last update', () => {
    const body = text.slice(text.indexOf('I. '), text.indexOf('Đề nghị'));
    expect(body.trim().split('\n')).toEqual([
      'I. Công an tỉnh: 1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn',
      '1. Nhiệm vụ quá hạn',
      'STT | Nhiệm vụ | Thời hạn | Số ngày quá hạn | Cập nhật gần nhất',
      '1 | Làm sạch dữ liệu dân cư | 10/12/2025 | 2 | chưa cập nhật',
      '2. Nhiệm vụ đến hạn trong 7 ngày tới',
      'STT | Nhiệm vụ | Thời hạn | Số ngày còn lại | Cập nhật gần nhất',
      '1 | Cấp tài khoản định danh điện tử mức 2 (nhiệm vụ III.2) | 15/12/2025 | 3 | chưa cập nhật',
      '',
      'II. Sở Khoa học và Công nghệ: 1 nhiệm vụ quá hạn',
      '1. Nhiệm vụ quá hạn',
      'STT | Nhiệm vụ | Thời hạn | Số ngày quá hạn | Cập nhật gần nhất',
      // A "|" in the task text cannot break the table; the update at 20:00 UTC is the 9th in Vietnam.
      '1 | Xây dựng Kế hoạch chuyển đổi số / năm 2026 (nhiệm vụ I.3) | 05/12/2025 | 7 | 09/12/2025',
    ]);
  });
  it('closes asking units to update before a date, then "Nơi nhận" and the signature block', () => {
    expect(text).toContain('cập nhật tiến độ, kết quả thực hiện và minh chứng trên hệ thống trước ngày 19 tháng 12 năm 2025.');
    expect(text).toMatch(/giải quyết\.\/\.\n/);
    expect(lines.slice(lines.indexOf('Nơi nhận:'))).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Thường trực Tỉnh ủy (b/c);',
      '- Chủ tịch UBND tỉnh (b/c);',
      '- Lưu: VT.',
      '',
      'KT. TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN',
      '',
      '',
      'Nguyễn Văn Bình',
      '',
    ]);
  });
  it('is the same text for the same day, and a monthly chase-up names the month', () => {
    expect(chaseDigest(chaseList(full, tasks, TODAY), full)).toBe(text);
    const monthly = chaseDigest(list, full, { cadence: 'monthly', replyBy: '2025-12-25' });
    expect(monthly).toContain('V/v đôn đốc thực hiện nhiệm vụ tháng 12/2025');
    expect(monthly).toContain('trước ngày 25 tháng 12 năm 2025');
  });
  it('leaves out what the board settings leave blank', () => {
    const bare = chaseDigest(list, board);
    expect(bare.split('\n').slice(0, 7)).toEqual(['V/v đôn đốc thực hiện nhiệm vụ tuần 50/2025', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '', 'Ngày 12 tháng 12 năm 2025', '']);
    expect(bare).toContain('Thực hiện các nhiệm vụ tại Bảng KHCN/CĐS 2025, Cơ quan thường trực đôn đốc');
    expect(bare.trimEnd().endsWith('- Lưu: VT.')).toBe(true);
  });
  it('says so when nothing is late or due', () => {
    const quiet = chaseDigest(chaseList(full, [], TODAY), full);
    expect(quiet).toContain('Kính gửi: Các cơ quan, đơn vị được giao nhiệm vụ.');
    expect(quiet).toContain('không có nhiệm vụ quá hạn hoặc đến hạn trong 7 ngày tới.');
    expect(quiet).not.toContain('STT |');
  });
  it('shortens long task text at a word', () => {
    const content = `${'Triển khai hồ sơ sức khỏe điện tử '.repeat(20)}cuối`;
    const long = task(['Sở Y tế'], '01/12/2025', { ordinal: '7', content });
    const row = chaseDigest(chaseList(full, [long], TODAY), full, { maxContent: 60 }).split('\n').find((l) => l.startsWith('1 | '))!;
    const cell = row.split(' | ')[1]!;
    const kept = /^(.*)… \(nhiệm vụ 7\)$/.exec(cell)![1]!;
    expect(kept.length).toBeLessThan(60);
    expect(kept.length).toBeGreaterThan(30);
    expect(content.startsWith(kept)).toBe(true);
    expect(content[kept.length]).toBe(' '); // cut between words
  });
  it('names a task by its place in the plan, so the "2" of Phụ lục I and the "2" of Phụ lục II are told apart', () => {
    const one = task(['Sở Y tế'], '01/12/2025', { ordinal: '2', group: ['Phụ lục I', 'IV. Dữ liệu'] });
    const two = task(['Sở Y tế'], '02/12/2025', { ordinal: '2', group: ['Phụ lục II'] });
    const list = chaseList(full, [one, two], TODAY);
    expect(list.agencies[0]!.late.map((x) => x.address)).toEqual(['PL I · IV.2', 'PL II · 2']);
    const letter = chaseDigest(list, full);
    expect(letter).toContain('(Phụ lục I, mục IV, nhiệm vụ 2)');
    expect(letter).toContain('(Phụ lục II, nhiệm vụ 2)');
  });
});

describe('dates and names', () => {
  it('writes dates as Nghị định 30 asks: leading zero for days below 10 and for months 1 and 2', () => {
    expect(formatDateLongVi('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatDateLongVi('2025-03-15')).toBe('ngày 15 tháng 3 năm 2025');
    expect(formatDateLongVi('2025-12-31')).toBe('ngày 31 tháng 12 năm 2025');
  });
  it('names the download after the period', () => {
    expect(chaseDigestFileName('2025-12-12')).toBe('don-doc-tuan-50-2025.txt');
    expect(chaseDigestFileName('2026-01-01', 'weekly')).toBe('don-doc-tuan-1-2026.txt');
    expect(chaseDigestFileName('2025-12-12', 'monthly')).toBe('don-doc-thang-12-2025.txt');
  });
});
