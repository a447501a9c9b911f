/** Accounts: the shapes of login, the signed-in user and admin user creation. */
import { z } from 'zod'
import { text } from '../common/text.schema.ts'
import { ROLES } from './roles.ts'
import { orgUnitSchema } from '../org/org.schema.ts'

/** One of the platform's roles. */
export const roleSchema = z.enum(ROLES)

/** Mainland mobile numbers: 11 digits starting with 1. */
export const phoneSchema = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1\d{10}$/, '请填写11位手机号')

export const loginSchema = z.object({
  phone: phoneSchema,
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200, '密码过长'),
})
export type LoginInput = z.infer<typeof loginSchema>

export const passwordSchema = z
  .string()
  .min(8, '密码至少8位')
  .max(200, '密码过长')
  .regex(/[A-Za-z]/, '密码需包含字母')
  .regex(/\d/, '密码需包含数字')

/** Changing one's own password: the current one proves it is the owner at the keyboard. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: '请填写原密码' })
      .min(1, '请填写原密码')
      .max(200, '密码过长'),
    newPassword: passwordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    path: ['newPassword'],
    message: '新密码不能与原密码相同',
  })
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>

export const createUserSchema = z.object({
  phone: phoneSchema,
  name: text({ max: 30, missing: '请填写姓名', tooLong: '姓名不超过30字' }),
  password: passwordSchema,
  role: z.enum(ROLES, { error: '角色不正确' }),
  orgUnitId: z.string().min(1, '请选择所属单位'),
})
export type CreateUserInput = z.infer<typeof createUserSchema>

export const userSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string(),
  role: roleSchema,
  orgUnitId: z.string(),
})
export type User = z.infer<typeof userSchema>

/** `GET /api/me`: the user, their unit and the units on the path down to it. */
export const meSchema = z.object({
  user: userSchema,
  orgUnit: orgUnitSchema,
  orgPath: z.array(orgUnitSchema),
  /** True while the password is a temporary one an admin issued: change it before anything else. */
  mustChangePassword: z.boolean().optional(),
})
export type Me = z.infer<typeof meSchema>
