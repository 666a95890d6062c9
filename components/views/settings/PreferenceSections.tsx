import { useId } from 'react';
import type { Preferences } from '../../data-contract/types';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import type { SidebarLayout } from '../../workbench/WorkbenchHost';

type Update = (patch: Partial<Preferences>) => void;

export function AppearanceSection({
  preferences,
  onChange,
}: {
  preferences: Preferences;
  onChange: Update;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('settings.appearance')}
      </h2>
      <fieldset className="radio-group">
        <legend>{t('settings.theme')}</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name={`${id}-theme`}
              value={theme}
              checked={preferences.theme === theme}
              onChange={() => onChange({ theme })}
            />
            {t(`settings.theme.${theme}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('settings.language')}</label>
        <select
          id={`${id}-lang`}
          value={preferences.language}
          onChange={(e) => onChange({ language: e.target.value as Preferences['language'] })}
        >
          <option value="system">{t('settings.language.system')}</option>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

export function SidebarSection({ sidebar }: { sidebar: SidebarLayout | null }) {
  const { t, f } = useI18n();
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('settings.sidebar')}
      </h2>
      {sidebar ? (
        <>
          <p className="muted">{t('settings.sidebarPerSite')}</p>
          <fieldset className="radio-group">
            <legend>{t('settings.side')}</legend>
            {(['right', 'left'] as const).map((side) => (
              <label key={side}>
                <input
                  type="radio"
                  name={`${id}-side`}
                  value={side}
                  checked={sidebar.side === side}
                  onChange={() => sidebar.dock(side)}
                />
                {t(`settings.side.${side}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-width`}>{t('settings.width')}</label>
            <div className="input-row">
              <input
                id={`${id}-width`}
                type="range"
                min={sidebar.minWidth}
                max={sidebar.maxWidth}
                step={10}
                value={sidebar.width}
                aria-valuetext={t('settings.widthValue', { width: f.number(sidebar.width, 0) })}
                onChange={(e) => sidebar.resize(Number(e.target.value))}
              />
              <output htmlFor={`${id}-width`}>
                {t('settings.widthValue', { width: f.number(sidebar.width, 0) })}
              </output>
            </div>
          </div>
        </>
      ) : (
        <p className="muted">{t('settings.sidebarElsewhere')}</p>
      )}
    </section>
  );
}
