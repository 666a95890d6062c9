// @ts-check
/**
 * ESLint rule: the folder boundaries of docs/architecture.md. Every relative import (and
 * re-export, dynamic import) is resolved as a path, without needing the file to exist, and
 * refused when the importing folder may not depend on the imported one.
 */
import path from 'node:path';

/** The folders, most specific first; a file belongs to the first that contains it. */
export const FOLDERS = [
  'lib/domain',
  'lib/crm',
  'lib/db',
  'lib/sync',
  'lib/messaging',
  'components',
  'entrypoints',
  'server',
  'demo',
  'test',
  'bench',
];

/** What each folder may import besides itself (see docs/architecture.md). */
export const ALLOWED = {
  'lib/domain': [],
  'lib/crm': ['lib/domain'],
  'lib/db': ['lib/domain'],
  'lib/sync': ['lib/domain', 'lib/db'],
  'lib/messaging': ['lib/domain'],
  components: ['lib/domain', 'lib/db', 'lib/sync', 'lib/messaging'],
  entrypoints: ['lib/domain', 'lib/crm', 'lib/db', 'lib/sync', 'lib/messaging', 'components'],
  server: ['lib/domain'],
  demo: [],
  test: FOLDERS,
  bench: FOLDERS,
};

function folderOf(root, file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return FOLDERS.find((f) => rel === f || rel.startsWith(`${f}/`)) ?? null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const folderBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder boundaries of docs/architecture.md' },
    schema: [],
    messages: {
      refused:
        '{{from}} may not import {{to}} (it may import: {{allowed}}). See docs/architecture.md.',
    },
  },
  create(context) {
    const root = context.cwd;
    const from = folderOf(root, context.filename);
    if (from === null) return {};
    const allowed = [from, ...(ALLOWED[from] ?? [])];
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const to = folderOf(root, target);
      if (to === null || allowed.includes(to)) return;
      context.report({
        node,
        messageId: 'refused',
        data: { from, to, allowed: allowed.slice(1).join(', ') || 'nothing else' },
      });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'folder-boundaries': folderBoundaries } };
