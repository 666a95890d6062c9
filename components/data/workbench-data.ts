import type { WorkbenchData } from '../data-contract/types';
import {
  useActions,
  useBrowserShortcuts,
  useCoaching,
  useCustomHosts,
  useEnpsResults,
  useMe,
  useNotes,
  usePreferences,
  usePulse,
  useRecordDeal,
  useStatementInputs,
  useSyncStatus,
  useTeamOverview,
} from './hooks';

/**
 * The workbench's data for extension pages, on TanStack Query: IndexedDB reads that follow
 * every change, server-only reads cached for offline. Render the workbench inside
 * `<AttainDataProvider services={…}>` and hand it this object.
 */
export const queryWorkbenchData: WorkbenchData = {
  useMe,
  useSyncStatus,
  useStatementInputs,
  useRecordDeal,
  useCoaching,
  useNotes,
  usePulse,
  useEnpsResults,
  useTeamOverview,
  usePreferences,
  useCustomHosts,
  useBrowserShortcuts,
  useActions,
};
