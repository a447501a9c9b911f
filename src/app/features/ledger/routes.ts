import type { RouteRecordRaw } from 'vue-router'
import { ledgerMessages } from './messages.ts'

// The page loads with this feature's texts and the ledger catalogue, lazily.
const page = ledgerMessages.lazy

export const ledgerRoutes: RouteRecordRaw[] = [
  { path: '/ledgers', name: 'ledgers', component: page(() => import('./LedgerPage.vue')) },
]
