// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { overlayLifetime } from '../../entrypoints/crm.content/lifetime';

const STARTED = 'abcdefghijklmnopabcdefghijklmnop:crm:wxt:content-script-started';

/** WXT's content-script context as far as the overlay uses it: invalidated once. */
function fakeContext() {
  const controller = new AbortController();
  return {
    onInvalidated(callback: () => void) {
      controller.signal.addEventListener('abort', callback);
      return () => controller.signal.removeEventListener('abort', callback);
    },
    invalidate: () => controller.abort(),
  };
}

function started() {
  return new CustomEvent(STARTED, { detail: { contentScriptName: 'crm', messageId: 'x' } });
}

describe('overlayLifetime', () => {
  it('ignores an invalidation while the extension is alive (the page can send the event)', () => {
    const ctx = fakeContext();
    const signal = overlayLifetime({
      doc: document,
      ctx,
      scriptStartedEvent: STARTED,
      extensionId: () => 'abcdefghijklmnopabcdefghijklmnop',
    });
    document.dispatchEvent(started());
    ctx.invalidate();
    document.dispatchEvent(started());
    expect(signal.aborted).toBe(false);
  });

  it('stops when a newer script starts after the extension was updated or reloaded', () => {
    const ctx = fakeContext();
    let id: string | undefined = 'abcdefghijklmnopabcdefghijklmnop';
    const signal = overlayLifetime({
      doc: document,
      ctx,
      scriptStartedEvent: STARTED,
      extensionId: () => id,
    });
    // A forged start first: WXT's context is spent, the overlay lives on.
    ctx.invalidate();
    expect(signal.aborted).toBe(false);
    // Then the extension really goes away and its new copy starts.
    id = undefined;
    document.dispatchEvent(started());
    expect(signal.aborted).toBe(true);
  });

  it('stops when WXT invalidates the context of an orphaned script', () => {
    const ctx = fakeContext();
    const signal = overlayLifetime({
      doc: document,
      ctx,
      scriptStartedEvent: STARTED,
      extensionId: () => undefined,
    });
    expect(signal.aborted).toBe(false);
    ctx.invalidate();
    expect(signal.aborted).toBe(true);
  });
});
