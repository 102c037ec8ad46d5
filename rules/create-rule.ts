import { ESLintUtils } from '@typescript-eslint/utils';

export interface RedisSingletonRuleDocs {
  description: string;
  recommended?: boolean;
}

/** Every rule links its squiggle to its page under docs/rules. */
export const createRule = ESLintUtils.RuleCreator<RedisSingletonRuleDocs>(
  (name) => `https://github.com/redis-singleton/eslint-plugin-redis-singleton/blob/main/docs/rules/${name}.md`,
);
