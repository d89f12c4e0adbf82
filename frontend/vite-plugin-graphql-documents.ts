// Build-time replacement for the codegen client preset's graphql() calls.
//
// In development and tests, graphql(`query X …`) looks the document up in
// the generated map (src/graphql/gen/gql.ts), which holds every document
// twice: as source text (the map's keys) and as a JSON AST. In production
// this plugin replaces each call with the document's minified text
// (operation plus the fragments it uses, printed from the generated AST),
// so neither the map nor the ASTs reach the bundle; urql parses the text
// once per document at run time. Types are unaffected: tsc checks the
// untransformed source.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { print, stripIgnoredCharacters, type DocumentNode } from 'graphql';
import type { Plugin } from 'vite';

const generated = fileURLToPath(new URL('./src/graphql/gen/graphql.ts', import.meta.url));

/** Operation/fragment name → minified document text. */
function loadDocuments(): Map<string, string> {
  const docs = new Map<string, string>();
  const source = readFileSync(generated, 'utf8');
  const re = /^export const (\w+?)(Document|FragmentDoc) = (\{"kind":"Document".*\}) as unknown as DocumentNode<.*>;$/gm;
  for (const m of source.matchAll(re)) {
    const ast = JSON.parse(m[3]!) as DocumentNode;
    docs.set(`${m[2] === 'FragmentDoc' ? 'fragment' : 'operation'}:${m[1]}`, stripIgnoredCharacters(print(ast)));
  }
  return docs;
}

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const HEAD = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription|fragment)\s+(\w+)/;

export function graphqlDocuments(): Plugin {
  let docs: Map<string, string>;
  return {
    name: 'convene-graphql-documents',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      docs = loadDocuments();
      if (docs.size === 0) this.error(`no documents found in ${generated}; run npm run codegen`);
    },
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || id.includes('/src/graphql/gen/') || !code.includes('graphql(`')) return null;
      const out = code.replace(CALL, (call, body: string) => {
        const head = HEAD.exec(body);
        if (!head) this.error(`${id}: cannot tell the operation name of ${call.slice(0, 60)}…`);
        const [, kind, name] = head!;
        const key = `${kind === 'fragment' ? 'fragment' : 'operation'}:${name}`;
        const text = docs.get(key);
        if (text === undefined) this.error(`${id}: ${kind} ${name} is not in the generated code; run npm run codegen`);
        return JSON.stringify(text);
      });
      return { code: out, map: null };
    },
  };
}
