#include "http/json_writer.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <cmath>

#include "core/rules.hpp"

namespace xuefeng::http {
namespace {

template <typename T>
json::value or_null(const std::optional<T>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

json::value date_or_null(const std::optional<core::Date>& d) {
  if (!d) return nullptr;
  return json::value(d->to_string());
}

template <typename E>
json::value code_or_null(const std::optional<E>& v) {
  if (!v) return nullptr;
  return json::value(core::code(*v));
}

json::value hours(double h) { return core::round_credit_hours(h); }

// Rates are shown to four decimals (0.9583 = 95.83%); more digits only add noise.
json::value rate(double r) { return std::round(r * 10000.0) / 10000.0; }

}  // namespace

json::value JsonWriter::time(const core::Timestamp& t) const { return json::value(t.to_rfc3339(offset_)); }

json::value JsonWriter::time(const std::optional<core::Timestamp>& t) const {
  if (!t) return nullptr;
  return time(*t);
}

json::value JsonWriter::org(const core::Org& o) const {
  return json::object{{"id", o.id},
                      {"name", o.name},
                      {"kind", core::code(o.kind)},
                      {"parent_id", or_null(o.parent_id)},
                      {"version", o.version},
                      {"created_at", time(o.created_at)},
                      {"updated_at", time(o.updated_at)}};
}

json::value JsonWriter::org_tree(const service::OrgTreeNode& node) const {
  // Iterative, as the tree may be deep: build children first, then attach bottom-up.
  struct Frame {
    const service::OrgTreeNode* node;
    json::object* out;
  };
  json::value root = json::object{};
  std::vector<Frame> stack{{&node, &root.as_object()}};
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    auto& obj = *f.out;
    obj["id"] = f.node->org.id;
    obj["name"] = f.node->org.name;
    obj["kind"] = core::code(f.node->org.kind);
    obj["parent_id"] = or_null(f.node->org.parent_id);
    auto& children = obj["children"].emplace_array();
    children.reserve(f.node->children.size());
    for (std::size_t i = 0; i < f.node->children.size(); ++i) children.push_back(json::object{});
    for (std::size_t i = 0; i < f.node->children.size(); ++i) {
      stack.push_back({&f.node->children[i], &children[i].as_object()});
    }
  }
  return root;
}

json::value JsonWriter::person(const service::PersonView& view) const {
  const core::Person& p = view.person;
  return json::object{{"id", p.id},
                      {"name", p.name},
                      {"gender", code_or_null(p.gender)},
                      {"birth_date", date_or_null(p.birth_date)},
                      {"party_member", p.party_member},
                      {"cadre_level", code_or_null(p.cadre_level)},
                      {"post", p.post},
                      {"phone", p.phone},
                      {"org_id", or_null(p.org_id)},
                      {"masked", view.masked},
                      {"version", p.version},
                      {"created_at", time(p.created_at)},
                      {"updated_at", time(p.updated_at)}};
}

json::value JsonWriter::member(const service::MemberView& v) const {
  const auto& m = v.membership;
  return json::object{{"id", m.id},
                      {"org_id", m.org_id},
                      {"person_id", m.person_id},
                      {"name", v.person_name},
                      {"role", core::code(m.role)},
                      {"since", m.since.to_string()},
                      {"until", date_or_null(m.until)},
                      {"version", m.version}};
}

json::value JsonWriter::plan(const core::Plan& p) const {
  json::array topics;
  for (const auto& t : p.topics) {
    topics.push_back(json::object{{"id", t.id}, {"title", t.title}, {"description", t.description}});
  }
  return json::object{{"id", p.id},
                      {"org_id", p.org_id},
                      {"year", p.year},
                      {"title", p.title},
                      {"topics", std::move(topics)},
                      {"version", p.version},
                      {"created_at", time(p.created_at)},
                      {"updated_at", time(p.updated_at)}};
}

json::value JsonWriter::activity(const service::ActivityView& v) const {
  const auto& a = v.activity;
  auto name_of = [&](core::Id id) -> json::value {
    const auto it = v.person_names.find(id);
    if (it == v.person_names.end()) return nullptr;
    return json::value(it->second);
  };
  json::array speakers;
  for (const auto& s : a.speakers) {
    speakers.push_back(json::object{{"person_id", s.person_id}, {"name", name_of(s.person_id)}, {"title", s.title}});
  }
  json::array invitees;
  for (const auto id : a.invitees) invitees.push_back(id);
  return json::object{{"id", a.id},
                      {"org_id", a.org_id},
                      {"plan_id", or_null(a.plan_id)},
                      {"topic_id", or_null(a.topic_id)},
                      {"kind", core::code(a.kind)},
                      {"title", a.title},
                      {"starts_on", a.starts_on.to_string()},
                      {"ends_on", a.ends_on.to_string()},
                      {"days", a.days()},
                      {"starts_at", time(a.starts_at)},
                      {"ends_at", time(a.ends_at)},
                      {"location", a.location},
                      {"host_id", or_null(a.host_id)},
                      {"host_name", a.host_id ? name_of(*a.host_id) : json::value(nullptr)},
                      {"credit_hours", hours(a.credit_hours)},
                      {"speakers", std::move(speakers)},
                      {"invitees", std::move(invitees)},
                      {"series_id", or_null(a.series_id)},
                      {"version", a.version},
                      {"created_at", time(a.created_at)},
                      {"updated_at", time(a.updated_at)}};
}

json::value JsonWriter::person_activity(const service::PersonActivity& pa) const {
  const auto& a = pa.activity;
  json::object out{{"id", a.id},
                   {"org_id", a.org_id},
                   {"org_name", pa.org_name},
                   {"plan_id", or_null(a.plan_id)},
                   {"topic_id", or_null(a.topic_id)},
                   {"kind", core::code(a.kind)},
                   {"title", a.title},
                   {"starts_on", a.starts_on.to_string()},
                   {"ends_on", a.ends_on.to_string()},
                   {"days", a.days()},
                   {"starts_at", time(a.starts_at)},
                   {"location", a.location},
                   {"credit_hours", hours(a.credit_hours)},
                   {"status", code_or_null(pa.status)}};
  if (!pa.speech_title.empty()) out["speech_title"] = pa.speech_title;
  return out;
}

json::value JsonWriter::leave(const core::LeaveRequest& r) const {
  return json::object{{"activity_id", r.activity_id},
                      {"person_id", r.person_id},
                      {"reason", r.reason},
                      {"state", core::code(r.state)},
                      {"requested_at", time(r.requested_at)},
                      {"decided_at", time(r.decided_at)},
                      {"decided_by", or_null(r.decided_by)}};
}

json::value JsonWriter::attendance(const service::AttendanceSheet& sheet) const {
  json::array items;
  for (const auto& item : sheet.items) {
    items.push_back(json::object{{"person_id", item.person_id},
                                 {"name", item.name},
                                 {"status", code_or_null(item.status)},
                                 {"checked_in_at", time(item.checked_in_at)},
                                 {"note", item.note},
                                 {"expected", item.expected},
                                 {"leave", item.leave ? leave(*item.leave) : json::value(nullptr)}});
  }
  return json::object{{"activity_id", sheet.activity_id},
                      {"expected", sheet.expected},
                      {"attended", sheet.attended},
                      {"participation_rate", rate(sheet.participation_rate)},
                      {"items", std::move(items)}};
}

json::value JsonWriter::archive_entry(const core::ArchiveEntry& e) const {
  json::array reviews;
  for (const auto& r : e.reviews) {
    reviews.push_back(json::object{{"id", r.id},
                                   {"reviewer_account_id", r.reviewer_account_id},
                                   {"reviewer_login", r.reviewer_login},
                                   {"verdict", core::code(r.verdict)},
                                   {"comment", r.comment},
                                   {"reviewed_at", time(r.reviewed_at)}});
  }
  return json::object{{"id", e.id},
                      {"person_id", e.person_id},
                      {"kind", core::code(e.kind)},
                      {"date", e.date.to_string()},
                      {"title", e.title},
                      {"content", e.content},
                      {"credit_hours", hours(e.credit_hours)},
                      {"activity_id", or_null(e.activity_id)},
                      {"venue", e.venue},
                      {"review_status", code_or_null(e.review_status)},
                      {"reviews", std::move(reviews)},
                      {"version", e.version},
                      {"created_at", time(e.created_at)},
                      {"updated_at", time(e.updated_at)}};
}

json::value JsonWriter::archive_year(const service::ArchiveYear& y) const {
  json::array attendance;
  for (const auto& pa : y.attendance) attendance.push_back(person_activity(pa));
  json::array speeches;
  for (const auto& pa : y.speeches) speeches.push_back(person_activity(pa));
  json::array entries;
  for (const auto& e : y.entries) entries.push_back(archive_entry(e));
  json::object by_kind;
  for (const auto& [kind, count] : y.totals.entries_by_kind) by_kind[core::code(kind)] = count;
  return json::object{
      {"person", person(y.person)},
      {"year", y.year},
      {"attendance", std::move(attendance)},
      {"speeches", std::move(speeches)},
      {"entries", std::move(entries)},
      {"totals", json::object{{"expected", y.totals.expected},
                              {"attended", y.totals.attended},
                              {"participation_rate", rate(core::participation_rate(y.totals.attended, y.totals.expected))},
                              {"study_days", y.totals.study_days},
                              {"credit_hours", hours(y.totals.credit_hours)},
                              {"entries_by_kind", std::move(by_kind)}}}};
}

json::value JsonWriter::account(const core::Account& a) const {
  json::array roles, grants;
  std::vector<core::AccountRole> seen;
  for (const auto& g : a.grants) {
    grants.push_back(json::object{{"role", core::code(g.role)}, {"org_id", or_null(g.org_id)}});
    if (std::find(seen.begin(), seen.end(), g.role) == seen.end()) {
      seen.push_back(g.role);
      roles.push_back(json::value(core::code(g.role)));
    }
  }
  return json::object{{"id", a.id},
                      {"login", a.login},
                      {"person_id", or_null(a.person_id)},
                      {"roles", std::move(roles)},
                      {"grants", std::move(grants)}};
}

json::value JsonWriter::audit_record(const service::AuditRecord& r) const {
  auto row = [](const std::string& text) -> json::value {
    if (text.empty()) return nullptr;
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(text) : v;
  };
  return json::object{{"id", r.id},
                      {"at", time(r.at)},
                      {"account_id", or_null(r.account_id)},
                      {"login", r.login},
                      {"address", r.address},
                      {"use_case", r.use_case},
                      {"table", r.table_name},
                      {"operation", r.operation},
                      {"row_id", or_null(r.row_id)},
                      {"org_id", or_null(r.org_id)},
                      {"before", row(r.before)},
                      {"after", row(r.after)},
                      {"hash", r.hash}};
}

json::value JsonWriter::org_stats(const service::OrgStats& s) const {
  json::object by_kind;
  for (const auto& [kind, count] : s.activities_by_kind) by_kind[core::code(kind)] = count;
  return json::object{{"activities", s.activities},
                      {"upcoming", s.upcoming},
                      {"activities_by_kind", std::move(by_kind)},
                      {"study_days", s.study_days},
                      {"credit_hours", hours(s.credit_hours)},
                      {"expected", s.expected},
                      {"attended", s.attended},
                      {"participation_rate", rate(core::participation_rate(s.attended, s.expected))}};
}

json::value JsonWriter::roster_import(const service::RosterImportResult& r) const {
  return json::object{{"rows", r.rows},
                      {"people_created", r.people_created},
                      {"people_matched", r.people_matched},
                      {"memberships_created", r.memberships_created},
                      {"memberships_unchanged", r.memberships_unchanged},
                      {"dry_run", r.dry_run}};
}

}  // namespace xuefeng::http
