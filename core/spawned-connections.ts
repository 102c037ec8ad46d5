import type { TSESTree } from '@typescript-eslint/types';
import { propertyName, walk } from './ast.js';
import type { ConstructionInfo, Node } from './types.js';

/** Methods on a client that open another connection with the client's own configuration. */
const SPAWNING_METHODS: Readonly<Record<string, ConstructionInfo['builds']>> = {
  duplicate: 'client',
  createPool: 'pool',
};

/** A connection opened from a client: `receiver.duplicate()`, `receiver.createPool()`. */
export interface Spawn {
  call: TSESTree.CallExpression;
  receiver: Node;
  builds: ConstructionInfo['builds'];
}

/** The call that opens a new connection from the client `receiver` stands for, when `receiver.duplicate()` or `.createPool()` is called. */
export function spawnFrom(receiver: Node): Spawn | undefined {
  const member = receiver.parent;
  if (member?.type !== 'MemberExpression' || member.object !== receiver) return undefined;
  const name = propertyName(member);
  const call = member.parent;
  if (name === undefined || !Object.hasOwn(SPAWNING_METHODS, name) || call?.type !== 'CallExpression' || call.callee !== member) return undefined;
  return { call, receiver, builds: SPAWNING_METHODS[name] };
}

/** Whether the expression is itself `x.duplicate()` or `x.createPool()`. */
export function isSpawn(node: Node): boolean {
  return node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && spawnFrom(node.callee.object)?.call === node;
}

/** What a spawned connection is: the receiver's library and module, opened by a call. */
export function spawnedInfo(receiver: ConstructionInfo, spawn: Spawn): ConstructionInfo {
  return { ...receiver, kind: 'call', builds: spawn.builds };
}

/** Every `x.duplicate()` and `x.createPool()` in the file, whatever `x` is; files that name neither method are not walked. */
export function spawnsIn(program: TSESTree.Program, sourceText: string): Spawn[] {
  if (!Object.keys(SPAWNING_METHODS).some((method) => sourceText.includes(method))) return [];
  const spawns: Spawn[] = [];
  walk(program, (node) => {
    const spawn = node.type === 'CallExpression' && node.callee.type === 'MemberExpression' ? spawnFrom(node.callee.object) : undefined;
    if (spawn?.call === node) spawns.push(spawn);
    return true;
  });
  return spawns;
}
