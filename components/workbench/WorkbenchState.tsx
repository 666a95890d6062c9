import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  type ReactNode,
} from 'react';

/** Places a command can send the keyboard focus to, in the view it opens. */
export type FocusTarget =
  | 'view'
  | 'numbers.period'
  | 'deal.whatIf'
  | 'notes.composer'
  | 'coaching.create'
  | 'pulse.score'
  | 'settings.sync';

export interface WorkbenchState {
  /** The view the user chose; shown when its `when` clause holds. */
  activeViewId: string | null;
  paletteOpen: boolean;
  /** Any date in the period My numbers shows; null: the current period. */
  numbersPeriod: string | null;
  /** Whose numbers My numbers shows; null: the signed-in user's (a manager drills in from Team). */
  numbersRep: { id: string; name: string } | null;
  /** An amount to try on this record instead of the page's (never written to the CRM). */
  whatIf: { recordId: string; amount: number } | null;
  focus: { target: FocusTarget; nonce: number } | null;
}

type Action =
  | { type: 'openView'; id: string; focus?: FocusTarget }
  | { type: 'palette'; open: boolean }
  | { type: 'numbersPeriod'; date: string | null }
  | { type: 'numbersRep'; rep: { id: string; name: string } | null }
  | { type: 'whatIf'; value: WorkbenchState['whatIf'] }
  | { type: 'focus'; target: FocusTarget }
  | { type: 'focusDone'; nonce: number };

let nonce = 0;

function reducer(state: WorkbenchState, action: Action): WorkbenchState {
  switch (action.type) {
    case 'openView':
      return {
        ...state,
        activeViewId: action.id,
        focus: action.focus ? { target: action.focus, nonce: ++nonce } : state.focus,
      };
    case 'palette':
      return { ...state, paletteOpen: action.open };
    case 'numbersPeriod':
      return { ...state, numbersPeriod: action.date };
    case 'numbersRep':
      return { ...state, numbersRep: action.rep, numbersPeriod: null };
    case 'whatIf':
      return { ...state, whatIf: action.value };
    case 'focus':
      return { ...state, focus: { target: action.target, nonce: ++nonce } };
    case 'focusDone':
      return state.focus?.nonce === action.nonce ? { ...state, focus: null } : state;
  }
}

/** What views and commands may do to the workbench. */
export interface WorkbenchController {
  /** Shows a view; with `focus`, moves the keyboard focus there (commands do, tabs do not). */
  openView(id: string, focus?: FocusTarget): void;
  setPaletteOpen(open: boolean): void;
  setNumbersPeriod(date: string | null): void;
  /** Shows a rep's numbers in My numbers (null: back to the user's own). */
  showRepNumbers(rep: { id: string; name: string } | null): void;
  setWhatIf(recordId: string, amount: number | null): void;
  requestFocus(target: FocusTarget): void;
}

interface StateContextValue {
  state: WorkbenchState;
  controller: WorkbenchController;
  focusDone(nonce: number): void;
}

const StateContext = createContext<StateContextValue | null>(null);

export function WorkbenchStateProvider({
  initialViewId = null,
  onActiveViewChange,
  children,
}: {
  initialViewId?: string | null;
  /** Called when the user picks a view (the sidebar remembers it for next time). */
  onActiveViewChange?: (id: string) => void;
  children: ReactNode;
}) {
  const [state, dispatch] = useReducer(reducer, {
    activeViewId: initialViewId,
    paletteOpen: false,
    numbersPeriod: null,
    numbersRep: null,
    whatIf: null,
    focus: null,
  });
  const onChange = useRef(onActiveViewChange);
  onChange.current = onActiveViewChange;
  const controller = useMemo<WorkbenchController>(
    () => ({
      openView: (id, focus) => {
        dispatch({ type: 'openView', id, ...(focus ? { focus } : {}) });
        onChange.current?.(id);
      },
      setPaletteOpen: (open) => dispatch({ type: 'palette', open }),
      setNumbersPeriod: (date) => dispatch({ type: 'numbersPeriod', date }),
      showRepNumbers: (rep) => dispatch({ type: 'numbersRep', rep }),
      setWhatIf: (recordId, amount) =>
        dispatch({ type: 'whatIf', value: amount === null ? null : { recordId, amount } }),
      requestFocus: (target) => dispatch({ type: 'focus', target }),
    }),
    [],
  );
  const focusDone = useCallback((n: number) => dispatch({ type: 'focusDone', nonce: n }), []);
  const value = useMemo(() => ({ state, controller, focusDone }), [state, controller, focusDone]);
  return <StateContext.Provider value={value}>{children}</StateContext.Provider>;
}

function useStateContext(): StateContextValue {
  const value = useContext(StateContext);
  if (!value) throw new Error('Workbench state used outside <WorkbenchStateProvider>');
  return value;
}

export function useWorkbenchState(): WorkbenchState {
  return useStateContext().state;
}

export function useWorkbench(): WorkbenchController {
  return useStateContext().controller;
}

/**
 * Focuses the element when a command asked for `target`, now or once the element appears
 * (a view that is still loading). Returns the ref to put on the element.
 */
export function useFocusTarget<T extends HTMLElement>(target: FocusTarget) {
  const { state, focusDone } = useStateContext();
  const element = useRef<T | null>(null);
  const request = state.focus?.target === target ? state.focus.nonce : null;
  useEffect(() => {
    if (request === null || !element.current) return;
    element.current.focus();
    focusDone(request);
  }, [request, focusDone]);
  return useCallback(
    (node: T | null) => {
      element.current = node;
      if (node && request !== null) {
        node.focus();
        focusDone(request);
      }
    },
    [request, focusDone],
  );
}
