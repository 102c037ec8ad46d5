import type { ConstructionInfo, Node } from './types.js';

/** The parts of typescript-eslint's parser services and TypeScript's checker this module reads. */
export interface TypedProgram {
  program: { getTypeChecker(): TypeChecker };
  esTreeNodeToTSNodeMap: { get(node: never): unknown };
}
interface TypeChecker {
  getTypeAtLocation(node: unknown): TypeLike;
}
interface TypeLike {
  getSymbol(): SymbolLike | undefined;
  aliasSymbol?: SymbolLike;
  isUnion?(): boolean;
  types?: TypeLike[];
}
interface SymbolLike {
  declarations?: { getSourceFile(): { fileName: string } }[];
}

const LIBRARY_PATHS: readonly [RegExp, ConstructionInfo][] = [
  [/\/node_modules\/(?:ioredis|iovalkey)\//, { library: 'ioredis', module: 'ioredis', kind: 'call', builds: 'client' }],
  [/\/node_modules\/@redis\/client\//, { library: 'node-redis', module: 'redis', kind: 'call', builds: 'client' }],
];

/**
 * With typed linting, the checker confirms what names alone cannot: a value whose type is declared by ioredis or
 * node-redis is a client, however it reached this file (an injected parameter, a field, a library's return value).
 */
export function typedClientOracle(services: TypedProgram): (value: Node) => ConstructionInfo | undefined {
  const checker = services.program.getTypeChecker();
  return (value) => {
    const tsNode = services.esTreeNodeToTSNodeMap.get(value as never);
    if (!tsNode) return undefined;
    return libraryOf(checker.getTypeAtLocation(tsNode));
  };
}

function libraryOf(type: TypeLike): ConstructionInfo | undefined {
  if (type.isUnion?.() && type.types) {
    for (const member of type.types) {
      const info = libraryOf(member);
      if (info) return info;
    }
    return undefined;
  }
  for (const symbol of [type.getSymbol(), type.aliasSymbol]) {
    for (const declaration of symbol?.declarations ?? []) {
      const file = declaration.getSourceFile().fileName.replace(/\\/g, '/');
      const match = LIBRARY_PATHS.find(([pattern]) => pattern.test(file));
      if (match) return match[1];
    }
  }
  return undefined;
}
