import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { calleeName, contains, functionName } from './ast.js';
import type { Node, ScopeManagerLike } from './types.js';

/** Code that leaves the site's function with the client, and how the reason names it ("its options rely"). */
export interface MovedNode {
  node: Node;
  subject: string;
}

/** Assertion helpers whose call narrows their argument for the code after them. */
const ASSERTIONS = /^(?:assert|invariant|ok|strict|assertDefined|assertExists)$/;

/**
 * Why a TypeScript construction cannot leave its function: what it moves (options, a listener) reads a binding that
 * the function checks before it (`if (!url) throw …`, `assert(url)`, `url && …`, `typeof url`), and the narrowing that
 * check gives the site does not reach a client built elsewhere, whose types would then fail.
 */
export function lostNarrowing(site: PerCallSite, moved: readonly MovedNode[], scopeManager: ScopeManagerLike): string | undefined {
  const fn = site.fn;
  if (!fn) return undefined;
  for (const { node, subject } of moved) {
    for (const scope of scopeManager.scopes) {
      for (const reference of scope.references) {
        const variable = reference.resolved;
        if (!variable || !contains(node, reference.identifier) || variable.identifiers.every((identifier) => contains(node, identifier))) continue;
        const check = variable.references.find(
          (other) => other.identifier.range[1] <= site.node.range[0] && contains(fn, other.identifier) && !contains(node, other.identifier) && isCheck(other.identifier, fn),
        );
        if (!check) continue;
        const name = functionName(fn);
        const where = name ? `a client built outside \`${name}()\`` : 'a client built outside its function';
        return `${subject} on the check of \`${variable.name}\` above it, which ${where} cannot see`;
      }
    }
  }
  return undefined;
}

/** Whether the identifier is tested where the test narrows what follows: a condition, a guard's operand, an assertion. */
function isCheck(identifier: TSESTree.Node, fn: Node): boolean {
  let current: Node = identifier;
  for (let parent = current.parent; parent && parent !== fn; current = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'UnaryExpression':
      case 'BinaryExpression':
      case 'TSNonNullExpression':
        continue;
      case 'LogicalExpression':
        if (parent.left === current) return true;
        continue;
      case 'IfStatement':
      case 'ConditionalExpression':
      case 'WhileStatement':
      case 'DoWhileStatement':
        return parent.test === current;
      case 'SwitchStatement':
        return parent.discriminant === current;
      case 'CallExpression':
        return parent.arguments.includes(current as TSESTree.CallExpressionArgument) && ASSERTIONS.test(calleeName(parent) ?? '');
      default:
        return false;
    }
  }
  return false;
}

/** The nodes a move takes from a site's function: the construction's arguments, and its listeners' handlers. */
export function movedNodes(site: PerCallSite, listenerHandlers: readonly Node[]): MovedNode[] {
  return [
    ...site.node.arguments.map((node) => ({ node: node as Node, subject: 'its options rely' })),
    ...listenerHandlers.map((node) => ({ node, subject: "its 'error' listener relies" })),
  ];
}
