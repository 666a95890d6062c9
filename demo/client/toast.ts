export type ToastKind = 'success' | 'warning' | 'error';

const LIFETIME_MS: Record<ToastKind, number> = { success: 5000, warning: 10_000, error: 10_000 };
const SVG = 'http://www.w3.org/2000/svg';

function icon(name: string, classes: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', classes);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(SVG, 'use');
  use.setAttribute('href', `/assets/icons/utility.svg#${name}`);
  svg.append(use);
  return svg;
}

/** An SLDS toast; the message is text. */
export function showToast(kind: ToastKind, message: string): void {
  const container = document.querySelector('.demo-toasts');
  if (!container) return;
  const toast = document.createElement('div');
  toast.className = `slds-notify slds-notify_toast slds-theme_${kind} forceToastMessage`;
  toast.setAttribute('role', kind === 'success' ? 'status' : 'alert');
  toast.dataset.demoToast = kind;

  const assistive = document.createElement('span');
  assistive.className = 'slds-assistive-text';
  assistive.textContent = kind;
  const iconBox = document.createElement('span');
  iconBox.className = `slds-icon_container slds-icon-utility-${kind} slds-m-right_small slds-no-flex slds-align-top`;
  iconBox.append(icon(kind, 'slds-icon slds-icon_small'));
  const content = document.createElement('div');
  content.className = 'slds-notify__content';
  const heading = document.createElement('h2');
  heading.className = 'slds-text-heading_small toastMessage';
  heading.textContent = message;
  content.append(heading);
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'slds-button slds-button_icon slds-button_icon-inverse slds-notify__close';
  close.title = 'Close';
  close.append(icon('close', 'slds-button__icon slds-button__icon_large'));
  const closeText = document.createElement('span');
  closeText.className = 'slds-assistive-text';
  closeText.textContent = 'Close';
  close.append(closeText);
  close.addEventListener('click', () => toast.remove());

  toast.append(assistive, iconBox, content, close);
  container.append(toast);
  setTimeout(() => toast.remove(), LIFETIME_MS[kind]);
}
