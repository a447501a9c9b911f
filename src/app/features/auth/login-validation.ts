/**
 * The login form's checks: the shared schema through zod. Loaded when the
 * person starts filling the form (LoginPage.vue), not with the page, so zod
 * stays out of what a signed-out phone downloads before it can show the form.
 */
export { loginSchema } from '#shared/auth/auth.schema.ts'
export { validateForm } from '#app/ui/form-errors.ts'
