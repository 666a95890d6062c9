/**
 * The sidebar page. This module only starts the rest, all at once, so the browser fetches and
 * compiles the chunks side by side: boot.ts, small, evaluates first and starts the I/O the
 * first paint waits for (the stored preferences, the IndexedDB reads of My numbers); the
 * overlay's port opens next; both are under way while React, the workbench and My numbers
 * load and evaluate (app.tsx). The other views load after the first paint (views.ts).
 */
import '../../components/theme/theme.css';
import '../../components/workbench/workbench.css';
import '../../components/views/views.css';

const root = document.getElementById('root');
if (root) {
  void import('./boot');
  void import('./overlay-channel');
  void import('./app').then((app) => app.renderSidebar(root));
}
