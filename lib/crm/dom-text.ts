/**
 * Reading a page the way its user reads it: visible text only (assistive text, hidden nodes,
 * scripts and templates excluded), through open shadow roots and their slots. Text comes from
 * text nodes and form-control values; nothing is ever parsed as HTML. No `instanceof` checks,
 * so it works across realms (content-script worlds, test windows).
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BR DD DIV DL DT FOOTER H1 H2 H3 H4 H5 H6 HEADER LI OL P SECTION TABLE TD TH TR UL'.split(
    ' ',
  ),
);
/**
 * What hides its content from sight: elements never rendered (in any namespace: an SVG `title`
 * is not rendered either), `hidden`, and classes for assistive text (screen readers only) and
 * utility hiding.
 */
const HIDDEN = [
  'script,style,template,noscript,head,title,[hidden]',
  '.assistiveText,.slds-assistive-text,.slds-hide,.slds-hidden,.sr-only,.visually-hidden',
  '.visuallyhidden,.screen-reader-text,.private-visually-hidden',
].join();
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** Form controls a user types into or picks from. */
export const EDITABLE_CONTROL =
  'input:not([type=hidden],[type=checkbox],[type=radio],[type=button],[type=submit]),textarea,select,button[role=combobox]';

/** True when the element itself hides its content from sight. */
export function isHiddenElement(el: Element): boolean {
  return el.matches(HIDDEN) || HIDING_STYLE.test(el.getAttribute('style') ?? '');
}

/**
 * The nearest of `el` and its ancestors up to (not including) `boundary` that passes `test`,
 * across shadow boundaries (a shadow root's parent is its host).
 */
export function composedAncestor(
  el: Element,
  test: (ancestor: Element) => boolean,
  boundary?: Node | null,
): Element | null {
  for (let node: Node | null = el; node && node !== boundary; node = composedParent(node)) {
    if (node.nodeType === ELEMENT_NODE && test(node as Element)) return node as Element;
  }
  return null;
}

/** The parent across shadow boundaries (a shadow root's parent is its host). */
function composedParent(node: Node): Node | null {
  const parent = node.parentNode;
  return parent && isShadowRoot(parent) ? parent.host : parent;
}

/** A shadow root (a document fragment with a host), told without `instanceof`. */
export function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === DOCUMENT_FRAGMENT_NODE && 'host' in node;
}

/** Whether `el` and its ancestors up to (not including) `boundary` all show their content. */
export function isRendered(el: Element, boundary?: Node | null): boolean {
  return !composedAncestor(el, isHiddenElement, boundary);
}

/** The nearest ancestor-or-self matching `selector`, across shadow boundaries. */
export function closestComposed(el: Element, selector: string): Element | null {
  return composedAncestor(el, (ancestor) => ancestor.matches(selector));
}

export interface VisibleTextOptions {
  /** Subtrees to leave out, e.g. the label inside a field container. */
  skip?: string;
}

/** Visible text with whitespace collapsed and trimmed; '' for nothing. */
export function visibleText(
  node: Node | null | undefined,
  options: VisibleTextOptions = {},
): string {
  if (!node) return '';
  const parts: string[] = [];
  collectText(node, parts, options.skip);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function collectText(node: Node, parts: string[], skip: string | undefined): void {
  if (node.nodeType === TEXT_NODE) {
    parts.push((node as Text).data);
    return;
  }
  if (node.nodeType === DOCUMENT_FRAGMENT_NODE) {
    for (const child of Array.from(node.childNodes)) collectText(child, parts, skip);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const el = node as Element;
  if (isHiddenElement(el) || (skip !== undefined && el.matches(skip))) return;
  const block = BLOCK.has(el.tagName);
  if (block) parts.push(' ');
  for (const child of renderedChildren(el)) collectText(child, parts, skip);
  if (block) parts.push(' ');
}

/** The nodes rendered in place of an element's children: its shadow tree, a slot's assignees. */
function renderedChildren(el: Element): Node[] {
  if (el.shadowRoot) return Array.from(el.shadowRoot.childNodes);
  if (el.tagName === 'SLOT' && 'assignedNodes' in el) {
    const assigned = (el as HTMLSlotElement).assignedNodes({ flatten: true });
    if (assigned.length > 0) return assigned;
  }
  return Array.from(el.childNodes);
}

/** The value a form control shows: typed text, the picked option's label, a combobox's text. */
export function controlValue(el: Element): string {
  switch (el.tagName) {
    case 'INPUT':
    case 'TEXTAREA':
      return (el as HTMLInputElement).value.replace(/\s+/g, ' ').trim();
    case 'SELECT': {
      const select = el as HTMLSelectElement;
      const option = select.options[select.selectedIndex];
      return option ? visibleText(option) : '';
    }
    default:
      return visibleText(el) || (el.getAttribute('data-value') ?? '').trim();
  }
}

/** A field read from an edit control: its value, re-readable alone when it is typed in. */
export function controlReading(control: Element): {
  text: string;
  editing: true;
  control: Element;
} {
  return { text: controlValue(control), editing: true, control };
}

/** A subtree plus the open shadow roots inside it (found on first need), for piercing queries. */
export interface DeepScope {
  readonly root: ParentNode & Node;
  /** The root itself, then every open shadow root below it, nested ones included. */
  roots(): readonly ParentNode[];
}

export function deepScope(root: ParentNode & Node): DeepScope {
  let roots: ParentNode[] | undefined;
  return {
    root,
    roots() {
      if (!roots) {
        roots = [root];
        const own = (root as Partial<Element>).shadowRoot;
        if (own) roots.push(own);
        for (let i = 0; i < roots.length; i += 1) {
          for (const el of Array.from(roots[i]?.querySelectorAll('*') ?? [])) {
            if (el.shadowRoot) roots.push(el.shadowRoot);
          }
        }
      }
      return roots;
    },
  };
}

/** All matches in the scope and its shadow roots, light DOM first. */
export function queryAllDeep(scope: DeepScope, selector: string): Element[] {
  return scope.roots().flatMap((root) => Array.from(root.querySelectorAll(selector)));
}

/**
 * The first match rendered within the scope (else the first match at all), searching the
 * light DOM before walking into shadow roots.
 */
export function queryFirstDeep(scope: DeepScope, selector: string): Element | null {
  let fallback: Element | null = null;
  const search = (root: ParentNode): Element | null => {
    for (const el of Array.from(root.querySelectorAll(selector))) {
      if (isRendered(el, scope.root)) return el;
      fallback ??= el;
    }
    return null;
  };
  const light = search(scope.root);
  if (light) return light;
  for (const root of scope.roots().slice(1)) {
    const found = search(root);
    if (found) return found;
  }
  return fallback;
}

/** The focused element, looking into open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** `text` or null when it is empty. */
export function nonEmpty(text: string | null | undefined): string | null {
  return text ? text : null;
}
