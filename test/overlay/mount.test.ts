// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountOverlay, type OverlayFrame } from '../../entrypoints/crm.content/overlay-frame';
import { createStatusPill } from '../../entrypoints/crm.content/status-pill';
import { DEFAULT_LAYOUT } from '../../lib/messaging/overlay/layout';

const SRC = 'chrome-extension://test-extension-id/sidebar.html';
let frame: OverlayFrame | undefined;
const controller = new AbortController();

afterEach(() => {
  frame?.destroy();
  frame = undefined;
});

function mount(overrides: Partial<Parameters<typeof mountOverlay>[1]> = {}) {
  const onToggle = vi.fn();
  const onResize = vi.fn();
  frame = mountOverlay(document, {
    src: SRC,
    layout: DEFAULT_LAYOUT,
    onToggle,
    onResize,
    ...overrides,
  });
  return { frame, onToggle, onResize };
}

function pointer(type: string, clientX: number, button = 0): Event {
  const event = new MouseEvent(type, { clientX, button, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'pointerId', { value: 1 });
  return event;
}

describe('the overlay mount', () => {
  it('sits in a closed shadow root on the document element, out of the page’s reach', () => {
    const { frame } = mount();
    expect(frame.host.parentNode).toBe(document.documentElement);
    expect(frame.host.shadowRoot).toBeNull();
    expect(frame.host.childNodes).toHaveLength(0);
    expect(document.querySelector('iframe')).toBeNull();
    expect(document.querySelectorAll('*')).not.toContain(frame.iframe);
    expect(frame.iframe.src).toBe(SRC);
    expect(frame.iframe.title).toBe('Attain');
    expect(() => frame.host.attachShadow({ mode: 'open' })).toThrow();
  });

  it('docks right by default and left when asked', () => {
    const { frame } = mount();
    expect(frame.panel.style.right).toBe('0px');
    expect(frame.panel.style.left).toBe('auto');
    expect(frame.panel.style.width).toBe('380px');
    expect(frame.tab.style.right).toBe('380px');
    frame.apply({ collapsed: false, width: 420, side: 'left' });
    expect(frame.panel.style.left).toBe('0px');
    expect(frame.panel.style.right).toBe('auto');
    expect(frame.panel.style.flexDirection).toBe('row-reverse');
    expect(frame.tab.style.left).toBe('420px');
  });

  it('collapses to its tab without unloading the sidebar', () => {
    const { frame, onToggle } = mount();
    frame.apply({ ...DEFAULT_LAYOUT, collapsed: true });
    expect(frame.panel.style.visibility).toBe('hidden');
    expect(frame.iframe.isConnected).toBe(true);
    expect(frame.tab.style.right).toBe('0px');
    expect(frame.tab.getAttribute('aria-expanded')).toBe('false');
    expect(frame.tab.getAttribute('aria-label')).toBe('Show the Attain sidebar');
    frame.tab.click();
    expect(onToggle).toHaveBeenCalledOnce();
    frame.apply(DEFAULT_LAYOUT);
    expect(frame.panel.style.visibility).toBe('');
    expect(frame.tab.getAttribute('aria-expanded')).toBe('true');
  });

  it('resizes by dragging the handle, reporting the end of the gesture', () => {
    const { frame, onResize } = mount();
    const width = window.innerWidth;
    frame.handle.dispatchEvent(pointer('pointerdown', width - 380));
    expect(frame.iframe.style.pointerEvents).toBe('none');
    frame.handle.dispatchEvent(pointer('pointermove', width - 450));
    frame.handle.dispatchEvent(pointer('pointerup', width - 500));
    expect(onResize.mock.calls).toEqual([
      [450, false],
      [500, true],
    ]);
    expect(frame.iframe.style.pointerEvents).toBe('');
    frame.handle.dispatchEvent(pointer('pointermove', width - 600));
    expect(onResize).toHaveBeenCalledTimes(2); // the gesture is over
    frame.handle.dispatchEvent(pointer('pointerdown', 10, 2));
    frame.handle.dispatchEvent(pointer('pointermove', 10));
    expect(onResize).toHaveBeenCalledTimes(2); // right button: no drag
  });

  it('measures drags from the left edge when docked left', () => {
    const { frame, onResize } = mount({ layout: { ...DEFAULT_LAYOUT, side: 'left' } });
    frame.handle.dispatchEvent(pointer('pointerdown', 380));
    frame.handle.dispatchEvent(pointer('pointerup', 520));
    expect(onResize).toHaveBeenLastCalledWith(520, true);
  });

  it('resizes from the keyboard on the handle', () => {
    const { frame, onResize } = mount();
    expect(frame.handle.getAttribute('role')).toBe('separator');
    frame.handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    frame.handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true }));
    frame.handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(onResize.mock.calls).toEqual([
      [396, true],
      [316, true],
    ]);
  });

  it('is removed by destroy', () => {
    const { frame } = mount();
    frame.destroy();
    expect(frame.host.isConnected).toBe(false);
  });
});

describe('the status pill', () => {
  const record = (amount: number | null, recordId = '006Dn000004PqRsIAK') => ({
    crm: 'salesforce-lightning' as const,
    objectType: 'Opportunity',
    recordId,
    mode: 'edit' as const,
    fields: {
      amount,
      currencyIsoCode: null,
      stage: null,
      closeDate: null,
      probability: null,
      ownerName: null,
      accountName: null,
      recordName: null,
    },
  });

  it('shows the estimate as text the page cannot read', () => {
    const { frame } = mount();
    const pill = createStatusPill(document, frame, controller.signal);
    pill.setRecord(record(1000), null);
    pill.setEstimate({ text: '<b>Pays</b> $9,150', tone: 'positive' });
    expect(pill.element.textContent).toBe('<b>Pays</b> $9,150');
    expect(pill.element.children).toHaveLength(0);
    expect(pill.element.hidden).toBe(false);
    expect(pill.element.className).toContain('positive');
    expect(document.documentElement.textContent).not.toContain('9,150');
    expect(document.body.innerText ?? '').not.toContain('9,150');
    expect(frame.host.textContent).toBe('');
    expect(frame.tab.contains(pill.element)).toBe(true);
  });

  it('hides when the page shows no deal, or the estimate is cleared', () => {
    const { frame } = mount();
    const pill = createStatusPill(document, frame, controller.signal);
    pill.setEstimate({ text: 'Pays $1', tone: 'neutral' });
    expect(pill.element.hidden).toBe(true); // no record yet
    pill.setRecord(record(5), null);
    expect(pill.element.hidden).toBe(false);
    pill.setRecord(null, record(5));
    expect(pill.element.hidden).toBe(true);
    pill.setRecord(record(5), null);
    pill.setEstimate(null);
    expect(pill.element.hidden).toBe(true);
    expect(pill.element.textContent).toBe('');
  });

  it('floats beside the input the rep typed the amount in, and docks back on another record', () => {
    const { frame } = mount();
    const input = document.createElement('input');
    document.body.append(input);
    const pill = createStatusPill(document, frame, controller.signal);
    pill.setRecord(record(100), null);
    pill.setEstimate({ text: 'Pays $5', tone: 'neutral' });
    input.dispatchEvent(new Event('input', { bubbles: true }));
    pill.setRecord(record(1000), record(100));
    expect(pill.element.parentNode).toBe(frame.root);
    expect(pill.element.className).toContain(' f');
    pill.setRecord(record(1000, '006Dn000005GgHhIAK'), record(1000));
    expect(frame.tab.contains(pill.element)).toBe(true);
    input.remove();
  });

  it('sets its text at once but measures the anchor in a frame, only when the anchor moved', () => {
    const { frame } = mount();
    const frames: FrameRequestCallback[] = [];
    const raf = vi
      .spyOn(window, 'requestAnimationFrame')
      .mockImplementation((callback) => frames.push(callback));
    const runFrames = () => frames.splice(0).forEach((callback) => callback(0));
    const input = document.createElement('input');
    document.body.append(input);
    const measure = vi.spyOn(input, 'getBoundingClientRect');
    const local = new AbortController();
    const pill = createStatusPill(document, frame, local.signal);
    pill.setRecord(record(100), null);
    pill.setEstimate({ text: 'Pays $5', tone: 'neutral' });
    input.dispatchEvent(new Event('input', { bubbles: true }));
    pill.setRecord(record(1000), record(100));
    expect(measure).not.toHaveBeenCalled();
    runFrames();
    expect(measure).toHaveBeenCalledTimes(1);
    for (const [amount, pays] of [
      [10000, 'Pays $50'],
      [100000, 'Pays $500'],
    ] as const) {
      input.dispatchEvent(new Event('input', { bubbles: true }));
      pill.setRecord(record(amount), record(amount / 10));
      pill.setEstimate({ text: pays, tone: 'positive' });
      expect(pill.element.textContent).toBe(pays);
      runFrames();
    }
    expect(measure).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('scroll'));
    runFrames();
    expect(measure).toHaveBeenCalledTimes(2);
    local.abort();
    raf.mockRestore();
    input.remove();
  });
});
