// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fuzzyMatch } from '../../components/workbench/fuzzy';
import {
  ariaKeyshortcuts,
  formatKeybinding,
  isTextEntry,
  matchesKeybinding,
} from '../../components/workbench/keybindings';
import { ViewRegistry } from '../../components/workbench/ViewRegistry';
import { evaluateWhen, parseWhen, type ContextKeys } from '../../components/workbench/when-clause';

const keys: ContextKeys = {
  'user.signedIn': true,
  'user.role': 'manager',
  'user.isManager': true,
  'record.present': true,
  'record.isDeal': true,
  'record.crm': 'salesforce-lightning',
  'record.synced': false,
  'pulse.active': true,
  'pulse.due': false,
  'sync.online': true,
};

describe('when clauses', () => {
  it.each([
    ['record.isDeal', true],
    ['!record.synced', true],
    ['user.role == manager', true],
    ["user.role != 'rep'", true],
    ['record.crm == salesforce-lightning && !pulse.due', true],
    ['pulse.due || record.synced', false],
    ['user.signedIn && (pulse.due || user.isManager)', true],
    ['!(user.isManager && record.isDeal)', false],
    ['!!record.isDeal', true],
  ])('%s → %s', (clause, expected) => {
    expect(evaluateWhen(parseWhen(clause), keys)).toBe(expected);
  });

  it.each([
    ['record.isdeal'],
    ['user.role =='],
    ['(record.isDeal'],
    ['record.isDeal &&'],
    [''],
    ['a.b ~ c'],
  ])('refuses %j when it is registered', (clause) => {
    expect(() => parseWhen(clause)).toThrow();
  });
});

describe('fuzzy matching', () => {
  it('matches characters in order, ignoring case and accents', () => {
    expect(fuzzyMatch('snow', 'Sync: Sync now')?.indices).toEqual([0, 11, 12, 13]);
    expect(fuzzyMatch('cafe', 'Café menu')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'Sync now')).toBeNull();
  });
  it('ranks word starts and runs above scattered letters', () => {
    const a = fuzzyMatch('ch', 'Preferences: Change theme')!.score;
    const b = fuzzyMatch('ch', 'Coaching: Write a coaching prompt')!.score;
    expect(a).toBeGreaterThan(b);
  });
});

describe('keybindings', () => {
  const ctrlK = { code: 'KeyK', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };
  it('use ⌘ on a Mac and Ctrl elsewhere', () => {
    expect(matchesKeybinding(ctrlK, { code: 'KeyK', mod: true }, 'other')).toBe(true);
    expect(matchesKeybinding(ctrlK, { code: 'KeyK', mod: true }, 'mac')).toBe(false);
    expect(
      matchesKeybinding(
        { ...ctrlK, ctrlKey: false, metaKey: true },
        { code: 'KeyK', mod: true },
        'mac',
      ),
    ).toBe(true);
    expect(formatKeybinding({ code: 'KeyK', mod: true }, 'mac')).toBe('⌘K');
    expect(formatKeybinding({ code: 'KeyS', alt: true, shift: true }, 'other')).toBe('Alt+Shift+S');
    expect(ariaKeyshortcuts({ code: 'KeyK', mod: true }, 'other')).toBe('Control+K');
  });
  it('know when letters are text', () => {
    const input = document.createElement('input');
    expect(isTextEntry(input)).toBe(true);
    input.type = 'checkbox';
    expect(isTextEntry(input)).toBe(false);
    expect(isTextEntry(document.createElement('textarea'))).toBe(true);
    expect(isTextEntry(document.createElement('button'))).toBe(false);
  });
});

describe('view registry', () => {
  const view = {
    id: 'a',
    title: 'view.numbers.title',
    icon: 'graph',
    order: 1,
    component: () => null,
  } as const;
  it('refuses duplicate ids and shortcut digits, bad ids and bad when clauses', () => {
    const registry = new ViewRegistry();
    registry.register(view);
    expect(() => registry.register(view)).toThrow(/twice/);
    expect(() => registry.register({ ...view, id: 'Bad Id' })).toThrow(/kebab-case/);
    expect(() => registry.register({ ...view, id: 'b', when: 'nope' })).toThrow(
      /Unknown context key/,
    );
    registry.register({ ...view, id: 'c', keyDigit: 2 });
    expect(() => registry.register({ ...view, id: 'd', keyDigit: 2 })).toThrow(/share Alt\+2/);
  });
  it('orders views top then bottom, and filters by when clause', () => {
    const registry = new ViewRegistry();
    registry.register({ ...view, id: 'settings', placement: 'bottom', order: 0 });
    registry.register({ ...view, id: 'deal', order: 20, when: 'record.isDeal' });
    registry.register({ ...view, id: 'numbers', order: 10 });
    expect(registry.all().map((v) => v.id)).toEqual(['numbers', 'deal', 'settings']);
    expect(registry.visible({ ...keys, 'record.isDeal': false }).map((v) => v.id)).toEqual([
      'numbers',
      'settings',
    ]);
  });
});
