import { registerView, type ViewBadge } from '../../workbench/ViewRegistry';
import { useContextKeys } from '../../workbench/context-keys';
import { PulseContainer } from './PulseContainer';

function usePulseBadge(): ViewBadge | null {
  const keys = useContextKeys();
  return keys['pulse.due'] ? { count: 1, label: 'pulse.badge' } : null;
}

registerView({
  id: 'pulse',
  title: 'view.pulse.title',
  icon: 'pulse',
  order: 50,
  keyDigit: 5,
  when: 'user.signedIn && (pulse.active || user.isManager)',
  useBadge: usePulseBadge,
  component: PulseContainer,
  commands: [
    {
      id: 'pulse.answer',
      title: 'command.answerPulse',
      category: 'command.category.pulse',
      when: 'user.signedIn && pulse.due',
      run: (ctx) => ctx.workbench.openView('pulse', 'pulse.score'),
    },
  ],
});
