import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { Shortcut } from '../../workbench/CommandPalette';
import type { ShortcutRow } from '../../workbench/shortcuts';

export function ShortcutsSection({
  rows,
  onChangeBrowserShortcuts,
}: {
  rows: readonly ShortcutRow[];
  onChangeBrowserShortcuts(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('settings.shortcuts')}
      </h2>
      <table className="data-table shortcuts">
        <caption className="visually-hidden">{t('settings.shortcuts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.command')}</th>
            <th scope="col">{t('settings.keys')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              <td>
                {row.keys.length > 0 ? (
                  <Shortcut keys={row.keys} />
                ) : (
                  <span className="muted">{t('settings.unassigned')}</span>
                )}
                {row.browser ? (
                  <span className="muted"> {t('settings.browserShortcut')}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button link" onClick={onChangeBrowserShortcuts}>
        {t('settings.changeBrowserShortcuts')}
      </button>
    </section>
  );
}
