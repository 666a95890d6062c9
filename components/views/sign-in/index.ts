import { registerView } from '../../workbench/ViewRegistry';
import { SignInContainer } from './SignInContainer';

registerView({
  id: 'sign-in',
  title: 'view.signIn.title',
  icon: 'account',
  order: 0,
  when: '!user.signedIn',
  component: SignInContainer,
});
