import { planRoutes, quotaRoutes, settingsRoutes, teamRoutes } from './catalog';
import { dealRoutes } from './deals';
import { surveyRoutes } from './surveys';
import { userRoutes } from './users';

/** Administration: only admins (403 for everyone else). */
export const adminRoutes = [
  ...userRoutes,
  ...teamRoutes,
  ...planRoutes,
  ...quotaRoutes,
  ...surveyRoutes,
  ...settingsRoutes,
  ...dealRoutes,
];
