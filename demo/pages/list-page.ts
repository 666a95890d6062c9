import { listPath, recordPath, type PageContext } from './context';
import { html, type SafeHtml } from './html';
import { standardIcon } from './icons';

const MAX_ROWS = 1000;
const COLUMNS = [
  'Opportunity Name',
  'Account Name',
  'Amount',
  'Close Date',
  'Stage',
  'Opportunity Owner',
];

/** The "All Opportunities" list view: one row per record, the name linking to its page. */
export function renderListPage(ctx: PageContext): SafeHtml {
  const { store, format, status } = ctx;
  const deals = store.list();
  const shown = deals.slice(0, MAX_ROWS);
  const meta = !status.loaded
    ? 'Loading deals from Attain…'
    : `${deals.length} items${deals.length > shown.length ? ` (showing ${shown.length})` : ''} • Sorted by Close Date`;
  return html`<lst-object-home class="demo-list" data-demo-list="${listPath()}">
    <div class="slds-page-header slds-page-header_object-home">
      <div class="slds-page-header__row">
        <div class="slds-page-header__col-title">
          <div class="slds-media">
            <div class="slds-media__figure">${standardIcon('opportunity', '')}</div>
            <div class="slds-media__body">
              <div class="slds-page-header__name">
                <div class="slds-page-header__name-title">
                  <h1>
                    <span>Opportunities</span
                    ><span class="slds-page-header__title slds-truncate" title="All Opportunities"
                      >All Opportunities</span
                    >
                  </h1>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="slds-page-header__row">
        <div class="slds-page-header__col-meta">
          <p class="slds-page-header__meta-text">${meta}</p>
        </div>
      </div>
    </div>
    ${status.loaded ? '' : loadingNotice(ctx)}
    <div class="demo-list-table">
      <table
        class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_striped"
        aria-label="All Opportunities"
      >
        <thead>
          <tr class="slds-line-height_reset">
            ${COLUMNS.map((c) => html`<th scope="col"><div class="slds-truncate" title="${c}">${c}</div></th>`)}
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (deal) =>
              html`<tr class="slds-hint-parent" data-row-key-value="${deal.crmId}">
                <th scope="row">
                  <div class="slds-truncate">
                    <a href="${recordPath(deal)}" title="${deal.name}">${deal.name}</a>
                  </div>
                </th>
                <td><div class="slds-truncate">${deal.accountName ?? ''}</div></td>
                <td>
                  <div class="slds-truncate">${format.amount(deal.amount, deal.currency)}</div>
                </td>
                <td><div class="slds-truncate">${format.date(deal.closeDate)}</div></td>
                <td><div class="slds-truncate">${deal.stage}</div></td>
                <td><div class="slds-truncate">${store.ownerName(deal)}</div></td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </lst-object-home>`;
}

export function loadingNotice(ctx: PageContext): SafeHtml {
  return html`<div
    class="slds-notify slds-notify_alert slds-alert_warning demo-notice"
    role="alert"
  >
    <h2>
      Waiting for the Attain server at
      ${ctx.attainUrl}${ctx.status.loadError ? html`: ${ctx.status.loadError}` : ''}. Reload this
      page once it is up.
    </h2>
  </div>`;
}
