import type { ReactNode, Ref } from 'react';
import type { User } from '../../../lib/domain';
import type {
  AddHostResult,
  CrmFamily,
  CustomHostEntry,
  Preferences,
  SyncStatus,
} from '../../data-contract/types';
import type { SidebarLayout } from '../../workbench/WorkbenchHost';
import type { ShortcutRow } from '../../workbench/shortcuts';
import { AccountSection } from './AccountSection';
import { CrmSection } from './CrmSection';
import { AppearanceSection, SidebarSection } from './PreferenceSections';
import { ShortcutsSection } from './ShortcutsSection';
import { SyncSection } from './SyncSection';

export interface SettingsViewProps {
  me: User | null;
  sync: SyncStatus | undefined;
  preferences: Preferences;
  hosts: readonly CustomHostEntry[];
  /** The overlay's layout on this CRM host; null outside a CRM page (the options page). */
  sidebar: SidebarLayout | null;
  shortcuts: readonly ShortcutRow[];
  now: Date;
  onSignIn(): void;
  onSignOut(clearLocalData: boolean): Promise<void>;
  onSyncNow(): Promise<void>;
  onDismissRejection(seq: number): Promise<void>;
  onChange(patch: Partial<Preferences>): void;
  onAddHost(origin: string, crm: CrmFamily): Promise<AddHostResult>;
  onRemoveHost(pattern: string): Promise<void>;
  onChangeBrowserShortcuts(): void;
  syncHeadingRef?: Ref<HTMLHeadingElement>;
  /** Shown instead of the account section (the options page: its sign-in form). */
  account?: ReactNode;
}

/** Settings (also shown by the options page): account, sync, look, sidebar, shortcuts, CRMs. */
export function SettingsView(props: SettingsViewProps) {
  return (
    <div className="settings">
      {props.account ?? (
        <AccountSection
          me={props.me}
          serverUrl={props.sync?.serverUrl ?? null}
          onSignIn={props.onSignIn}
          onSignOut={props.onSignOut}
        />
      )}
      {props.me ? (
        <SyncSection
          sync={props.sync}
          now={props.now}
          onSyncNow={props.onSyncNow}
          onDismissRejection={props.onDismissRejection}
          {...(props.syncHeadingRef ? { headingRef: props.syncHeadingRef } : {})}
        />
      ) : null}
      <AppearanceSection preferences={props.preferences} onChange={props.onChange} />
      <SidebarSection sidebar={props.sidebar} />
      <ShortcutsSection
        rows={props.shortcuts}
        onChangeBrowserShortcuts={props.onChangeBrowserShortcuts}
      />
      <CrmSection
        preferences={props.preferences}
        hosts={props.hosts}
        onChange={props.onChange}
        onAddHost={props.onAddHost}
        onRemoveHost={props.onRemoveHost}
      />
    </div>
  );
}
