import { useI18n } from '../../i18n/I18nProvider';
import { Icon } from '../../workbench/icons';

/** Shown while signed out: what Attain does once signed in, and the way to sign in. */
export function SignInView({ onSignIn, expired }: { onSignIn(): void; expired: boolean }) {
  const { t } = useI18n();
  return (
    <div className="sign-in">
      <p className="sign-in-title">{expired ? t('signIn.expired') : t('signIn.title')}</p>
      <p>{t('signIn.body')}</p>
      <button type="button" className="button" onClick={onSignIn}>
        <Icon name="signIn" /> {t('signIn.action')}
      </button>
      <p className="muted">{t('signIn.help')}</p>
    </div>
  );
}
