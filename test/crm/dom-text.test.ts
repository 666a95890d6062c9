// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  controlValue,
  deepScope,
  isRendered,
  queryAllDeep,
  queryFirstDeep,
  visibleText,
} from '../../lib/crm/dom-text';
import { attachDeclarativeShadowRoots } from './load-fixture';

function render(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html; // test setup only: lib/crm never parses HTML
  attachDeclarativeShadowRoots(root);
  document.body.replaceChildren(root);
  return root;
}

describe('visibleText', () => {
  beforeEach(() => document.body.replaceChildren());

  it.each([
    ['<a><span class="assistiveText">Open Jane Doe Preview</span>Jane Doe</a>', 'Jane Doe'],
    ['<a>Jane Doe</a><span class="slds-assistive-text">Open Jane Doe Preview</span>', 'Jane Doe'],
    ['<span>Jane</span> <span class="slds-hide">Hidden</span><span> Doe </span>', 'Jane Doe'],
    ['Acme<script>window.x = 1</script><style>a{}</style>', 'Acme'],
    ['<div>Amount</div><div>$1.00</div>', 'Amount $1.00'],
    ['<span hidden>no</span><span style="display: none">no</span>yes', 'yes'],
    ['  many \n\n  spaces\u00a0here  ', 'many spaces here'],
    ['Acme &lt;script&gt;alert(1)&lt;/script&gt;', 'Acme <script>alert(1)</script>'],
  ])('%s → %j', (html, text) => {
    expect(visibleText(render(html))).toBe(text);
  });

  it('renders shadow trees with their slotted content, and not unslotted light children', () => {
    const root = render(
      '<x-lookup><template shadowrootmode="open"><a><slot></slot></a><span class="slds-assistive-text">Preview</span> <slot name="after">fallback</slot></template>Jane Doe</x-lookup>',
    );
    expect(visibleText(root)).toBe('Jane Doe fallback');
  });

  it('leaves out subtrees matching skip', () => {
    const root = render('<label>Amount</label><span>$5</span><button>Edit</button>');
    expect(visibleText(root, { skip: 'label, button' })).toBe('$5');
  });

  it('is empty for nothing', () => {
    expect(visibleText(null)).toBe('');
  });
});

describe('deep queries', () => {
  it('find matches inside nested open shadow roots, light DOM first', () => {
    const root = render(
      '<x-outer><template shadowrootmode="open"><x-inner><template shadowrootmode="open"><i class="hit">deep</i></template></x-inner></template></x-outer><i class="hit">light</i>',
    );
    const scope = deepScope(root);
    expect(queryAllDeep(scope, '.hit').map((el) => el.textContent)).toEqual(['light', 'deep']);
    expect(queryFirstDeep(scope, '.hit')?.textContent).toBe('light');
  });

  it('include the shadow root of the scope element itself', () => {
    const root = render('<x-host><template shadowrootmode="open"><b>own</b></template></x-host>');
    const host = root.querySelector('x-host')!;
    expect(queryFirstDeep(deepScope(host), 'b')?.textContent).toBe('own');
  });

  it('prefer a rendered match over a hidden one', () => {
    const root = render(
      '<div class="slds-hide"><i class="hit">hidden</i></div><i class="hit">shown</i>',
    );
    expect(queryFirstDeep(deepScope(root), '.hit')?.textContent).toBe('shown');
    expect(isRendered(root.querySelector('.hit')!)).toBe(false);
  });
});

describe('controlValue', () => {
  it('reads inputs, selects and comboboxes as the user sees them', () => {
    const root = render(
      '<input value=" 1,000 "><select><option>A</option><option selected>B</option></select><button role="combobox" data-value="api"><span>Label</span></button><button role="combobox" data-value="Only API"></button>',
    );
    const [input, select, combobox, bare] = Array.from(root.children);
    expect(controlValue(input!)).toBe('1,000');
    expect(controlValue(select!)).toBe('B');
    expect(controlValue(combobox!)).toBe('Label');
    expect(controlValue(bare!)).toBe('Only API');
  });
});
