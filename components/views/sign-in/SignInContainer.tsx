import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { SignInView } from './SignInView';

export function SignInContainer() {
  const data = useWorkbenchData();
  const actions = data.useActions();
  const sync = data.useSyncStatus().data;
  // Local data from an earlier sign-in means the session ended (token expired or revoked).
  const expired = sync?.lastSyncedAt !== null && sync?.lastSyncedAt !== undefined;
  return <SignInView onSignIn={actions.openSignIn} expired={expired} />;
}
