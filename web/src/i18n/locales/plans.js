// 学习计划: an org's yearly plan, its topics, and the year's activities as a calendar or a list.
export default {
  zh: {
    plans: {
      org: '选择组织', year: '年度', yearN: '{n} 年度', chooseOrg: '请先选择一个组织',
      defaultTitle: '{org}{year}年学习计划',
      planTitle: '计划名称', topics: '学习专题', topicsHint: '按顺序排列，最多 50 个；已有活动的专题不能删除',
      topicTitle: '专题名称', topicDescription: '专题说明（可不填）', topicN: '第 {n} 个专题名称', topicDescriptionN: '第 {n} 个专题说明',
      addTopic: '添加专题', removeTopic: '删除该专题', moveUp: '上移', moveDown: '下移',
      edit: '编辑计划', createPlan: '制定学习计划',
      noPlan: '该组织 {year} 年度尚未制定学习计划', noPlanReadOnly: '制定计划需要书记、学习秘书或组织管理员权限',
      noTopics: '该计划还没有学习专题',
      topicActivities: '{n} 次活动',
      activities: '年度学习活动', allTopics: '全部专题', outsidePlan: '未关联专题',
      view: '显示方式', calendarView: '日历', listView: '列表',
      noActivities: '{year} 年度还没有学习活动',
      calendar: { more: '另有 {n} 项', count: '{n} 项活动', noneThatDay: '当天没有学习活动' },
    },
  },
  en: {
    plans: {
      org: 'Organization', year: 'Year', yearN: '{n}', chooseOrg: 'Choose an organization first',
      defaultTitle: '{org} study plan {year}',
      planTitle: 'Plan title', topics: 'Topics', topicsHint: 'In order, at most 50; a topic with activities cannot be removed',
      topicTitle: 'Topic title', topicDescription: 'Description (optional)', topicN: 'Title of topic {n}', topicDescriptionN: 'Description of topic {n}',
      addTopic: 'Add a topic', removeTopic: 'Remove this topic', moveUp: 'Move up', moveDown: 'Move down',
      edit: 'Edit plan', createPlan: 'Make the plan',
      noPlan: 'This organization has no study plan for {year} yet', noPlanReadOnly: 'Making a plan needs a secretary, study secretary or org administrator',
      noTopics: 'This plan has no topics yet',
      topicActivities: '{n} activities',
      activities: 'Activities of the year', allTopics: 'All topics', outsidePlan: 'No topic',
      view: 'View', calendarView: 'Calendar', listView: 'List',
      noActivities: 'No activities in {year} yet',
      calendar: { more: '{n} more', count: '{n} activities', noneThatDay: 'No activities that day' },
    },
  },
}
