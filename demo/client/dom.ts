/**
 * Markup from the demo's own server (every value in it escaped there) as nodes. Page text is
 * never turned into markup here: messages go in with `textContent`.
 */
export function fragmentOf(markup: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.content;
}

export function required<T extends Element>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`demo page has no ${selector}`);
  return found;
}
