// `GET /api/templates`: the board templates of every loaded plugin, addressed `plugin:templateId`.
import { Hono } from 'hono';
import type { Services } from '../deps.ts';
import type { AuthEnv } from '../auth/session.ts';
import { signedIn } from '../auth/access.ts';

export interface TemplateSummary {
  /** `plugin:templateId`, what `POST /api/boards` takes as `template`. */
  id: string;
  plugin: string;
  label: string;
  /** API 1.5: the label in English, when the plugin gives one. */
  labelEn?: string;
  description?: string;
  descriptionEn?: string;
  /** The plan's title, which a new board takes unless given one. */
  title: string;
  taskCount: number;
  roVariant: string;
}

export const templateRoutes = (s: Services) =>
  new Hono<AuthEnv>().get('/', (c) => {
    signedIn(c);
    return c.json<TemplateSummary[]>(
      s.plugins.all('templates').map(({ address, plugin, contribution: t }) => ({
        id: address,
        plugin: plugin.id,
        label: t.label,
        ...(t.labelEn ? { labelEn: t.labelEn } : {}),
        ...(t.description ? { description: t.description } : {}),
        ...(t.descriptionEn ? { descriptionEn: t.descriptionEn } : {}),
        title: t.plan.title,
        taskCount: t.plan.tasks.length,
        roVariant: t.plan.roVariant,
      })),
    );
  });
