import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
// Element Plus components are imported on demand (vite.config.js); the message and dialog
// services are called from code, so their styles are loaded here.
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './styles.css'

createApp(App).use(router).use(i18n).mount('#app')
