export { AttainDataProvider, createAttainQueryClient, useDataServices, type DataServices } from './services';
export { createLazyPageClient } from './lazy-client';
export { useLocalQuery } from './local-query';
export { prefetchFirstView } from './prefetch';
export { useServerQuery } from './server-query';
export { idleResource, toResource } from './resource';
export { parsePreferences, PREFERENCES_KEY } from './preferences';
export * from './hooks';
export { queryWorkbenchData } from './workbench-data';
