import { describe, expect, it } from 'vitest'
import { loginSchema } from '#shared/auth/auth.schema.ts'
import { validateForm } from './form-errors.ts'

describe('validateForm', () => {
  it('returns the parsed data when the input is valid', () => {
    const result = validateForm(loginSchema, { phone: ' 13900111001 ', password: 'x' })
    expect(result.errors).toBeNull()
    expect(result.data).toEqual({ phone: '13900111001', password: 'x' })
  })

  it('gives one Chinese message per field when the input is invalid', () => {
    const result = validateForm(loginSchema, { phone: '123', password: '' })
    expect(result.data).toBeNull()
    expect(result.errors).toEqual({ phone: '请填写11位手机号', password: '请填写密码' })
  })

  it('uses Chinese for zod built-in messages too', () => {
    const result = validateForm(loginSchema, { phone: 13900111001, password: 'x' })
    expect(result.errors?.phone).toMatch(/[\u4e00-\u9fa5]/)
  })
})
