/**
 * `when` clauses over context keys, as in VS Code: `record.isDeal && user.role != rep`,
 * `!pulse.due || (user.isManager && sync.online)`. A clause is parsed once, when its view or
 * command registers, so a typo or an unknown key fails at once (and in the conventions test)
 * rather than silently hiding a view.
 *
 * Grammar: or := and ('||' and)*; and := not ('&&' not)*; not := '!' not | atom;
 * atom := '(' or ')' | key (('==' | '!=') value)?; value := 'quoted' | bare word | number |
 * true | false. A bare key is true when its value is truthy.
 */

/** The keys a clause may test, and their types. */
export interface ContextKeys {
  'user.signedIn': boolean;
  'user.role': 'rep' | 'manager' | 'admin' | null;
  /** Manager or admin. */
  'user.isManager': boolean;
  /** The sidebar sits beside a CRM record page. */
  'record.present': boolean;
  'record.isDeal': boolean;
  'record.crm': string | null;
  /** The record's deal is in the local store. */
  'record.synced': boolean;
  /** A survey the user is in the audience of is running. */
  'pulse.active': boolean;
  /** A pulse question is waiting for an answer. */
  'pulse.due': boolean;
  'sync.online': boolean;
}
export type ContextKey = keyof ContextKeys;

export const CONTEXT_KEY_NAMES: readonly ContextKey[] = [
  'user.signedIn',
  'user.role',
  'user.isManager',
  'record.present',
  'record.isDeal',
  'record.crm',
  'record.synced',
  'pulse.active',
  'pulse.due',
  'sync.online',
];

type Value = string | number | boolean | null;
export type WhenExpr =
  | { kind: 'key'; key: ContextKey }
  | { kind: 'compare'; key: ContextKey; op: '==' | '!='; value: Value }
  | { kind: 'not'; expr: WhenExpr }
  | { kind: 'and' | 'or'; left: WhenExpr; right: WhenExpr };

export class WhenClauseError extends Error {
  override readonly name = 'WhenClauseError';
}

const TOKEN = /\s*(&&|\|\||==|!=|!|\(|\)|'[^']*'|[A-Za-z0-9_.-]+)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) throw new WhenClauseError(`Unexpected "${source.slice(at).trim()}" in "${source}"`);
    tokens.push(m[1]!);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

export function parseWhen(source: string): WhenExpr {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    throw new WhenClauseError(`${what} in "${source}"`);
  };

  function key(token: string | undefined): ContextKey {
    if (token === undefined) return fail('Missing context key');
    if (!(CONTEXT_KEY_NAMES as readonly string[]).includes(token)) {
      return fail(`Unknown context key "${token}"`);
    }
    return token as ContextKey;
  }
  function value(token: string | undefined): Value {
    if (token === undefined) return fail('Missing value');
    if (token.startsWith("'")) return token.slice(1, -1);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    if (/^[A-Za-z0-9_.-]+$/.test(token)) return token;
    return fail(`Unexpected "${token}"`);
  }
  function atom(): WhenExpr {
    const token = tokens[i++];
    if (token === '(') {
      const inner = or();
      if (tokens[i++] !== ')') fail('Missing ")"');
      return inner;
    }
    const k = key(token);
    const op = peek();
    if (op === '==' || op === '!=') {
      i++;
      return { kind: 'compare', key: k, op, value: value(tokens[i++]) };
    }
    return { kind: 'key', key: k };
  }
  function not(): WhenExpr {
    if (peek() === '!') {
      i++;
      return { kind: 'not', expr: not() };
    }
    return atom();
  }
  function and(): WhenExpr {
    let left = not();
    while (peek() === '&&') {
      i++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  }
  function or(): WhenExpr {
    let left = and();
    while (peek() === '||') {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }

  if (tokens.length === 0) fail('Empty clause');
  const expr = or();
  if (i < tokens.length) fail(`Unexpected "${tokens[i]}"`);
  return expr;
}

export function evaluateWhen(expr: WhenExpr, keys: ContextKeys): boolean {
  switch (expr.kind) {
    case 'key':
      return Boolean(keys[expr.key]);
    case 'compare': {
      const equal = keys[expr.key] === expr.value;
      return expr.op === '==' ? equal : !equal;
    }
    case 'not':
      return !evaluateWhen(expr.expr, keys);
    case 'and':
      return evaluateWhen(expr.left, keys) && evaluateWhen(expr.right, keys);
    case 'or':
      return evaluateWhen(expr.left, keys) || evaluateWhen(expr.right, keys);
  }
}
