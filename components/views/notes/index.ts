import { useWorkbenchData } from '../../data-contract/WorkbenchDataProvider';
import { useHost } from '../../workbench/WorkbenchHost';
import { registerView, type ViewBadge } from '../../workbench/ViewRegistry';
import { NotesContainer } from './NotesContainer';

/** Open threads on this deal, on the activity-bar icon. */
function useNotesBadge(): ViewBadge | null {
  const data = useWorkbenchData();
  const host = useHost();
  const record = host.record?.isDeal ? host.record : null;
  const deal = data.useRecordDeal(record?.recordId ?? null).data ?? null;
  const threads = data.useNotes(deal?.id ?? null).data ?? [];
  const open = threads.filter((th) => !th.note.resolved).length;
  return open > 0 ? { count: open, label: 'notes.badge' } : null;
}

registerView({
  id: 'notes',
  title: 'view.notes.title',
  icon: 'notes',
  order: 40,
  keyDigit: 4,
  when: 'user.signedIn && record.isDeal',
  useBadge: useNotesBadge,
  component: NotesContainer,
  commands: [
    {
      id: 'notes.add',
      title: 'command.addNote',
      category: 'command.category.notes',
      keybinding: { code: 'KeyN', alt: true, shift: true },
      when: 'user.signedIn && user.isManager && record.synced',
      run: (ctx) => ctx.workbench.openView('notes', 'notes.composer'),
    },
  ],
});
