// The layering rule of DESIGN.md §3, enforced in `npm test`: a wrong arrow is a lint error.
import tseslint from 'typescript-eslint';

const ourFolders = ['contract', 'main', 'devices', 'renderer', 'fixtures'];
const forbid = (...folders) =>
  folders.map((f) => ({ group: [`**/${f}`, `**/${f}/**`], message: `this folder may not import ${f}/ (DESIGN.md §3)` }));
const noElectron = { name: 'electron', message: 'only main/shell/ imports electron (DESIGN.md §3)' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'net', 'http', 'crypto'].map((name) => ({
  group: [name],
  message: 'the renderer never touches Node: reach the kiosk through window.kiosk',
}));
const layer = (files, patterns, paths = [noElectron]) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['contract/**'], forbid(...ourFolders.filter((f) => f !== 'contract'))),
  layer(['devices/**'], forbid('contract', 'main', 'renderer', 'fixtures')),
  layer(['main/**'], [...forbid('renderer', 'fixtures'), { group: ['**/shell', '**/shell/**'], message: 'main/ services never import main/shell/' }]),
  layer(['main/shell/**'], forbid('renderer', 'fixtures'), []),
  layer(['renderer/**'], [...forbid('main', 'devices', 'fixtures'), ...nodeBuiltins]),
  layer(['fixtures/**'], forbid('main', 'renderer')),
  // Tests may import anything (DESIGN.md §3): fixtures, support code, a fake electron.
  { files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'], rules: { 'no-restricted-imports': 'off' } },
  // Scripts, tests and benchmarks talk to people on the terminal.
  { files: ['scripts/**', 'tests/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx', '**/cli.ts'], rules: { 'no-console': 'off' } },
);
