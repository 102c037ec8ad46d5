import type { TSESTree } from '@typescript-eslint/types';
import { staticString } from './ast.js';
import type { FunctionNode } from './types.js';

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What the file's path says about how its exports are run. */
export interface FileRole {
  nextPagesApi: boolean;
  nextRoute: boolean;
  nextMiddleware: boolean;
  netlifyFunction: boolean;
  vercelFunction: boolean;
  svelteEndpoint: boolean;
  svelteServerLoad: boolean;
  svelteHooks: boolean;
  remixRoute: boolean;
  instrumentation: boolean;
  /** `'use server'` at the top of the file: every exported async function is a server action. */
  serverActions: boolean;
  /** A file the framework loads and calls by convention (pages, layouts, routes, functions): its exports have no callers in the project. */
  entryPoint: boolean;
  /** Local names of what the file imports from `aws-lambda` (its types, or the namespace). */
  lambdaTypes: ReadonlySet<string>;
}

const SCRIPT_PATTERNS = {
  route: /^route\.[cm]?[jt]sx?$/,
  middleware: /^(?:middleware|proxy)\.[cm]?[jt]sx?$/,
  svelteEndpoint: /^\+server\.[cm]?[jt]sx?$/,
  svelteServerLoad: /^\+(?:page|layout)\.server\.[cm]?[jt]sx?$/,
  svelteHooks: /^hooks\.server\.[cm]?[jt]sx?$/,
  instrumentation: /^instrumentation\.[cm]?[jt]sx?$/,
  appEntry: /^(?:page|layout|template|default|loading|error|not-found|opengraph-image|icon|sitemap)\.[cm]?[jt]sx?$/,
};

export function fileRole(filename: string, program: TSESTree.Program): FileRole {
  const path = `/${filename.replace(/\\/g, '/')}`;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const nextPagesApi = /\/pages\/api\//.test(path);
  const inApp = /\/app\//.test(path);
  const role = {
    nextPagesApi,
    nextRoute: inApp && SCRIPT_PATTERNS.route.test(base),
    nextMiddleware: SCRIPT_PATTERNS.middleware.test(base),
    netlifyFunction: /\/netlify\/(?:edge-)?functions\//.test(path),
    vercelFunction: !nextPagesApi && /\/api\//.test(path) && !inApp,
    svelteEndpoint: SCRIPT_PATTERNS.svelteEndpoint.test(base),
    svelteServerLoad: SCRIPT_PATTERNS.svelteServerLoad.test(base),
    svelteHooks: SCRIPT_PATTERNS.svelteHooks.test(base),
    remixRoute: /\/routes\//.test(path),
    instrumentation: SCRIPT_PATTERNS.instrumentation.test(base),
    serverActions: hasDirective(program.body, 'use server'),
  };
  const nextPage = /\/pages\//.test(path) || (inApp && SCRIPT_PATTERNS.appEntry.test(base));
  const entryPoint =
    nextPage || role.nextRoute || role.nextMiddleware || role.netlifyFunction || role.vercelFunction || role.svelteEndpoint ||
    role.svelteServerLoad || role.svelteHooks || role.remixRoute || role.instrumentation || /\/server\/(?:api|routes|middleware)\//.test(path);
  return { ...role, entryPoint, lambdaTypes: importedNamesFrom(program, 'aws-lambda') };
}

function importedNamesFrom(program: TSESTree.Program, module: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === module) for (const specifier of statement.specifiers) names.add(specifier.local.name);
  }
  return names;
}

/**
 * `(event: APIGatewayProxyEvent) => …` or `const main: Handler = …`: a function whose event parameter or binding is
 * typed from `aws-lambda` is a Lambda handler, whatever it is exported as.
 */
export function typedAsLambdaHandler(fn: FunctionNode, lambdaTypes: ReadonlySet<string>): boolean {
  if (lambdaTypes.size === 0) return false;
  const typeRoot = (annotation: TSESTree.TSTypeAnnotation | undefined): string | undefined => {
    let name: TSESTree.EntityName | undefined = annotation?.typeAnnotation.type === 'TSTypeReference' ? annotation.typeAnnotation.typeName : undefined;
    while (name?.type === 'TSQualifiedName') name = name.left;
    return name?.type === 'Identifier' ? name.name : undefined;
  };
  const [event] = fn.params;
  const eventType = event?.type === 'Identifier' ? typeRoot(event.typeAnnotation) : undefined;
  const binding = fn.parent?.type === 'VariableDeclarator' && fn.parent.init === fn && fn.parent.id.type === 'Identifier' ? typeRoot(fn.parent.id.typeAnnotation) : undefined;
  return [eventType, binding].some((name) => name !== undefined && lambdaTypes.has(name));
}

/** Parameter names that make a function a request handler wherever it is registered: `(req, res)`, `(ctx, next)`, `(event, context)`. */
const HANDLER_SIGNATURES: readonly (readonly [RegExp, RegExp])[] = [
  [/^_?req(?:uest)?$/, /^_?(?:res|response|reply)$/],
  [/^_?ctx$/, /^_?next$/],
  [/^_?(?:event|evt)$/, /^_?(?:context|ctx)$/],
];

export function hasHandlerSignature(params: readonly TSESTree.Parameter[]): boolean {
  const names = params.map((param) => {
    const inner = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
    return inner.type === 'Identifier' ? inner.name : undefined;
  });
  return HANDLER_SIGNATURES.some(([first, second]) => names[0] !== undefined && names[1] !== undefined && first.test(names[0]) && second.test(names[1]));
}

export function hasDirective(body: readonly TSESTree.Node[], directive: string): boolean {
  for (const statement of body) {
    if (statement.type !== 'ExpressionStatement' || staticString(statement.expression) === undefined) return false;
    if (staticString(statement.expression) === directive) return true;
  }
  return false;
}

export function lambdaHandlerPhrase(name: string): string {
  return `every invocation of this AWS Lambda handler \`${name}\``;
}

/**
 * The per-request phrase for a function exported under `name`, when the file's role or the name makes it a
 * request handler; undefined for an ordinary export.
 */
export function exportedHandlerPhrase(name: string, role: FileRole, handlerNames: readonly string[], isAsync: boolean): string | undefined {
  if (role.nextPagesApi && name === 'default') return 'every request to this Next.js API route';
  if (role.nextRoute && HTTP_METHODS.has(name)) return `every request to this Next.js route handler \`${name}\``;
  if (role.svelteEndpoint && (HTTP_METHODS.has(name) || name === 'fallback')) return `every request to this SvelteKit endpoint \`${name}\``;
  if (role.svelteServerLoad && name === 'load') return 'every request through this SvelteKit `load` function';
  if (role.svelteHooks && (name === 'handle' || name === 'handleFetch')) return `every request through this SvelteKit \`${name}\` hook`;
  if (role.nextMiddleware && (name === 'middleware' || name === 'proxy' || name === 'default')) return 'every request through this Next.js middleware';
  if (name === 'getServerSideProps') return 'every request through `getServerSideProps`';
  if (role.remixRoute && (name === 'loader' || name === 'action')) return `every request through this Remix \`${name}\``;
  if (role.netlifyFunction && (name === 'default' || handlerNames.includes(name))) return 'every invocation of this Netlify function';
  if (handlerNames.includes(name)) return lambdaHandlerPhrase(name);
  if (role.vercelFunction && (name === 'default' || HTTP_METHODS.has(name))) return 'every invocation of this Vercel function';
  if (role.serverActions && isAsync && name !== 'default') return `every call to this server action \`${name}\``;
  if (name === 'createContext') return 'every request through this tRPC `createContext`';
  return undefined;
}

export type Framework = 'Express' | 'Koa' | 'Fastify' | 'Hono' | undefined;

const FRAMEWORK_MODULES: Readonly<Record<string, Framework>> = {
  express: 'Express',
  koa: 'Koa',
  '@koa/router': 'Koa',
  'koa-router': 'Koa',
  fastify: 'Fastify',
  hono: 'Hono',
};

/** The web framework a file imports, for naming route callbacks. */
export function frameworkOf(modules: ReadonlySet<string>): Framework {
  for (const module of modules) {
    const framework = FRAMEWORK_MODULES[module] ?? (module.startsWith('hono/') ? 'Hono' : undefined);
    if (framework) return framework;
  }
  return undefined;
}

export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use']);

export function routeCallbackPhrase(framework: Framework, method: string): string {
  const middleware = method === 'use';
  switch (framework) {
    case 'Express':
      return middleware ? 'every request to this Express middleware' : 'every request to this Express route callback';
    case 'Koa':
      return middleware ? 'every request to this Koa middleware' : 'every request to this Koa route callback';
    case 'Fastify':
      return 'every request to this Fastify route handler';
    case 'Hono':
      return middleware ? 'every request to this Hono middleware' : 'every request to this Hono route handler';
    default:
      return middleware ? 'every request to this middleware' : 'every request to this route callback';
  }
}

/** Fastify hooks that run per request, and the ones that run once at start or stop. */
export const FASTIFY_REQUEST_HOOKS = new Set([
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
  'onRequestAbort',
]);
