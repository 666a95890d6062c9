// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { NoteThread } from '../../components/data-contract/types';
import { NotesContainer } from '../../components/views/notes/NotesContainer';
import * as fx from './fixtures';
import { expectNoAxeViolations, ok, renderView } from './harness';

const thread = (start: string) =>
  screen.getByRole('article', { name: new RegExp(`^Thread started by [^:]+: ${start}`) });

const withConflictCopy: NoteThread[] = [
  {
    ...fx.threads[0]!,
    note: {
      ...fx.threads[0]!.note,
      body: 'Legal wants the DPA signed first. Updated by Maria.',
      version: 2,
    },
    replies: [
      ...fx.threads[0]!.replies,
      {
        id: 'conflict-7f3a',
        dealId: 'd-acme',
        parentId: 'n-1',
        authorId: 'u-dana',
        authorName: 'Dana Whitfield',
        body: 'Legal wants the DPA and the SOC 2 report first.',
        visibility: 'shared',
        resolved: false,
        createdAt: '2026-08-14T09:05:00.000Z',
        updatedAt: '2026-08-14T09:05:00.000Z',
        version: 1,
        pending: false,
        conflictOf: 'n-1',
      },
    ],
  },
  fx.threads[1]!,
];

describe('Notes', () => {
  it('shows the thread on this deal, with pending marks and resolved threads folded', async () => {
    const { container } = renderView(<NotesContainer />, { record: fx.acmeRecord() });
    const open = within(thread('Legal'));
    expect(
      open.getByText(/Legal wants the DPA signed first\./, { selector: '.note-body' }).textContent,
    ).toBe('Legal wants the DPA signed first.\nCan you chase it?');
    const replies = within(open.getByRole('list', { name: '1 reply' }));
    expect(replies.getByText('Sent it to their counsel today.')).toBeTruthy();
    expect(replies.getByText('You')).toBeTruthy();
    expect(replies.getByText('Not synced yet')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 resolved thread' })).toBeTruthy();
    expect(
      screen
        .getByRole('button', { name: 'Resolved: Pricing approved at 12% discount. (0 replies)' })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    expect(screen.queryByText('Pricing approved at 12% discount.')).toBeNull();
    // Reps reply; they do not start threads.
    expect(screen.queryByRole('textbox', { name: 'Write a note on this deal…' })).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('replies, edits, resolves and deletes', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<NotesContainer />, { record: fx.acmeRecord() });
    const open = within(thread('Legal'));
    await user.click(open.getByRole('button', { name: 'Reply' }));
    const reply = open.getByRole('textbox', { name: 'Write a reply…' });
    expect(document.activeElement).toBe(reply);
    await user.type(reply, 'Counsel says Monday.{Control>}{Enter}{/Control}');
    expect(actions.notes.reply).toHaveBeenCalledWith({
      parentId: 'n-1',
      body: 'Counsel says Monday.',
    });

    await user.click(open.getByRole('button', { name: 'Edit' }));
    const editor = open.getByRole('textbox', { name: 'Edit the note' });
    await user.clear(editor);
    await user.type(editor, 'Sent to their counsel and to procurement.');
    await user.click(open.getByRole('button', { name: 'Save' }));
    expect(actions.notes.edit).toHaveBeenCalledWith({
      id: 'n-2',
      body: 'Sent to their counsel and to procurement.',
    });

    await user.click(open.getByRole('button', { name: 'Resolve' }));
    expect(actions.notes.resolve).toHaveBeenCalledWith({ id: 'n-1', resolved: true });

    await user.click(open.getByRole('button', { name: 'Delete' }));
    expect(open.getByRole('alert').textContent).toBe('Delete this reply?');
    await user.click(open.getByRole('button', { name: 'Delete' }));
    expect(actions.notes.delete).toHaveBeenCalledWith({ id: 'n-2' });
  });

  it('reopens a resolved thread', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<NotesContainer />, { record: fx.acmeRecord() });
    await user.click(
      screen.getByRole('button', {
        name: 'Resolved: Pricing approved at 12% discount. (0 replies)',
      }),
    );
    expect(screen.getByText('Pricing approved at 12% discount.')).toBeTruthy();
    await user.click(within(thread('Legal')).getAllByRole('button', { name: 'Reply' })[0]!);
    const resolved = thread('Pricing');
    await user.click(within(resolved).getByRole('button', { name: 'Reopen' }));
    expect(actions.notes.resolve).toHaveBeenCalledWith({ id: 'n-3', resolved: false });
  });

  it('lets managers start a thread, for the rep or for managers only', async () => {
    const user = userEvent.setup();
    const { actions, container } = renderView(<NotesContainer />, {
      record: fx.acmeRecord(),
      state: { me: ok(fx.maria) },
    });
    const composer = screen.getByRole('textbox', { name: 'Write a note on this deal…' });
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(screen.getByRole('alert').textContent).toBe('Write something first.');
    await user.type(composer, 'Forecast call moved to Thursday.');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Who sees it' }), 'managers');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(actions.notes.create).toHaveBeenCalledWith({
      dealId: 'd-acme',
      body: 'Forecast call moved to Thursday.',
      visibility: 'managers',
    });
    expect((composer as HTMLTextAreaElement).value).toBe('');
    await expectNoAxeViolations(container);
  });

  it('keeps the text and says why when saving fails', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<NotesContainer />, {
      record: fx.acmeRecord(),
      state: { me: ok(fx.maria) },
    });
    actions.notes.create.mockRejectedValueOnce(
      Object.assign(new Error('quota'), { code: 'storage_full' }),
    );
    const composer = screen.getByRole('textbox', { name: 'Write a note on this deal…' });
    await user.type(composer, 'Keep me');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(screen.getByRole('alert').textContent).toContain('the browser has no room left');
    expect((composer as HTMLTextAreaElement).value).toBe('Keep me');
  });

  it('shows an edit that could not be applied as a conflict copy, with both ways out', async () => {
    const user = userEvent.setup();
    const state = {
      notes: () => ok(withConflictCopy),
      sync: ok({ ...fx.syncedStatus, rejections: [fx.conflictRejection] }),
    };
    const { actions, container } = renderView(<NotesContainer />, {
      record: fx.acmeRecord(),
      state,
    });
    const conflict = within(
      screen.getByRole('group', { name: 'Your edit that couldn’t be applied' }),
    );
    expect(conflict.getByText('Legal wants the DPA and the SOC 2 report first.')).toBeTruthy();
    expect(conflict.getByText('Legal wants the DPA signed first. Updated by Maria.')).toBeTruthy();
    // Settled in the thread, not listed again as a refused change.
    expect(screen.queryByRole('heading', { name: /refused/ })).toBeNull();
    await user.click(conflict.getByRole('button', { name: 'Use my text' }));
    expect(actions.notes.edit).toHaveBeenCalledWith({
      id: 'n-1',
      body: 'Legal wants the DPA and the SOC 2 report first.',
    });
    expect(actions.notes.delete).toHaveBeenCalledWith({ id: 'conflict-7f3a' });
    expect(actions.dismissRejection).toHaveBeenCalledWith(41);
    await expectNoAxeViolations(container);

    const again = renderView(<NotesContainer />, { record: fx.acmeRecord(), state });
    const second = within(
      within(again.container).getByRole('group', { name: 'Your edit that couldn’t be applied' }),
    );
    await user.click(second.getByRole('button', { name: 'Discard my text' }));
    expect(again.actions.notes.edit).not.toHaveBeenCalled();
    expect(again.actions.notes.delete).toHaveBeenCalledWith({ id: 'conflict-7f3a' });
  });

  it('lists refused changes with what the server said, and puts a refused reply back in the editor', async () => {
    const user = userEvent.setup();
    const { actions } = renderView(<NotesContainer />, {
      record: fx.acmeRecord(),
      state: { sync: ok({ ...fx.syncedStatus, rejections: [fx.replyRejection] }) },
    });
    const refused = within(screen.getByRole('region', { name: '1 change refused' }));
    expect(refused.getByText('Reply')).toBeTruthy();
    expect(refused.getByText('The server refused it: you aren’t allowed to do this.')).toBeTruthy();
    expect(refused.getByText('Counsel says Monday.')).toBeTruthy();
    await user.click(refused.getByRole('button', { name: 'Put the text back in the editor' }));
    expect(actions.dismissRejection).toHaveBeenCalledWith(42);
    const reply = within(thread('Legal')).getByRole('textbox', { name: 'Write a reply…' });
    expect((reply as HTMLTextAreaElement).value).toBe('Counsel says Monday.');
  });

  it('explains that notes need the deal to be synced', () => {
    renderView(<NotesContainer />, { record: fx.newDealRecord() });
    expect(screen.getByText('This deal isn’t in Attain yet')).toBeTruthy();
    expect(screen.getByText(/Notes can be added once the deal has synced/)).toBeTruthy();
  });

  it('says when a deal has no notes yet, to reps and to managers', () => {
    renderView(<NotesContainer />, { record: fx.acmeRecord(), state: { notes: () => ok([]) } });
    expect(screen.getByText('Notes your manager writes about this deal appear here.')).toBeTruthy();
  });

  it('renders in Indonesian', async () => {
    const { container } = renderView(<NotesContainer />, {
      record: fx.acmeRecord(),
      language: 'id',
    });
    expect(
      screen.getByRole('article', {
        name: 'Utas yang dimulai oleh Maria Lopez: Legal wants the DPA signed first. Can you chase it?',
      }),
    ).toBeTruthy();
    expect(screen.getByText('Belum tersinkron')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 utas selesai' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });
});
