/**
 * The overlay channel, opened as soon as its module has evaluated (main.tsx imports it right
 * after boot.ts): the content script's answer, which the sidebar waits for before it shows any
 * data, is on its way while React and the views evaluate.
 */
import { browser } from 'wxt/browser';
import type { SidebarPortApi } from '../../lib/messaging/overlay/sidebar-port';
import { startOverlay } from './overlay';

export const overlay = startOverlay(browser as unknown as SidebarPortApi);
