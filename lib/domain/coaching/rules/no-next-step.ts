import { dealLabel } from '../format';
import { arg, message } from '../messages';
import type { DealRule } from '../types';

/** An open deal with no next step written down (missing, empty or only spaces). */
export const noNextStep: DealRule = {
  id: 'no-next-step',
  name: 'No next step',
  severity: 'warn',
  scope: 'deal',
  evaluate({ deal }) {
    if (deal.nextStep !== undefined && deal.nextStep.trim() !== '') return null;
    return {
      title: 'No next step',
      detail:
        `${dealLabel(deal.name)} has no next step. ` +
        'Write down the next action, who does it and by when, so the deal keeps moving.',
      message: {
        title: message('no-next-step.title'),
        detail: message('no-next-step.detail', { deal: arg.deal(deal.name) }),
      },
    };
  },
};
