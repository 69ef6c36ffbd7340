#include <algorithm>
#include <cmath>
#include <cstdio>
#include <boost/json.hpp>

#include "core/rules.hpp"
#include "export/exports.hpp"
#include "http/json_reader.hpp"
#include "http/json_writer.hpp"
#include "http/requirement_codec.hpp"
#include "http/routes.hpp"

namespace xuefeng::http {
namespace {

core::Result<service::NewRequirementSet> decode_new_set(const json::value& body) {
  core::FieldErrors errors;
  ObjectReader r(body, errors);
  service::NewRequirementSet in;
  in.org_id = r.required<std::int64_t>("org_id").value_or(0);
  in.template_code = r.optional<std::string>("template");
  if (const auto* document = r.raw("document"); document && !document->is_null()) {
    in.document = read_requirement_document(*document, errors, "document");
  }
  r.reject_unknown();
  if (in.template_code && in.document) {
    errors.add("document", {"template 与 document 只能给出其一", "give either template or document, not both"});
  } else if (!in.template_code && !in.document && body.is_object()) {
    errors.add("document", {"须给出 template 或 document", "give a template or a document"});
  }
  if (!errors.empty()) return core::fail(std::move(errors).to_error());
  return in;
}

core::Result<core::RequirementDocument> decode_set_patch(const json::value& body) {
  core::FieldErrors errors;
  ObjectReader r(body, errors);
  core::RequirementDocument document;
  if (const auto* raw = r.raw("document"); raw && !raw->is_null()) {
    document = read_requirement_document(*raw, errors, "document");
  } else if (body.is_object()) {
    errors.add("document", {"必须填写", "is required"});
  }
  r.reject_unknown();
  if (!errors.empty()) return core::fail(std::move(errors).to_error());
  return document;
}

/// Rates to four decimals (0.9833), whole numbers without a decimal point.
json::value number(double v) { return number_json(std::round(v * 10000) / 10000); }

json::value number(const std::optional<double>& v) { return v ? number(*v) : json::value(nullptr); }

json::value set_json(const JsonWriter& w, const service::RequirementSet& s) {
  return json::object{{"id", s.id},
                      {"org_id", s.org_id},
                      {"template", s.template_code ? json::value(*s.template_code) : json::value(nullptr)},
                      {"document", requirement_document_json(s.document)},
                      {"version", s.version},
                      {"created_at", w.time(s.created_at)},
                      {"updated_at", w.time(s.updated_at)}};
}

json::value ids_json(const std::vector<core::Id>& ids) {
  json::array out;
  for (const auto id : ids) out.emplace_back(id);
  return out;
}

/// One make-up obligation: the activity missed, how, until when it may be made up, and by which entry.
json::object obligation_json(const core::MakeUpObligation& o) {
  return json::object{{"activity_id", o.activity_id},
                      {"kind", core::code(o.kind)},
                      {"starts_on", o.starts_on.to_string()},
                      {"missed", core::code(o.missed)},
                      {"due_on", o.due_on.to_string()},
                      {"entry_id", o.entry_id ? json::value(*o.entry_id) : json::value(nullptr)},
                      {"state", o.entry_id ? "done" : (o.overdue ? "overdue" : "open")}};
}

json::value make_up_json(const service::MakeUpList& list, bool open_only) {
  json::array items;
  for (const auto& row : list.items) {
    auto item = obligation_json(row.obligation);
    item["person_id"] = row.person_id;
    item["name"] = row.name;
    item["requirement_id"] = row.set->id;
    item["requirement_name"] = row.set->document.name;
    item["activity_title"] = row.activity_title;
    items.push_back(std::move(item));
  }
  return json::object{{"year", list.year},
                      {"as_of", list.as_of.to_string()},
                      {"state", open_only ? "open" : "all"},
                      {"items", std::move(items)}};
}

/// `?state=open` (the default: not yet made up, overdue included) or `all`.
core::Result<bool> open_only_query(const RequestContext& ctx) {
  const auto state = ctx.query_value("state").value_or("");
  if (state.empty() || state == "open") return true;  // `?state=` is the default, as `?format=` is
  if (state == "all") return false;
  return core::fail(core::Error::validation("state", {"取值应为以下之一：open, all", "must be one of: open, all"}));
}

json::value compliance_json(const service::Compliance& c) {
  json::array subjects;
  for (const auto& s : c.subjects) {
    json::array items;
    for (const auto& i : s.result.items) {
      json::array periods;
      for (const auto& p : i.periods) {
        periods.push_back(json::object{{"from", p.span.from.to_string()},
                                       {"to", p.span.to.to_string()},
                                       {"required", number(p.required)},
                                       {"actual", number(p.actual)},
                                       {"status", core::code(p.status)}});
      }
      items.push_back(json::object{{"code", i.item->code},
                                   {"label", i.item->label},
                                   {"period", core::code(i.item->period)},
                                   {"measure", core::code(i.item->measure)},
                                   {"comparator", core::code(i.item->comparator)},
                                   {"required", number(i.required)},
                                   {"actual", number(i.actual)},
                                   {"status", core::code(i.status)},
                                   {"periods", std::move(periods)},
                                   {"record_ids", json::object{{"activities", ids_json(i.records.activities)},
                                                               {"archive_entries", ids_json(i.records.archive_entries)}}}});
    }
    json::array make_up;
    for (const auto& o : s.result.make_up) make_up.push_back(obligation_json(o));
    json::object subject;
    subject[s.kind == core::SubjectKind::kPerson ? "person_id" : "org_id"] = s.subject_id;
    subject["name"] = s.name;
    subject["requirement_id"] = s.set->id;
    subject["requirement_name"] = s.set->document.name;
    subject["status"] = core::code(s.result.status);
    subject["items"] = std::move(items);
    if (s.kind == core::SubjectKind::kPerson) subject["make_up"] = std::move(make_up);
    subjects.push_back(std::move(subject));
  }
  return json::object{{"year", c.year}, {"as_of", c.as_of.to_string()}, {"subjects", std::move(subjects)}};
}

/// The `{id}` of a year's view (a person or an org) with its `year` and `as_of`, checked in that order.
struct YearQuery {
  core::Id id = 0;
  int year = 0;
  std::optional<core::Date> as_of;
};

core::Result<YearQuery> year_query(const RequestContext& ctx) {
  const auto id = ctx.id("id");
  if (!id) return core::fail(id.error());
  const auto year = query_int(ctx, "year");
  if (!year) return core::fail(year.error());
  if (!*year) return core::fail(core::Error::validation("year", {"必须填写", "is required"}));
  const auto as_of = query_date(ctx, "as_of");
  if (!as_of) return core::fail(as_of.error());
  // Out-of-range years become 0, which the service refuses with its own message.
  const std::int64_t y = **year;
  return YearQuery{*id, y >= 0 && y <= 9999 ? static_cast<int>(y) : 0, *as_of};
}

using MakeUpUseCase = core::Result<service::MakeUpList> (service::RequirementService::*)(
    const service::Actor&, core::Id, int, std::optional<core::Date>, bool);

/// A make-up list, the person's or the org's: the two routes differ only in the use case.
Response make_up_response(RequestContext& ctx, service::RequirementService& requirements, MakeUpUseCase list) {
  const auto q = year_query(ctx);
  if (!q) return error_response(q.error(), ctx);
  const auto open_only = open_only_query(ctx);
  if (!open_only) return error_response(open_only.error(), ctx);
  return respond(ctx, (requirements.*list)(ctx.actor, q->id, q->year, q->as_of, *open_only),
                 [&](const service::MakeUpList& l) { return make_up_json(l, *open_only); });
}

/// Subjects by score, best first, each with its grade and what each item contributed.
json::value assessment_json(const service::Compliance& c) {
  std::vector<const service::SubjectCompliance*> order;
  for (const auto& s : c.subjects) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    if (a->set->id != b->set->id) return a->set->id < b->set->id;
    return a->assessment.score > b->assessment.score;
  });
  json::array subjects;
  int rank = 0;
  core::Id set = 0;
  for (const auto* s : order) {
    rank = s->set->id == set ? rank + 1 : 1;
    set = s->set->id;
    json::array breakdown;
    for (const auto& i : s->assessment.items) {
      const auto& result = *std::find_if(s->result.items.begin(), s->result.items.end(),
                                         [&](const core::ItemResult& r) { return r.item == i.item; });
      breakdown.push_back(json::object{{"code", i.item->code},
                                       {"label", i.item->label},
                                       {"weight", number(i.weight)},
                                       {"required", number(result.required)},
                                       {"actual", number(result.actual)},
                                       {"fraction", number(i.fraction)},
                                       {"points", std::round(i.points * 100) / 100}});
    }
    json::object subject;
    subject[s->kind == core::SubjectKind::kPerson ? "person_id" : "org_id"] = s->subject_id;
    subject["name"] = s->name;
    subject["requirement_id"] = s->set->id;
    subject["requirement_name"] = s->set->document.name;
    subject["rank"] = rank;
    subject["score"] = number(s->assessment.score);
    subject["grade"] = core::code(s->assessment.grade);
    subject["breakdown"] = std::move(breakdown);
    subjects.push_back(std::move(subject));
  }
  return json::object{{"year", c.year}, {"as_of", c.as_of.to_string()}, {"subjects", std::move(subjects)}};
}

json::value unit_json(const service::UnitCompliance& unit);

json::value rate(std::int64_t attended, std::int64_t expected) {
  return expected > 0 ? number(core::participation_rate(attended, expected)) : json::value(nullptr);
}

/// The review as data: every figure of the year-end review meeting, and what its exports are made of.
json::value review_json(const service::Review& r) {
  json::object by_kind;
  for (const auto& [kind, count] : r.totals.activities_by_kind) by_kind[core::code(kind)] = count;
  json::array topics;
  for (const auto& t : r.topics) topics.push_back(json::object{{"topic_id", t.topic_id}, {"title", t.title}, {"activities", t.activities}});
  json::array months;
  for (const auto& m : r.months) {
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02d", r.year % 10000, m.month % 100);
    months.push_back(json::object{{"month", month},
                                  {"expected", m.expected},
                                  {"attended", m.attended},
                                  {"participation_rate", rate(m.attended, m.expected)}});
  }
  json::array sets;
  for (const auto& s : r.sets) {
    sets.push_back(json::object{{"requirement_id", s.set->id}, {"requirement_name", s.set->document.name},
                                {"subjects", s.subjects}, {"met", s.met}, {"on_track", s.on_track},
                                {"behind", s.behind}, {"missed", s.missed}});
  }
  json::array subjects;
  json::array shortfalls;
  for (const auto& s : r.compliance.subjects) {
    const char* id_key = s.kind == core::SubjectKind::kPerson ? "person_id" : "org_id";
    json::array items;
    for (const auto& i : s.result.items) {
      items.push_back(json::object{{"code", i.item->code}, {"label", i.item->label}, {"required", number(i.required)},
                                   {"actual", number(i.actual)}, {"status", core::code(i.status)}});
      if (i.status == core::ComplianceStatus::kBehind || i.status == core::ComplianceStatus::kMissed) {
        json::object shortfall;
        shortfall[id_key] = s.subject_id;
        shortfall["name"] = s.name;
        shortfall["requirement_id"] = s.set->id;
        shortfall["code"] = i.item->code;
        shortfall["label"] = i.item->label;
        shortfall["required"] = number(i.required);
        shortfall["actual"] = number(i.actual);
        shortfall["status"] = core::code(i.status);
        shortfalls.push_back(std::move(shortfall));
      }
    }
    json::object subject;
    subject[id_key] = s.subject_id;
    subject["name"] = s.name;
    subject["requirement_id"] = s.set->id;
    subject["status"] = core::code(s.result.status);
    subject["score"] = number(s.assessment.score);
    subject["grade"] = core::code(s.assessment.grade);
    subject["items"] = std::move(items);
    subjects.push_back(std::move(subject));
  }
  json::array units;
  for (const auto& u : r.units) units.push_back(unit_json(u));
  json::array activities;
  for (const auto& a : r.activities) {
    activities.push_back(json::object{{"activity_id", a.activity_id},
                                      {"starts_on", a.starts_on.to_string()},
                                      {"ends_on", a.ends_on.to_string()},
                                      {"title", a.title},
                                      {"kind", core::code(a.kind)},
                                      {"org_name", a.org_name},
                                      {"credit_hours", number(a.credit_hours)},
                                      {"expected", a.expected},
                                      {"attended", a.attended},
                                      {"participation_rate", rate(a.attended, a.expected)}});
  }
  return json::object{
      {"org_id", r.org.id},
      {"name", r.org.name},
      {"year", r.year},
      {"as_of", r.as_of.to_string()},
      {"totals", json::object{{"activities", r.totals.activities},
                              {"upcoming", r.totals.upcoming},
                              {"study_days", r.totals.study_days},
                              {"credit_hours", number(r.totals.credit_hours)},
                              {"expected", r.totals.expected},
                              {"attended", r.totals.attended},
                              {"participation_rate", rate(r.totals.attended, r.totals.expected)}}},
      {"activities_by_kind", std::move(by_kind)},
      {"activities_by_topic", std::move(topics)},
      {"activities", std::move(activities)},
      {"participation_by_month", std::move(months)},
      {"requirements", std::move(sets)},
      {"subjects", std::move(subjects)},
      {"shortfalls", std::move(shortfalls)},
      {"units", std::move(units)}};
}

json::value unit_json(const service::UnitCompliance& unit) {
  json::array behind;
  for (const auto& s : unit.most_behind) {
    behind.push_back(json::object{{"requirement_id", s.requirement_id}, {"code", s.code}, {"label", s.label}, {"people", s.people}});
  }
  return json::object{{"rank", unit.rank},
                      {"org_id", unit.org.id},
                      {"name", unit.org.name},
                      {"kind", core::code(unit.org.kind)},
                      {"people", unit.people},
                      {"compliant", unit.compliant},
                      {"compliant_share", number(unit.compliant_share)},
                      {"participation_rate", number(unit.participation_rate)},
                      {"most_behind", std::move(behind)}};
}

json::value units_json(const service::UnitsCompliance& u) {
  json::array units;
  for (const auto& unit : u.units) units.push_back(unit_json(unit));
  return json::object{{"year", u.year}, {"as_of", u.as_of.to_string()}, {"units", std::move(units)}};
}

struct UnitSort {
  service::UnitOrder order = service::UnitOrder::kCompliantShare;
  bool ascending = false;
};

core::Result<UnitSort> unit_sort(const RequestContext& ctx) {
  UnitSort out;
  const auto sort = ctx.query_value("sort").value_or("");
  if (sort == "participation_rate") {
    out.order = service::UnitOrder::kParticipationRate;
  } else if (sort == "name") {
    out.order = service::UnitOrder::kName;
    out.ascending = true;
  } else if (!sort.empty() && sort != "compliant_share") {
    return core::fail(core::Error::validation(
        "sort", {"取值应为以下之一：compliant_share, participation_rate, name", "must be one of: compliant_share, participation_rate, name"}));
  }
  const auto order = ctx.query_value("order").value_or("");
  if (order == "asc") {
    out.ascending = true;
  } else if (order == "desc") {
    out.ascending = false;
  } else if (!order.empty()) {
    return core::fail(core::Error::validation("order", {"取值应为以下之一：asc, desc", "must be one of: asc, desc"}));
  }
  return out;
}

}  // namespace

void add_requirement_routes(Router& router, const RouteDeps& deps) {
  auto& requirements = deps.services.requirements;
  const JsonWriter w(deps.config.offset);
  const auto versioned = [w](const RequestContext& ctx, core::Result<service::RequirementSet> result, int status) {
    if (!result) return error_response(result.error(), ctx);
    Response r = json_response(status, set_json(w, *result));
    set_version_etag(r, result->version);
    return r;
  };

  router.add(Method::kGet, "/api/v1/requirements/templates", Auth::kRequired, [&requirements](RequestContext&) {
    json::array items;
    for (const auto& t : requirements.templates()) {
      items.push_back(json::object{{"code", t.code}, {"name", t.document.name}, {"document", requirement_document_json(t.document)}});
    }
    return json_response(200, json::object{{"items", std::move(items)}});
  });

  router.add(Method::kPost, "/api/v1/requirements", Auth::kRequired, [&requirements, versioned](RequestContext& ctx) {
    const auto in = decode_body(ctx, decode_new_set);
    if (!in) return error_response(in.error(), ctx);
    return versioned(ctx, requirements.create(ctx.actor, *in), 201);
  });

  router.add(Method::kGet, "/api/v1/requirements", Auth::kRequired, [&requirements, w](RequestContext& ctx) {
    const auto page = page_request(ctx);
    if (!page) return error_response(page.error(), ctx);
    const auto org_id = query_int(ctx, "org_id");
    if (!org_id) return error_response(org_id.error(), ctx);
    return respond(ctx, requirements.list(ctx.actor, *org_id, *page), [&](const service::Page<service::RequirementSet>& p) {
      return page_json(p, [&](const service::RequirementSet& s) { return set_json(w, s); });
    });
  });

  router.add(Method::kGet, "/api/v1/requirements/{id}", Auth::kRequired, [&requirements, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    return versioned(ctx, requirements.get(ctx.actor, *id), 200);
  });

  router.add(Method::kPatch, "/api/v1/requirements/{id}", Auth::kRequired, [&requirements, versioned](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    const auto document = decode_body(ctx, decode_set_patch);
    if (!document) return error_response(document.error(), ctx);
    return versioned(ctx, requirements.update(ctx.actor, *id, *document, *version), 200);
  });

  router.add(Method::kDelete, "/api/v1/requirements/{id}", Auth::kRequired, [&requirements](RequestContext& ctx) {
    const auto id = ctx.id("id");
    if (!id) return error_response(id.error(), ctx);
    const auto version = if_match(ctx);
    if (!version) return error_response(version.error(), ctx);
    const auto done = requirements.remove(ctx.actor, *id, *version);
    if (!done) return error_response(done.error(), ctx);
    return no_content();
  });

  router.add(Method::kGet, "/api/v1/people/{id}/compliance", Auth::kRequired, [&requirements](RequestContext& ctx) {
    const auto q = year_query(ctx);
    if (!q) return error_response(q.error(), ctx);
    return respond(ctx, requirements.person_compliance(ctx.actor, q->id, q->year, q->as_of), compliance_json);
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/compliance", Auth::kRequired, [&requirements](RequestContext& ctx) {
    const auto q = year_query(ctx);
    if (!q) return error_response(q.error(), ctx);
    return respond(ctx, requirements.org_compliance(ctx.actor, q->id, q->year, q->as_of), compliance_json);
  });

  router.add(Method::kGet, "/api/v1/people/{id}/make-up", Auth::kRequired, [&requirements](RequestContext& ctx) {
    return make_up_response(ctx, requirements, &service::RequirementService::person_make_up);
  });
  router.add(Method::kGet, "/api/v1/orgs/{id}/make-up", Auth::kRequired, [&requirements](RequestContext& ctx) {
    return make_up_response(ctx, requirements, &service::RequirementService::org_make_up);
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/review", Auth::kRequired, [&requirements](RequestContext& ctx) {
    const auto q = year_query(ctx);
    if (!q) return error_response(q.error(), ctx);
    const auto format = response_format(ctx, {ResponseFormat::kJson, ResponseFormat::kXlsx, ResponseFormat::kHtml});
    if (!format) return error_response(format.error(), ctx);
    if (*format == ResponseFormat::kXlsx) {
      return respond_download(ctx, requirements.review(ctx.actor, q->id, q->year, q->as_of),
                              [](const service::Review& r) { return exports::review_workbook(r); });
    }
    if (*format == ResponseFormat::kHtml) {
      return respond_download(ctx, requirements.review(ctx.actor, q->id, q->year, q->as_of),
                              [](const service::Review& r) { return exports::review_html(r); });
    }
    return respond(ctx, requirements.review(ctx.actor, q->id, q->year, q->as_of), review_json);
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/assessment", Auth::kRequired, [&requirements](RequestContext& ctx) {
    const auto q = year_query(ctx);
    if (!q) return error_response(q.error(), ctx);
    return respond(ctx, requirements.org_compliance(ctx.actor, q->id, q->year, q->as_of), assessment_json);
  });

  router.add(Method::kGet, "/api/v1/orgs/{id}/compliance/units", Auth::kRequired, [&requirements](RequestContext& ctx) {
    const auto q = year_query(ctx);
    if (!q) return error_response(q.error(), ctx);
    const auto sort = unit_sort(ctx);
    if (!sort) return error_response(sort.error(), ctx);
    return respond(ctx, requirements.units(ctx.actor, q->id, q->year, q->as_of, sort->order, sort->ascending), units_json);
  });
}

}  // namespace xuefeng::http
