/**
 * Refusal to hand the device to another user while it holds changes the
 * server has not accepted (issue #20.5). Free of Dexie, so the login page
 * can recognise it without loading the database code.
 */
export class UnsyncedDataError extends Error {
  constructor(readonly count: number) {
    super(`${count} changes not synced`)
  }
}
