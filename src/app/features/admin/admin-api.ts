/**
 * The admin screens' calls. Administration is online only (the server is
 * the judge of every change and writes its audit entry), so nothing here is
 * kept on the device — temporary passwords least of all.
 */
import { showFailToast, showSuccessToast } from 'vant'
import 'vant/es/toast/style'
import type { AdminUser } from '#shared/admin/admin.schema.ts'
import { ApiError, apiRequest, NetworkError } from '#app/api/http.ts'
import { i18n } from '#app/i18n/index.ts'

/** Runs an admin call; a refusal or no network is said in a toast and answers null. */
export async function adminCall<T>(call: () => Promise<T>, done?: string): Promise<T | null> {
  const { t } = i18n.global
  try {
    const result = await call()
    if (done) showSuccessToast(done)
    return result
  } catch (error) {
    if (error instanceof ApiError) showFailToast(t('admin.failed', { reason: error.message }))
    else if (error instanceof NetworkError) showFailToast(t('admin.offline'))
    else throw error
    return null
  }
}

/** Accounts whose name or phone contains `q`. */
export async function searchUsers(q: string): Promise<AdminUser[]> {
  const query = q ? `?q=${encodeURIComponent(q)}` : ''
  return (await apiRequest<{ users: AdminUser[] }>(`/api/admin/users${query}`)).users
}

/** The account with exactly this phone, or undefined. */
export async function findByPhone(phone: string): Promise<AdminUser | undefined> {
  return (await searchUsers(phone)).find((user) => user.phone === phone)
}
