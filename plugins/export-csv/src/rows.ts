// One CSV row per task: every field a report needs, labelled in Vietnamese as the plans print them.
import { BUILTIN_TRACKS, COLUMNS, GROUP_PATH_SEPARATOR, STATUS_LABELS, checkScore, classifyTask, formatDateVi, type BoardSnapshot, type Task } from '@dondoc/shared';

export const CSV_HEADER = [
  'STT', 'Nhóm', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Hạn (ngày)', 'Kết quả đầu ra',
  'Văn bản giao nhiệm vụ', 'Người phụ trách', 'Người phê duyệt', 'Lĩnh vực', 'Tiến độ', 'Phần trăm', 'Tình trạng',
  '5 rõ', 'Chưa rõ', 'Minh chứng', 'Khó khăn', 'Đề xuất', 'Kết luận', 'Ngày hoàn thành', 'Mã',
] as const;

const join = (values: readonly string[]) => values.filter((v) => v.trim() !== '').join('; ');

export function taskRows(snapshot: BoardSnapshot): string[][] {
  const trackLabel = (id: string) => snapshot.board.tracks.find((t) => t.id === id)?.label ?? BUILTIN_TRACKS.find((t) => t.id === id)?.label ?? id;
  const columnLabel = (id: Task['column']) => COLUMNS.find((c) => c.id === id)?.label ?? id;
  return snapshot.tasks.map((t) => {
    const checks = snapshot.checks[t.id] ?? [];
    const status = classifyTask(t, snapshot.today);
    return [
      t.ordinal,
      // The importer splits this back into the path (the separator marks the cell as a whole path).
      t.group.join(GROUP_PATH_SEPARATOR),
      t.content,
      t.leads.length > 0 ? join(t.leads) : t.leadsText,
      t.partners.length > 0 ? join(t.partners) : t.partnersText,
      t.deadline.raw,
      t.deadline.due ? formatDateVi(t.deadline.due) : '',
      t.output,
      t.sourceDoc,
      t.owner,
      t.approver,
      trackLabel(t.track),
      columnLabel(t.column),
      String(t.progress),
      STATUS_LABELS[status.category].vi,
      checks.length > 0 ? checkScore(checks) : '',
      join(checks.filter((c) => !c.pass).map((c) => `${c.label}: ${c.reason}`)),
      join(t.evidence.map((e) => (e.url ? `${e.label} (${e.url})` : e.label))),
      t.difficulties,
      t.proposals,
      join(t.conclusions.map((n) => n.text)),
      t.completedAt ? formatDateVi(t.completedAt) : '',
      t.id,
    ];
  });
}
