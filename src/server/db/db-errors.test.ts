import { describe, expect, it } from 'vitest'
import { infrastructureFault } from './db-errors.ts'

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('infrastructureFault', () => {
  it.each(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100'])('reads %s as a full disk', (code) => {
    expect(infrastructureFault(withCode(code))).toBe('storage_full')
  })

  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    '57P01',
    '57P02',
    '57P03',
    '08006',
    '08001',
    '08P01',
    '53300',
    'SQLITE_BUSY',
  ])('reads %s as the database being unavailable', (code) => {
    expect(infrastructureFault(withCode(code))).toBe('database_unavailable')
  })

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
  ])('reads node-postgres\'s codeless "%s" as the database being unavailable', (message) => {
    expect(infrastructureFault(new Error(message))).toBe('database_unavailable')
  })

  it('looks through causes and AggregateErrors', () => {
    const refused = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])
    expect(infrastructureFault(new Error('query failed', { cause: refused }))).toBe(
      'database_unavailable',
    )
    expect(infrastructureFault(new Error('write failed', { cause: withCode('ENOSPC') }))).toBe(
      'storage_full',
    )
  })

  it.each([
    withCode('23505'),
    withCode('SQLITE_CONSTRAINT_UNIQUE'),
    withCode('22P02'),
    new Error('boom'),
    'a string',
    null,
  ])('leaves everything else alone (%s)', (error) => {
    expect(infrastructureFault(error)).toBeNull()
  })

  it('does not loop on a cause cycle', () => {
    const a: Error & { cause?: unknown } = new Error('a')
    a.cause = new Error('b', { cause: a })
    expect(infrastructureFault(a)).toBeNull()
  })
})
