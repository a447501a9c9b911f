// @vitest-environment happy-dom
import { createApp, h, nextTick, ref } from 'vue'
import { Field, Stepper } from 'vant'
import { describe, expect, it } from 'vitest'
import StepperField from './StepperField.vue'

/** StepperField mounted over `count`, with Vant's field and stepper as the app registers them. */
async function rendered(props: { label: string; max: number; ariaLabel?: string }, start?: number) {
  const count = ref<number | undefined>(start)
  const root = document.createElement('div')
  createApp({
    render: () =>
      h(StepperField, {
        ...props,
        modelValue: count.value,
        'onUpdate:modelValue': (value: number | undefined) => (count.value = value),
      }),
  })
    .use(Field)
    .use(Stepper)
    .mount(root)
  await nextTick()
  const input = root.querySelector<HTMLInputElement>('.van-stepper input')
  const group = root.querySelector('.van-stepper[role=group]')
  if (!input) throw new Error('no stepper')
  return { root, input, group, count }
}

describe('StepperField', () => {
  it('names the stepper for screen readers by its label unless told otherwise', async () => {
    const { root, group } = await rendered({ label: '最多可选', max: 5 }, 3)
    expect(root.querySelector('.van-field__label')?.textContent).toContain('最多可选')
    expect(group?.getAttribute('aria-label')).toBe('最多可选')
    const named = await rendered({ label: '修路', max: 100, ariaLabel: '修路的票数' }, 2)
    expect(named.group?.getAttribute('aria-label')).toBe('修路的票数')
  })

  it('starts a count not yet set at the minimum, and counts up by one', async () => {
    const { root, input, count } = await rendered({ label: '票数', max: 100 })
    expect(input.value).toBe('0')
    root.querySelector<HTMLButtonElement>('.van-stepper__plus')?.click()
    await nextTick()
    expect(count.value).toBe(1)
  })
})
