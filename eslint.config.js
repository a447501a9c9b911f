import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

// Import boundaries (the rooms). Patterns are gitignore-style, so a leading `#` would start a
// comment: alias patterns are written `\\#app/…`. ESLint keeps only the last options of a rule
// for a file, so a folder inside another gets its parent's patterns plus its own (`boundary`
// takes every list that applies), never instead of them.
const alias = (pattern) => `\\${pattern}`

const SHARED = [
  {
    group: [
      'vue',
      'vue-*',
      'pinia',
      'vant',
      'dexie',
      'fastify*',
      '@fastify/*',
      'kysely',
      'better-sqlite3',
      'pg',
      'node:*',
    ],
    message:
      'src/shared is pure domain code: no framework or I/O. Put this in src/app or src/server.',
  },
  {
    group: [alias('#app/*'), alias('#server/*'), '**/app/**', '**/server/**'],
    message: 'src/shared imports nothing outside src/shared.',
  },
]

const APP = [
  {
    group: [alias('#server/*'), '**/server/**', 'fastify*', 'kysely', 'better-sqlite3', 'pg'],
    message: 'The app never imports server code; share through src/shared.',
  },
  { group: ['../../*'], message: "Use the '#app/*' or '#shared/*' alias instead of ../../." },
]

const APP_CORE = [
  {
    group: [alias('#app/features/*'), '**/features/**'],
    message: 'db/ and sync/ never import features; features register with them.',
  },
]

// A feature's public surface is its index.ts. The shell (router.ts) may also take a feature's
// routes.ts, whose pages load lazily, so the first screen does not pull in the feature's stores.
const featureSurface = (from, open) => [
  {
    group: [alias('#app/features'), ...from].flatMap((prefix) => [
      `${prefix}/*/**`,
      ...open.map((file) => `!${prefix}/*/${file}`),
    ]),
    message: `Import another feature only through its ${open.join(' or ')}; export what you need there.`,
  },
]
const SHELL_TO_FEATURE = featureSurface(['./features', '../features'], ['index.ts', 'routes.ts'])
const FEATURE_TO_FEATURE = featureSurface(['..'], ['index.ts'])

const SERVER = [
  {
    group: [alias('#app/*'), '**/app/**', 'vue', 'pinia', 'vant', 'dexie'],
    message: 'The server never imports app code; share through src/shared.',
  },
]

const boundary = (...lists) => ({
  'no-restricted-imports': ['error', { patterns: lists.flat() }],
})

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'src/components.d.ts', 'dev-dist/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommendedTypeChecked,
  skipFormatting,
  {
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      'vue/no-v-html': 'error',
      // Pages are named after their domain (LoginPage, MePage): two words already.
      'vue/multi-word-component-names': 'off',
    },
  },
  { files: ['src/shared/**'], rules: boundary(SHARED) },
  { files: ['src/app/**'], rules: boundary(APP, SHELL_TO_FEATURE) },
  { files: ['src/app/features/**'], rules: boundary(APP, FEATURE_TO_FEATURE) },
  { files: ['src/app/db/**', 'src/app/sync/**'], rules: boundary(APP, APP_CORE) },
  { files: ['src/server/**'], rules: boundary(SERVER) },
  {
    files: ['scripts/**', 'test/**', 'src/server/main.ts', 'build/**'],
    rules: { 'no-console': 'off' },
  },
  // Plain JS scripts are not in a tsconfig project: lint them without type information.
  ...vueTsConfigs.disableTypeChecked.map((config) => ({
    ...config,
    files: ['**/*.js', '**/*.mjs'],
  })),
)
