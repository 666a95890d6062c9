import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/catalog';
import type { CommandContribution } from './commands';

/** Commands of the workbench itself (views add their own when they register). */
export const coreCommands: readonly CommandContribution[] = [
  {
    id: 'workbench.toggleSidebar',
    title: 'command.toggleSidebar',
    category: 'command.category.sidebar',
    browserShortcut: (ctx) =>
      ctx.browserShortcuts.find((s) => s.name === 'toggle-sidebar')?.shortcut || null,
    isEnabled: (ctx) => ctx.host.sidebar !== undefined,
    run: (ctx) => ctx.host.sidebar?.collapse(),
  },
  {
    id: 'sync.now',
    title: 'command.syncNow',
    category: 'command.category.sync',
    keybinding: { code: 'KeyS', alt: true, shift: true },
    when: 'user.signedIn',
    run: (ctx) => ctx.actions.syncNow(),
  },
  {
    id: 'sync.showStatus',
    title: 'command.syncStatus',
    category: 'command.category.sync',
    when: 'user.signedIn',
    run: (ctx) => ctx.workbench.openView('settings', 'settings.sync'),
  },
  {
    id: 'preferences.theme',
    title: 'command.theme',
    category: 'command.category.preferences',
    run: (ctx) => ({
      kind: 'pick',
      placeholder: ctx.i18n.t('command.theme.placeholder'),
      items: (['system', 'light', 'dark'] as const).map((theme) => ({
        id: theme,
        label: ctx.i18n.t(`settings.theme.${theme}`),
        current: ctx.preferences.theme === theme,
      })),
      onPick: (theme) =>
        ctx.actions.setPreferences({ theme: theme as 'system' | 'light' | 'dark' }),
    }),
  },
  {
    id: 'preferences.language',
    title: 'command.language',
    category: 'command.category.preferences',
    run: (ctx) => ({
      kind: 'pick',
      placeholder: ctx.i18n.t('command.language.placeholder'),
      items: [
        {
          id: 'system',
          label: ctx.i18n.t('settings.language.system'),
          current: ctx.preferences.language === 'system',
        },
        ...LANGUAGES.map((language) => ({
          id: language,
          label: LANGUAGE_NAMES[language],
          current: ctx.preferences.language === language,
        })),
      ],
      onPick: (language) =>
        ctx.actions.setPreferences({ language: language as 'system' | 'en' | 'id' }),
    }),
  },
  {
    id: 'account.signIn',
    title: 'command.signIn',
    category: 'command.category.account',
    when: '!user.signedIn',
    run: (ctx) => ctx.actions.openSignIn(),
  },
  {
    id: 'account.signOut',
    title: 'command.signOut',
    category: 'command.category.account',
    when: 'user.signedIn',
    run: (ctx) => ({
      kind: 'pick',
      placeholder: ctx.i18n.t('command.signOut.placeholder'),
      items: [
        { id: 'keep', label: ctx.i18n.t('command.signOut.keep') },
        {
          id: 'clear',
          label: ctx.i18n.t('command.signOut.clear'),
          detail: ctx.i18n.t('command.signOut.clearDetail'),
        },
      ],
      onPick: (choice) => ctx.actions.signOut({ clearLocalData: choice === 'clear' }),
    }),
  },
];
