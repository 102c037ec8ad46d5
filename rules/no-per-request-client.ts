import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_OPTIONS, findPerCallSites, mentionsClientModule, type PerCallSite } from '../core/analyze.js';
import { isModuleLevelScope, memberRoot, resolveIdentifier } from '../core/ast.js';
import { applyEdits, normaliseEdits } from '../core/edits.js';
import type { InFileConnection } from '../core/in-file-connection.js';
import { inFileHoistEdits } from '../core/in-file-hoist.js';
import { installedApiFor } from '../core/project/client-api.js';
import { displayPath, projectModelFor, type ProjectModel, type ProjectSettings } from '../core/project/project-model.js';
import { referenceCallers } from '../core/project/reference-callers.js';
import { specifiersOfProgram } from '../core/project/relevance-index.js';
import { typedClientOracle, type TypedProgram } from '../core/typed-clients.js';
import type { AnalysisOptions, ClientSource, ScopeManagerLike } from '../core/types.js';
import { createRule } from './create-rule.js';

export type Options = [
  {
    sources?: ClientSource[];
    handlerNames?: string[];
    onceWrappers?: string[];
    allowInFunctions?: string[];
  },
];
export type MessageIds = 'perRequestClient' | 'perRequestClientUnsafe' | 'perRequestClientFrom' | 'perRequestClientFromUnsafe' | 'moveToModuleScope';

const stringList = (description: string) => ({ type: 'array' as const, items: { type: 'string' as const }, uniqueItems: true, description });

/** Reports each construction that runs per call; the rule's `create` once options are settled. */
function reportPerCallClients(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  [options]: Readonly<Options>,
  project: ProjectModel = projectModelFor(projectSettings(options)),
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  const sources = options.sources ?? DEFAULT_OPTIONS.sources;
  const analysisOptions: AnalysisOptions = {
    filename: context.filename,
    sources,
    handlerNames: options.handlerNames ?? DEFAULT_OPTIONS.handlerNames,
    onceWrappers: options.onceWrappers ?? DEFAULT_OPTIONS.onceWrappers,
    allowInFunctions: options.allowInFunctions ?? DEFAULT_OPTIONS.allowInFunctions,
  };
  const scopeManager = sourceCode.scopeManager as unknown as ScopeManagerLike;
  // An exported handler registered in another file (`router.get('/', visits)`): the files that import it decide.
  analysisOptions.callers = referenceCallers(project, context.filename, context.cwd);
  const services = sourceCode.parserServices as Partial<TypedProgram> | undefined;
  const typedClient = services?.program && services.esTreeNodeToTSNodeMap ? typedClientOracle(services as TypedProgram) : undefined;

  /** The suggestion's fix; none when every name the hoisted client could take is in use in the file. */
  function suggestionFix(site: PerCallSite): TSESLint.ReportFixFunction | undefined {
    const connection = connectionOf(site);
    // Where the dev server re-evaluates modules (and the build evaluates routes), the client is kept on globalThis and
    // built on first use, as `redis-singleton fix` writes it.
    const hotReload = project.hotReloadGuardOf(context.filename);
    const lazy = hotReload && !connection ? { lazy: { typescript: isTypeScript(context.filename) } } : {};
    const planned = inFileHoistEdits(site, sourceCode.text, scopeManager, { connection, ...lazy, ...(hotReload ? { hotReload } : {}) });
    if (!planned) return undefined;
    const edits = normaliseEdits(planned);
    return (fixer) => {
      const start = edits[0].range[0];
      const end = edits.at(-1)!.range[1];
      const shifted = edits.map((edit) => ({ range: [edit.range[0] - start, edit.range[1] - start] as [number, number], text: edit.text }));
      return fixer.replaceTextRange([start, end], applyEdits(sourceCode.text.slice(start, end), shifted));
    };
  }

  function reportSite(site: PerCallSite): void {
    const data = { construction: site.label, context: site.context };
    if (site.origin) {
      // Built in another module: the call here is where the per-request decision is made; the fix belongs there.
      const origin = `${displayPath(site.origin.file, context.cwd, context.filename)}:${site.origin.line}`;
      context.report(
        site.hoist.hoistable
          ? { node: site.node, messageId: 'perRequestClientFrom', data: { ...data, origin } }
          : { node: site.node, messageId: 'perRequestClientFromUnsafe', data: { ...data, origin, reason: site.hoist.reason } },
      );
      return;
    }
    if (site.hoist.hoistable) {
      // `const { createClient } = await import('redis')` in the handler: module scope cannot reach the callee.
      const fix = calleeAtModuleScope(site) ? suggestionFix(site) : undefined;
      context.report({
        node: site.node,
        messageId: 'perRequestClient',
        data,
        suggest: fix ? [{ messageId: 'moveToModuleScope', fix }] : [],
      });
    } else {
      context.report({
        node: site.node,
        messageId: 'perRequestClientUnsafe',
        data: { construction: site.label, context: site.context, reason: site.hoist.reason },
      });
    }
  }

  /** node-redis 4 and later connect once behind an awaited getter; `disconnect()` closes a client or cluster at once in 4 and 5 alike. */
  function connectionOf(site: PerCallSite): InFileConnection | undefined {
    if (site.info.library !== 'node-redis') return undefined;
    const api = installedApiFor(project, context.filename, site.info);
    // node-redis 3 connects by itself: the client moves as it is.
    if (api && 'connects' in api && !api.connects) return undefined;
    const closeAtOnce = site.info.builds === 'client' || site.info.builds === 'cluster' ? 'disconnect' : 'destroy';
    return { closeAtOnce, typescript: isTypeScript(context.filename) };
  }

  function calleeAtModuleScope(site: PerCallSite): boolean {
    const root = memberRoot(site.node.callee as TSESTree.Node);
    if (root.type !== 'Identifier') return true;
    const variable = resolveIdentifier(scopeManager, root);
    return !variable || isModuleLevelScope(variable.scope);
  }

  function checkProgram(program: TSESTree.Program): void {
    project.stats.analysedFiles++;
    const sites = project.analysing(context.filename, sourceCode.text, { program, scopeManager }, () => findPerCallSites(program, scopeManager, sourceCode.text, analysisOptions, project, typedClient));
    for (const site of sites) reportSite(site);
  }

  return { Program: checkProgram };
}

const rule = createRule<Options, MessageIds>({
  name: 'no-per-request-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building a Redis client on a per-request path',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      perRequestClient:
        '`{{construction}}` opens a new Redis connection on {{context}}; build it once at module scope or import the shared client from lib/redis instead.',
      perRequestClientUnsafe:
        '`{{construction}}` opens a new Redis connection on {{context}}, and it cannot simply be shared because {{reason}}.',
      perRequestClientFrom:
        '`{{construction}}` ({{origin}}) opens a new Redis connection on {{context}}; build the client once where it is defined, or import the shared client from lib/redis instead.',
      perRequestClientFromUnsafe:
        '`{{construction}}` ({{origin}}) opens a new Redis connection on {{context}}, and it cannot simply be shared because {{reason}}.',
      moveToModuleScope: 'Move the client to module scope',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          sources: {
            type: 'array',
            description: 'Further modules that build Redis connections, such as `iovalkey` or BullMQ.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['module'],
              properties: {
                module: { type: 'string', description: 'The module specifier, e.g. `iovalkey` or `bullmq`.' },
                exports: stringList('Export names that open a connection when called or constructed (`default` for the default export).'),
                like: {
                  type: 'string',
                  enum: ['ioredis', 'node-redis'],
                  description: 'The module has the same API as ioredis or node-redis, so all of its constructors count.',
                },
              },
            },
          },
          handlerNames: stringList('Export names that are serverless handlers (AWS Lambda style), run on every invocation.'),
          onceWrappers: stringList('Functions that run their callback only once, such as `once` or `memoize`.'),
          allowInFunctions: stringList('Names of functions known to run once per process, such as `bootstrap`.'),
        },
      },
    ],
    defaultOptions: [DEFAULT_OPTIONS],
  },
  defaultOptions: [DEFAULT_OPTIONS],
  create: reportPerCallClients,
});

/** One project model per settled options object, so summaries are shared by every file a configuration lints. */
const settingsCache = new WeakMap<object, ProjectSettings>();

function projectSettings(options: Options[0]): ProjectSettings {
  let settings = settingsCache.get(options);
  if (!settings) {
    settings = {
      sources: options.sources ?? DEFAULT_OPTIONS.sources,
      handlerNames: options.handlerNames ?? DEFAULT_OPTIONS.handlerNames,
      onceWrappers: options.onceWrappers ?? DEFAULT_OPTIONS.onceWrappers,
      allowInFunctions: options.allowInFunctions ?? DEFAULT_OPTIONS.allowInFunctions,
    };
    settingsCache.set(options, settings);
  }
  return settings;
}

/**
 * Per raw options object: the options with their defaults (the rule creator's merge clones them, so once per object is
 * enough) and the project model of that configuration.
 */
const configurations = new WeakMap<object, { options: Options; model: ProjectModel }>();
/** The configuration that linted the last file: most runs have one, and it answers without a lookup. */
let lastConfigured: { key: object; options: Options; model: ProjectModel } | undefined;

function configured(raw: readonly unknown[]): { options: Options; model: ProjectModel } {
  const key = (typeof raw[0] === 'object' && raw[0] !== null ? raw[0] : DEFAULT_OPTIONS) as object;
  if (lastConfigured?.key !== key) {
    let configuration = configurations.get(key);
    if (!configuration) {
      const options = ESLintUtils.applyDefault<Options, Options>([DEFAULT_OPTIONS], raw as Options);
      configuration = { options, model: projectModelFor(projectSettings(options[0])) };
      configurations.set(key, configuration);
    }
    lastConfigured = { key, ...configuration };
  }
  return lastConfigured;
}

/**
 * Most files never mention a client module: they cost one substring search and a check of their imports, and option
 * merging is paid once per options object.
 */
export default {
  ...rule,
  create(context) {
    const { options, model } = configured(context.options);
    const text = context.sourceCode.text;
    if (mentionsClientModule(text, options[0].sources ?? DEFAULT_OPTIONS.sources)) {
      model.noteLintedModule(context.filename, text, context.cwd, specifiersOfProgram(context.sourceCode.ast, text));
      return reportPerCallClients(context, options, model);
    }
    // A file that names no client module matters only through an import of a project module that builds one, or,
    // with typed linting, through a `.duplicate()` of a value whose type is a client.
    if ((context.sourceCode.parserServices as Partial<TypedProgram> | undefined)?.program && text.includes('.duplicate(')) return reportPerCallClients(context, options, model);
    const specifiers = specifiersOfProgram(context.sourceCode.ast, text);
    return model.importsRelevantModule(context.filename, text, context.cwd, specifiers) ? reportPerCallClients(context, options, model) : {};
  },
} satisfies typeof rule;

function isTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}
