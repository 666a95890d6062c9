import { html, type SafeHtml } from './html';

/** The SLDS icons the pages use; only these are cut out of the SLDS sprites and served. */
export const USED_ICONS = {
  utility: ['edit', 'check', 'close', 'success', 'warning', 'error', 'info', 'search', 'apps'],
  standard: ['opportunity', 'account', 'user'],
} as const;

export type UtilityIcon = (typeof USED_ICONS.utility)[number];
export type StandardIcon = (typeof USED_ICONS.standard)[number];

export const spritePath = (set: keyof typeof USED_ICONS): string => `/assets/icons/${set}.svg`;

export function utilityIcon(name: UtilityIcon, classes = 'slds-button__icon'): SafeHtml {
  return html`<svg class="${classes}" aria-hidden="true">
    <use href="${spritePath('utility')}#${name}"></use>
  </svg>`;
}

export function standardIcon(name: StandardIcon, size = 'slds-icon_small'): SafeHtml {
  return html`<span class="slds-icon_container slds-icon-standard-${name}"
    ><svg class="slds-icon ${size}" aria-hidden="true">
      <use href="${spritePath('standard')}#${name}"></use></svg
  ></span>`;
}
