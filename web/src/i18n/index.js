// zh-CN first, English second. Each area of the UI keeps its words in i18n/locales/<area>.js as
// { zh: {...}, en: {...} } under its own top key, so pages can be added without touching one big file.
import { createI18n } from 'vue-i18n'

const modules = import.meta.glob('./locales/*.js', { eager: true })
const messages = { 'zh-CN': {}, en: {} }
for (const mod of Object.values(modules)) {
  Object.assign(messages['zh-CN'], mod.default.zh)
  Object.assign(messages.en, mod.default.en)
}

const STORAGE_KEY = 'xuefeng.locale'

function initialLocale() {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'zh-CN' || saved === 'en') return saved
  return 'zh-CN' // Chinese-first, whatever the browser says
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLocale() {
  return i18n.global.locale.value
}

export function setLocale(locale) {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
document.documentElement.lang = initialLocale()
