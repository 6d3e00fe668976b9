// `GET /api/plugins`: every plugin the host saw, loaded or not, with the reason when not.
import { Hono } from 'hono';
import type { PluginInfo } from '@dondoc/shared';
import type { Services } from '../deps.ts';

export const pluginRoutes = (s: Services) => new Hono().get('/', (c) => c.json<PluginInfo[]>(s.plugins.infos()));
