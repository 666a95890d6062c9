import { WorkbenchDataProvider } from '../data-contract/WorkbenchDataProvider';
import type { WorkbenchData } from '../data-contract/types';
import { PreferencesScope } from '../workbench/WorkbenchRoot';
import { WorkbenchHostProvider, type WorkbenchHost } from '../workbench/WorkbenchHost';
import { WorkbenchStateProvider } from '../workbench/WorkbenchState';
import type { AccountService } from './account';
import { OptionsPage } from './OptionsPage';

/**
 * The whole options page: the workbench's data, the user's theme and language (as in the
 * sidebar: `data-theme` and `lang` on `themeRoot`), and the page. `host` has no record and no
 * sidebar: the options page is not beside a CRM page.
 */
export function OptionsRoot({
  data,
  account,
  host,
  themeRoot,
}: {
  data: WorkbenchData;
  account: AccountService;
  host: WorkbenchHost;
  themeRoot?: HTMLElement | null;
}) {
  return (
    <WorkbenchDataProvider data={data}>
      <WorkbenchHostProvider host={host}>
        <PreferencesScope themeRoot={themeRoot ?? null}>
          <WorkbenchStateProvider>
            <OptionsPage account={account} />
          </WorkbenchStateProvider>
        </PreferencesScope>
      </WorkbenchHostProvider>
    </WorkbenchDataProvider>
  );
}
