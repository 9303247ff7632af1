// Lint rules, including the import boundaries of DESIGN.md §2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ours = ['core', 'project', 'nlu', 'dialogue', 'llm', 'stores', 'server', 'broker', 'cli'];

/** Forbids importing the listed sibling modules (any relative depth) from a folder. */
function boundary(folder, forbidden, extra = []) {
  return {
    files: [`src/${folder}/**/*.ts`],
    ignores: ['**/*.test.ts', '**/*.int.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...forbidden.map((m) => ({ group: [`**/${m}/**`, `**/${m}/index.js`], message: `src/${folder} may not import src/${m} (DESIGN.md §2)` })),
          ...extra,
        ],
      }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**/*', '!examples/**/', '!examples/**/*.mjs', 'bench/results/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', structuredClone: 'readonly', crypto: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', performance: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', document: 'readonly', window: 'readonly', localStorage: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // the web chat page runs in the browser
  {
    files: ['src/server/web/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(['navigator', 'location', 'Node', 'URLSearchParams', 'TextDecoderStream', 'document', 'window', 'localStorage', 'fetch', 'crypto', 'setTimeout', 'AbortController'].map((g) => [g, 'readonly'])),
    },
  },
  boundary('core', ours.filter((m) => m !== 'core'), [{ group: ['**/agent.js', '**/config.js', '**/errors.js'], message: 'core is pure: it imports nothing of ours' }]),
  boundary('project', ours.filter((m) => m !== 'project' && m !== 'core')),
  boundary('nlu', ours.filter((m) => m !== 'nlu' && m !== 'core')),
  boundary('llm', ours.filter((m) => m !== 'llm' && m !== 'core')),
  boundary('stores', ours.filter((m) => m !== 'stores' && m !== 'core')),
  boundary('broker', ours.filter((m) => m !== 'broker' && m !== 'core')),
  // dialogue may use nlu *types* only: enforced for value imports by allowing `import type` only
  boundary('dialogue', ['project', 'llm', 'stores', 'server', 'broker', 'cli']),
  {
    files: ['src/dialogue/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.int.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/nlu/**'], allowTypeImports: true, message: 'dialogue may import nlu types only' }] }] },
  },
  boundary('server', ['project', 'nlu', 'dialogue', 'llm', 'stores', 'broker', 'cli']),
);
