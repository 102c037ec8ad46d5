import type { TSESTree } from '@typescript-eslint/types';
import { isClass, memberPath, propertyName, resolveIdentifier, unwrap, walk } from './ast.js';
import type { ClientOrigin } from './project/facts.js';
import { spawnedInfo, spawnsIn } from './spawned-connections.js';
import type { ClientSource, ConstructionInfo, ConstructionNode, Node, ScopeManagerLike, VariableLike } from './types.js';

/** A client value: what it is, and where it is built when that is another module. */
export interface KnownClient {
  info: ConstructionInfo;
  origin?: ClientOrigin;
}

const BUILT_IN_LIBRARIES: Readonly<Record<string, ConstructionInfo['library']>> = { ioredis: 'ioredis', redis: 'node-redis', '@redis/client': 'node-redis' };

/**
 * Values known to hold a client without being built here: a variable, parameter or field whose declared type comes
 * from a client module (`client: Redis`, `RedisClientType`, `ReturnType<typeof createClient>`), `this.x` assigned a
 * known client, or a client imported from another module.
 */
export class KnownClients {
  private readonly typeNames = new Map<string, KnownClient>();
  private readonly memberClients = new Map<string, KnownClient | undefined>();

  constructor(
    program: TSESTree.Program,
    private readonly scopeManager: ScopeManagerLike,
    sources: readonly ClientSource[],
    private readonly isClientValue: (value: Node) => KnownClient | undefined,
    /** With typed linting: what the type checker says the value is. */
    private readonly typedClient?: (value: Node) => ConstructionInfo | undefined,
  ) {
    for (const statement of program.body) {
      if (statement.type !== 'ImportDeclaration') continue;
      const module = statement.source.value;
      const custom = sources.find((source) => source.module === module);
      const library = BUILT_IN_LIBRARIES[module] ?? (custom?.like === 'ioredis' ? 'ioredis' : custom?.like === 'node-redis' ? 'node-redis' : undefined);
      if (!library) continue;
      for (const specifier of statement.specifiers) {
        this.typeNames.set(specifier.local.name, { info: { library, module, kind: 'call', builds: 'client' } });
      }
    }
  }

  /** What client the expression holds, when it is known to hold one. */
  clientAt(value: Node): KnownClient | undefined {
    const inner = unwrap(value);
    const direct = this.isClientValue(inner);
    if (direct) return direct;
    if (inner.type === 'Identifier') {
      const variable = resolveIdentifier(this.scopeManager, inner);
      const declared = variable ? this.declaredClient(variable) : undefined;
      if (declared) return declared;
    }
    if (inner.type === 'MemberExpression' && inner.object.type === 'ThisExpression') {
      const classNode = enclosingClass(inner);
      const name = propertyName(inner);
      const member = classNode && name !== undefined ? this.memberClient(classNode, name) : undefined;
      if (member) return member;
    }
    const typed = this.typedClient?.(inner);
    return typed ? { info: typed } : undefined;
  }

  private declaredClient(variable: VariableLike): KnownClient | undefined {
    for (const definition of variable.defs) {
      const name = definition.name as TSESTree.Identifier;
      const annotated = this.typeInfo(name.typeAnnotation?.typeAnnotation);
      if (annotated) return annotated;
      if (definition.node.type === 'VariableDeclarator' && definition.node.init && definition.node.id === name) {
        const init = this.isClientValue(unwrap(definition.node.init));
        if (init) return init;
      }
    }
    return undefined;
  }

  /** `this.<name>` in a class: a field or parameter property typed as a client, or assigned one. */
  private memberClient(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): KnownClient | undefined {
    const key = `${classNode.range[0]}:${name}`;
    if (this.memberClients.has(key)) return this.memberClients.get(key);
    let found: KnownClient | undefined;
    // A cycle (`this.a = this.b`, `this.b = this.a`) ends here with nothing known.
    this.memberClients.set(key, undefined);
    for (const member of classNode.body.body) {
      if (member.type === 'PropertyDefinition' && propertyName(member) === name) {
        found ??= this.typeInfo(member.typeAnnotation?.typeAnnotation) ?? (member.value ? this.clientAt(member.value) : undefined);
      }
      if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === name) {
            found ??= this.typeInfo(param.parameter.typeAnnotation?.typeAnnotation);
          }
        }
      }
    }
    walk(classNode.body, (node) => {
      if (found) return false;
      if (isClass(node) && node !== classNode) return false;
      if (node.type === 'AssignmentExpression' && memberPath(node.left) === `this.${name}`) found = this.clientAt(node.right);
      return true;
    });
    this.memberClients.set(key, found);
    return found;
  }

  private typeInfo(type: TSESTree.TypeNode | undefined): KnownClient | undefined {
    if (!type || this.typeNames.size === 0) return undefined;
    let info: KnownClient | undefined;
    walk(type, (node) => {
      if (info) return false;
      if (node.type === 'Identifier') info = this.typeNames.get(node.name);
      return true;
    });
    return info;
  }

  /** `x.duplicate()` / `x.createPool()` where `x` is known to hold a client, other than the ones in `known`. */
  spawns(program: TSESTree.Program, sourceText: string, known: ReadonlySet<Node>): { node: ConstructionNode; info: ConstructionInfo; origin?: ClientOrigin }[] {
    return spawnsIn(program, sourceText).flatMap((spawn) => {
      const client = known.has(spawn.call) ? undefined : this.clientAt(spawn.receiver);
      return client ? [{ node: spawn.call, info: spawnedInfo(client.info, spawn), origin: client.origin }] : [];
    });
  }
}

function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isClass(current)) return current;
    // Arrow functions keep the class's `this`; other functions do not.
    if (current.type === 'FunctionExpression' && current.parent?.type !== 'MethodDefinition') return undefined;
    if (current.type === 'FunctionDeclaration') return undefined;
  }
  return undefined;
}
