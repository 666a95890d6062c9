// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { Profiler, type ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { viewRegistry, ViewRegistry } from '../../components/workbench/ViewRegistry';
import {
  RecordKeyScope,
  useHost,
  useLiveRecord,
  useRecordKey,
  WorkbenchHostProvider,
  type RecordContext,
  type SidebarLayout,
} from '../../components/workbench/WorkbenchHost';
import { WorkbenchRoot } from '../../components/workbench/WorkbenchRoot';
import * as fx from './fixtures';
import { defaultState, fakeData, fakeHost, plain } from './harness';

/**
 * A keystroke on the CRM page is a new record for the sidebar: only what reads the record's
 * values may re-render (the deal view and its status item), not the rest of the workbench.
 */

/** The registered views, with one view's component inside a Profiler counting its commits. */
function profiledRegistry(viewId: string, commits: string[]): ViewRegistry {
  const registry = new ViewRegistry();
  for (const view of viewRegistry.all()) {
    const Component = view.component;
    const Profiled: ComponentType = () => (
      <Profiler id={view.id} onRender={(_id, phase) => commits.push(phase)}>
        <Component />
      </Profiler>
    );
    registry.register(view.id === viewId ? { ...view, component: Profiled } : view);
  }
  return registry;
}

function renderSidebar(viewId: string, record: RecordContext, commits: string[]) {
  const data = fakeData(defaultState());
  const registry = profiledRegistry(viewId, commits);
  // The sidebar page makes a new host (its layout and callbacks too) for every record it is sent.
  const layout = (): SidebarLayout => ({
    side: 'right',
    width: 380,
    minWidth: 320,
    maxWidth: 640,
    dock: () => undefined,
    resize: () => undefined,
    collapse: () => undefined,
  });
  const ui = (r: RecordContext | null) => (
    <WorkbenchRoot
      data={data}
      host={fakeHost(r, layout(), () => undefined)}
      registry={registry}
      initialViewId={viewId}
      onActiveViewChange={() => undefined}
    />
  );
  const result = render(ui(record));
  return { setRecord: (r: RecordContext | null) => result.rerender(ui(r)) };
}

const statusEstimate = () =>
  plain(
    within(screen.getByRole('contentinfo')).getByRole('button', { name: /^This deal:/ })
      .textContent,
  );

describe('a record change re-renders only what reads the record', () => {
  it('a keystroke on the page updates the status-bar estimate, not My numbers', () => {
    const commits: string[] = [];
    const sidebar = renderSidebar('numbers', fx.acmeRecord(), commits);
    expect(screen.getByRole('tabpanel', { name: 'My numbers' })).toBeTruthy();
    expect(statusEstimate()).toBe('This deal: $7,400.00');
    const before = commits.length;
    expect(before).toBeGreaterThan(0);

    for (const amount of [1, 10, 100, 1000, 10000, 100000]) {
      sidebar.setRecord(fx.acmeRecord({ amount }));
    }
    expect(statusEstimate()).toBe('This deal: $9,400.00');
    expect(commits.slice(before)).toEqual([]);

    // Leaving the deal is a change My numbers does not read either; the estimate goes.
    sidebar.setRecord(null);
    expect(
      within(screen.getByRole('contentinfo')).queryByRole('button', { name: /^This deal:/ }),
    ).toBeNull();
  });

  it('on This deal, a keystroke re-renders the deal view', () => {
    const commits: string[] = [];
    const sidebar = renderSidebar('deal', fx.acmeRecord(), commits);
    const before = commits.length;
    sidebar.setRecord(fx.acmeRecord({ amount: 100000 }));
    expect(commits.length).toBeGreaterThan(before);
    expect(plain(screen.getByText(/\d/, { selector: '.estimate .big-figure' }).textContent)).toBe(
      '$9,400.00',
    );
  });
});

describe('the host’s record hooks', () => {
  function renderProbes(record: RecordContext | null) {
    const renders: Record<string, (RecordContext | null | undefined | string)[]> = {
      reads: [],
      ignores: [],
      live: [],
      key: [],
      badge: [],
    };
    function ReadsRecord() {
      const host = useHost();
      renders.reads!.push(host.record);
      return null;
    }
    function IgnoresRecord() {
      const host = useHost();
      renders.ignores!.push(host.now().toISOString());
      return null;
    }
    function Live() {
      renders.live!.push(useLiveRecord());
      return null;
    }
    function Key() {
      renders.key!.push(useRecordKey()?.recordId ?? null);
      return null;
    }
    function Badge() {
      renders.badge!.push(useHost().record);
      return null;
    }
    // Memoised children, as the workbench's are: only the hooks can re-render them.
    const probes = (
      <>
        <ReadsRecord />
        <IgnoresRecord />
        <Live />
        <Key />
        <RecordKeyScope>
          <Badge />
        </RecordKeyScope>
      </>
    );
    const ui = (r: RecordContext | null) => (
      <WorkbenchHostProvider host={fakeHost(r)}>{probes}</WorkbenchHostProvider>
    );
    const result = render(ui(record));
    return { renders, setRecord: (r: RecordContext | null) => result.rerender(ui(r)) };
  }

  it('re-renders a reader of host.record or of the live record on every change, nothing else', () => {
    const first = fx.acmeRecord();
    const { renders, setRecord } = renderProbes(first);
    const typed = fx.acmeRecord({ amount: 1 });
    setRecord(typed);
    expect(renders.reads).toEqual([first, typed]);
    expect(renders.live).toEqual([first, typed]);
    expect(renders.ignores).toHaveLength(1);
    expect(renders.key).toEqual([fx.ACME_CRM_ID]);
    // Inside RecordKeyScope the record stays the one arrived on while only values change…
    expect(renders.badge).toEqual([first]);

    // …and follows a change of record.
    const other = fx.newDealRecord();
    setRecord(other);
    expect(renders.reads).toEqual([first, typed, other]);
    expect(renders.key).toEqual([fx.ACME_CRM_ID, other.recordId]);
    expect(renders.badge).toEqual([first, other]);
    expect(renders.ignores).toHaveLength(1);

    setRecord(null);
    expect(renders.reads?.at(-1)).toBeNull();
    expect(renders.key?.at(-1)).toBeNull();
    expect(renders.badge?.at(-1)).toBeNull();
  });
});
