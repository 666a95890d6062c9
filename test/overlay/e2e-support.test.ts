import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumOrSkip } from '../e2e/support/chromium';

const MISSING = ['/nonexistent/chromium'];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the e2e launcher without a browser', () => {
  it('fails on CI', () => {
    vi.stubEnv('CI', 'true');
    expect(() => chromiumOrSkip('overlay e2e', MISSING)).toThrow(/no Chromium/);
  });

  it('skips loudly elsewhere', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(chromiumOrSkip('overlay e2e', MISSING)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPED overlay e2e'));
  });
});
