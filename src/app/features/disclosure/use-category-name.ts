/**
 * A disclosure category's name: the unit's own name for a category it added,
 * else the built-in category's text, else the key itself (a category a newer
 * server knows and this bundle does not).
 */
import { useI18n } from 'vue-i18n'

export function useCategoryName(): (category: string, name: string | null) => string {
  const { t, te } = useI18n()
  return (category, name) => {
    const key = `disclosure.category.${category}`
    return name ?? (te(key) ? t(key) : category)
  }
}
