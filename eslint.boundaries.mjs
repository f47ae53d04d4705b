// @ts-check
// The floor plan's import rules, one entry per folder (docs/architecture.md draws them). The lint config and
// test/unit/architecture/boundaries.test.ts both use this list, so the test proves each rule fires.

const LOCAL = { group: ['**/local/**'], message: 'What runs in Azure never depends on the local stand-ins.' };
const FUNCTIONS = { group: ['**/functions/**'], message: 'Nothing imports the trigger registrations.' };
const APP = { regex: '(^|/)app$', message: 'Only functions/ use the composition root; pass what you need in.' };
const FEATURES = { group: ['**/features/**'], message: 'Lower floors never import a feature.' };
const PLATFORM = { group: ['**/platform/**'], message: 'The domain is pure: no storage, ARM, HTTP or settings.' };
const SDKS = {
  group: ['@azure/*', '@asteasolutions/*', '@opentelemetry/*', 'jose', 'node:*', 'fs', 'http', 'https', 'crypto'],
  message: 'The domain imports only itself and zod: no SDK, no Node API.',
};
const OTHER_FEATURE_INTERNALS = {
  regex: '^\\.\\./[A-Za-z][^/]*/.+',
  message: "Use the other feature's index.ts (its public surface), not its files.",
};
const ARM_AT_RUNTIME = {
  group: ['@azure/arm-*', '@azure/identity', '@azure/monitor-*', '@azure/storage-*'],
  allowTypeImports: true,
  message: 'Features reach Azure through shared/platform; SDK types are fine.',
};
const FUNCTIONS_REACH = {
  regex: '^\\.\\./shared/(domain/|features/[^/]+/|platform/(?!triggers/))',
  message: "functions/ only registers triggers: import the app, a feature's index and the trigger helpers.",
};

export const boundaries = [
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [LOCAL, FUNCTIONS, APP, FEATURES, PLATFORM, SDKS] }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Domain code takes configuration as input.' },
        { object: 'Date', property: 'now', message: 'Domain code takes the time as input.' },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Domain code does no I/O.' }],
    },
  },
  {
    files: ['shared/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL, FUNCTIONS, APP, FEATURES] }] },
  },
  {
    files: ['shared/features/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL, FUNCTIONS, APP, OTHER_FEATURE_INTERNALS, ARM_AT_RUNTIME] }] },
  },
  {
    files: ['shared/app.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL, FUNCTIONS] }] },
  },
  {
    files: ['functions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL, FUNCTIONS_REACH] }] },
  },
  {
    // Only the composition root reads the environment (settings are validated there, once).
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    ignores: ['shared/app.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only shared/app.ts reads process.env.' },
      ],
    },
  },
];
