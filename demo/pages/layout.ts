import type { ConnectorStatus } from '../attain/attain-connector';
import { listPath } from './context';
import { html, type SafeHtml } from './html';
import { standardIcon } from './icons';

export const STYLESHEETS = [
  '/assets/styles/salesforce-lightning-design-system.min.css',
  '/demo/demo.css',
];
export const CLIENT_SCRIPT = '/demo/client.js';

export interface DocumentParts {
  locale: string;
  title: string;
  /** The page container's cache key and content (one active `.oneContent`). */
  pageKey: string;
  content: SafeHtml;
  modal: SafeHtml | null;
  status: ConnectorStatus;
}

/**
 * The whole document, shaped like Lightning Experience's: global header and app navigation,
 * the center stage holding page containers (`.oneContent`, one `active`; the client script
 * keeps visited ones as cached, inactive containers), the modal container manager, toasts.
 * No inline script or style: the CSP allows neither.
 */
export function renderDocument(parts: DocumentParts): SafeHtml {
  return html`<!DOCTYPE html>
    <html lang="${parts.locale}" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${parts.title}</title>
        ${STYLESHEETS.map((href) => html`<link rel="stylesheet" href="${href}" />`)}
        <script type="module" src="${CLIENT_SCRIPT}"></script>
      </head>
      <body class="desktop">
        <div
          class="desktop container forceStyle oneOne navexDesktopLayoutContainer lafAppLayoutHost forceAccess"
          data-aura-class="forceStyle oneOne navexDesktopLayoutContainer lafAppLayoutHost forceAccess"
          ${parts.modal ? html` aria-hidden="true"` : ''}
        >
          <div class="viewport">
            ${header(parts.status)}
            <section class="stage oneAppLayoutContainer">
              <div
                class="center oneCenterStage lafSinglePaneWindowManager"
                data-aura-class="oneCenterStage lafSinglePaneWindowManager"
              >
                ${pageContainer(parts.pageKey, parts.content, true)}
              </div>
            </section>
          </div>
        </div>
        <div class="DESKTOP uiContainerManager" data-aura-class="uiContainerManager">
          ${parts.modal ?? ''}
        </div>
        <div class="slds-notify_container demo-toasts" aria-live="polite"></div>
      </body>
    </html> `;
}

/** A page container; inactive ones stay in the DOM, hidden, like Lightning's page cache. */
export function pageContainer(key: string, content: SafeHtml, active: boolean): SafeHtml {
  return html`<div
    class="windowViewMode-normal oneContent lafPageHost${active ? ' active' : ''}"
    data-aura-class="oneContent"
    data-demo-page="${key}"
  >
    ${content}
  </div>`;
}

export function syncStatusText(status: ConnectorStatus): string {
  if (!status.loaded) return 'Attain: connecting…';
  if (status.pending > 0) return `Attain sync pending (${status.pending})`;
  return 'Attain: in sync';
}

function header(status: ConnectorStatus): SafeHtml {
  return html`<header id="oneHeader" class="slds-global-header_container oneHeader demo-header">
    <div class="slds-global-header slds-grid slds-grid_align-spread">
      <div class="slds-global-header__item">
        <span class="demo-brand">Demo CRM — not Salesforce</span>
      </div>
      <div class="slds-global-header__item">
        <span
          class="slds-badge demo-sync-status${status.pending > 0 ? ' demo-sync-status_pending' : ''}${status.loaded ? '' : ' demo-sync-status_connecting'}"
          data-demo-sync-status
          role="status"
          >${syncStatusText(status)}</span
        >
      </div>
    </div>
    <one-app-nav-bar class="slds-has-flexi-truncate"
      ><div class="slds-context-bar">
        <div class="slds-context-bar__primary">
          <div class="slds-context-bar__item slds-context-bar__dropdown-trigger slds-no-hover">
            <span class="appName slds-context-bar__label-action slds-context-bar__app-name"
              ><span class="slds-truncate" title="Sales">Sales</span></span
            >
          </div>
        </div>
        <nav class="slds-context-bar__secondary" role="navigation">
          <ul class="slds-grid">
            <li class="slds-context-bar__item slds-is-active">
              <a href="${listPath()}" class="slds-context-bar__label-action" title="Opportunities"
                >${standardIcon('opportunity', 'slds-icon_x-small')}<span
                  class="slds-truncate slds-m-left_x-small"
                  >Opportunities</span
                ></a
              >
            </li>
          </ul>
        </nav>
      </div></one-app-nav-bar
    >
  </header>`;
}
