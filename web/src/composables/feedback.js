// How pages report outcomes. The server's problem+json `detail` is already in the user's language;
// a network failure has no body, so it gets our own words.
import { ElMessage, ElMessageBox } from 'element-plus'
import { i18n } from '@/i18n'

const t = (key) => i18n.global.t(key)

export function errorText(error) {
  if (error?.status === 0) return t('state.network')
  return error?.message || t('state.failed')
}

export function showError(error) {
  ElMessage({ type: 'error', message: errorText(error), showClose: true, duration: 6000 })
}

export function showSaved(message) {
  ElMessage({ type: 'success', message: message || t('state.saved') })
}

export async function confirmDelete(message) {
  try {
    await ElMessageBox.confirm(message || t('state.confirmDelete'), t('action.delete'), {
      type: 'warning',
      confirmButtonText: t('action.delete'),
      cancelButtonText: t('action.cancel'),
    })
    return true
  } catch {
    return false
  }
}
