import type { MutationName } from '../../../lib/domain';
import {
  createAnnotation,
  deleteAnnotation,
  editAnnotation,
  replyToAnnotation,
  resolveAnnotation,
} from './annotations';
import { respondToSurvey, snoozeSurvey } from './enps';
import { createPrompt, dismissPrompt, snoozePrompt } from './prompts';
import type { MutationHandler } from './types';

/** Every mutation a client may push, by name (the names of `mutationArgsSchemas`). */
export const mutationHandlers: { [N in MutationName]: MutationHandler<N> } = {
  'annotation.create': createAnnotation,
  'annotation.reply': replyToAnnotation,
  'annotation.edit': editAnnotation,
  'annotation.resolve': resolveAnnotation,
  'annotation.delete': deleteAnnotation,
  'prompt.dismiss': dismissPrompt,
  'prompt.snooze': snoozePrompt,
  'prompt.create': createPrompt,
  'enps.respond': respondToSurvey,
  'enps.snooze': snoozeSurvey,
};
