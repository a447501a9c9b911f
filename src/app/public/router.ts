/**
 * The public bundle's router: a few lines instead of vue-router, whose ~9 KB
 * gzip would be a sixth of the 60 KB budget (scripts/size.mjs) for pages
 * that only need to match a path, read its parameters and the fragment, and
 * follow a link or the back button. Each group of public pages has a
 * `routes.ts` under src/app/public/<group>/ whose paths start with its prefix
 * in src/shared/public/public-entry.ts (the server sends public.html only
 * for those); add the group's routes here.
 */
import { defineComponent, h, shallowRef, type Component } from 'vue'
import { residentReportRoutes } from './report/routes.ts'
import { wallRoutes } from './wall/routes.ts'
import { matchPath } from './match-path.ts'

/** A public page: a path with `:name` segments, and its lazy component. */
export interface PublicRoute {
  path: string
  name: string
  component: () => Promise<{ default: Component }>
}

/** The address a page was opened at, as the page reads it (`useRoute`). */
export interface CurrentRoute {
  name: string
  path: string
  params: Readonly<Record<string, string>>
  /** The fragment with its '#', or '' (a receipt's tracking code). */
  hash: string
}

const notFound: PublicRoute = {
  path: '*',
  name: 'public-not-found',
  component: () => import('./NotFoundPage.vue'),
}
const routes: PublicRoute[] = [...wallRoutes, ...residentReportRoutes]

const current = shallowRef<{ route: CurrentRoute; page: Component } | null>(null)
let latest = 0

async function open(url: URL): Promise<void> {
  const ticket = (latest += 1)
  let route: CurrentRoute = { name: notFound.name, path: url.pathname, params: {}, hash: url.hash }
  let record = notFound
  for (const candidate of routes) {
    const params = matchPath(candidate.path, url.pathname)
    if (params) {
      record = candidate
      route = { ...route, name: candidate.name, params }
      break
    }
  }
  const page = (await record.component()).default
  // A later navigation wins over a slower page load.
  if (ticket === latest) current.value = { route, page }
}

/** Follows an in-bundle link: a new history entry, the page, and the top of it. */
export async function push(to: string): Promise<void> {
  history.pushState(null, '', to)
  await open(new URL(location.href))
  window.scrollTo(0, 0)
}

/** The route of the page on screen (pages remount on every navigation). */
export function useRoute(): CurrentRoute {
  if (!current.value) throw new Error('useRoute() before the public router opened a page')
  return current.value.route
}

/** Where the current page renders. */
export const RouterView = defineComponent({
  name: 'RouterView',
  setup() {
    return () =>
      current.value
        ? h(current.value.page, {
            key: `${current.value.route.path}${current.value.route.hash}`,
          })
        : null
  },
})

const ready = open(new URL(location.href))

/** The public bundle's router (links: RouterLink.vue): `app.use(publicRouter)`, mount once `isReady()`. */
export const publicRouter = {
  install(): void {
    window.addEventListener('popstate', () => void open(new URL(location.href)))
  },
  isReady: (): Promise<void> => ready,
}
