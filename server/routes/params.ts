import { z } from 'zod';
import { idSchema } from '../../lib/domain';

/** Path and query pieces shared by routes. */
export const repParams = z.strictObject({ repId: idSchema });
export const teamParams = z.strictObject({ teamId: idSchema });
export const userParams = z.strictObject({ userId: idSchema });
export const surveyParams = z.strictObject({ surveyId: idSchema });
