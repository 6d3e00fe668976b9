// Health and client configuration: the two things the web app asks before anything else.
import { Hono } from 'hono';
import { PLUGIN_API_VERSION } from '@dondoc/shared';
import type { Services } from '../deps.ts';

export const metaRoutes = (s: Services) =>
  new Hono()
    .get('/health', (c) => c.json({ ok: true as const }))
    .get('/config', (c) => c.json({ today: s.config.today(), pluginApi: PLUGIN_API_VERSION }));
