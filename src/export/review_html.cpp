#include <map>

#include "core/rules.hpp"
#include "export/exports.hpp"
#include "export/html.hpp"

namespace xuefeng::exports {
namespace {

using html::Cell;
using html::Writer;

/// How many units the review names as the best: the podium of a ranking read out at the meeting.
constexpr std::size_t kBestUnits = 3;

bool falls_short(const core::ItemResult& i) {
  return i.status == core::ComplianceStatus::kBehind || i.status == core::ComplianceStatus::kMissed;
}

void empty(Writer& w, std::string_view text = "无") {
  w.element("p", text, {{"class", "empty"}});
}

void totals(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "totals"}});
  w.element("h2", "一、总体情况");
  w.labelled({{"已开展学习活动（次）", std::to_string(r.totals.activities)},
             {"尚未开展（次）", std::to_string(r.totals.upcoming)},
             {"学习天数", std::to_string(r.totals.study_days)},
             {"课时", html::number(r.totals.credit_hours)},
             {"应参加（人次）", std::to_string(r.totals.expected)},
             {"实际参加（人次）", std::to_string(r.totals.attended)},
             {"参学率", html::rate(r.totals.attended, r.totals.expected)}},
             "figures", Writer::Values::kFigures);
  w.close();
}

void activities(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "activities"}});
  w.element("h2", "二、学习活动");
  w.element("h3", "按类型");
  if (r.totals.activities_by_kind.empty()) {
    empty(w);
  } else {
    w.table({"类型", "次数"});
    for (const auto& [kind, count] : r.totals.activities_by_kind) {
      w.row({core::label_zh(kind), Cell::figure(std::to_string(count))});
    }
    w.end_table();
  }
  w.element("h3", "按专题");
  if (r.topics.empty()) {
    empty(w);
  } else {
    w.table({"专题", "次数"});
    for (const auto& t : r.topics) w.row({t.title, Cell::figure(std::to_string(t.activities))});
    w.end_table();
  }
  w.close();
}

void months(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "months"}});
  w.element("h2", "三、逐月参学情况");
  w.table({"月份", "应参加（人次）", "实际参加（人次）", "参学率"});
  for (const auto& m : r.months) {
    w.row({std::to_string(m.month) + "月", Cell::figure(std::to_string(m.expected)),
           Cell::figure(std::to_string(m.attended)), Cell::figure(html::rate(m.attended, m.expected))});
  }
  w.end_table();
  w.close();
}

void requirements(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "requirements"}});
  w.element("h2", "四、学习要求完成情况");
  if (r.sets.empty()) {
    empty(w, "本组织及下级组织没有适用的学习要求");
    w.close();
    return;
  }
  w.table({"学习要求", "对象数", "已达标", "进行中", "滞后", "未达标"});
  for (const auto& s : r.sets) {
    w.row({s.set->document.name, Cell::figure(std::to_string(s.subjects)),
           Cell::figure(std::to_string(s.met)), Cell::figure(std::to_string(s.on_track)),
           Cell::figure(std::to_string(s.behind)), Cell::figure(std::to_string(s.missed))});
  }
  w.end_table();
  // Each set's subjects, best score first (the order the review gives them).
  for (const auto& s : r.sets) {
    w.open("div", {{"class", "requirement-set"}});
    w.element("h3", s.set->document.name);
    w.table({"名次", "对象", "状态", "得分", "等级"});
    int rank = 0;
    for (const auto& subject : r.compliance.subjects) {
      if (subject.set->id != s.set->id) continue;
      w.row({Cell::figure(std::to_string(++rank)), subject.name, core::label_zh(subject.result.status),
             Cell::figure(html::number(subject.assessment.score)), core::label_zh(subject.assessment.grade)});
    }
    w.end_table();
    w.close();
  }
  w.close();
}

void shortfalls(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "shortfalls"}});
  w.element("h2", "五、未达标事项");
  int n = 0;
  for (const auto& s : r.compliance.subjects) {
    for (const auto& i : s.result.items) {
      if (!falls_short(i)) continue;
      if (n == 0) w.table({"序号", "姓名或组织", "学习要求", "事项", "完成 / 要求", "状态", "说明"});
      w.row({Cell::figure(std::to_string(++n)), s.name, s.set->document.name, i.item->label,
             Cell::figure(html::progress(i)), Cell::term(core::label_zh(i.status)), html::remark(i)});
    }
  }
  if (n == 0) {
    empty(w);
  } else {
    w.end_table();
  }
  w.close();
}

void units(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "units"}});
  w.element("h2", "六、先进单位与下级单位排名");
  std::string best;
  std::size_t named = 0;
  for (const auto& u : r.units) {
    if (named == kBestUnits || !u.compliant_share) break;
    best += (named++ ? "、" : "") + u.org.name + "（达标占比 " + html::percent(*u.compliant_share) + "）";
  }
  if (r.units.empty()) {
    empty(w, "本组织没有下级单位");
    w.close();
    return;
  }
  w.element("p", best.empty() ? "暂无可比较的下级单位" : "先进单位：" + best, {{"class", "best-units"}});
  w.table({"名次", "下级单位", "对象人数", "达标人数", "达标占比", "参学率", "主要差距"});
  for (const auto& u : r.units) {
    std::string behind;
    for (const auto& s : u.most_behind) {
      behind += (behind.empty() ? "" : "；") + s.label + "（" + std::to_string(s.people) + " 人）";
    }
    w.row({Cell::figure(std::to_string(u.rank)), u.org.name, Cell::figure(std::to_string(u.people)),
           Cell::figure(std::to_string(u.compliant)), Cell::figure(html::figure(u.compliant_share, true)),
           Cell::figure(html::figure(u.participation_rate, true)), behind});
  }
  w.end_table();
  w.close();
}

/// 个人讲评: each person once, in the order the review first names them, with every set that binds them.
void people(Writer& w, const service::Review& r) {
  w.open("section", {{"id", "people"}});
  w.element("h2", "七、个人讲评");
  std::vector<core::Id> order;
  std::map<core::Id, std::vector<const service::SubjectCompliance*>> by_person;
  for (const auto& s : r.compliance.subjects) {
    if (s.kind != core::SubjectKind::kPerson) continue;
    auto& sets = by_person[s.subject_id];
    if (sets.empty()) order.push_back(s.subject_id);
    sets.push_back(&s);
  }
  if (order.empty()) empty(w, "没有学习要求约束的个人");
  int n = 0;
  for (const auto id : order) {
    const auto& sets = by_person[id];
    w.open("div", {{"class", "review-person"}});
    w.element("h3", std::to_string(++n) + ". " + sets.front()->name);
    for (const auto* s : sets) {
      w.element("p",
                s->set->document.name + "：" + std::string(core::label_zh(s->result.status)) + "，得分 " +
                    html::number(s->assessment.score) + "（" +
                    std::string(core::label_zh(s->assessment.grade)) + "）",
                {{"class", "label"}});
      w.table({"事项", "周期", "完成 / 要求", "状态", "说明"});
      for (const auto& i : s->result.items) {
        w.row({i.item->label, core::label_zh(i.item->period), Cell::figure(html::progress(i)),
               Cell::term(core::label_zh(i.status)), html::remark(i)});
      }
      w.end_table();
    }
    w.close();
  }
  w.close();
}

}  // namespace

core::Result<Document> review_html(const service::Review& r) {
  const std::string year = std::to_string(r.year);
  const std::string title = r.org.name + " " + year + " 年学习讲评";
  Writer w(title);
  w.open("header");
  w.element("h1", title);
  w.element("p", "截至 " + r.as_of.to_string(), {{"class", "subtitle"}});
  w.close();
  totals(w, r);
  activities(w, r);
  months(w, r);
  requirements(w, r);
  shortfalls(w, r);
  units(w, r);
  people(w, r);
  return Document{std::move(w).finish(), "学习讲评-" + filename_part(r.org.name) + "-" + year + ".html",
                  "review-" + std::to_string(r.org.id) + "-" + year + ".html", kHtmlContentType};
}

}  // namespace xuefeng::exports
