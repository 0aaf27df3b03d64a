import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message: "Only main/shell/, the Electron entry (main/index.ts) and the preload may import 'electron'; tests would try to download the binary.",
};

/**
 * The dependency direction, enforced:
 * - main/core imports nothing of ours (pure rules);
 * - only main/shell/, main/index.ts and preload/ import electron;
 * - nothing but the entry imports main/shell/;
 * - the renderer never imports main/, and from preload/ only types
 *   (plus the constants in preload/protocol.ts, and the status board's
 *   feed schema, which the read-only board page checks on arrival).
 */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          // The shell's pure policies (main/shell/policy) may be used anywhere; the rest of main/shell only by the entry.
          patterns: [{ regex: '(^|/)shell/(?!policy/)', message: 'Only the Electron entry imports main/shell/ (its pure policies in main/shell/policy/ excepted).' }],
        },
      ],
    },
  },
  {
    files: ['main/shell/**/*.ts', 'main/index.ts', 'preload/kiosk.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests exercise the shell modules and may use Electron's types, never its runtime.
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ ...electronOnlyInShell, allowTypeImports: true }] }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [{ group: ['../*', '../../*'], message: 'main/core is pure: it imports nothing of ours outside main/core.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: ['**/main/**', '../../main/*'], message: 'The renderer never imports main/: it talks to the core through the typed contract.' },
            {
              group: ['**/preload/*', '!**/preload/protocol', '!**/preload/board-contract'],
              allowTypeImports: true,
              message: 'The renderer imports only types from preload/ (values only from preload/protocol and the board\'s feed schema).',
            },
          ],
        },
      ],
    },
  },
);
