// The remark (说明) of one requirement item for one subject, in words built from its numbers: what is
// left to do ("还差 1 篇"), which periods were missed or are still to come ("第二季度未完成；第四季度待完成"),
// or where a rate stands ("目前 90.00%，要求不低于 95.00%"). The server writes the same remarks into its
// printed review; the screen builds them here so they follow the chosen language.
import { i18n } from '@/i18n'
import { percent } from './format'

const t = (...args) => i18n.global.t(...args)
const RATES = new Set(['participation_rate', 'lowest_participation'])

function round2(n) {
  return Math.round(n * 100) / 100
}

/** A period of an item as people name it: 第二季度, 3月, or its days for weeks and fortnights. */
export function periodName(item, period) {
  const month = Number(period.from.slice(5, 7))
  switch (item.period) {
    case 'year': return period.from.slice(0, 4)
    case 'quarter': return t(`requirements.quarter.q${Math.floor((month - 1) / 3) + 1}`)
    case 'month': return t(`requirements.month.m${month}`)
    default: return `${period.from.slice(5)}–${period.to.slice(5)}`
  }
}

function listPeriods(item, periods) {
  const names = periods.map((p) => periodName(item, p))
  if (names.length <= 3) return names.join(t('requirements.remark.listSep'))
  return t('requirements.remark.andMore', { first: names.slice(0, 2).join(t('requirements.remark.listSep')), n: names.length, rest: names.length - 2 })
}

function amount(item, n) {
  return t(`requirements.amount.${item.measure}`, { n: round2(n) }, round2(n) === 1 ? 1 : 2)
}

/**
 * The remark of `item`: a compliance item (with `measure`, `period`, `comparator` and `periods`), or a
 * review item (`required`, `actual`, `status` only), whose remark is then shorter.
 */
export function remarkOf(item) {
  if (!item) return ''
  if (item.status === 'met') return t('requirements.remark.done')
  const multi = item.period && item.period !== 'year' && Array.isArray(item.periods) && item.periods.length > 1
  if (multi) {
    const parts = []
    const missed = item.periods.filter((p) => p.status === 'missed')
    const behind = item.periods.filter((p) => p.status === 'behind')
    const todo = item.periods.filter((p) => p.status === 'on_track')
    if (missed.length) parts.push(t('requirements.remark.periodsMissed', { periods: listPeriods(item, missed) }))
    if (behind.length) parts.push(t('requirements.remark.periodsBehind', { periods: listPeriods(item, behind) }))
    if (todo.length) parts.push(t('requirements.remark.periodsTodo', { periods: listPeriods(item, todo) }))
    return parts.join(t('requirements.remark.sep')) || t('requirements.remark.done')
  }
  const { required, actual } = item
  if (RATES.has(item.measure)) {
    if (actual === null || actual === undefined) return t('requirements.remark.noRateYet')
    const key = item.comparator === 'at_most' ? 'rateAtMost' : 'rateAtLeast'
    return t(`requirements.remark.${key}`, { actual: percent(actual), required: percent(required) })
  }
  if (actual === null || actual === undefined || required === null || required === undefined) return ''
  if (item.comparator === 'at_most') {
    return actual > required
      ? t('requirements.remark.over', { amount: item.measure ? amount(item, actual - required) : round2(actual - required) })
      : t('requirements.remark.withinLimit')
  }
  const left = required - actual
  if (left <= 0) return t('requirements.remark.done')
  return item.measure
    ? t('requirements.remark.left', { amount: amount(item, left) })
    : t('requirements.remark.leftPlain', { n: round2(left) })
}

/** "done / required" as the API means it: periods met of periods asked, or the amount, or a rate. */
export function progressText(item) {
  if (RATES.has(item.measure)) return `${percent(item.actual)} / ${percent(item.required)}`
  const a = item.actual === null || item.actual === undefined ? '—' : round2(item.actual)
  return `${a} / ${round2(item.required)}`
}

/** How far along an item is, 0–1, for rings and bars. */
export function progressShare(item) {
  if (item.status === 'met') return 1
  const { required, actual } = item
  if (actual === null || actual === undefined) return 0
  if (item.comparator === 'at_most') return actual > required ? 0 : 1
  if (!required) return 1
  return Math.max(0, Math.min(1, actual / required))
}
