import type { TSESTree } from '@typescript-eslint/types';
import { findPerCallSites } from '../core/analyze.js';
import { outermostTransparent } from '../core/ast.js';
import { findConstructions } from '../core/constructions.js';
import { baseName } from '../core/in-file-hoist.js';
import { buildTraceMaps } from '../core/sources.js';
import type { ConstructionInfo, ConstructionNode } from '../core/types.js';
import { parseFile } from './parse.js';
import type { ProjectLayout } from './project-layout.js';

/** One distinct client configuration: same library, same kind of connection, same arguments. */
export interface ClientConfig {
  key: string;
  library: 'ioredis' | 'node-redis';
  module: string;
  builds: ConstructionInfo['builds'];
  /** The arguments as written at the first call site. */
  argumentsText: string;
}

/** An export of the shared module serving one configuration. */
export interface SharedExport {
  config: ClientConfig;
  /** The client's export name: `redis`, `cacheRedis`. */
  name: string;
  /** node-redis: the function call sites await for the connected client: `getRedis`. */
  getter?: string;
}

export function configOf(node: ConstructionNode, info: ConstructionInfo, source: string): ClientConfig | undefined {
  if (info.library === 'custom') return undefined;
  const args = node.arguments;
  const argumentsText = args.length === 0 ? '' : source.slice(args[0].range[0], args.at(-1)!.range[1]);
  const normalised = argumentsText.replace(/\s+/g, '').replace(/'/g, '"').replace(/,([}\]])/g, '$1');
  return {
    key: `${info.library}|${info.module}|${info.builds}|${normalised}`,
    library: info.library,
    module: info.module,
    builds: info.builds,
    argumentsText,
  };
}

/** `cacheRedis` from `process.env.CACHE_REDIS_URL`; `redis` when the arguments name nothing better. */
export function exportNameFor(config: ClientConfig, taken: ReadonlySet<string>, descriptive: boolean): string {
  const base = baseName(config.builds);
  const candidates = [base];
  const envName = /process\.env(?:\.|\[['"])([A-Z0-9_]+)/.exec(config.argumentsText)?.[1];
  if (envName) {
    const words = envName.toLowerCase().split('_').filter((word) => word && !['redis', 'url', 'uri', 'host', 'port', 'tls', 'kv', 'connection', 'string'].includes(word));
    if (words.length > 0) {
      candidates.push(words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('') + base[0].toUpperCase() + base.slice(1));
    }
  }
  // The first client is plainly `redis`; further configurations are named after what they connect to.
  if (descriptive) candidates.reverse();
  for (const candidate of candidates) if (!taken.has(candidate)) return candidate;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

export function getterNameFor(name: string): string {
  return `get${name[0].toUpperCase()}${name.slice(1)}`;
}

const WHY = [
  '// One Redis client per process: every request reuses this connection instead of opening its own.',
  '// Development hot reload re-evaluates modules, so the client is kept on globalThis to avoid opening another.',
];

function constructorExpression(config: ClientConfig): string {
  if (config.library === 'ioredis') return config.builds === 'cluster' ? `new Cluster(${config.argumentsText})` : `new Redis(${config.argumentsText})`;
  const factory = { client: 'createClient', cluster: 'createCluster', sentinel: 'createSentinel', pool: 'createClientPool' }[config.builds];
  return `${factory}(${config.argumentsText})`;
}

function importLines(exports: readonly SharedExport[], layout: ProjectLayout): string[] {
  const byModule = new Map<string, { named: Set<string> }>();
  for (const { config } of exports) {
    const entry = byModule.get(config.module) ?? { named: new Set<string>() };
    if (config.library === 'ioredis') {
      // Named imports type-check and run under every module setting, NodeNext ESM included.
      entry.named.add(config.builds === 'cluster' ? 'Cluster' : 'Redis');
    } else {
      entry.named.add({ client: 'createClient', cluster: 'createCluster', sentinel: 'createSentinel', pool: 'createClientPool' }[config.builds]);
    }
    byModule.set(config.module, entry);
  }
  const lines: string[] = [];
  for (const [module, entry] of byModule) {
    const named = [...entry.named].sort();
    if (layout.esm) {
      lines.push(`import { ${named.join(', ')} } from '${module}';`);
    } else {
      lines.push(`const { ${named.join(', ')} } = require('${module}');`);
    }
  }
  return lines;
}

/** The text of a new shared module: one instance per configuration, kept on globalThis in development. */
export function renderSharedModule(exports: readonly SharedExport[], layout: ProjectLayout): string {
  const lines = [...importLines(exports, layout), ''];
  lines.push(...renderExports(exports, layout, 'globalForRedis', true));
  if (layout.esm) lines.push('', `export default ${exports[0].name};`);
  else lines.push('', `exports.default = ${exports[0].name};`);
  return `${lines.join('\n')}\n`;
}

/** Declarations for the given exports; `withHolder` also declares the globalThis holder. */
function renderExports(exports: readonly SharedExport[], layout: ProjectLayout, holder: string, withHolder: boolean): string[] {
  const ts = layout.typescript;
  const exportKeyword = layout.esm ? 'export ' : '';
  const lines: string[] = [];
  for (const shared of exports) {
    if (shared.config.library !== 'node-redis') continue;
    const factory = `create${shared.name[0].toUpperCase()}${shared.name.slice(1)}`;
    lines.push(
      `function ${factory}() {`,
      `  const client = ${constructorExpression(shared.config)};`,
      "  // node-redis emits 'error' on connection problems; without a listener the process would crash.",
      "  client.on('error', (err) => console.error('Redis client error', err));",
      '  return client;',
      '}',
      '',
    );
  }
  const holderType = exports
    .flatMap((shared) => {
      const type = typeName(shared);
      return shared.getter ? [`${shared.name}?: ${type}`, `${shared.name}Ready?: Promise<${type}>`] : [`${shared.name}?: ${type}`];
    })
    .join('; ');
  for (const shared of exports) {
    if (ts && shared.config.library === 'node-redis') {
      const factory = `create${shared.name[0].toUpperCase()}${shared.name.slice(1)}`;
      lines.push(`type ${typeName(shared)} = ReturnType<typeof ${factory}>;`);
    }
  }
  if (exports.some((shared) => ts && shared.config.library === 'node-redis')) lines.push('');
  if (withHolder) {
    lines.push(...WHY);
    lines.push(ts ? `const ${holder} = globalThis as unknown as { ${holderType} };` : `const ${holder} = globalThis;`, '');
  }
  for (const shared of exports) {
    const build = shared.config.library === 'node-redis' ? `create${shared.name[0].toUpperCase()}${shared.name.slice(1)}()` : constructorExpression(shared.config);
    const annotation = ts && shared.config.library === 'node-redis' ? `: ${typeName(shared)}` : '';
    lines.push(`${exportKeyword}const ${shared.name}${annotation} = ${holder}.${shared.name} ?? ${build};`);
  }
  lines.push('', "if (process.env.NODE_ENV !== 'production') {");
  for (const shared of exports) lines.push(`  ${holder}.${shared.name} = ${shared.name};`);
  lines.push('}');
  for (const shared of exports) {
    if (!shared.getter) continue;
    const type = typeName(shared);
    lines.push(
      '',
      `/** The shared client, connected once: await it wherever a connected client is needed. */`,
      `${exportKeyword}function ${shared.getter}()${ts ? `: Promise<${type}>` : ''} {`,
      `  ${holder}.${shared.name}Ready ??= ${shared.name}.connect().then(`,
      `    () => ${shared.name},`,
      `    (error${ts ? ': unknown' : ''}) => {`,
      `      ${holder}.${shared.name}Ready = undefined;`,
      '      throw error;',
      '    },',
      '  );',
      `  return ${holder}.${shared.name}Ready;`,
      '}',
    );
  }
  if (!layout.esm) {
    lines.push('');
    for (const shared of exports) {
      lines.push(`exports.${shared.name} = ${shared.name};`);
      if (shared.getter) lines.push(`exports.${shared.getter} = ${shared.getter};`);
    }
  }
  return lines;
}

function typeName(shared: SharedExport): string {
  if (shared.config.library === 'ioredis') return shared.config.builds === 'cluster' ? 'Cluster' : 'Redis';
  return `${shared.name[0].toUpperCase()}${shared.name.slice(1)}Client`;
}

/** An existing shared module: the configurations it already exports, and how to add more. */
export interface ExistingModule {
  source: string;
  exports: SharedExport[];
  names: Set<string>;
}

export function readExistingModule(path: string, source: string): ExistingModule {
  const { program, scopeManager } = parseFile(path, source);
  const exports: SharedExport[] = [];
  const names = new Set<string>();
  for (const scope of scopeManager.scopes) for (const variable of scope.variables) names.add(variable.name);
  const exported = exportedNames(program);
  const options = { filename: path, sources: [], handlerNames: [], onceWrappers: [], allowInFunctions: [] };
  // Constructions that run per call in the shared module are not a singleton to reuse.
  const perCall = new Set(findPerCallSites(program, scopeManager, source, options).map((site) => site.node));
  for (const { node, info } of findConstructions(program, scopeManager, buildTraceMaps([]))) {
    if (perCall.has(node)) continue;
    const config = configOf(node, info, source);
    const declarator = holdingDeclarator(node);
    if (!config || !declarator || declarator.id.type !== 'Identifier' || !exported.has(declarator.id.name)) continue;
    const name = declarator.id.name;
    const getter = config.library === 'node-redis' ? [...exported].find((candidate) => candidate === getterNameFor(name)) : undefined;
    if (config.library === 'node-redis' && !getter) continue;
    exports.push({ config, name, getter });
  }
  return { source, exports, names };
}

/** Appends exports for further configurations to an existing shared module. */
export function appendToModule(existing: ExistingModule, added: readonly SharedExport[], layout: ProjectLayout): string {
  const holder = uniqueHolder(existing.names);
  const block = renderExports(added, layout, holder, true);
  const imports = importLines(added, layout).filter((line) => !importedNamesOf(line).every((name) => existing.names.has(name)));
  let text = existing.source;
  if (imports.length > 0) text = `${imports.join('\n')}\n${text}`;
  return `${text.replace(/\s*$/, '\n')}\n${block.join('\n')}\n`;
}

function uniqueHolder(names: ReadonlySet<string>): string {
  for (const candidate of ['globalForRedis', 'globalForRedisClients']) if (!names.has(candidate)) return candidate;
  for (let suffix = 2; ; suffix++) if (!names.has(`globalForRedis${suffix}`)) return `globalForRedis${suffix}`;
}

/** `Redis`, `Cluster` from `import Redis, { Cluster } from 'ioredis';` or `const { Cluster } = require(…)`. */
function importedNamesOf(line: string): string[] {
  const clause = /^(?:import|const)\s+(.*?)\s+(?:from|=)/.exec(line)?.[1] ?? '';
  return clause.split(/[\s,{}]+/).filter(Boolean);
}

function holdingDeclarator(node: ConstructionNode): TSESTree.VariableDeclarator | undefined {
  let current = outermostTransparent(node);
  while (current.parent && (current.parent.type === 'LogicalExpression' || current.parent.type === 'ConditionalExpression' || current.parent.type === 'AwaitExpression')) {
    current = outermostTransparent(current.parent);
  }
  return current.parent?.type === 'VariableDeclarator' ? current.parent : undefined;
}

function exportedNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
      } else if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
        names.add(declaration.id.name);
      }
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === 'Identifier') names.add(specifier.local.name);
      }
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = statement.expression.left;
      if (left.type === 'MemberExpression' && left.property.type === 'Identifier' && left.object.type === 'Identifier' && left.object.name === 'exports') {
        names.add(left.property.name);
      }
    }
  }
  return names;
}
