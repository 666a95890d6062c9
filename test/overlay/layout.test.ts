import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  clampWidth,
  layoutKey,
  parseLayout,
} from '../../lib/messaging/overlay/layout';

describe('overlay layout', () => {
  it('is keyed by host, port included', () => {
    expect(layoutKey('Acme.lightning.force.com')).toBe('overlay:layout:acme.lightning.force.com');
    expect(layoutKey('localhost:5174')).toBe('overlay:layout:localhost:5174');
  });

  it('reads a stored layout and defaults what is missing or malformed', () => {
    expect(parseLayout(undefined)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('collapsed')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout({ collapsed: true, width: 500, side: 'left' })).toEqual({
      collapsed: true,
      width: 500,
      side: 'left',
    });
    expect(parseLayout({ collapsed: 'yes', width: '500', side: 'top' })).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout({ width: 5 }).width).toBe(280);
    expect(parseLayout({ width: 99_999 }).width).toBe(960);
    expect(parseLayout({ width: Number.NaN }).width).toBe(DEFAULT_LAYOUT.width);
  });

  it('clamps widths to the allowed range and the window', () => {
    expect(clampWidth(400)).toBe(400);
    expect(clampWidth(400.6)).toBe(401);
    expect(clampWidth(100)).toBe(280);
    expect(clampWidth(2000)).toBe(960);
    expect(clampWidth(900, 800)).toBe(680);
    expect(clampWidth(900, 300)).toBe(280); // a tiny window still gets the minimum
  });
});
