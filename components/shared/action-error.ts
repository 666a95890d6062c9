import type { Translate } from '../i18n/I18nProvider';

/**
 * Words for a failed local write. The data layer throws `StorageFullError` (code
 * `storage_full`) and `LocalWriteError` (codes below); anything else keeps its message.
 */
export function actionErrorText(error: unknown, t: Translate): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'storage_full':
      return t('error.storageFull');
    case 'signed_out':
      return t('error.signedOut');
    case 'forbidden':
      return t('error.forbidden');
    case 'not_found':
      return t('error.notFound');
    case 'unchanged':
      return t('error.unchanged');
  }
  const message = error instanceof Error ? error.message : String(error);
  return t('error.generic', { why: message });
}
