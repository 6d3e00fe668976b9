import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.ts';
import type { Task } from './model.ts';
import { COLUMN_IDS } from './vocabulary.ts';
import { checkFailures, decodePayload, encodePayload, type BoardPayload, type CheckFailure } from './api.ts';
import { blankBoard, blankTask } from './factories.ts';
import { RO_CRITERIA, checkTask } from './checklist/rules.ts';
import { cardOf, decodeCard, decodeFailures, encodeCard, isWholeTask, reasonPhrases, WireTableBuilder, type BoardCard, type WireCard, type WireTables } from './wire.ts';

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

/** Text with what reasons hold: Vietnamese words, quotes of every kind, brackets, dashes, separators, nothing at all. */
function text(r: () => number, words = 1 + Math.floor(r() * 12)): string {
  const parts = ['Có', '2', 'cơ quan chủ trì', "('Sở Nội vụ; Công an tỉnh')", '—', 'chọn một đơn vị', '(phối hợp)', '“Đề án 06”', 'Thời hạn', "'Quý IV/2025'", ':', ',', ';', '"', ' ', 'ệ̃', '🙂', '\\', '\n'];
  return Array.from({ length: words }, () => parts[Math.floor(r() * parts.length)]!).join(r() < 0.5 ? ' ' : '');
}

/**
 * Failed criteria as a checklist gives them: ids from its criteria or not (those carry a label), reasons
 * of any text; with `english`, most also in English (plugin API 1.6), some not, as an older plugin gives them.
 */
function failuresFor(tasks: readonly Task[], seed: number, english = false): Record<string, CheckFailure[]> {
  const r = random(seed);
  const out: Record<string, CheckFailure[]> = {};
  for (const t of tasks) {
    if (r() < 0.3) continue;
    const ids = ['ro-viec', 'ro-nguoi', 'ro-thoi-gian', 'ro-ket-qua', 'ngoai-danh-sach'].filter(() => r() < 0.4);
    // A few reasons repeat exactly, as a checklist's fixed advice does; most carry the task's own values.
    out[t.id] = ids.map((id) => {
      const f: CheckFailure = { id, reason: r() < 0.3 ? 'Chưa nêu sản phẩm đầu ra' : r() < 0.1 ? '' : text(r) };
      if (english && r() < 0.8) f.reasonEn = r() < 0.3 ? 'No output named' : `${text(r)} — in English`;
      if (id === 'ngoai-danh-sach') f.label = text(r, 2);
      return f;
    });
  }
  return out;
}

describe('the compact payload', () => {
  const tasks = generated(300, 11);
  const board = blankBoard({ id: 'b1', title: 'Bảng', origin: 'test', createdAt: '2025-06-01T00:00:00.000Z' });
  const checklist = { address: 'p:c', label: '5 rõ', criteria: ['ro-viec', 'ro-nguoi', 'ro-thoi-gian', 'ro-ket-qua'].map((id) => ({ id, label: id })) };

  it('cuts a reason into phrases that join back to it, character for character', () => {
    const r = random(3);
    for (let i = 0; i < 500; i++) {
      const reason = text(r);
      expect(reasonPhrases(reason).join('')).toBe(reason);
    }
    expect(reasonPhrases("Có 2 cơ quan chủ trì ('Sở Nội vụ; Công an tỉnh') — chọn một")).toEqual(['Có 2 cơ quan chủ trì (', "'", 'Sở Nội vụ;', " Công an tỉnh'", ')', ' —', ' chọn một']);
  });

  it('round-trips, through JSON, into the same cards and the same failed criteria per task', () => {
    for (const seed of [1, 2, 3]) {
      const failures = failuresFor(tasks, seed);
      const sent = JSON.parse(JSON.stringify(encodePayload({ board, checklist, cards: tasks, failures }))) as BoardPayload;
      const got = decodePayload(sent);
      expect(got.cards).toEqual(tasks.map(expectedCard));
      // A task that passes is absent, as before.
      expect(got.failures).toEqual(Object.fromEntries(Object.entries(failures).filter(([, f]) => f.length > 0)));
      expect(sent.failures).toHaveLength(tasks.length);
    }
  });

  it('round-trips the English reasons beside the Vietnamese, and a failure without English stays without', () => {
    for (const seed of [1, 2, 3]) {
      const failures = failuresFor(tasks, seed, true);
      const english = Object.values(failures).flat().filter((f) => f.reasonEn);
      expect(english.length).toBeGreaterThan(50);
      expect(english.some((f) => f.label)).toBe(true);
      const got = decodePayload(JSON.parse(JSON.stringify(encodePayload({ board, checklist, cards: tasks, failures }))) as BoardPayload);
      expect(got.cards).toEqual(tasks.map(expectedCard));
      expect(got.failures).toEqual(Object.fromEntries(Object.entries(failures).filter(([, f]) => f.length > 0)));
    }
  });

  it('decodes a body of the form before English reasons (label third, nothing after it)', () => {
    const builder = new WireTableBuilder();
    const tables = builder.tables;
    tables.texts.push('Chưa nêu ', 'sản phẩm');
    tables.failures.push(['ro-ket-qua', [1, 2]], ['plugin-error', [1], 'Lỗi plugin']);
    tables.failureSets.push([0, 1]);
    expect(decodeFailures(1, JSON.parse(JSON.stringify(tables)) as WireTables)).toEqual([
      { id: 'ro-ket-qua', reason: 'Chưa nêu sản phẩm' },
      { id: 'plugin-error', reason: 'Chưa nêu ', label: 'Lỗi plugin' },
    ]);
  });

  it("sends the 5-rõ rules' English as a few fixed phrases: the values it quotes are the Vietnamese phrases again", () => {
    // The rules' own reasons on tasks whose agencies and deadlines vary: most failures are distinct.
    const criteria = RO_CRITERIA['5ro'];
    const failures = Object.fromEntries(tasks.map((t) => [t.id, checkFailures(checkTask(t, '5ro'), criteria)]));
    const vietnameseOnly = Object.fromEntries(Object.entries(failures).map(([id, list]) => [id, list.map(({ reasonEn: _en, ...f }) => f)]));
    const both = encodePayload({ board, checklist, cards: tasks, failures });
    const vi = encodePayload({ board, checklist, cards: tasks, failures: vietnameseOnly });
    expect(Object.values(failures).flat().every((f) => f.reasonEn)).toBe(true);
    expect(both.tables.failures.length).toBe(vi.tables.failures.length);
    expect(both.tables.failures.length).toBeGreaterThan(20);
    // English adds the rules' fixed advice (some twenty texts at most), never a value the task holds...
    const added = both.tables.texts.filter((x) => !vi.tables.texts.includes(x));
    expect(added.length).toBeLessThanOrEqual(20);
    for (const x of added) for (const value of [...AGENCIES, ...DEADLINES.filter(Boolean)]) expect(x).not.toContain(value);
    // ...and each failure names its English in fewer positions than its Vietnamese.
    for (const [, phrases, , phrasesEn] of both.tables.failures) expect(phrasesEn!.length).toBeLessThan(phrases.length);
    expect(decodePayload(JSON.parse(JSON.stringify(both)) as BoardPayload).failures).toEqual(Object.fromEntries(Object.entries(failures).filter(([, f]) => f.length > 0)));
  });

  it('sends each reason, each failed criterion and each set of them once, and no failures without a checklist', () => {
    const failures = failuresFor(tasks, 5);
    const { tables, failures: sets } = encodePayload({ board, checklist, cards: tasks, failures });
    for (const list of [tables.texts, tables.failures.map((f) => JSON.stringify(f)), tables.failureSets.map((f) => f.join())]) expect(new Set(list).size).toBe(list.length);
    expect(tables.failureSets[0]).toEqual([]);
    expect(decodeFailures(sets[tasks.findIndex((t) => !failures[t.id]?.length)]!, tables)).toEqual([]);
    const fixed = tables.failures.filter(([, phrases]) => phrases.map((p) => tables.texts[p]).join('') === 'Chưa nêu sản phẩm đầu ra');
    expect(fixed.length).toBeGreaterThan(0);
    // One entry per criterion (and label) that gives it, however many tasks fail so.
    expect(new Set(fixed.map(([id, , label]) => `${id}|${label}`)).size).toBe(fixed.length);
    expect(encodePayload({ board, checklist: null, cards: tasks, failures }).failures).toEqual([]);
    expect(decodePayload(encodePayload({ board, checklist: null, cards: tasks, failures })).failures).toEqual({});
  });

  it('leaves a card\'s trailing defaults off and reads them back, whatever the epoch', () => {
    const bare = blankTask({ id: 'bare', boardId: 'b1', track: 'cchc', rank: 1, content: 'Nhiệm vụ', deadline: parseDeadline(''), createdAt: board.createdAt });
    const builder = new WireTableBuilder(board.createdAt);
    const wire = encodeCard(bare, builder);
    expect(wire).toHaveLength(8);
    expect(decodeCard(wire, builder.tables, 'b1')).toEqual(expectedCard(bare));
    // Tasks made before and long after the board, with times the epoch does not divide.
    for (const epoch of ['1970-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', '2025-06-01T12:34:56.789Z']) {
      const b = new WireTableBuilder(epoch);
      const sent = JSON.parse(JSON.stringify({ wire: tasks.map((t) => encodeCard(t, b)), tables: b.tables })) as { wire: WireCard[]; tables: WireTables };
      sent.wire.forEach((w, i) => expect(decodeCard(w, sent.tables, 'b1')).toEqual(expectedCard(tasks[i]!)));
    }
  });
});
