import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the server's schema (../schema/*.graphqls) and the app's
// own operations (graphql(`...`) calls under src/). Nothing is hand-written.
const config: CodegenConfig = {
  schema: '../schema/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/graphql/gen/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/gen/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        // Only what the operations use, plus enums and inputs: keeps the
        // generated file small even though the schema is large.
        onlyOperationTypes: true,
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        avoidOptionals: false,
        scalars: {
          ID: 'string',
          Cursor: 'string',
          Time: 'string',
          Decimal: 'string',
          Map: 'Record<string, unknown>',
        },
      },
    },
  },
  silent: false,
  errorsOnly: true,
};

export default config;
