#include <map>

#include "core/rules.hpp"
#include "export/exports.hpp"
#include "export/html.hpp"

namespace xuefeng::exports {
namespace {

using html::Cell;
using html::Writer;

void empty(Writer& w, std::string_view text) {
  w.element("p", text, {{"class", "empty"}});
}

/// "区政府办公室党支部（书记）", with its dates when the membership did not last the whole year.
std::string membership_text(const service::PersonMembership& m, int year) {
  std::string out = m.org_name + "（" + std::string(core::label_zh(m.membership.role));
  if (m.membership.since > *core::Date::from_ymd(year, 1, 1))
    out += "，" + m.membership.since.to_string() + " 起";
  if (m.membership.until && *m.membership.until < *core::Date::from_ymd(year, 12, 31)) {
    out += "，至 " + m.membership.until->to_string();
  }
  return out + "）";
}

std::string memberships_text(const service::Binder& b) {
  std::string out;
  for (const auto& m : b.memberships) out += (out.empty() ? "" : "；") + membership_text(m, b.archive.year);
  return out.empty() ? "—" : out;
}

/// The review status in force: a verdict, or none yet, or none since the entry was changed.
std::string_view review_state(const core::ArchiveEntry& e) {
  if (e.review_status) return core::label_zh(*e.review_status);
  return e.reviews.empty() ? "未批阅" : "修改后待批阅";
}

std::string_view make_up_state(const core::MakeUpObligation& o) {
  if (o.entry_id) return "已补学";
  return o.overdue ? "逾期未补学" : "待补学";
}

class BinderWriter {
 public:
  BinderWriter(Writer& w, const service::Binder& b, core::UtcOffset offset) : w_(w), b_(b), offset_(offset) {
    for (const auto& pa : b.archive.attendance) activity_titles_[pa.activity.id] = pa.activity.title;
    for (const auto& pa : b.archive.speeches) activity_titles_[pa.activity.id] = pa.activity.title;
  }

  void write() {
    const core::Person& p = b_.archive.person.person;
    w_.open("section", {{"class", "person"}, {"id", "person-" + std::to_string(p.id)}});
    cover();
    plans();
    attendance();
    speeches();
    entries();
    compliance();
    summary();
    w_.close();
  }

 private:
  void cover() {
    const core::Person& p = b_.archive.person.person;
    w_.open("div", {{"class", "cover"}});
    w_.element("h1", "个人学习档案", {{"class", "cover-title"}});
    w_.labelled({{"姓名", p.name},
                 {"职务", p.post.empty() ? "—" : p.post},
                 {"所在组织", memberships_text(b_)},
                 {"年度", std::to_string(b_.archive.year) + " 年"},
                 {"统计截至", b_.compliance.as_of.to_string()}},
                "cover-info", Writer::Values::kText);
    w_.close();
  }

  void plans() {
    w_.open("section", {{"class", "plans"}});
    w_.element("h2", "一、年度学习计划专题");
    std::map<core::Id, std::string> org_names;
    for (const auto& m : b_.memberships) org_names[m.membership.org_id] = m.org_name;
    if (b_.plans.empty()) empty(w_, "所在组织本年度未制定学习计划");
    for (const auto& plan : b_.plans) {
      w_.element("h3", org_names[plan.org_id] + "：" + plan.title);
      if (plan.topics.empty()) {
        empty(w_, "计划未列专题");
        continue;
      }
      w_.open("ol", {{"class", "topics"}});
      for (const auto& t : plan.topics) {
        w_.open("li");
        w_.element("strong", t.title);
        if (!t.description.empty()) w_.text("：" + t.description);
        w_.close();
      }
      w_.close();
    }
    w_.close();
  }

  void attendance() {
    w_.open("section", {{"class", "attendance"}});
    w_.element("h2", "二、参加学习活动情况");
    if (b_.archive.attendance.empty()) {
      empty(w_, "本年度没有应参加的学习活动");
    } else {
      w_.table({"序号", "日期", "活动名称", "类型", "组织", "天数", "课时", "考勤"});
      int n = 0;
      for (const auto& pa : b_.archive.attendance) {
        const core::Activity& a = pa.activity;
        const std::string_view status = pa.status                           ? core::label_zh(*pa.status)
                                        : a.starts_on > b_.compliance.as_of ? std::string_view("尚未开展")
                                                                            : std::string_view("未记录");
        w_.row({Cell::figure(std::to_string(++n)), html::dates(a.starts_on, a.ends_on), a.title,
                Cell::term(core::label_zh(a.kind)), pa.org_name, Cell::figure(std::to_string(a.days())),
                Cell::figure(html::number(a.credit_hours)), Cell::term(status)});
      }
      w_.end_table();
    }
    w_.close();
  }

  void speeches() {
    w_.open("section", {{"class", "speeches"}});
    w_.element("h2", "三、发言与授课");
    std::vector<const core::ArchiveEntry*> scripts;
    for (const auto& e : b_.archive.entries) {
      if (e.kind == core::ArchiveKind::kKeynote || e.kind == core::ArchiveKind::kPartyLectureGiven)
        scripts.push_back(&e);
    }
    if (b_.archive.speeches.empty() && scripts.empty()) empty(w_, "本年度没有发言、授课记录");
    if (!b_.archive.speeches.empty()) {
      w_.element("h3", "在学习活动中发言、授课");
      w_.table({"序号", "日期", "活动名称", "类型", "组织", "发言题目"});
      int n = 0;
      for (const auto& s : b_.archive.speeches) {
        const core::Activity& a = s.activity;
        w_.row({Cell::figure(std::to_string(++n)), html::dates(a.starts_on, a.ends_on), a.title,
                Cell::term(core::label_zh(a.kind)), s.org_name, s.speech_title});
      }
      w_.end_table();
    }
    if (!scripts.empty()) {
      w_.element("h3", "中心发言稿与讲党课记录（全文见档案记录）");
      w_.table({"序号", "日期", "类型", "标题", "批阅"});
      int n = 0;
      for (const auto* e : scripts) {
        w_.row({Cell::figure(std::to_string(++n)), e->date.to_string(), Cell::term(core::label_zh(e->kind)), e->title,
                Cell::term(review_state(*e))});
      }
      w_.end_table();
    }
    w_.close();
  }

  void entry(const core::ArchiveEntry& e, const std::string& heading) {
    w_.open("article", {{"class", "entry"}, {"id", "entry-" + std::to_string(e.id)}});
    w_.element("h3", heading);
    std::string meta = "日期：" + e.date.to_string() + "　类型：" + std::string(core::label_zh(e.kind)) +
                       "　课时：" + html::number(e.credit_hours);
    if (!e.venue.empty()) meta += "　地点：" + e.venue;
    if (e.activity_id) {
      const auto title = activity_titles_.find(*e.activity_id);
      meta += "　关联活动：" +
              (title == activity_titles_.end() ? "#" + std::to_string(*e.activity_id) : title->second);
    }
    meta += "　批阅状态：" + std::string(review_state(e));
    w_.element("p", meta, {{"class", "meta"}});
    if (e.content.empty()) {
      empty(w_, "（无正文）");
    } else {
      w_.element("div", e.content, {{"class", "content"}});
    }
    if (!e.reviews.empty()) {
      w_.table({"批阅时间", "批阅人", "结论", "意见"}, "reviews");
      for (const auto& r : e.reviews) {
        w_.row({html::local_time(r.reviewed_at, offset_), r.reviewer_login, core::label_zh(r.verdict),
                r.comment.empty() ? "—" : r.comment});
      }
      w_.end_table();
    }
    w_.close();
  }

  void entries() {
    w_.open("section", {{"class", "entries"}});
    w_.element("h2", "四、学习档案记录");
    int n = 0;
    for (const auto& e : b_.archive.entries) {
      // The year-end summary closes the binder (section six) rather than sitting among the notes.
      if (e.kind == core::ArchiveKind::kYearEndSummary) continue;
      entry(e, std::to_string(++n) + ". " + e.title);
    }
    if (n == 0) empty(w_, "本年度没有学习档案记录");
    w_.close();
  }

  void compliance() {
    w_.open("section", {{"class", "compliance"}});
    w_.element("h2", "五、学习要求完成情况");
    if (b_.compliance.subjects.empty()) empty(w_, "本年度没有适用于本人的学习要求");
    for (const auto& s : b_.compliance.subjects) {
      w_.element("h3", s.set->document.name + "：" + std::string(core::label_zh(s.result.status)) +
                           "，得分 " + html::number(s.assessment.score) + "（" +
                           std::string(core::label_zh(s.assessment.grade)) + "）");
      w_.table({"事项", "周期", "完成 / 要求", "状态", "说明"});
      for (const auto& i : s.result.items) {
        w_.row({i.item->label, Cell::term(core::label_zh(i.item->period)), Cell::figure(html::progress(i)),
                Cell::term(core::label_zh(i.status)), html::remark(i)});
      }
      w_.end_table();
      if (s.result.make_up.empty()) continue;
      w_.table({"缺勤活动日期", "类型", "缺勤", "补学截止", "补学"}, "make-up");
      for (const auto& o : s.result.make_up) {
        w_.row({o.starts_on.to_string(), core::label_zh(o.kind), core::label_zh(o.missed),
                o.due_on.to_string(), make_up_state(o)});
      }
      w_.end_table();
    }
    w_.close();
  }

  void summary() {
    const service::ArchiveTotals& t = b_.archive.totals;
    w_.open("section", {{"class", "summary"}});
    w_.element("h2", "六、年度学习小结");
    std::vector<std::pair<std::string, std::string>> rows{
        {"应参加学习活动（次）", std::to_string(t.expected)},
        {"实际参加（次）", std::to_string(t.attended)},
        {"参学率", html::rate(t.attended, t.expected)},
        {"学习天数", std::to_string(t.study_days)},
        {"课时", html::number(t.credit_hours)},
        {"发言、授课（次）", std::to_string(b_.archive.speeches.size())},
        {"档案记录（篇）", std::to_string(b_.archive.entries.size())}};
    for (const auto& term : core::terms(core::ArchiveKind{})) {
      const auto it = t.entries_by_kind.find(term.value);
      rows.emplace_back(std::string(term.label_zh),
                        std::to_string(it == t.entries_by_kind.end() ? 0 : it->second));
    }
    w_.labelled(rows, "figures", Writer::Values::kFigures);
    w_.element("h3", "学习小结");
    bool any = false;
    for (const auto& e : b_.archive.entries) {
      if (e.kind != core::ArchiveKind::kYearEndSummary) continue;
      any = true;
      entry(e, e.title);
    }
    if (!any) empty(w_, "尚未提交学习小结");
    w_.close();
  }

  Writer& w_;
  const service::Binder& b_;
  core::UtcOffset offset_;
  std::map<core::Id, std::string> activity_titles_;
};

}  // namespace

core::Result<Document> binder_html(const service::Binder& b, core::UtcOffset offset) {
  const core::Person& p = b.archive.person.person;
  const std::string year = std::to_string(b.archive.year);
  Writer w(p.name + " " + year + " 年学习档案专卷");
  BinderWriter(w, b, offset).write();
  return Document{std::move(w).finish(), "学习档案专卷-" + filename_part(p.name) + "-" + year + ".html",
                  "archive-" + std::to_string(p.id) + "-" + year + ".html", kHtmlContentType};
}

core::Result<Document> org_binder_html(const service::OrgBinder& b, core::UtcOffset offset) {
  const std::string year = std::to_string(b.year);
  const std::string title = b.org.name + " " + year + " 年学习档案专卷";
  Writer w(title);
  w.open("section", {{"class", "volume-cover"}});
  w.element("h1", title);
  w.element("p", "共 " + std::to_string(b.people.size()) + " 人　统计截至 " + b.as_of.to_string(),
            {{"class", "subtitle"}});
  if (b.people.empty()) {
    empty(w, "本年度本组织及下级组织没有成员");
  } else {
    w.table({"序号", "姓名", "职务", "所在组织"});
    int n = 0;
    for (const auto& person : b.people) {
      const core::Person& p = person.archive.person.person;
      w.row({Cell::figure(std::to_string(++n)), p.name, p.post, memberships_text(person)});
    }
    w.end_table();
  }
  w.close();
  for (const auto& person : b.people) BinderWriter(w, person, offset).write();
  return Document{std::move(w).finish(), "学习档案专卷-" + filename_part(b.org.name) + "-" + year + ".html",
                  "archive-org-" + std::to_string(b.org.id) + "-" + year + ".html", kHtmlContentType};
}

}  // namespace xuefeng::exports
