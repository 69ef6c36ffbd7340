// Words shared by every page: the shell, actions, states, and the glossary's enumerations
// (../shared/domain/README.md), keyed by their codes so a value from the API is its own label key.
export default {
  zh: {
    app: { name: '学风', subtitle: '学习型组织建设平台' },
    nav: {
      menu: '菜单', workbench: '工作台', orgs: '组织与成员', plans: '学习计划', activities: '学习活动',
      archive: '学习档案', requirements: '学习要求', review: '考核讲评', accounts: '账号管理',
    },
    account: {
      menu: '账号', password: '修改密码', logout: '退出登录', logoutAll: '退出所有设备',
      currentPassword: '当前密码', newPassword: '新密码', confirmPassword: '再次输入新密码',
      mismatch: '两次输入的新密码不一致', changed: '密码已修改，其他设备上的登录已失效',
      language: '语言',
    },
    action: {
      save: '保存', cancel: '取消', create: '新建', edit: '编辑', delete: '删除', confirm: '确定',
      search: '搜索', reset: '重置', back: '返回', refresh: '刷新', close: '关闭', export: '导出',
      print: '打印', more: '更多', view: '查看', add: '添加', import: '导入', approve: '批准', reject: '驳回',
    },
    state: {
      loading: '加载中…', empty: '暂无数据', saved: '已保存', deleted: '已删除', failed: '操作失败',
      confirmDelete: '确定删除吗？此操作不可撤销。', network: '无法连接服务器，请检查网络后重试',
    },
    orgPicker: { placeholder: '选择组织' },
    role: {
      admin: '系统管理员', org_admin: '组织管理员', secretary: '书记', study_secretary: '学习秘书',
      supervisor: '督导', member: '成员',
    },
    org_kind: {
      party_committee: '党委', working_committee: '党工委', leading_group: '党组', general_branch: '党总支',
      branch: '党支部', group: '党小组', study_group: '理论学习中心组',
    },
    activity_kind: {
      centralized_study: '集中学习', lecture: '专题讲座', keynote: '中心发言', seminar: '交流研讨',
      reading_club: '读书会', quiz_contest: '知识竞赛', film: '观看教育片', site_visit: '参观学习',
      field_research: '调研', policy_briefing: '政策解读', party_lecture: '党课', training: '集中培训',
      grassroots_visit: '深入基层',
    },
    member_role: {
      secretary: '书记', deputy_secretary: '副书记', committee_member: '委员', group_leader: '组长',
      study_secretary: '学习秘书', member: '成员',
    },
    gender: { male: '男', female: '女' },
    cadre_level: { bureau: '厅局级', county: '县处级', township: '乡科级' },
    verdict: { verified: '已审核', returned: '退回' },
    leave_state: { pending: '待审批', approved: '已批准', rejected: '未批准' },
    repeat_every: { week: '每周', fortnight: '每两周', month: '每月' },
    attendance: { present: '出席', late: '迟到', excused: '请假', absent: '缺席', unmarked: '未登记' },
    entry_kind: {
      note: '学习笔记', reflection: '心得体会', article: '理论文章', keynote: '中心发言稿',
      party_lecture_given: '讲党课', year_end_summary: '学习小结', self_study: '自学',
      research_report: '调研报告', contact_point: '学习联系点',
    },
  },
  en: {
    app: { name: 'Xuefeng', subtitle: 'Learning organization platform' },
    nav: {
      menu: 'Menu', workbench: 'Workbench', orgs: 'Organizations', plans: 'Plans', activities: 'Activities',
      archive: 'Archive', requirements: 'Requirements', review: 'Reviews', accounts: 'Accounts',
    },
    account: {
      menu: 'Account', password: 'Change password', logout: 'Log out', logoutAll: 'Log out everywhere',
      currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'Repeat new password',
      mismatch: 'The new passwords differ', changed: 'Password changed; sessions on other devices have ended',
      language: 'Language',
    },
    action: {
      save: 'Save', cancel: 'Cancel', create: 'New', edit: 'Edit', delete: 'Delete', confirm: 'OK',
      search: 'Search', reset: 'Reset', back: 'Back', refresh: 'Refresh', close: 'Close', export: 'Export',
      print: 'Print', more: 'More', view: 'View', add: 'Add', import: 'Import', approve: 'Approve', reject: 'Reject',
    },
    state: {
      loading: 'Loading…', empty: 'Nothing here yet', saved: 'Saved', deleted: 'Deleted', failed: 'Failed',
      confirmDelete: 'Delete this? It cannot be undone.', network: 'Cannot reach the server; check the network and retry',
    },
    orgPicker: { placeholder: 'Choose an organization' },
    role: {
      admin: 'Administrator', org_admin: 'Org administrator', secretary: 'Secretary',
      study_secretary: 'Study secretary', supervisor: 'Supervisor', member: 'Member',
    },
    org_kind: {
      party_committee: 'Party committee', working_committee: 'Working committee', leading_group: 'Leading group',
      general_branch: 'General branch', branch: 'Branch', group: 'Group', study_group: 'Study group',
    },
    activity_kind: {
      centralized_study: 'Centralized study', lecture: 'Lecture', keynote: 'Keynote', seminar: 'Seminar',
      reading_club: 'Reading club', quiz_contest: 'Quiz contest', film: 'Film', site_visit: 'Site visit',
      field_research: 'Field research', policy_briefing: 'Policy briefing', party_lecture: 'Party lecture',
      training: 'Training', grassroots_visit: 'Grassroots visit',
    },
    member_role: {
      secretary: 'Secretary', deputy_secretary: 'Deputy secretary', committee_member: 'Committee member',
      group_leader: 'Group leader', study_secretary: 'Study secretary', member: 'Member',
    },
    gender: { male: 'Male', female: 'Female' },
    cadre_level: { bureau: 'Bureau', county: 'County', township: 'Township' },
    verdict: { verified: 'Verified', returned: 'Returned' },
    leave_state: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' },
    repeat_every: { week: 'Weekly', fortnight: 'Fortnightly', month: 'Monthly' },
    attendance: { present: 'Present', late: 'Late', excused: 'Excused', absent: 'Absent', unmarked: 'Unmarked' },
    entry_kind: {
      note: 'Study note', reflection: 'Reflection', article: 'Article', keynote: 'Keynote text',
      party_lecture_given: 'Party lecture given', year_end_summary: 'Year-end summary', self_study: 'Self-study',
      research_report: 'Research report', contact_point: 'Contact point',
    },
  },
}
