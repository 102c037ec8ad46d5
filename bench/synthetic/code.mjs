/**
 * Builders for the ordinary code of a synthetic web project: the 98% of files that never touch
 * Redis but that a lint run still parses and walks. Each builder returns lines; `ts` chooses
 * TypeScript or plain JavaScript syntax.
 */

export const entities = [
  'user', 'order', 'invoice', 'product', 'cart', 'session', 'payment', 'subscription', 'account',
  'team', 'project', 'task', 'comment', 'post', 'message', 'notification', 'report', 'customer',
  'shipment', 'coupon', 'review', 'webhook', 'event', 'profile', 'setting', 'audit', 'upload',
  'inventory', 'invite', 'plan', 'refund', 'ticket', 'article', 'category', 'tag', 'device',
];
export const verbs = [
  'get', 'list', 'create', 'update', 'delete', 'sync', 'load', 'fetch', 'format', 'parse',
  'validate', 'compute', 'build', 'normalize', 'resolve', 'merge', 'filter', 'sort', 'group', 'export',
];
const fields = [
  'id', 'name', 'email', 'status', 'createdAt', 'updatedAt', 'amount', 'currency', 'title', 'ownerId',
  'count', 'total', 'slug', 'priority', 'dueDate', 'tags', 'locale', 'region', 'version', 'archived',
];
const fieldTypes = {
  id: 'string', name: 'string', email: 'string', status: 'Status', createdAt: 'string', updatedAt: 'string',
  amount: 'number', currency: 'string', title: 'string', ownerId: 'string', count: 'number', total: 'number',
  slug: 'string', priority: 'number', dueDate: 'string | null', tags: 'string[]', locale: 'string',
  region: 'string', version: 'number', archived: 'boolean',
};
const statuses = ['active', 'pending', 'archived', 'failed', 'draft', 'paid', 'open', 'closed'];
const words = [
  'Loading', 'Save', 'Cancel', 'Details', 'Overview', 'Settings', 'Recent', 'Activity', 'Members',
  'Billing', 'Nothing', 'here', 'yet', 'Try', 'again', 'later', 'View', 'all', 'Delete', 'Edit',
];

export const capitalise = (word) => word[0].toUpperCase() + word.slice(1);
export const camel = (...parts) => {
  const [first, ...rest] = parts.filter(Boolean);
  return first + rest.map(capitalise).join('');
};
export const pascal = (...parts) => parts.filter(Boolean).map(capitalise).join('');
export const indent = (lines, depth = 1) => lines.map((line) => (line === '' ? '' : '  '.repeat(depth) + line));

/** Code-writing context: the random source, the dialect and the names in scope. */
export function createWriter(random, { ts, jsx = false }) {
  const writer = { random, ts, jsx, counter: 0, inAsync: false };
  writer.fresh = (base) => `${base}${++writer.counter}`;
  writer.type = (text) => (ts ? `: ${text}` : '');
  return writer;
}

function literal(w) {
  const r = w.random;
  switch (r.int(0, 5)) {
    case 0: return String(r.int(0, 5000));
    case 1: return `'${r.pick(statuses)}'`;
    case 2: return `\`${r.pick(entities)}:\${Date.now()}\``;
    case 3: return r.chance(0.5) ? 'true' : 'false';
    case 4: return 'null';
    default: return `${r.int(1, 99)} * ${r.int(2, 60)}`;
  }
}

function expression(w, scope, depth = 0) {
  const r = w.random;
  const local = scope.length > 0 ? r.pick(scope) : 'input';
  if (depth > 2) return r.chance(0.5) ? literal(w) : `${local}.${r.pick(fields)}`;
  switch (r.int(0, 13)) {
    case 0: return literal(w);
    case 1: return `${local}.${r.pick(fields)}`;
    case 2: return `${local}?.${r.pick(fields)} ?? ${literal(w)}`;
    case 3: return `${camel(r.pick(verbs), r.pick(entities))}(${local}${r.chance(0.4) ? `, ${literal(w)}` : ''})`;
    case 4: return `{ ${r.sample(fields, r.int(1, 4)).map((field) => `${field}: ${expression(w, scope, depth + 1)}`).join(', ')} }`;
    case 5: return `${condition(w, scope)} ? ${expression(w, scope, depth + 1)} : ${expression(w, scope, depth + 1)}`;
    case 6: return `JSON.stringify(${local})`;
    case 7: return `Object.keys(${local}).length`;
    case 8: return `${local}.${r.pick(['filter', 'map', 'some', 'find'])}((item) => item.${r.pick(fields)} ${r.pick(['===', '!=='])} ${literal(w)})`;
    case 9: return `${local}.reduce((sum, item) => sum + item.${r.pick(['amount', 'count', 'total'])}, 0)`;
    case 10: return `Math.${r.pick(['max', 'min', 'round'])}(${expression(w, scope, depth + 1)}, ${r.int(0, 100)})`;
    case 11: return `[${scope.slice(0, 3).join(', ')}]`;
    case 12: return w.ts ? `(${local} as ${pascal(r.pick(entities))}).${r.pick(fields)}` : `${local}.${r.pick(fields)}`;
    default: return `new Date(${r.chance(0.5) ? '' : `${local}.${r.pick(['createdAt', 'updatedAt', 'dueDate'])}`}).toISOString()`;
  }
}

function condition(w, scope) {
  const r = w.random;
  const local = scope.length > 0 ? r.pick(scope) : 'input';
  switch (r.int(0, 6)) {
    case 0: return `${local}.length > ${r.int(0, 10)}`;
    case 1: return `!${local}`;
    case 2: return `${local}.status === '${r.pick(statuses)}'`;
    case 3: return `typeof ${local} === '${r.pick(['string', 'number', 'object', 'undefined'])}'`;
    case 4: return `${local} && ${local}.${r.pick(fields)}`;
    case 5: return `${local}.${r.pick(['amount', 'count', 'priority', 'version'])} >= ${r.int(1, 500)}`;
    default: return `Array.isArray(${local})`;
  }
}

/** Runs `build` with `await` allowed or not, as the enclosing function is async or not. */
export function inFunction(w, isAsync, build) {
  const outer = w.inAsync;
  w.inAsync = isAsync;
  try {
    return build();
  } finally {
    w.inAsync = outer;
  }
}

/** A block of statements; `scope` grows as the block declares names. */
export function statements(w, scope, count, depth = 0) {
  const r = w.random;
  const lines = [];
  for (let i = 0; i < count; i++) {
    const kind = depth >= 2 ? r.int(0, 3) : r.int(0, 11);
    switch (kind) {
      case 0:
      case 1: {
        const name = w.fresh(r.pick(['value', 'result', 'entry', 'next', 'payload', 'row']));
        const annotation = w.ts && r.chance(0.2) ? `: ${r.pick(['unknown', 'number', 'string', 'Record<string, unknown>'])}` : '';
        lines.push(`const ${name}${annotation} = ${expression(w, scope)};`);
        scope.push(name);
        break;
      }
      case 2: {
        const fn = camel(r.pick(verbs), r.pick(entities));
        lines.push(`${w.inAsync && r.chance(0.5) ? 'await ' : ''}${fn}(${r.pick(scope.length ? scope : ['input'])});`);
        break;
      }
      case 3:
        lines.push(`logger.${r.pick(['debug', 'info'])}('${r.pick(verbs)} ${r.pick(entities)}', { ${r.pick(fields)}: ${expression(w, scope, 2)} });`);
        break;
      case 4:
        lines.push(`if (${condition(w, scope)}) {`, ...indent(statements(w, [...scope], r.int(1, 3), depth + 1)));
        if (r.chance(0.4)) lines.push('} else {', ...indent(statements(w, [...scope], r.int(1, 2), depth + 1)));
        lines.push('}');
        break;
      case 5: {
        const total = w.fresh('total');
        const list = r.pick(scope.length ? scope : ['input']);
        lines.push(`let ${total} = 0;`, `for (const item of ${list}) {`,
          ...indent([`if (item.${r.pick(fields)} === ${literal(w)}) continue;`, `${total} += item.${r.pick(['amount', 'count', 'total'])} ?? 0;`]),
          '}');
        scope.push(total);
        break;
      }
      case 6:
        lines.push('try {', ...indent(statements(w, [...scope], r.int(1, 3), depth + 1)),
          `} catch (error) {`, ...indent([`logger.warn('${r.pick(verbs)} ${r.pick(entities)} failed', error);`]), '}');
        break;
      case 7: {
        const local = r.pick(scope.length ? scope : ['input']);
        lines.push(`switch (${local}.status) {`);
        for (const status of r.sample(statuses, r.int(2, 4))) {
          lines.push(`  case '${status}':`, ...indent(statements(w, [...scope], 1, depth + 2), 2), '    break;');
        }
        lines.push('  default:', `    throw new Error(\`Unexpected status \${${local}.status}\`);`, '}');
        break;
      }
      case 8: {
        const name = w.fresh(r.pick(['ids', 'visible', 'pending', 'sorted']));
        const list = r.pick(scope.length ? scope : ['input']);
        lines.push(`const ${name} = ${list}`,
          `  .filter((item) => ${r.chance(0.5) ? `item.status !== '${r.pick(statuses)}'` : `!item.archived`})`,
          `  .map((item) => item.${r.pick(fields)})`,
          `  .sort((a, b) => ${r.chance(0.5) ? 'String(a).localeCompare(String(b))' : 'Number(a) - Number(b)'});`);
        scope.push(name);
        break;
      }
      case 9: {
        // Names already in scope would be redeclarations, which Babel rejects.
        const picked = r.sample(fields.filter((field) => !scope.includes(field)), r.int(2, 4));
        const source = r.pick(scope.length ? scope : ['input']);
        lines.push(`const { ${picked.map((field, index) => (index === 0 && r.chance(0.4) ? `${field} = ${literal(w)}` : field)).join(', ')} } = ${source};`);
        scope.push(...picked);
        break;
      }
      case 10:
        if (!w.inAsync) {
          lines.push(`queueMicrotask(() => ${camel(r.pick(verbs), r.pick(entities))}(${r.pick(scope.length ? scope : ['input'])}));`);
          break;
        }
        lines.push(`const ${w.fresh('response')} = await fetch(\`\${API_BASE}/${r.pick(entities)}s/\${${r.pick(scope.length ? scope : ['input'])}}\`, {`,
          `  method: '${r.pick(['GET', 'POST', 'PUT', 'DELETE'])}',`,
          `  headers: { 'content-type': 'application/json' },`, '});');
        break;
      default:
        lines.push(`// ${r.pick(['Keep', 'Skip', 'Retry', 'Cache'])} ${r.pick(entities)}s ${r.pick(['older than a day', 'the billing system already sent', 'when the flag is off', 'for the legacy dashboard'])}.`);
    }
  }
  return lines;
}

export function interfaceDeclaration(w, name, exported = true) {
  const r = w.random;
  const picked = r.sample(fields, r.int(3, 8));
  return [`${exported ? 'export ' : ''}interface ${name} {`,
    ...picked.map((field) => `  ${field}${r.chance(0.2) ? '?' : ''}: ${fieldTypes[field]};`), '}'];
}

/** A function declaration with a body of `size` statements and a final return. */
export function functionDeclaration(w, { name, exported = false, isAsync, params, size }) {
  const r = w.random;
  const async = isAsync ?? r.chance(0.4);
  const paramList = params ?? [r.pick(['input', 'items', 'record', 'options'])];
  const scope = paramList.map((param) => param.split(/[:=?]/)[0].trim());
  const typed = paramList.map((param) => (w.ts && !param.includes(':') ? `${param}: ${r.pick(['any', 'unknown[]', `${pascal(r.pick(entities))}[]`, 'Record<string, any>'])}` : param));
  const returnType = w.ts && r.chance(0.5) ? `: ${async ? 'Promise<unknown>' : 'unknown'}` : '';
  const body = inFunction(w, async, () => statements(w, scope, size ?? r.int(2, 7)));
  body.push(`return ${expression(w, scope)};`);
  return [`${exported ? 'export ' : ''}${async ? 'async ' : ''}function ${name}(${typed.join(', ')})${returnType} {`, ...indent(body), '}'];
}

export function arrowHelper(w, name, exported = false) {
  const r = w.random;
  const param = r.pick(['value', 'list', 'entity']);
  const typedParam = w.ts ? `${param}: any` : param;
  if (r.chance(0.5)) {
    const value = expression(w, [param]);
    // An object literal as a concise arrow body must be parenthesised, or it parses as a block.
    return [`${exported ? 'export ' : ''}const ${name} = (${typedParam}) => ${value.startsWith('{') ? `(${value})` : value};`];
  }
  const body = inFunction(w, true, () => statements(w, [param], r.int(1, 4)));
  return [`${exported ? 'export ' : ''}const ${name} = async (${typedParam}) => {`, ...indent([...body, `return ${expression(w, [param])};`]), '};'];
}

export function classDeclaration(w, name) {
  const r = w.random;
  const entity = r.pick(entities);
  const lines = [];
  if (w.ts) {
    lines.push(`export class ${name} {`, `  private readonly cache = new Map<string, ${pascal(entity)}>();`, '',
      `  constructor(private readonly db: Database, private readonly options: { ttl: number } = { ttl: ${r.int(10, 3600)} }) {}`);
  } else {
    lines.push(`export class ${name} {`, '  cache = new Map();', '', '  constructor(db, options = {}) {', '    this.db = db;',
      `    this.options = { ttl: ${r.int(10, 3600)}, ...options };`, '  }');
  }
  for (let i = 0, methods = r.int(2, 5); i < methods; i++) {
    const method = camel(r.pick(verbs), r.pick(entities));
    const param = w.ts ? 'input: any' : 'input';
    const body = [...inFunction(w, true, () => statements(w, ['input'], r.int(1, 5))), `return this.db.${r.pick(['query', 'insert', 'update'])}('${entity}s', input);`];
    lines.push('', `  async ${method}${i}(${param}) {`, ...indent(body, 2), '  }');
  }
  lines.push('}');
  return lines;
}

export function importLines(w, count) {
  const r = w.random;
  const lines = [];
  const used = new Set();
  for (let i = 0; i < count; i++) {
    const entity = r.pick(entities);
    const name = camel(r.pick(verbs), entity);
    if (used.has(name)) continue;
    used.add(name);
    lines.push(`import { ${name} } from '${r.pick(['@/lib', '../lib', '../../lib', '@/services'])}/${entity}${r.chance(0.3) ? 's' : ''}';`);
  }
  lines.push(`import { logger } from '${r.pick(['@/lib/logger', '../lib/logger', '../../lib/logger'])}';`);
  return lines;
}

/** A JSX tree a few levels deep; text children are plain words so every dialect parses them. */
export function jsxTree(w, depth = 0) {
  const r = w.random;
  const text = () => r.sample(words, r.int(1, 3)).join(' ');
  // The root must be an element: a bare `{…}` container is not an expression.
  if (depth >= 2 || (depth > 0 && r.chance(0.25))) {
    return [r.pick([
      `<p className="text-sm text-muted">${text()}</p>`,
      `<Button variant="${r.pick(['primary', 'ghost', 'danger'])}" onClick={() => setOpen(!open)}>${text()}</Button>`,
      `<span>{props.${r.pick(fields)}}</span>`,
      `{items.length === 0 ? <EmptyState title="${text()}" /> : null}`,
      `<Badge tone="${r.pick(statuses)}">{props.status}</Badge>`,
    ])];
  }
  const tag = r.pick(['div', 'section', 'ul', 'header', 'Card', 'Stack']);
  const children = [];
  for (let i = 0, count = r.int(1, 4); i < count; i++) children.push(...jsxTree(w, depth + 1));
  if (tag === 'ul') {
    return ['<ul>', '  {items.map((item) => (', `    <li key={item.id} className="py-2">{item.${r.pick(['name', 'title', 'slug'])}}</li>`, '  ))}', '</ul>'];
  }
  return [`<${tag} className="${r.pick(['flex gap-2', 'grid grid-cols-2', 'space-y-4', 'p-4 rounded'])}">`, ...indent(children), `</${tag}>`];
}
