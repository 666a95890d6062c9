import { useEffect, useState } from 'react';
import type { ThemePreference } from '../data-contract/types';

export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** The theme in force: the preference, or the system's (followed live when it changes). */
export function useResolvedTheme(preference: ThemePreference): Theme {
  const [system, setSystem] = useState<Theme>(systemTheme);
  useEffect(() => {
    if (preference !== 'system' || typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK_QUERY);
    const update = () => setSystem(query.matches ? 'dark' : 'light');
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [preference]);
  return preference === 'system' ? system : preference;
}

/**
 * Applies a theme to a document: `data-theme` picks the CSS variables of theme.css and
 * `color-scheme` gives native controls and scrollbars the matching look.
 */
export function useDocumentTheme(theme: Theme, root: HTMLElement | null): void {
  useEffect(() => {
    if (!root) return;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }, [theme, root]);
}
