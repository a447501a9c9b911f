/**
 * A choice with one option is made for the user: a department's staff file
 * under their own department, a grid worker captures in their one grid, a
 * campaign of one village needs no village picked.
 */
import { watch, type WatchSource } from 'vue'

/** Calls `pick` with the only option whenever `options` has exactly one. */
export function useOnlyChoice<T>(
  options: WatchSource<readonly T[] | undefined>,
  pick: (only: T) => void,
): void {
  watch(
    options,
    (list) => {
      const [only] = list ?? []
      if (list?.length === 1 && only !== undefined) pick(only)
    },
    { immediate: true },
  )
}
