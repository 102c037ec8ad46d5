// eslint-doc-generator: README rules table, rule doc headers and the sections every rule doc must have.
/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  // "# Disallow building a Redis client on a per-request path (`redis-singleton/no-per-request-client`)"
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  // The title already carries the description; the notices add what the title does not say.
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking'],
  ruleDocSectionInclude: ['Examples', 'Options', 'When Not To Use It'],
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions', 'options', 'type'],
  // The same repository the rules' meta.docs.url points at (rules/create-rule.ts).
  urlConfigs: 'https://github.com/redis-singleton/eslint-plugin-redis-singleton#configs',
};

export default config;
