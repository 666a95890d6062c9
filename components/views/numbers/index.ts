import { registerView } from '../../workbench/ViewRegistry';
import { NumbersContainer } from './NumbersContainer';

registerView({
  id: 'numbers',
  title: 'view.numbers.title',
  icon: 'graph',
  order: 10,
  keyDigit: 1,
  when: 'user.signedIn',
  component: NumbersContainer,
  commands: [
    {
      id: 'numbers.changePeriod',
      title: 'command.changePeriod',
      category: 'command.category.numbers',
      keybinding: { code: 'KeyP', alt: true, shift: true },
      when: 'user.signedIn',
      run: (ctx) => ctx.workbench.openView('numbers', 'numbers.period'),
    },
    {
      id: 'numbers.currentPeriod',
      title: 'command.currentPeriod',
      category: 'command.category.numbers',
      when: 'user.signedIn',
      run: (ctx) => {
        ctx.workbench.setNumbersPeriod(null);
        ctx.workbench.openView('numbers', 'numbers.period');
      },
    },
  ],
});
