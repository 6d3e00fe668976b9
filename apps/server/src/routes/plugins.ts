// `GET /api/plugins`: every plugin the host saw, loaded or not, with the reason when not.
import { Hono } from 'hono';
import type { PluginInfo } from '@dondoc/shared';
import type { Services } from '../deps.ts';
import type { AuthEnv } from '../auth/session.ts';
import { signedIn } from '../auth/access.ts';

export const pluginRoutes = (s: Services) =>
  new Hono<AuthEnv>().get('/', (c) => {
    signedIn(c);
    return c.json<PluginInfo[]>(s.plugins.infos());
  });
