import { createContext, useContext, useSyncExternalStore, type ComponentType } from 'react';
import type { MessageKey } from '../i18n/en';
import type { CommandContribution } from './commands';
import type { IconName } from './icons';
import { evaluateWhen, parseWhen, type ContextKeys, type WhenExpr } from './when-clause';

/** A count on a view's activity-bar icon, with words for screen readers. */
export interface ViewBadge {
  count: number;
  /** A message taking `{count}`: "{count} prompts need attention". */
  label: MessageKey;
  tone?: 'accent' | 'warn' | 'risk';
}

/**
 * A view, as its module contributes it (like a VS Code `views` contribution): the module
 * calls `registerView` once, and `components/views/index.ts` imports every module.
 */
export interface ViewContribution {
  /** Stable id, the name of the view's folder: `numbers`, `deal`. */
  id: string;
  title: MessageKey;
  icon: IconName;
  /** Position in the activity bar, ascending. */
  order: number;
  /** Alt+digit opens the view (1–9); each digit belongs to one view. */
  keyDigit?: number;
  /** `bottom` for settings-like views, set apart at the foot of the activity bar. */
  placement?: 'top' | 'bottom';
  /** When the view is offered (see when-clause.ts); always when absent. */
  when?: string;
  /** A hook (called on every render of the activity bar) giving the view's badge. */
  useBadge?: () => ViewBadge | null;
  /** The view's container: reads its data and renders the presentational view. */
  component: ComponentType;
  /** An item the view adds to the status bar while it is offered (e.g. the live estimate). */
  statusItem?: ComponentType;
  /** Commands the view adds to the palette. */
  commands?: readonly CommandContribution[];
}

export interface RegisteredView extends ViewContribution {
  placement: 'top' | 'bottom';
  whenExpr: WhenExpr | null;
}

export interface RegisteredCommand extends CommandContribution {
  whenExpr: WhenExpr | null;
}

const ID = /^[a-z][a-z0-9-]*$/;

export class ViewRegistry {
  private readonly views = new Map<string, RegisteredView>();
  private readonly commandsById = new Map<string, RegisteredCommand>();
  private readonly listeners = new Set<() => void>();
  private revision = 0;

  /**
   * Calls `listener` whenever a view or command is added: a page may load some views after its
   * first paint (the sidebar does), and the workbench shows them when they arrive.
   */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever a view or command is added (for `useSyncExternalStore`). */
  readonly version = (): number => this.revision;

  private changed(): void {
    this.revision += 1;
    for (const listener of this.listeners) listener();
  }

  /** Adds a view; throws on a bad or duplicate id or a `when` clause that does not parse. */
  register(view: ViewContribution): RegisteredView {
    if (!ID.test(view.id)) throw new Error(`View id "${view.id}" must be kebab-case`);
    if (this.views.has(view.id)) throw new Error(`View "${view.id}" is registered twice`);
    if (view.keyDigit !== undefined) {
      if (!Number.isInteger(view.keyDigit) || view.keyDigit < 1 || view.keyDigit > 9) {
        throw new Error(`View "${view.id}": keyDigit must be 1–9`);
      }
      const taken = [...this.views.values()].find((v) => v.keyDigit === view.keyDigit);
      if (taken) throw new Error(`Views "${taken.id}" and "${view.id}" share Alt+${view.keyDigit}`);
    }
    const registered: RegisteredView = {
      ...view,
      placement: view.placement ?? 'top',
      whenExpr: view.when ? parseWhen(view.when) : null,
    };
    for (const command of view.commands ?? []) this.registerCommand(command);
    this.views.set(view.id, registered);
    this.changed();
    return registered;
  }

  registerCommand(command: CommandContribution): RegisteredCommand {
    if (this.commandsById.has(command.id)) {
      throw new Error(`Command "${command.id}" is registered twice`);
    }
    const registered = prepareCommand(command);
    this.commandsById.set(command.id, registered);
    this.changed();
    return registered;
  }

  /** Every view: the top group by order, then the bottom group. */
  all(): RegisteredView[] {
    const rank = (v: RegisteredView) => (v.placement === 'bottom' ? 1 : 0);
    return [...this.views.values()].sort(
      (a, b) => rank(a) - rank(b) || a.order - b.order || (a.id < b.id ? -1 : 1),
    );
  }

  get(id: string): RegisteredView | undefined {
    return this.views.get(id);
  }

  visible(keys: ContextKeys): RegisteredView[] {
    return this.all().filter((v) => !v.whenExpr || evaluateWhen(v.whenExpr, keys));
  }

  /** Commands registered directly and by views (not the generated "open view" ones). */
  commands(): RegisteredCommand[] {
    return [...this.commandsById.values()];
  }
}

/** The registry the sidebar uses; tests may build their own. */
export const viewRegistry = new ViewRegistry();

export function registerView(view: ViewContribution): RegisteredView {
  return viewRegistry.register(view);
}

/** Parses a command's `when` clause (throws on a bad one). */
export function prepareCommand(command: CommandContribution): RegisteredCommand {
  return { ...command, whenExpr: command.when ? parseWhen(command.when) : null };
}

export function isVisible(item: { whenExpr: WhenExpr | null }, keys: ContextKeys): boolean {
  return !item.whenExpr || evaluateWhen(item.whenExpr, keys);
}

const RegistryContext = createContext<ViewRegistry>(viewRegistry);

/** The registry the workbench shows (views such as Settings list its shortcuts). */
export const RegistryProvider = RegistryContext.Provider;

export function useRegistry(): ViewRegistry {
  return useContext(RegistryContext);
}

/** The registry's revision: a component calling this re-renders when views are added. */
export function useRegistryVersion(registry: ViewRegistry): number {
  return useSyncExternalStore(registry.subscribe, registry.version);
}
