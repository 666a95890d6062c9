import { parseLocaleNumber } from '../../i18n/parse-number';
import { registerView } from '../../workbench/ViewRegistry';
import { DealContainer } from './DealContainer';
import { DealEstimateStatusItem } from './DealEstimateStatusItem';

registerView({
  id: 'deal',
  title: 'view.deal.title',
  icon: 'deal',
  order: 20,
  keyDigit: 2,
  when: 'user.signedIn && record.isDeal',
  component: DealContainer,
  statusItem: DealEstimateStatusItem,
  commands: [
    {
      id: 'deal.whatIfAmount',
      title: 'command.whatIfAmount',
      category: 'command.category.whatIf',
      keybinding: { code: 'KeyW', alt: true, shift: true },
      when: 'user.signedIn && record.isDeal',
      run: (ctx) => {
        const { t, locale } = ctx.i18n;
        const record = ctx.host.record;
        if (!record) return;
        return {
          kind: 'input',
          placeholder: t('command.whatIfAmount.placeholder'),
          prompt: t('command.whatIfAmount.prompt'),
          validate: (text) =>
            parseLocaleNumber(text, locale) === null ? t('deal.whatIf.invalid') : null,
          onAccept: (text) => {
            ctx.workbench.setWhatIf(record.recordId, parseLocaleNumber(text, locale));
            ctx.workbench.openView('deal', 'deal.whatIf');
          },
        };
      },
    },
    {
      id: 'deal.whatIfReset',
      title: 'command.whatIfReset',
      category: 'command.category.whatIf',
      when: 'user.signedIn && record.isDeal',
      run: (ctx) => {
        const record = ctx.host.record;
        if (record) ctx.workbench.setWhatIf(record.recordId, null);
        ctx.workbench.openView('deal', 'deal.whatIf');
      },
    },
  ],
});
