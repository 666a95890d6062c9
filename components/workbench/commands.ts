import type { BrowserShortcut, Preferences, WorkbenchActions } from '../data-contract/types';
import type { I18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/en';
import type { WorkbenchHost } from './WorkbenchHost';
import type { Keybinding } from './keybindings';
import type { WorkbenchController } from './WorkbenchState';
import type { ContextKeys } from './when-clause';

/** What a command can reach when it runs. */
export interface CommandContext {
  workbench: WorkbenchController;
  actions: WorkbenchActions;
  keys: ContextKeys;
  host: WorkbenchHost;
  i18n: I18n;
  preferences: Preferences;
  browserShortcuts: readonly BrowserShortcut[];
}

export interface QuickPickItem {
  id: string;
  label: string;
  detail?: string;
  /** Shown with a check mark: the current choice. */
  current?: boolean;
}

/** A second step a command asks for in the palette (like VS Code's quick input). */
export type QuickStep =
  | {
      kind: 'pick';
      placeholder: string;
      items: QuickPickItem[];
      onPick(id: string): void | Promise<void>;
    }
  | {
      kind: 'input';
      placeholder: string;
      /** Says what to type and what Enter does. */
      prompt: string;
      initial?: string;
      /** A translated reason the text cannot be used, or null when it can. */
      validate(text: string): string | null;
      onAccept(text: string): void | Promise<void>;
    };

export interface CommandContribution {
  /** Stable id: `sync.now`, `deal.whatIfAmount`. */
  id: string;
  title: MessageKey;
  category: MessageKey;
  keybinding?: Keybinding;
  /** Where the shortcut belongs to the browser (the commands API), the text it shows. */
  browserShortcut?: (ctx: CommandContext) => string | null;
  when?: string;
  /** Further conditions outside the context keys (e.g. the host can collapse the sidebar). */
  isEnabled?: (ctx: CommandContext) => boolean;
  run(ctx: CommandContext): void | Promise<void> | QuickStep;
}
