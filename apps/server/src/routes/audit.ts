// The audit trail over HTTP: verify the chain (optionally against a checkpoint someone kept), get a
// signed checkpoint, and export the whole log (administrators).
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { Services } from '../deps.ts';
import { jsonBody } from '../http/api-error.ts';
import type { AuthEnv } from '../auth/session.ts';
import { globalAccess, requireCan, signedIn } from '../auth/access.ts';
import { checkpointSigned, type Checkpoint, type VerifyResult } from '../store/audit-log.ts';
import { contentDisposition } from './exports.ts';

export const CheckpointBody = z
  .object({ entries: z.number().int().nonnegative(), head: z.string().regex(/^[0-9a-f]{64}$/), at: z.string().max(100), publicKey: z.string().max(200), signature: z.string().max(200) })
  .strict();

/** `POST /api/audit/verify`: the checkpoint to verify against. */
export const VerifyRequest = z.object({ checkpoint: CheckpointBody }).strict();

export interface VerifyAnswer extends VerifyResult {
  /** Set when a checkpoint was given: whether its signature is the server's. */
  checkpointSigned?: boolean;
}

export const auditRoutes = (s: Services) =>
  new Hono<AuthEnv>()
    .get('/verify', async (c) => {
      requireCan(globalAccess(c), 'read', 'Audit');
      return c.json<VerifyAnswer>(await s.repository.audit.verify());
    })
    .post('/verify', jsonBody(VerifyRequest), async (c) => {
      requireCan(globalAccess(c), 'read', 'Audit');
      const { checkpoint } = c.req.valid('json');
      const result = await s.repository.audit.verify(checkpoint);
      return c.json<VerifyAnswer>({ ...result, checkpointSigned: checkpointSigned(checkpoint, s.repository.audit.publicKey) });
    })
    .get('/checkpoint', async (c) => {
      signedIn(c);
      return c.json<Checkpoint>(await s.repository.audit.checkpoint());
    })
    .get('/export', async (c) => {
      requireCan(globalAccess(c), 'manage', 'Audit');
      // Both taken in one tick, so the signed checkpoint covers exactly the exported entries.
      const lines = s.repository.audit.lines();
      const checkpoint = await s.repository.audit.checkpoint();
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
      c.header('Content-Disposition', contentDisposition(`dondoc-audit-${checkpoint.at.slice(0, 10)}-${checkpoint.entries}.jsonl`));
      c.header('X-Dondoc-Checkpoint', JSON.stringify(checkpoint));
      c.header('Cache-Control', 'no-store');
      return stream(c, async (out) => {
        for await (const line of lines) await out.write(`${line}\n`);
      });
    });
