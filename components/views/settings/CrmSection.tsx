import { useId, useState, type FormEvent } from 'react';
import {
  CRM_FAMILIES,
  CRM_IDS,
  type AddHostResult,
  type CrmFamily,
  type CrmKey,
  type CustomHostEntry,
  type Preferences,
} from '../../data-contract/types';
import { useI18n } from '../../i18n/I18nProvider';
import { actionErrorText } from '../../shared/action-error';

/** Product names: not translated. */
export const CRM_NAMES: Readonly<Record<CrmKey, string>> = {
  'salesforce-lightning': 'Salesforce Lightning',
  'salesforce-classic': 'Salesforce Classic',
  hubspot: 'HubSpot',
  dynamics365: 'Dynamics 365',
  pipedrive: 'Pipedrive',
};

export const CRM_FAMILY_NAMES: Readonly<Record<CrmFamily, string>> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics365: 'Dynamics 365',
  pipedrive: 'Pipedrive',
};

/** `https://crm.acme.com/*` → `https://crm.acme.com` for display. */
function displayPattern(pattern: string): string {
  return pattern.replace(/\/\*$/, '');
}

export function CrmSection({
  preferences,
  hosts,
  onChange,
  onAddHost,
  onRemoveHost,
}: {
  preferences: Preferences;
  hosts: readonly CustomHostEntry[];
  onChange(patch: Partial<Preferences>): void;
  onAddHost(origin: string, crm: CrmFamily): Promise<AddHostResult>;
  onRemoveHost(pattern: string): Promise<void>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [host, setHost] = useState('');
  const [crm, setCrm] = useState<CrmFamily>('salesforce');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  function toggle(key: CrmKey, on: boolean) {
    const enabled = new Set(preferences.enabledCrms);
    if (on) enabled.add(key);
    else enabled.delete(key);
    onChange({ enabledCrms: CRM_IDS.filter((c) => enabled.has(c)) });
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (host.trim() === '') {
      setMessage({ text: t('settings.hostInvalid'), error: true });
      return;
    }
    try {
      // The permission prompt must be the first thing awaited after the click.
      const result = await onAddHost(host.trim(), crm);
      if (result === 'added') {
        setMessage({ text: t('settings.hostAdded', { host: host.trim() }), error: false });
        setHost('');
      } else {
        setMessage({
          text: t(result === 'denied' ? 'settings.hostDenied' : 'settings.hostInvalid'),
          error: true,
        });
      }
    } catch (e) {
      setMessage({ text: actionErrorText(e, t), error: true });
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('settings.crms')}
      </h2>
      <fieldset className="checkbox-group">
        <legend>{t('settings.enabledCrms')}</legend>
        {CRM_IDS.map((key) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={preferences.enabledCrms.includes(key)}
              onChange={(e) => toggle(key, e.target.checked)}
            />
            {CRM_NAMES[key]}
          </label>
        ))}
      </fieldset>
      <h3 className="subhead">{t('settings.addedHosts')}</h3>
      {hosts.length === 0 ? (
        <p className="muted">{t('settings.noHosts')}</p>
      ) : (
        <ul className="plain-list hosts">
          {hosts.map((h) => (
            <li key={h.pattern}>
              <span className="break">
                {displayPattern(h.pattern)}{' '}
                <span className="muted">({CRM_FAMILY_NAMES[h.crm]})</span>
              </span>
              <button
                type="button"
                className="button link"
                aria-label={t('settings.removeHost', { host: displayPattern(h.pattern) })}
                onClick={() =>
                  void onRemoveHost(h.pattern).catch((e: unknown) =>
                    setMessage({ text: actionErrorText(e, t), error: true }),
                  )
                }
              >
                {t('action.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="add-host" onSubmit={(e) => void add(e)}>
        <div className="field">
          <label htmlFor={`${id}-host`}>{t('settings.hostLabel')}</label>
          <input
            id={`${id}-host`}
            type="text"
            inputMode="url"
            placeholder={t('settings.hostPlaceholder')}
            value={host}
            aria-describedby={`${id}-host-hint`}
            onChange={(e) => setHost(e.target.value)}
          />
        </div>
        <div className="field-row">
          <label htmlFor={`${id}-crm`}>{t('settings.hostCrm')}</label>
          <select
            id={`${id}-crm`}
            value={crm}
            onChange={(e) => setCrm(e.target.value as CrmFamily)}
          >
            {CRM_FAMILIES.map((family) => (
              <option key={family} value={family}>
                {CRM_FAMILY_NAMES[family]}
              </option>
            ))}
          </select>
          <button type="submit" className="button secondary">
            {t('settings.addHost')}
          </button>
        </div>
      </form>
      <p
        id={`${id}-host-hint`}
        className={message?.error ? 'field-hint invalid' : 'field-hint'}
        role={message ? 'status' : undefined}
      >
        {message?.text ?? t('settings.hostHint')}
      </p>
    </section>
  );
}
