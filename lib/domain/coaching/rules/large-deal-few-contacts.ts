import { dealLabel, money } from '../format';
import { arg, message } from '../messages';
import type { DealRule } from '../types';

/**
 * A large deal resting on too few people: amount ≥ `largeDealAmount` (default 50,000) and
 * contactCount ≤ `largeDealMaxContacts` (default 1). Both bounds are inclusive: exactly
 * 50,000 with one contact is flagged; 49,999.99, or two contacts, is not.
 *
 * The amount threshold is in plan currency: a deal in another currency is converted
 * (`amountInPlanCurrency`), and one that cannot be converted is not flagged, rather than
 * compared in the wrong currency. A deal whose CRM does not report contacts is not flagged.
 */
export const largeDealFewContacts: DealRule = {
  id: 'large-deal-few-contacts',
  name: 'Large deal with few contacts',
  severity: 'warn',
  scope: 'deal',
  evaluate({ deal, thresholds, amountInPlanCurrency }) {
    const contacts = deal.contactCount;
    if (contacts === undefined || contacts > thresholds.largeDealMaxContacts) return null;
    if (amountInPlanCurrency === null || amountInPlanCurrency < thresholds.largeDealAmount) {
      return null;
    }
    const who =
      contacts === 0 ? 'no contacts' : contacts === 1 ? 'one contact' : `${contacts} contacts`;
    return {
      title: `Large deal with ${contacts === 0 ? 'no contacts' : `only ${who}`}`,
      detail:
        `${dealLabel(deal.name)} is worth ${money(deal.amount, deal.currency)} and has ${who}. ` +
        'Bring in more people (a champion, the economic buyer) so it survives if one of them leaves.',
      message: {
        title:
          contacts === 0
            ? message('large-deal-few-contacts.none.title')
            : message('large-deal-few-contacts.title', { count: arg.count(contacts) }),
        detail: message(
          contacts === 0 ? 'large-deal-few-contacts.none.detail' : 'large-deal-few-contacts.detail',
          {
            deal: arg.deal(deal.name),
            amount: arg.money(deal.amount, deal.currency),
            ...(contacts === 0 ? {} : { count: arg.count(contacts) }),
          },
        ),
      },
    };
  },
};
