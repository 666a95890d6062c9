import { registerView, type ViewBadge } from '../../workbench/ViewRegistry';
import { CoachingContainer } from './CoachingContainer';
import { useCoaching } from './use-coaching';

/**
 * The prompts that need attention (risk and warning) on the activity-bar icon, from the deals
 * as saved (not recomputed on every keystroke on the page).
 */
function useCoachingBadge(): ViewBadge | null {
  const state = useCoaching({ livePageValues: false });
  if (state.status !== 'ready') return null;
  const urgent = state.prompts.filter((p) => p.severity !== 'info');
  if (urgent.length === 0) return null;
  return {
    count: urgent.length,
    label: 'coaching.badge',
    tone: urgent.some((p) => p.severity === 'risk') ? 'risk' : 'warn',
  };
}

registerView({
  id: 'coaching',
  title: 'view.coaching.title',
  icon: 'coaching',
  order: 30,
  keyDigit: 3,
  when: 'user.signedIn',
  useBadge: useCoachingBadge,
  component: CoachingContainer,
  commands: [
    {
      id: 'coaching.create',
      title: 'command.createPrompt',
      category: 'command.category.coaching',
      when: 'user.signedIn && user.isManager && record.synced',
      run: (ctx) => ctx.workbench.openView('coaching', 'coaching.create'),
    },
  ],
});
