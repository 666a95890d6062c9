import type { MutationName } from '../domain';
import { AnnotationRepository, type RepositoryOptions } from './annotation-repository';
import type { AttainDatabase } from './database';
import { EnpsRepository } from './enps-repository';
import { LocalWriteError } from './errors';
import { LocalWriter, type WriteResult } from './local-writer';
import { PromptRepository, PromptStateRepository } from './prompt-repository';

/**
 * Any mutation by name, through the repository that owns it (so creates get their preview
 * and every precondition is checked): for callers that hold a mutation as data, such as the
 * `mutate` message.
 */
export class MutationService {
  private readonly annotations: AnnotationRepository;
  private readonly prompts: PromptRepository;
  private readonly promptStates: PromptStateRepository;
  private readonly enps: EnpsRepository;

  constructor(db: AttainDatabase, options: RepositoryOptions = {}) {
    this.annotations = new AnnotationRepository(db, options);
    this.prompts = new PromptRepository(db, options);
    this.promptStates = new PromptStateRepository(db, options);
    this.enps = new EnpsRepository(db, options);
  }

  async run(name: MutationName, rawArgs: unknown): Promise<WriteResult> {
    switch (name) {
      case 'annotation.create':
        return this.annotations.createNote(LocalWriter.parseArgs(name, rawArgs));
      case 'annotation.reply':
        return this.annotations.reply(LocalWriter.parseArgs(name, rawArgs));
      case 'annotation.edit':
        return this.annotations.edit(LocalWriter.parseArgs(name, rawArgs));
      case 'annotation.resolve':
        return this.annotations.resolve(LocalWriter.parseArgs(name, rawArgs));
      case 'annotation.delete':
        return this.annotations.delete(LocalWriter.parseArgs(name, rawArgs));
      case 'prompt.create':
        return this.prompts.create(LocalWriter.parseArgs(name, rawArgs));
      case 'prompt.dismiss':
        return this.promptStates.dismiss(LocalWriter.parseArgs(name, rawArgs).promptId);
      case 'prompt.snooze': {
        const args = LocalWriter.parseArgs(name, rawArgs);
        return this.promptStates.snooze(args.promptId, args.until);
      }
      case 'enps.respond':
        return this.enps.respond(LocalWriter.parseArgs(name, rawArgs));
      case 'enps.snooze':
        return this.enps.snooze(LocalWriter.parseArgs(name, rawArgs));
      default: {
        const unknownName: never = name;
        throw new LocalWriteError(
          'unknown_mutation',
          `There is no mutation called "${String(unknownName)}".`,
        );
      }
    }
  }
}
