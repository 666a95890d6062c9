/**
 * Reading a page the way its user reads it: visible text only (assistive text, hidden nodes,
 * scripts and templates excluded), through open shadow roots and their slots. Text comes from
 * text nodes and form-control values; nothing is ever parsed as HTML. No `instanceof` checks,
 * so it works across realms (content-script worlds, test windows).
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;

const NEVER_RENDERED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE']);
const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BR DD DIV DL DT FOOTER H1 H2 H3 H4 H5 H6 HEADER LI OL P SECTION TABLE TD TH TR UL'.split(
    ' ',
  ),
);
/** Classes that hide text from sight (assistive text for screen readers, utility hiding). */
const HIDING_CLASSES = [
  'assistiveText',
  'slds-assistive-text',
  'slds-hide',
  'slds-hidden',
  'sr-only',
  'visually-hidden',
  'visuallyhidden',
  'screen-reader-text',
  'private-visually-hidden',
];
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** Form controls a user types into or picks from. */
export const EDITABLE_CONTROL =
  'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]), textarea, select, button[role="combobox"]';

/** True when the element itself hides its content from sight. */
export function isHiddenElement(el: Element): boolean {
  if (NEVER_RENDERED.has(el.tagName)) return true;
  if (el.hasAttribute('hidden')) return true;
  if (HIDING_CLASSES.some((name) => el.classList.contains(name))) return true;
  return HIDING_STYLE.test(el.getAttribute('style') ?? '');
}

/** The parent across shadow boundaries (a shadow root's parent is its host). */
export function composedParent(node: Node): Node | null {
  if (node.parentNode) {
    const parent = node.parentNode;
    return parent.nodeType === DOCUMENT_FRAGMENT_NODE && 'host' in parent
      ? (parent as ShadowRoot).host
      : parent;
  }
  return null;
}

/** Whether `el` and its ancestors up to (not including) `boundary` all show their content. */
export function isRendered(el: Element, boundary?: Node | null): boolean {
  for (let node: Node | null = el; node && node !== boundary; node = composedParent(node)) {
    if (node.nodeType === ELEMENT_NODE && isHiddenElement(node as Element)) return false;
  }
  return true;
}

/** The nearest ancestor-or-self matching `selector`, across shadow boundaries. */
export function closestComposed(el: Element, selector: string): Element | null {
  for (let node: Node | null = el; node; node = composedParent(node)) {
    if (node.nodeType === ELEMENT_NODE && (node as Element).matches(selector)) {
      return node as Element;
    }
  }
  return null;
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
