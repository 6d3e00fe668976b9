// The error handler: a store that stopped taking writes answers 503 with its own words, anything unexpected a 500 without a stack.
import { expect, it } from 'vitest';
import { Hono } from 'hono';
import type { ApiError } from '@dondoc/shared';
import { makeErrorHandler } from './on-error.ts';
import { StoreFailedError } from '../store/errors.ts';

const appThrowing = (err: Error, logged: unknown[]) => {
  const app = new Hono();
  app.post('/w', () => {
    throw err;
  });
  app.onError(makeErrorHandler((_m, e) => logged.push(e)));
  return app;
};

it('a failed store answers 503 with its Vietnamese and English message', async () => {
  const logged: unknown[] = [];
  const res = await appThrowing(new StoreFailedError('dondoc.journal', new Error('EIO')), logged).request('/w', { method: 'POST' });
  expect(res.status).toBe(503);
  const { error } = (await res.json()) as ApiError;
  expect(error.message).toMatch(/^Không ghi được nhật ký dondoc.journal \(EIO\)/);
  expect(error.messageEn).toMatch(/refuses further changes/);
  expect(logged).toHaveLength(1);
});

it('anything unexpected is a logged 500 with no stack in the body', async () => {
  const logged: unknown[] = [];
  const res = await appThrowing(new Error('secret detail'), logged).request('/w', { method: 'POST' });
  expect(res.status).toBe(500);
  expect(await res.text()).not.toContain('secret detail');
  expect(logged).toHaveLength(1);
});
