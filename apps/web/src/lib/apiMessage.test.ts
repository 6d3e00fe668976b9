// @vitest-environment happy-dom
// A refusal in the page's language: ApiRequestError takes the server's English words when the page is
// in English, and every message helper reads it from there.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { apiMessage } from './apiMessage.ts';

const refusal = { error: { code: 'forbidden' as const, message: 'Bạn không có quyền xuất tài liệu', messageEn: 'You may not export' } };

describe('apiMessage', () => {
  afterEach(() => {
    document.documentElement.lang = 'vi';
  });

  it("gives the server's words in the page's language, the status without a body, and the network otherwise", () => {
    document.documentElement.lang = 'vi';
    expect(apiMessage(new ApiRequestError(403, refusal))).toBe('Bạn không có quyền xuất tài liệu');
    document.documentElement.lang = 'en';
    expect(apiMessage(new ApiRequestError(403, refusal))).toBe('You may not export');
    expect(apiMessage(new ApiRequestError(400, { error: { code: 'bad-request', message: 'Chỉ tiếng Việt' } }))).toBe('Chỉ tiếng Việt');
    expect(apiMessage(new ApiRequestError(503, null))).toBe('HTTP 503');
    expect(apiMessage(new TypeError('fetch failed'))).not.toBe('fetch failed');
  });
});
