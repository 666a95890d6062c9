import { AnnotationRepository } from '../../lib/db/annotation-repository';
import { EnpsRepository } from '../../lib/db/enps-repository';
import { PromptRepository, PromptStateRepository } from '../../lib/db/prompt-repository';
import type { WorkbenchActions } from '../data-contract/types';
import type { DataServices } from './services';

/**
 * The writes that go through the local writer (and its mutation schemas): loaded on the first
 * write (`useActions` in hooks.ts), never for the sidebar's first paint.
 */
export function createWriteActions({
  db,
  client,
  now,
}: DataServices): Pick<WorkbenchActions, 'notes' | 'prompts' | 'pulse'> {
  const options = { now };
  const notes = new AnnotationRepository(db, options);
  const prompts = new PromptRepository(db, options);
  const promptStates = new PromptStateRepository(db, options);
  const enps = new EnpsRepository(db, options);
  const write = async (run: () => Promise<unknown>) => {
    await run();
    // The change is stored: if the background cannot be reached now, its alarm syncs it.
    void client.request('sync.now', { reason: 'local-write' }).catch(() => undefined);
  };
  return {
    notes: {
      create: (input) => write(() => notes.createNote(input)),
      reply: (input) => write(() => notes.reply(input)),
      edit: (input) => write(() => notes.edit(input)),
      resolve: (input) => write(() => notes.resolve(input)),
      delete: (input) => write(() => notes.delete(input)),
    },
    prompts: {
      dismiss: (promptId) => write(() => promptStates.dismiss(promptId)),
      snooze: (promptId, until) => write(() => promptStates.snooze(promptId, until)),
      create: (input) => write(() => prompts.create(input)),
    },
    pulse: {
      respond: (input) => write(() => enps.respond(input)),
      snooze: (input) => write(() => enps.snooze(input)),
    },
  };
}
