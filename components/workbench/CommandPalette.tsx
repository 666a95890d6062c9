import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { QuickPickItem, QuickStep } from './commands';
import { fuzzyMatch } from './fuzzy';
import { Icon } from './icons';

/** One command as the palette lists it (already filtered by its `when` clause). */
export interface PaletteEntry {
  id: string;
  /** "Sync: Sync now". */
  label: string;
  /** The keys of its shortcut, e.g. ["Ctrl", "K"]; null when it has none. */
  shortcut: string[] | null;
  run(): void | Promise<void> | QuickStep;
}

interface Row {
  id: string;
  label: string;
  detail?: string;
  shortcut: string[] | null;
  current?: boolean;
  indices: number[];
}

const PAGE = 8;

function rank<T extends { id: string; label: string }>(
  items: readonly T[],
  query: string,
  sortEmpty: Intl.Collator | null,
): (T & { indices: number[] })[] {
  if (query.trim() === '') {
    const all = items.map((item) => ({ ...item, indices: [] }));
    return sortEmpty ? all.sort((a, b) => sortEmpty.compare(a.label, b.label)) : all;
  }
  return items
    .map((item, order) => ({ item, order, match: fuzzyMatch(query, item.label) }))
    .filter((r) => r.match !== null)
    .sort((a, b) => b.match!.score - a.match!.score || a.order - b.order)
    .map((r) => ({ ...r.item, indices: r.match!.indices }));
}

function Highlighted({ text, indices }: { text: string; indices: number[] }) {
  if (indices.length === 0) return <>{text}</>;
  const marked = new Set(indices);
  const out: ReactNode[] = [];
  let run = '';
  let runMarked = false;
  const flush = (key: number) => {
    if (run === '') return;
    out.push(runMarked ? <mark key={key}>{run}</mark> : <span key={key}>{run}</span>);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const m = marked.has(i);
    if (m !== runMarked) {
      flush(i);
      runMarked = m;
    }
    run += text[i];
  }
  flush(text.length);
  return <>{out}</>;
}

export function Shortcut({ keys }: { keys: string[] }) {
  return (
    <span className="shortcut">
      {keys.map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}

/**
 * The command palette: a modal dialog with a combobox over a listbox. ↑/↓ (and PageUp/
 * PageDown) move, Enter runs, Escape closes and gives the focus back to where it was. A
 * command may ask for a second step (a choice, or a value to type).
 */
export function CommandPalette({
  entries,
  initialStep = null,
  onClose,
  onError,
}: {
  entries: readonly PaletteEntry[];
  /** Opens straight on a command's second step (the command ran from its shortcut). */
  initialStep?: QuickStep | null;
  /** Called after the palette has given the focus back. */
  onClose(): void;
  /** A command failed (its message is already translated where the command knows it). */
  onError(error: unknown): void;
}) {
  const { t, locale } = useI18n();
  const listId = useId();
  const hintId = useId();
  const [query, setQuery] = useState(
    initialStep?.kind === 'input' ? (initialStep.initial ?? '') : '',
  );
  const [active, setActive] = useState(0);
  const [step, setStep] = useState<QuickStep | null>(initialStep);
  const [invalid, setInvalid] = useState<string | null>(null);
  // The element to give the focus back to, read once when the palette opens.
  const returnTo = useRef<Element | null>(
    typeof document === 'undefined' ? null : document.activeElement,
  );

  const rows: Row[] = useMemo(() => {
    if (step?.kind === 'input') return [];
    // A choice keeps its own order; commands are listed alphabetically.
    if (step?.kind === 'pick') return rank<QuickPickItem>(step.items, query, null).map(toRow);
    return rank(entries, query, new Intl.Collator(locale)).map((e) => ({
      id: e.id,
      label: e.label,
      shortcut: e.shortcut,
      indices: e.indices,
    }));
  }, [entries, step, query, locale]);
  const activeIndex = rows.length === 0 ? -1 : Math.min(active, rows.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  function close() {
    const target = returnTo.current as HTMLElement | null;
    if (target && target.isConnected && typeof target.focus === 'function') target.focus();
    onClose();
  }

  function settle(result: void | Promise<void>) {
    if (result instanceof Promise) result.catch(onError);
  }

  function runRow(index: number) {
    const row = rows[index];
    if (!row) return;
    if (step?.kind === 'pick') {
      close();
      try {
        settle(step.onPick(row.id));
      } catch (error) {
        onError(error);
      }
      return;
    }
    const entry = entries.find((e) => e.id === row.id);
    if (!entry) return;
    let result: ReturnType<PaletteEntry['run']>;
    try {
      result = entry.run();
    } catch (error) {
      close();
      onError(error);
      return;
    }
    if (result && !(result instanceof Promise)) {
      setStep(result);
      setQuery(result.kind === 'input' ? (result.initial ?? '') : '');
      setActive(Math.max(0, result.kind === 'pick' ? result.items.findIndex((i) => i.current) : 0));
      setInvalid(null);
      return;
    }
    close();
    settle(result);
  }

  function accept() {
    if (step?.kind !== 'input') return runRow(activeIndex);
    const error = step.validate(query);
    if (error !== null) {
      setInvalid(error);
      return;
    }
    close();
    try {
      settle(step.onAccept(query));
    } catch (e) {
      onError(e);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.ctrlKey || event.metaKey) && event.code === 'KeyK') {
      event.preventDefault();
      return close();
    }
    const move = (to: number) => {
      event.preventDefault();
      if (rows.length > 0) setActive(((to % rows.length) + rows.length) % rows.length);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(activeIndex + 1);
      case 'ArrowUp':
        return move(activeIndex - 1);
      case 'PageDown':
        event.preventDefault();
        return setActive(Math.min(rows.length - 1, activeIndex + PAGE));
      case 'PageUp':
        event.preventDefault();
        return setActive(Math.max(0, activeIndex - PAGE));
      case 'Enter':
        event.preventDefault();
        return accept();
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return close();
      case 'Tab':
        // The palette is modal and has one control: keep the focus in it.
        event.preventDefault();
        return;
      case 'Backspace':
        if (step && query === '') {
          event.preventDefault();
          setStep(null);
          setActive(0);
          setInvalid(null);
        }
        return;
    }
  }

  const placeholder = step ? step.placeholder : t('palette.placeholder');
  const isInput = step?.kind === 'input';

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.label')}>
        <div className="palette-input">
          <Icon name="search" />
          <input
            autoFocus
            type="text"
            role="combobox"
            aria-label={isInput ? step.prompt : t('palette.inputLabel')}
            aria-expanded={!isInput}
            aria-controls={isInput || rows.length === 0 ? undefined : listId}
            aria-autocomplete="list"
            aria-activedescendant={!isInput && activeIndex >= 0 ? optionId(activeIndex) : undefined}
            aria-describedby={hintId}
            aria-invalid={invalid !== null || undefined}
            placeholder={placeholder}
            value={query}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setInvalid(null);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <p id={hintId} className={invalid ? 'palette-hint palette-invalid' : 'palette-hint'}>
          {invalid ?? (isInput ? step.prompt : step ? t('palette.stepHint') : t('palette.hint'))}
        </p>
        {!isInput && rows.length > 0 && (
          <ul
            id={listId}
            role="listbox"
            aria-label={t('palette.listLabel')}
            className="palette-list"
          >
            {rows.map((row, i) => (
              <li
                key={row.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeIndex}
                className={i === activeIndex ? 'palette-option active' : 'palette-option'}
                onMouseMove={() => i !== activeIndex && setActive(i)}
                onClick={() => runRow(i)}
              >
                <span className="palette-check">{row.current ? <Icon name="check" /> : null}</span>
                <span className="palette-label">
                  <Highlighted text={row.label} indices={row.indices} />
                  {row.detail ? <span className="palette-detail">{row.detail}</span> : null}
                </span>
                {row.shortcut ? <Shortcut keys={row.shortcut} /> : null}
              </li>
            ))}
          </ul>
        )}
        {!isInput && rows.length === 0 ? (
          <p className="palette-empty" role="status">
            {t('palette.noResults')}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function toRow(item: QuickPickItem & { indices: number[] }): Row {
  return {
    id: item.id,
    label: item.label,
    ...(item.detail ? { detail: item.detail } : {}),
    shortcut: null,
    current: item.current ?? false,
    indices: item.indices,
  };
}
