import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.ts';
import { blankTask } from './factories.ts';
import { COLUMN_IDS, type Task } from './model.ts';
import { cardOf, decodeCard, encodeCard, isWholeTask, WireTableBuilder, type BoardCard, type WireCard, type WireTables } from './wire.ts';

/** A small seeded generator, so a failure names the task that broke and reruns the same. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const AGENCIES = ['Sở Khoa học và Công nghệ', 'Công an tỉnh', 'Sở Nội vụ', 'UBND các xã, phường', 'Văn phòng UBND tỉnh'];
const DEADLINES = ['Tháng 12/2025', 'Quý IV/2025', 'Thường xuyên', 'Trước 15/01/2026', '2026', 'Khi có hướng dẫn của Bộ', ''];
const at = (r: () => number) => new Date(Date.UTC(2025, Math.floor(r() * 12), 1 + Math.floor(r() * 27), Math.floor(r() * 24), Math.floor(r() * 60), Math.floor(r() * 60))).toISOString();

/** Tasks with every field the card carries varied: empty and full lists, each evidence kind, extensions, reports, returns. */
function generated(count: number, seed = 7): Task[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => r() < 0.3);
  return Array.from({ length: count }, (_, i) => {
    const createdAt = at(r);
    const task = blankTask({
      id: `t${i}`,
      boardId: 'b1',
      track: pick(['de-an-06', 'cchc', 'khcn-cds']),
      rank: Math.floor(r() * 1e6) / 7,
      content: `Nhiệm vụ ${i}: triển khai “Đề án 06” — giai đoạn ${i % 5}`,
      deadline: parseDeadline(pick(DEADLINES)),
      createdAt,
      version: 1 + Math.floor(r() * 9),
      column: pick(COLUMN_IDS),
      ordinal: pick(['', '1', 'I.3', 'a)']),
      group: r() < 0.2 ? [] : ['Phụ lục I', `${1 + (i % 4)}. Nhóm nhiệm vụ`],
      leads: some(AGENCIES),
      partners: some(AGENCIES),
      output: r() < 0.5 ? '' : 'Báo cáo kết quả',
      owner: r() < 0.5 ? '' : 'Nguyễn Văn A',
      progress: Math.floor(r() * 101),
      updatedAt: at(r),
      leadsText: 'in như bản gốc',
      difficulties: 'Thiếu kinh phí',
    });
    if (r() < 0.3) task.completedAt = '2025-12-01';
    if (r() < 0.3)
      task.evidence = (['link', 'file', 'note'] as const).filter(() => r() < 0.7).map((kind, k) => ({ id: `e${i}-${k}`, kind, label: 'Quyết định', addedAt: createdAt }));
    if (r() < 0.3) task.extensions = [{ id: 'x1', due: '2026-01-31', reason: 'Chờ hướng dẫn', approvedBy: 'Phó Chủ tịch', at: createdAt }, ...(r() < 0.5 ? [{ id: 'x2', previousDue: '2026-01-31', due: '2026-03-31', reason: 'Lùi', approvedBy: 'Chủ tịch', at: createdAt }] : [])];
    if (r() < 0.3)
      task.periodReports = [
        { period: '2025-11', done: false, note: 'chưa xong', at: '2025-11-30T01:00:00Z' },
        { period: '2025-11', done: true, note: 'đã xong', at: '2025-12-01T01:00:00Z' },
        { period: '2025-12', done: r() < 0.5, note: '', at: '2025-12-20T01:00:00Z' },
      ];
    if (r() < 0.2) task.returned = { reason: 'Thiếu minh chứng', at: createdAt };
    return task;
  });
}

/** What the board view needs of a task, as the whole record says it (times to the second, the latest report per period). */
function expectedCard(t: Task): BoardCard {
  const second = (iso: string) => new Date(Math.round(Date.parse(iso) / 1000) * 1000).toISOString();
  const latest = new Map(t.periodReports.map((p) => [p.period, p.done]));
  return {
    id: t.id,
    boardId: t.boardId,
    version: t.version,
    track: t.track,
    column: t.column,
    rank: t.rank,
    ordinal: t.ordinal,
    group: t.group,
    content: t.content,
    leads: t.leads,
    partners: t.partners,
    deadline: t.deadline,
    output: t.output,
    owner: t.owner,
    progress: t.progress,
    createdAt: second(t.createdAt),
    updatedAt: second(t.updatedAt),
    evidence: t.evidence.map((e) => ({ id: e.id, kind: e.kind })),
    extensions: t.extensions.map((x) => (x.previousDue ? { due: x.due, previousDue: x.previousDue } : { due: x.due })),
    periodReports: [...latest].map(([period, done]) => ({ period, done })),
    ...(t.completedAt ? { completedAt: t.completedAt } : {}),
    ...(t.returned ? { returned: { reason: t.returned.reason } } : {}),
  };
}

describe('the compact wire form of a card', () => {
  const tasks = generated(400);

  it('decodes, after a trip through JSON, into exactly the card the whole record describes', () => {
    const builder = new WireTableBuilder();
    const wire: WireCard[] = tasks.map((t) => encodeCard(t, builder));
    const sent = JSON.parse(JSON.stringify({ wire, tables: builder.tables })) as { wire: WireCard[]; tables: WireTables };
    sent.wire.forEach((w, i) => expect(decodeCard(w, sent.tables, 'b1'), tasks[i]!.id).toEqual(expectedCard(tasks[i]!)));
  });

  it('sends each shared value once: tracks, groups, agencies and deadlines are table positions', () => {
    const builder = new WireTableBuilder();
    for (const t of tasks) encodeCard(t, builder);
    const { tables } = builder;
    expect(new Set(tables.agencies).size).toBe(tables.agencies.length);
    expect(tables.agencies.length).toBeLessThanOrEqual(AGENCIES.length);
    expect(tables.tracks.sort()).toEqual(['cchc', 'de-an-06', 'khcn-cds']);
    expect(tables.deadlines.length).toBeLessThanOrEqual(DEADLINES.length);
    expect(new Set(tables.groups.map((g) => g.join('|'))).size).toBe(tables.groups.length);
  });

  it('keeps a card\'s encoding valid as the tables grow: positions given are never moved', () => {
    const builder = new WireTableBuilder();
    const early = tasks.slice(0, 50).map((t) => encodeCard(t, builder));
    for (const t of generated(200, 99)) encodeCard(t, builder);
    early.forEach((w, i) => expect(decodeCard(w, builder.tables, 'b1')).toEqual(expectedCard(tasks[i]!)));
  });

  it('leaves no long text on the card, and tells a whole record from a card', () => {
    for (const t of tasks.slice(0, 40)) {
      const card = cardOf(t);
      expect(card).toEqual(expectedCard(t));
      expect(card).not.toHaveProperty('leadsText');
      expect(card).not.toHaveProperty('difficulties');
      expect(isWholeTask(t)).toBe(true);
      expect(isWholeTask(card)).toBe(false);
      expect(cardOf(card)).toEqual(card);
    }
  });
});
