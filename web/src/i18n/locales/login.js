export default {
  zh: {
    login: {
      title: '登录', login: '登录名', password: '密码', submit: '登录', required: '请输入登录名和密码',
      hint: '使用单位分配的账号登录',
    },
    notFound: { title: '页面不存在', detail: '地址可能有误，或该页面已被移除' },
  },
  en: {
    login: {
      title: 'Log in', login: 'Login', password: 'Password', submit: 'Log in', required: 'Enter your login and password',
      hint: 'Use the account your organization gave you',
    },
    notFound: { title: 'Page not found', detail: 'The address may be wrong, or the page was removed' },
  },
}
