// The demo board: an empty store starts with the Lào Cai Q4/2025 plan, so a first run shows real work.
import type { Board } from '@dondoc/shared';
import { createBoardFromTemplate } from './board-templates.ts';
import { BoardPayloadCache } from './board-payload.ts';
import type { AppDeps } from './deps.ts';
import { defaultHostWork } from './workers/host-work.ts';

export const DEMO_TEMPLATE = 'template-lao-cai:q4-2025';
export const DEMO_CHECKLIST = 'checklist-5ro:5ro';

/** Creates the demo board when the store has no board; says why not when the template is missing. */
export async function ensureDemoBoard(deps: AppDeps, log: (line: string) => void = console.log): Promise<Board | undefined> {
  if (deps.repository.listBoards().length > 0) return undefined;
  if (!deps.plugins.template(DEMO_TEMPLATE)) {
    log(`[dondoc] Không tạo bảng mẫu: chưa nạp mẫu ${DEMO_TEMPLATE} / demo board skipped: template ${DEMO_TEMPLATE} not loaded`);
    return undefined;
  }
  const services = { ...deps, payloads: new BoardPayloadCache(deps.repository, deps.plugins), work: deps.work ?? defaultHostWork() };
  const checklist = deps.plugins.checklist(DEMO_CHECKLIST) ? DEMO_CHECKLIST : undefined;
  const board = await createBoardFromTemplate(services, { template: DEMO_TEMPLATE, ...(checklist ? { checklist } : {}) });
  log(`[dondoc] Đã tạo bảng mẫu "${board.title}" / created demo board (${board.id})`);
  return board;
}
