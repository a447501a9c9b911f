import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

const boundary = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
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
  {
    files: ['src/shared/**'],
    rules: boundary([
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
        group: ['#app/*', '#server/*', '**/app/**', '**/server/**'],
        message: 'src/shared imports nothing outside src/shared.',
      },
    ]),
  },
  {
    files: ['src/app/**'],
    rules: boundary([
      {
        group: ['#server/*', '**/server/**', 'fastify*', 'kysely', 'better-sqlite3', 'pg'],
        message: 'The app never imports server code; share through src/shared.',
      },
      { group: ['../../*'], message: "Use the '#app/*' or '#shared/*' alias instead of ../../." },
    ]),
  },
  {
    files: ['src/app/db/**', 'src/app/sync/**'],
    rules: boundary([
      {
        group: ['#app/features/*', '**/features/**'],
        message: 'db/ and sync/ never import features; features register with them.',
      },
      { group: ['#server/*', '**/server/**'], message: 'The app never imports server code.' },
    ]),
  },
  {
    files: ['src/server/**'],
    rules: boundary([
      {
        group: ['#app/*', '**/app/**', 'vue', 'pinia', 'vant', 'dexie'],
        message: 'The server never imports app code; share through src/shared.',
      },
    ]),
  },
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
