import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_COLUMNS,
  accountRowSchema,
  checkRow,
  UNIT_COLUMNS,
  unitRowSchema,
} from './user-import.ts'

const unit = (cells: Record<string, string>) =>
  checkRow(unitRowSchema, UNIT_COLUMNS, cells, 'units', 2)
const account = (cells: Record<string, string>) =>
  checkRow(accountRowSchema, ACCOUNT_COLUMNS, cells, 'accounts', 5)

describe('onboarding rows', () => {
  it('reads tiers and roles written in Chinese or as codes, and codes in any case', () => {
    expect(
      unit({ 单位编码: ' T9-V1 ', 单位名称: '试点村', 层级: '村社', 上级单位编码: 'T9' }).value,
    ).toEqual({ code: 't9-v1', name: '试点村', tier: 'village', parentCode: 't9' })
    expect(
      account({ 手机号: '13700000001', 姓名: '张三', 角色: 'grid_worker', 所属单位编码: 'G1' })
        .value,
    ).toEqual({ phone: '13700000001', name: '张三', role: 'grid_worker', unitCode: 'g1' })
  })

  it('names the column of each problem by its header, in Chinese', () => {
    const { problems } = account({ 手机号: '123', 姓名: '', 角色: '县长', 所属单位编码: '' })
    expect(problems.map((problem) => [problem.row, problem.column])).toEqual([
      [5, '手机号'],
      [5, '姓名'],
      [5, '角色'],
      [5, '所属单位编码'],
    ])
    for (const problem of problems) expect(problem.message).toMatch(/\p{Script=Han}/u)
  })

  it('refuses a county or an admin from a file, and a code that cannot be an id', () => {
    expect(
      unit({ 单位编码: 'a/b', 单位名称: '县', 层级: '县', 上级单位编码: 'x' }).problems,
    ).toHaveLength(2)
    expect(
      account({ 手机号: '13700000001', 姓名: '甲', 角色: '管理员', 所属单位编码: 'c' }).problems,
    ).toHaveLength(1)
  })
})
