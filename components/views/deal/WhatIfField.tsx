import { useEffect, useId, useState, type Ref } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { parseLocaleNumber } from '../../i18n/parse-number';

/**
 * An amount to try instead of the page's, read in the user's locale on every keystroke.
 * It stays in the sidebar: nothing is written to the CRM.
 */
export function WhatIfField({
  amount,
  currency,
  onChange,
  inputRef,
}: {
  amount: number | null;
  currency: string;
  onChange(amount: number | null): void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t, f, locale } = useI18n();
  const id = useId();
  const [text, setText] = useState(() => (amount === null ? '' : f.number(amount, 2)));
  const [invalid, setInvalid] = useState(false);

  // Cleared from elsewhere (a command): clear the field too.
  useEffect(() => {
    if (amount === null) {
      setText((current) => (parseLocaleNumber(current, locale) === null ? current : ''));
    }
  }, [amount, locale]);

  function update(value: string) {
    setText(value);
    if (value.trim() === '') {
      setInvalid(false);
      onChange(null);
      return;
    }
    const parsed = parseLocaleNumber(value, locale);
    setInvalid(parsed === null);
    if (parsed !== null) onChange(parsed);
  }

  return (
    <div className="what-if">
      <label htmlFor={id}>{t('deal.whatIf.label', { currency })}</label>
      <div className="input-row">
        <input
          id={id}
          ref={inputRef}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder={t('deal.whatIf.placeholder', { example: f.number(125000, 2) })}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && text !== '') {
              e.preventDefault();
              update('');
            }
          }}
        />
        {text !== '' ? (
          <button type="button" className="button secondary" onClick={() => update('')}>
            {t('deal.whatIf.reset')}
          </button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className={invalid ? 'field-hint invalid' : 'field-hint'}>
        {invalid ? t('deal.whatIf.invalid') : t('deal.whatIf.hint')}
      </p>
    </div>
  );
}
