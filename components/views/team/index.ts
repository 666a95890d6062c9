import { registerView } from '../../workbench/ViewRegistry';
import { TeamContainer } from './TeamContainer';

registerView({
  id: 'team',
  title: 'view.team.title',
  icon: 'team',
  order: 60,
  keyDigit: 6,
  when: 'user.signedIn && user.isManager',
  component: TeamContainer,
});
