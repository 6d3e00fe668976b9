// Builds the Hono app from injected deps (store, plugins, config); `index.ts` only wires the environment and serves it.
import { Hono } from 'hono';
import type { ApiError } from '@dondoc/shared';
import type { AppDeps, Services } from './deps.ts';
import { BoardPayloadCache } from './board-payload.ts';
import { makeErrorHandler } from './http/on-error.ts';
import { requestSizeLimit } from './http/body-limit.ts';
import { dotSegmentCheck, formCsrf, hostCheck, originCheck, securityHeaders } from './http/security.ts';
import { metaRoutes } from './routes/meta.ts';
import { boardRoutes } from './routes/boards.ts';
import { taskRoutes } from './routes/tasks.ts';
import { exportRoutes } from './routes/exports.ts';
import { boardImportRoutes, importPreviewRoutes } from './routes/import.ts';
import { backupRoutes } from './routes/backup.ts';
import { authRoutes } from './routes/auth.ts';
import { directoryRoutes, userRoutes } from './routes/users.ts';
import { auditRoutes } from './routes/audit.ts';
import { boardListEventRoutes, eventRoutes } from './routes/events.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { sessionMiddleware, type AuthEnv } from './auth/session.ts';
import { LoginLimiter } from './auth/rate-limit.ts';
import { pluginRoutes } from './routes/plugins.ts';
import { templateRoutes } from './routes/templates.ts';
import { webRoutes } from './routes/web.ts';
import { defaultHostWork } from './workers/host-work.ts';

export type { AppDeps, AppConfig } from './deps.ts';
export type { TemplateSummary } from './routes/templates.ts';
export type { Me } from './routes/auth.ts';
export type { TaskAnswer, TaskDetail, HistoryEntry } from './routes/tasks.ts';
export type { UserInfo } from './routes/users.ts';
export type { VerifyAnswer } from './routes/audit.ts';
export type { BoardChangeData, BoardCountsData } from './routes/events.ts';
export type { BoardDashboardAnswer, OverviewAnswer, ProvinceAnswer, BoardRollupRow, WorkItemRow } from './routes/dashboard.ts';

/** The API alone, chained so its type carries every route for `hc<AppType>`. */
function buildApi(s: Services) {
  return new Hono<AuthEnv>()
    .use('*', requestSizeLimit())
    .use('*', sessionMiddleware(s.repository, s.config.sessions, s.config.clock))
    .route('/', metaRoutes(s))
    .route('/auth', authRoutes(s))
    .route('/users', userRoutes(s))
    .route('/directory', directoryRoutes(s))
    .route('/audit', auditRoutes(s))
    .route('/boards', boardImportRoutes(s))
    .route('/boards', backupRoutes(s))
    .route('/boards', boardRoutes(s))
    .route('/boards', taskRoutes(s))
    .route('/boards', exportRoutes(s))
    .route('/boards', eventRoutes(s))
    .route('/boards', meetingRoutes(s))
    .route('/', dashboardRoutes(s))
    .route('/', boardListEventRoutes(s))
    .route('/plugins', pluginRoutes(s))
    .route('/templates', templateRoutes(s))
    .route('/import', importPreviewRoutes(s));
}

export function createApp(deps: AppDeps) {
  const s: Services = {
    ...deps,
    payloads: new BoardPayloadCache(deps.repository, deps.plugins),
    loginLimiter: deps.loginLimiter ?? new LoginLimiter(deps.config.loginLimits),
    work: deps.work ?? defaultHostWork(),
  };
  const api = buildApi(s);
  const allowed = deps.config.allowedHosts ?? [];
  // Headers first, so refusals carry them too; then a path that means what it says; then who may ask (Host), then who may change (Origin).
  const app = new Hono()
    .use('*', securityHeaders(deps.config.webDist))
    .use('*', dotSegmentCheck())
    .use('*', hostCheck(allowed))
    .use('*', originCheck(allowed))
    .use('*', formCsrf(allowed))
    .route('/api', api);
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
      const body: ApiError = { error: { code: 'not-found', message: `Không có đường dẫn API ${c.req.method} ${c.req.path}`, messageEn: `No API route ${c.req.method} ${c.req.path}` } };
      return c.json(body, 404);
    }
    return c.text('Not found', 404);
  });
  app.onError(makeErrorHandler(deps.config.logError, deps.config.logAborted));
  app.route('/', webRoutes(deps.config.webDist));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
