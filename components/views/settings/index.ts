import { registerView } from '../../workbench/ViewRegistry';
import { SettingsContainer } from './SettingsContainer';

registerView({
  id: 'settings',
  title: 'view.settings.title',
  icon: 'settings',
  order: 100,
  keyDigit: 9,
  placement: 'bottom',
  component: SettingsContainer,
});
