/**
 * The views the sidebar's first paint may need, imported with the page: My numbers (what a
 * signed-in user sees first) and Sign in (what a signed-out one sees). The others (This deal,
 * Coaching, Notes, Pulse, Team, Settings) register when `loadOtherViews` has loaded them,
 * after the first paint; the one the user left the sidebar on is loaded before it
 * (`loadFirstView`), so that it is what paints.
 */
import '../../components/views/sign-in';
import '../../components/views/numbers';

/** The ids of the views imported above. */
const WITH_THE_PAGE: readonly string[] = ['sign-in', 'numbers'];

let all: Promise<unknown> | null = null;

/** Loads every view (components/views registers each once; those above are there already). */
export function loadOtherViews(): Promise<unknown> {
  return (all ??= import('../../components/views').catch((error: unknown) => {
    all = null;
    throw error;
  }));
}

/**
 * Loads the view the sidebar opens on (the one the user last had open), if the page did not
 * bring it: This deal alone; any other (rarer) one with all the views.
 */
export async function loadFirstView(id: string | null): Promise<void> {
  if (id === null || WITH_THE_PAGE.includes(id)) return;
  await (id === 'deal' ? import('../../components/views/deal') : loadOtherViews());
}
