import type { BrowserShortcut } from '../data-contract/types';
import type { Translate } from '../i18n/I18nProvider';
import { coreCommands } from './core-commands';
import { keybindingParts, type Keybinding, type Platform } from './keybindings';
import type { ViewRegistry } from './ViewRegistry';

export const PALETTE_KEYBINDING: Keybinding = { code: 'KeyK', mod: true };

/** Alt+digit opens a view (its `keyDigit`). */
export function viewKeybinding(view: { keyDigit?: number }): Keybinding | undefined {
  return view.keyDigit === undefined ? undefined : { code: `Digit${view.keyDigit}`, alt: true };
}

export interface ShortcutRow {
  id: string;
  label: string;
  keys: string[];
  /** Set by the browser (the commands API): changed in the browser's settings. */
  browser: boolean;
}

/** Every shortcut of the sidebar and the browser-level ones, for the Settings view. */
export function listShortcuts(
  registry: ViewRegistry,
  platform: Platform,
  t: Translate,
  browserShortcuts: readonly BrowserShortcut[],
): ShortcutRow[] {
  const rows: ShortcutRow[] = [
    {
      id: 'palette',
      label: t('palette.label'),
      keys: keybindingParts(PALETTE_KEYBINDING, platform),
      browser: false,
    },
  ];
  const toggle = browserShortcuts.find((s) => s.name === 'toggle-sidebar');
  rows.push({
    id: 'workbench.toggleSidebar',
    label: `${t('command.category.sidebar')}: ${t('command.toggleSidebar')}`,
    keys: toggle?.shortcut ? toggle.shortcut.split('+') : [],
    browser: true,
  });
  for (const c of [...coreCommands, ...registry.commands()]) {
    if (!c.keybinding) continue;
    rows.push({
      id: c.id,
      label: `${t(c.category)}: ${t(c.title)}`,
      keys: keybindingParts(c.keybinding, platform),
      browser: false,
    });
  }
  registry.all().forEach((view) => {
    const binding = viewKeybinding(view);
    if (!binding) return;
    rows.push({
      id: `view.open.${view.id}`,
      label: `${t('command.category.openView')}: ${t(view.title)}`,
      keys: keybindingParts(binding, platform),
      browser: false,
    });
  });
  return rows;
}
