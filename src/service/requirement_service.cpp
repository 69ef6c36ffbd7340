#include <algorithm>
#include <array>
#include <tuple>
#include <map>

#include "core/embedded.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"
#include "service/access.hpp"
#include "service/checks.hpp"
#include "service/paging.hpp"
#include "service/services.hpp"

namespace xuefeng::service {
namespace {

using core::Error;
using core::fail;
using core::FieldErrors;
using core::Permission;

const core::Text kNoSuchSet{"学习要求不存在", "no such requirement set"};
const core::Text kNoSuchOrg{"组织不存在", "no such organization"};
const core::Text kNoSuchPerson{"人员不存在", "no such person"};

// The order templates are offered in: the person rule everyone knows first.
constexpr std::string_view kTemplateOrder[] = {"eight_ones", "central_group_year", "township_cadence", "egov_training"};

std::vector<RequirementTemplate> load_templates(const RequirementCodec& codec) {
  std::vector<RequirementTemplate> out;
  for (const auto code : kTemplateOrder) {
    const auto files = embedded::requirement_templates();
    const auto file = std::find_if(files.begin(), files.end(),
                                   [&](const embedded::EmbeddedFile& f) { return f.name == std::string(code) + ".json"; });
    if (file == files.end()) throw std::logic_error("requirement template missing: " + std::string(code));
    auto document = codec.decode(file->bytes, "document");
    FieldErrors errors;
    if (document) core::check_requirement_document(*document, errors);
    // A template that does not load is a defect of the build, not of a request.
    if (!document || !errors.empty()) throw std::logic_error("requirement template invalid: " + std::string(code));
    out.push_back({std::string(code), std::move(*document)});
  }
  return out;
}

Status check_year(int year) {
  if (year < 2000 || year > 2100) return fail(Error::validation("year", {"年份应在 2000–2100 之间", "year must be 2000–2100"}));
  return core::Ok{};
}

core::DateSpan year_span(int year) { return {*core::Date::from_ymd(year, 1, 1), *core::Date::from_ymd(year, 12, 31)}; }

Status check_document(const core::RequirementDocument& document) {
  FieldErrors errors;
  core::check_requirement_document(document, errors);
  if (!errors.empty()) return fail(std::move(errors).to_error());
  return core::Ok{};
}

}  // namespace

RequirementService::RequirementService(const ServiceContext& ctx, const RequirementCodec& codec)
    : ctx_(ctx),
      codec_(codec),
      templates_(load_templates(codec)),
      cache_(std::make_unique<FactCache>(ctx.config().fact_cache_capacity)) {}

Result<RequirementSet> RequirementService::load(const StoredRequirementSet& stored) const {
  auto document = codec_.decode(stored.document, "document");
  if (!document) {
    return fail(Error::internal("requirement set " + std::to_string(stored.id) + " holds a document that no longer reads"));
  }
  return RequirementSet{stored.id,      stored.org_id,     stored.template_code, std::move(*document),
                        stored.version, stored.created_at, stored.updated_at};
}

Result<RequirementSet> RequirementService::create(const Actor& actor, const NewRequirementSet& input) {
  core::RequirementDocument document;
  if (input.template_code) {
    const auto t = std::find_if(templates_.begin(), templates_.end(),
                                [&](const RequirementTemplate& t) { return t.code == *input.template_code; });
    if (t == templates_.end()) {
      std::string codes;
      for (const auto& x : templates_) codes += (codes.empty() ? "" : ", ") + x.code;
      return fail(Error::validation("template", {"没有此模板，可选：" + codes, "no such template; one of: " + codes}));
    }
    document = t->document;
  } else if (input.document) {
    document = *input.document;
  }
  XF_TRY(check_document(document));
  return write(ctx_.db(), ctx_.write_context(actor, "requirements.create"), [&](Repositories& repos) -> Result<RequirementSet> {
    Access access(actor, repos, ctx_.today());
    XF_TRY(access.require_somewhere(Permission::kPlan));
    if (!repos.orgs().find(input.org_id) || !access.reads_org(input.org_id)) {
      return fail(Error::validation("org_id", kNoSuchOrg));
    }
    if (!access.can_org(Permission::kPlan, input.org_id)) return fail(forbidden_action());
    StoredRequirementSet stored;
    stored.org_id = input.org_id;
    stored.template_code = input.template_code;
    stored.document = codec_.encode(document);
    stored.created_at = stored.updated_at = ctx_.now();
    stored.id = repos.requirements().insert(stored);
    return RequirementSet{stored.id, stored.org_id, stored.template_code, std::move(document), 1, stored.created_at,
                          stored.updated_at};
  });
}

Result<RequirementSet> RequirementService::get(const Actor& actor, core::Id id) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<RequirementSet> {
    const auto stored = repos.requirements().find(id);
    if (!stored) return fail(Error::not_found(kNoSuchSet));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kRead, stored->org_id, kNoSuchSet));
    return load(*stored);
  });
}

Result<Page<RequirementSet>> RequirementService::list(const Actor& actor, std::optional<core::Id> org_id,
                                                      const PageRequest& page) {
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Page<RequirementSet>> {
    Access access(actor, repos, ctx_.today());
    const auto reach = access.reach(Permission::kRead);
    const Visibility visible{reach.everywhere, reach.roots, std::nullopt, ctx_.today()};
    auto stored = make_page(repos.requirements().list(org_id, visible, page), page.limit,
                            [](const StoredRequirementSet& s) { return Cursor{0, s.id}; });
    Page<RequirementSet> out;
    out.next = stored.next;
    for (const auto& s : stored.items) {
      XF_TRY_ASSIGN(auto set, load(s));
      out.items.push_back(std::move(set));
    }
    return out;
  });
}

Result<RequirementSet> RequirementService::update(const Actor& actor, core::Id id, const core::RequirementDocument& document,
                                                  std::optional<Version> if_match) {
  XF_TRY(check_document(document));
  return write(ctx_.db(), ctx_.write_context(actor, "requirements.update"), [&](Repositories& repos) -> Result<RequirementSet> {
    auto stored = repos.requirements().find(id);
    if (!stored) return fail(Error::not_found(kNoSuchSet));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kPlan, stored->org_id, kNoSuchSet));
    XF_TRY(check_version(if_match, stored->version));
    const std::string text = codec_.encode(document);
    if (text == stored->document) return load(*stored);  // nothing to change: no new version
    stored->document = text;
    stored->updated_at = ctx_.now();
    repos.requirements().update(*stored);
    stored->version += 1;
    return RequirementSet{stored->id,      stored->org_id,     stored->template_code, document,
                          stored->version, stored->created_at, stored->updated_at};
  });
}

Status RequirementService::remove(const Actor& actor, core::Id id, std::optional<Version> if_match) {
  return ctx_.db().write(ctx_.write_context(actor, "requirements.delete"), [&](Repositories& repos) -> Status {
    const auto stored = repos.requirements().find(id);
    if (!stored) return fail(Error::not_found(kNoSuchSet));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org(Permission::kPlan, stored->org_id, kNoSuchSet));
    XF_TRY(check_version(if_match, stored->version));
    repos.requirements().remove(id);
    return core::Ok{};
  });
}

Result<core::Date> RequirementService::resolve_as_of(int year, std::optional<core::Date> as_of) const {
  XF_TRY(check_year(year));
  if (as_of) return *as_of;
  const auto span = year_span(year);
  return std::min(ctx_.today(), span.to);
}

Status RequirementService::evaluate(Repositories& repos, const std::vector<StoredRequirementSet>& sets,
                                    core::Id within_org, std::optional<core::Id> person_id, Compliance& out) const {
  const auto year = year_span(out.year);
  auto& queries = repos.compliance();
  const auto mark = cache_->catch_up(queries);
  for (const auto& stored : sets) {
    XF_TRY_ASSIGN(auto loaded, load(stored));
    auto set = std::make_shared<const RequirementSet>(std::move(loaded));
    const auto& doc = set->document;
    // Subjects lie in both subtrees: the set's and the one being looked at; one holds the other.
    const core::Id root = repos.orgs().in_subtree(within_org, set->org_id) ? set->org_id : within_org;
    if (doc.subject.kind == core::SubjectKind::kPerson) {
      // One person's memberships are one index probe; everyone's are worth keeping.
      const auto people = person_id ? std::make_shared<const std::vector<BoundPerson>>(
                                          queries.bound_people(root, doc.subject, year, person_id))
                                    : cache_->bound_people(queries, mark, set->id, set->version, root, doc.subject, year);
      std::vector<core::Id> ids;
      ids.reserve(people->size());
      for (const auto& p : *people) ids.push_back(p.person_id);
      const auto facts = cache_->person_facts(queries, mark, ids, year);
      for (std::size_t i = 0; i < people->size(); ++i) {
        const auto& p = (*people)[i];
        auto result = core::evaluate_person(doc, out.year, out.as_of, *facts[i], p.bound);
        auto assessment = core::assess(doc, result);
        out.subjects.push_back({set, core::SubjectKind::kPerson, p.person_id, p.name, std::move(result), std::move(assessment)});
      }
    } else if (!person_id) {
      const auto orgs = cache_->bound_orgs(queries, mark, set->id, set->version, set->org_id, root, doc.subject);
      std::vector<core::Id> ids;
      ids.reserve(orgs->size());
      for (const auto& o : *orgs) ids.push_back(o.org_id);
      const auto facts = cache_->org_facts(queries, mark, ids, year);
      for (std::size_t i = 0; i < orgs->size(); ++i) {
        const auto& o = (*orgs)[i];
        auto result = core::evaluate_org(doc, out.year, out.as_of, *facts[i]);
        auto assessment = core::assess(doc, result);
        out.subjects.push_back({set, core::SubjectKind::kOrg, o.org_id, o.name, std::move(result), std::move(assessment)});
      }
    }
  }
  return core::Ok{};
}

Result<Compliance> RequirementService::person_compliance_in(Repositories& repos, core::Id person_id, int year,
                                                            core::Date as_of) const {
  Compliance out{year, as_of, {}};
  const auto span = year_span(year);
  for (const auto& stored : repos.requirements().binding_person(person_id, span.from, span.to)) {
    // Each set is evaluated over its own subtree, where the person was bound.
    XF_TRY(evaluate(repos, {stored}, stored.org_id, person_id, out));
  }
  return out;
}

Result<Compliance> RequirementService::person_compliance(const Actor& actor, core::Id person_id, int year,
                                                         std::optional<core::Date> as_of) {
  XF_TRY_ASSIGN(const auto day, resolve_as_of(year, as_of));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Compliance> {
    if (!repos.people().find(person_id)) return fail(Error::not_found(kNoSuchPerson));
    XF_TRY(Access(actor, repos, ctx_.today()).require_person(Permission::kRead, person_id, kNoSuchPerson));
    return person_compliance_in(repos, person_id, year, day);
  });
}

Result<Compliance> RequirementService::org_compliance(const Actor& actor, core::Id org_id, int year,
                                                      std::optional<core::Date> as_of) {
  XF_TRY_ASSIGN(const auto day, resolve_as_of(year, as_of));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Compliance> {
    if (!repos.orgs().find(org_id)) return fail(Error::not_found(kNoSuchOrg));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org_grant(Permission::kRead, org_id, kNoSuchOrg));
    Compliance out{year, day, {}};
    XF_TRY(evaluate(repos, repos.requirements().reaching(org_id), org_id, std::nullopt, out));
    return out;
  });
}

RequirementService::SubtreeYear RequirementService::subtree_year(Repositories& repos, core::Id root, int year,
                                                               core::Date day) const {
  // Counted in SQL this is one pass over every audience of the year each time (a test holds the two equal).
  const auto span = year_span(year);
  const auto until = std::min(span.to, day);
  std::vector<core::Id> orgs;
  for (const auto& o : repos.orgs().subtree(root)) orgs.push_back(o.id);
  SubtreeYear out;
  std::map<core::ActivityKind, std::int64_t> by_kind;
  for (const auto& facts : cache_->org_facts(repos.compliance(), cache_->catch_up(repos.compliance()), orgs, span)) {
    for (const auto& a : facts->activities) {
      if (a.starts_on < span.from || a.starts_on > span.to) continue;
      if (a.starts_on > until) {
        out.totals.upcoming += 1;
        continue;
      }
      out.totals.activities += 1;
      out.totals.study_days += (a.ends_on - a.starts_on) + 1;
      out.totals.credit_hours += a.credit_hours;
      out.totals.expected += a.expected;
      out.totals.attended += a.attended;
      by_kind[a.kind] += 1;
      auto& month = out.months[static_cast<std::size_t>(a.starts_on.month())];
      month.first += a.expected;
      month.second += a.attended;
      out.activities[a.activity_id] = {a.expected, a.attended};
    }
  }
  // Most first, then by code: the order org_stats gives.
  for (const auto& [kind, count] : by_kind) out.totals.activities_by_kind.emplace_back(kind, count);
  std::stable_sort(out.totals.activities_by_kind.begin(), out.totals.activities_by_kind.end(),
                   [](const auto& a, const auto& b) {
                     if (a.second != b.second) return a.second > b.second;
                     return core::code(a.first) < core::code(b.first);
                   });
  return out;
}

Result<UnitsCompliance> RequirementService::units(const Actor& actor, core::Id org_id, int year,
                                                   std::optional<core::Date> as_of, UnitOrder order, bool ascending) {
  XF_TRY_ASSIGN(const auto day, resolve_as_of(year, as_of));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<UnitsCompliance> {
    if (!repos.orgs().find(org_id)) return fail(Error::not_found(kNoSuchOrg));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org_grant(Permission::kRead, org_id, kNoSuchOrg));
    return units_in(repos, org_id, year, day, order, ascending);
  });
}

Result<UnitsCompliance> RequirementService::units_in(Repositories& repos, core::Id org_id, int year, core::Date day,
                                                     UnitOrder order, bool ascending) const {
  UnitsCompliance out{year, day, {}};
  const auto sets = repos.requirements().reaching(org_id);
  for (auto& child : repos.orgs().children(org_id)) {
    Compliance c{year, day, {}};
    std::vector<StoredRequirementSet> reaching_child;
    for (const auto& set : sets) {
      // A set attached below the org but outside this child does not reach the child.
      if (repos.orgs().in_subtree(set.org_id, child.id) || repos.orgs().in_subtree(child.id, set.org_id)) {
        reaching_child.push_back(set);
      }
    }
    XF_TRY(evaluate(repos, reaching_child, child.id, std::nullopt, c));
    UnitCompliance unit;
    unit.org = std::move(child);
    std::map<core::Id, bool> people;  // person -> compliant under every set
    std::map<std::pair<core::Id, std::string>, ItemShortfall> shortfalls;
    for (const auto& subject : c.subjects) {
      if (subject.kind != core::SubjectKind::kPerson) continue;
      const bool fine = subject.result.status == core::ComplianceStatus::kMet ||
                        subject.result.status == core::ComplianceStatus::kOnTrack;
      auto [it, inserted] = people.emplace(subject.subject_id, fine);
      if (!inserted) it->second = it->second && fine;
      for (const auto& item : subject.result.items) {
        if (item.status != core::ComplianceStatus::kBehind && item.status != core::ComplianceStatus::kMissed) continue;
        auto& s = shortfalls[{subject.set->id, item.item->code}];
        s.requirement_id = subject.set->id;
        s.code = item.item->code;
        s.label = item.item->label;
        s.people += 1;
      }
    }
    unit.people = static_cast<std::int64_t>(people.size());
    for (const auto& [id, fine] : people) unit.compliant += fine ? 1 : 0;
    if (unit.people > 0) unit.compliant_share = static_cast<double>(unit.compliant) / static_cast<double>(unit.people);
    const auto totals = subtree_year(repos, unit.org.id, year, day).totals;
    if (totals.expected > 0) unit.participation_rate = core::participation_rate(totals.attended, totals.expected);
    for (auto& [key, s] : shortfalls) unit.most_behind.push_back(std::move(s));
    std::stable_sort(unit.most_behind.begin(), unit.most_behind.end(),
                     [](const ItemShortfall& a, const ItemShortfall& b) { return a.people > b.people; });
    if (unit.most_behind.size() > 3) unit.most_behind.resize(3);
    out.units.push_back(std::move(unit));
  }
  // Units without a figure sort last whichever the direction.
  auto key = [&](const UnitCompliance& u) {
    return order == UnitOrder::kCompliantShare ? u.compliant_share : u.participation_rate;
  };
  std::stable_sort(out.units.begin(), out.units.end(), [&](const UnitCompliance& a, const UnitCompliance& b) {
    if (order != UnitOrder::kName) {
      const auto ka = key(a);
      const auto kb = key(b);
      if (ka.has_value() != kb.has_value()) return ka.has_value();
      if (ka && *ka != *kb) return ascending ? *ka < *kb : *ka > *kb;
    }
    return order == UnitOrder::kName && !ascending ? core::name_less(b.org.name, a.org.name)
                                                   : core::name_less(a.org.name, b.org.name);
  });
  for (std::size_t i = 0; i < out.units.size(); ++i) out.units[i].rank = static_cast<int>(i) + 1;
  return out;
}

Result<Review> RequirementService::review(const Actor& actor, core::Id org_id, int year, std::optional<core::Date> as_of) {
  XF_TRY_ASSIGN(const auto day, resolve_as_of(year, as_of));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<Review> {
    auto org = repos.orgs().find(org_id);
    if (!org) return fail(Error::not_found(kNoSuchOrg));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org_grant(Permission::kRead, org_id, kNoSuchOrg));
    Review r;
    r.org = std::move(*org);
    r.year = year;
    r.as_of = day;
    const auto span = year_span(year);
    const auto until = std::min(span.to, day);
    auto figures = subtree_year(repos, org_id, year, day);
    r.totals = std::move(figures.totals);
    r.topics = repos.reports().activities_by_topic(org_id, span.from, until);
    r.activities = repos.reports().activity_rows(org_id, span.from, until);
    for (auto& row : r.activities) {
      const auto it = figures.activities.find(row.activity_id);
      if (it != figures.activities.end()) std::tie(row.expected, row.attended) = it->second;
    }
    for (int m = 1; m <= 12; ++m) {
      if (*core::Date::from_ymd(year, m, 1) > day) break;
      const auto& [expected, attended] = figures.months[static_cast<std::size_t>(m)];
      r.months.push_back({m, expected, attended});
    }
    r.compliance = Compliance{year, day, {}};
    XF_TRY(evaluate(repos, repos.requirements().reaching(org_id), org_id, std::nullopt, r.compliance));
    std::stable_sort(r.compliance.subjects.begin(), r.compliance.subjects.end(),
                     [](const SubjectCompliance& a, const SubjectCompliance& b) {
                       if (a.set->id != b.set->id) return a.set->id < b.set->id;
                       return a.assessment.score > b.assessment.score;
                     });
    for (const auto& s : r.compliance.subjects) {
      if (r.sets.empty() || r.sets.back().set->id != s.set->id) r.sets.push_back({s.set});
      auto& summary = r.sets.back();
      summary.subjects += 1;
      switch (s.result.status) {
        case core::ComplianceStatus::kMet: summary.met += 1; break;
        case core::ComplianceStatus::kOnTrack: summary.on_track += 1; break;
        case core::ComplianceStatus::kBehind: summary.behind += 1; break;
        case core::ComplianceStatus::kMissed: summary.missed += 1; break;
      }
    }
    XF_TRY_ASSIGN(auto units, units_in(repos, org_id, year, day, UnitOrder::kCompliantShare, false));
    r.units = std::move(units.units);
    return r;
  });
}

namespace {

// The obligations of the compliance's person subjects, with their activities' titles, in the list's order.
MakeUpList make_up_list(Repositories& repos, const Compliance& c, bool open_only) {
  MakeUpList out{c.year, c.as_of, {}};
  std::map<core::Id, std::string> titles;
  for (const auto& s : c.subjects) {
    for (const auto& o : s.result.make_up) {
      if (open_only && o.entry_id) continue;
      auto [title, fresh] = titles.try_emplace(o.activity_id);
      if (fresh) {
        const auto activity = repos.activities().find(o.activity_id);
        if (activity) title->second = activity->title;
      }
      out.items.push_back({s.subject_id, s.name, s.set, o, title->second});
    }
  }
  std::stable_sort(out.items.begin(), out.items.end(), [](const MakeUpRow& a, const MakeUpRow& b) {
    if (a.obligation.due_on != b.obligation.due_on) return a.obligation.due_on < b.obligation.due_on;
    if (a.name != b.name) return core::name_less(a.name, b.name);
    return a.obligation.activity_id < b.obligation.activity_id;
  });
  return out;
}

}  // namespace

Result<MakeUpList> RequirementService::person_make_up(const Actor& actor, core::Id person_id, int year,
                                                      std::optional<core::Date> as_of, bool open_only) {
  XF_TRY_ASSIGN(const auto day, resolve_as_of(year, as_of));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<MakeUpList> {
    if (!repos.people().find(person_id)) return fail(Error::not_found(kNoSuchPerson));
    XF_TRY(Access(actor, repos, ctx_.today()).require_person(Permission::kRead, person_id, kNoSuchPerson));
    XF_TRY_ASSIGN(const auto c, person_compliance_in(repos, person_id, year, day));
    return make_up_list(repos, c, open_only);
  });
}

Result<MakeUpList> RequirementService::org_make_up(const Actor& actor, core::Id org_id, int year,
                                                   std::optional<core::Date> as_of, bool open_only) {
  XF_TRY_ASSIGN(const auto day, resolve_as_of(year, as_of));
  return read(ctx_.db(), [&](Repositories& repos) -> Result<MakeUpList> {
    if (!repos.orgs().find(org_id)) return fail(Error::not_found(kNoSuchOrg));
    XF_TRY(Access(actor, repos, ctx_.today()).require_org_grant(Permission::kRead, org_id, kNoSuchOrg));
    Compliance c{year, day, {}};
    XF_TRY(evaluate(repos, repos.requirements().reaching(org_id), org_id, std::nullopt, c));
    return make_up_list(repos, c, open_only);
  });
}

}  // namespace xuefeng::service
