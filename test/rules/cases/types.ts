import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type {
  InferMessageIdsTypeFromRule,
  InferOptionsTypeFromRule,
} from '@typescript-eslint/utils/eslint-utils';
import type rule from '../../../rules/no-per-request-client.js';

export type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
export type Options = InferOptionsTypeFromRule<typeof rule>;
export type Valid = ValidTestCase<Options>;
export type Invalid = InvalidTestCase<MessageIds, Options>;
