import { PREFERENCES_KEY } from '../../lib/messaging/overlay/hosts';
import { CRM_IDS, DEFAULT_PREFERENCES, type CrmKey, type Preferences } from '../data-contract/types';

/**
 * Where the preferences live in `browser.storage.local` (the same key the sidebar and the
 * content script read: nothing secret there). The content script reads only `enabledCrms`,
 * with `isCrmEnabled` (lib/messaging/overlay/hosts.ts), which must agree with this parser.
 */
export { PREFERENCES_KEY };

/** Stored preferences, with the defaults for anything missing or malformed. */
export function parsePreferences(value: unknown): Preferences {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const theme =
    v.theme === 'light' || v.theme === 'dark' || v.theme === 'system' ? v.theme : DEFAULT_PREFERENCES.theme;
  const language =
    v.language === 'en' || v.language === 'id' || v.language === 'system'
      ? v.language
      : DEFAULT_PREFERENCES.language;
  const enabledCrms = Array.isArray(v.enabledCrms)
    ? CRM_IDS.filter((crm: CrmKey) => (v.enabledCrms as unknown[]).includes(crm))
    : DEFAULT_PREFERENCES.enabledCrms;
  return { theme, language, enabledCrms };
}
