import { describe, expect, it } from 'vitest'
import { sampleCapture } from './issue.fixtures.ts'
import {
  CAPTURE_FIELDS,
  issueCaptureSchema,
  issueCaptureUpdateSchema,
} from './issue.capture.schema.ts'

function messagesFor(value: Record<string, unknown>): Record<string, string> {
  const result = issueCaptureSchema.safeParse(value)
  if (result.success) return {}
  return Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
  )
}

describe('issueCaptureSchema', () => {
  it('accepts a complete capture and trims its text', () => {
    const result = issueCaptureSchema.parse({ ...sampleCapture(), title: '  村口路灯不亮 ' })
    expect(result.title).toBe('村口路灯不亮')
  })

  it('names each missing field in Chinese next to it', () => {
    const messages = messagesFor({})
    expect(messages).toMatchObject({
      isAnonymous: '请选择是否匿名',
      channel: '请选择来源渠道',
      category: '请选择事项分类',
      tags: '请选择领域',
      title: '请填写标题',
      description: '请填写具体情况',
      urgency: '请选择紧急程度',
      isPrivate: '请选择是否涉及个人隐私',
    })
    for (const message of Object.values(messages)) expect(message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('refuses an anonymous report that still holds a name or phone', () => {
    expect(messagesFor({ ...sampleCapture(), isAnonymous: true })).toEqual({
      resident: '匿名说事不登记姓名和电话',
    })
    expect(
      issueCaptureSchema.safeParse({ ...sampleCapture(), isAnonymous: true, resident: null })
        .success,
    ).toBe(true)
  })

  it('refuses a GPS position without the resident’s consent', () => {
    expect(messagesFor({ ...sampleCapture(), gpsConsent: false })).toEqual({
      gps: '未经群众同意不能记录定位',
    })
    expect(
      issueCaptureSchema.safeParse({ ...sampleCapture(), gpsConsent: false, gps: null }).success,
    ).toBe(true)
  })

  it('limits the title to 60 characters and the description to 2000', () => {
    expect(messagesFor({ ...sampleCapture(), title: '路'.repeat(61) })).toEqual({
      title: '标题不超过60字',
    })
    expect(messagesFor({ ...sampleCapture(), description: '路'.repeat(2001) })).toEqual({
      description: '具体情况不超过2000字',
    })
  })

  it('requires at least one distinct domain tag', () => {
    expect(messagesFor({ ...sampleCapture(), tags: [] })).toEqual({ tags: '请至少选择一个领域' })
    expect(messagesFor({ ...sampleCapture(), tags: ['land', 'land'] })).toEqual({
      tags: '领域标签重复',
    })
    expect(messagesFor({ ...sampleCapture(), tags: ['weather'] })).toEqual({
      'tags.0': '领域标签不正确',
    })
  })

  it('takes at most nine photos, each a SHA-256 hash', () => {
    const ten = Array.from({ length: 10 }, (_, index) => index.toString(16).repeat(64))
    expect(messagesFor({ ...sampleCapture(), photos: ten })).toEqual({ photos: '最多上传9张照片' })
    expect(messagesFor({ ...sampleCapture(), photos: ['photo.jpg'] })).toEqual({
      'photos.0': '照片编号不正确',
    })
  })

  it('accepts a mobile or landline number and refuses anything else', () => {
    const withPhone = (phone: string) => ({
      ...sampleCapture(),
      resident: { name: '张三丰', phone },
    })
    expect(issueCaptureSchema.safeParse(withPhone('023-59221234')).success).toBe(true)
    expect(messagesFor(withPhone('12345'))).toEqual({
      'resident.phone': '请填写11位手机号或带区号的固定电话',
    })
  })

  it('asks for a name or phone when a resident is given at all', () => {
    expect(messagesFor({ ...sampleCapture(), resident: {} })).toEqual({
      resident: '请填写群众姓名或电话，或选择匿名',
    })
  })

  it('limits the place to 100 characters', () => {
    expect(messagesFor({ ...sampleCapture(), place: '村'.repeat(101) })).toEqual({
      place: '地点不超过100字',
    })
  })
})

describe('CAPTURE_FIELDS', () => {
  it('lists every captured field exactly once', () => {
    expect([...CAPTURE_FIELDS].sort()).toEqual(Object.keys(issueCaptureUpdateSchema.shape).sort())
  })
})
