#include "http/decoders.hpp"

#include <boost/json.hpp>

#include "http/json_reader.hpp"

namespace xuefeng::http {
namespace {

// Reads one JSON object into a T with `read`, then refuses keys nobody asked for.
template <typename T, typename Read>
core::Result<T> decode_object(const json::value& body, Read&& read) {
  core::FieldErrors errors;
  ObjectReader reader(body, errors);
  T out{};
  read(reader, out);
  reader.reject_unknown();
  if (!errors.empty()) return core::fail(std::move(errors).to_error());
  return out;
}

std::string index_path(std::string_view key, std::size_t i) { return std::string(key) + "[" + std::to_string(i) + "]"; }

std::optional<std::vector<core::Speaker>> read_speakers(ObjectReader& r) {
  const json::value* raw = r.raw("speakers");
  if (!raw) return std::nullopt;
  std::vector<core::Speaker> speakers;
  if (raw->is_null()) return speakers;
  if (!raw->is_array()) {
    r.errors().add("speakers", {"应为数组", "must be an array"});
    return speakers;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    ObjectReader s(raw->as_array()[i], r.errors(), index_path("speakers", i));
    core::Speaker speaker;
    speaker.person_id = s.required<std::int64_t>("person_id").value_or(0);
    speaker.title = s.optional<std::string>("title").value_or("");
    s.reject_unknown();
    speakers.push_back(std::move(speaker));
  }
  return speakers;
}

std::optional<std::vector<core::Id>> read_ids(ObjectReader& r, std::string_view key) {
  const json::value* raw = r.raw(key);
  if (!raw) return std::nullopt;
  std::vector<core::Id> ids;
  if (raw->is_null()) return ids;
  if (!raw->is_array()) {
    r.errors().add(std::string(key), {"应为人员编号数组", "must be an array of person ids"});
    return ids;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    core::Text why;
    if (const auto id = decode<std::int64_t>(raw->as_array()[i], why)) ids.push_back(*id);
    else r.errors().add(index_path(key, i), why);
  }
  return ids;
}

std::optional<service::Repeat> read_repeat(ObjectReader& r) {
  const json::value* raw = r.raw("repeat");
  if (!raw || raw->is_null()) return std::nullopt;
  ObjectReader rep(*raw, r.errors(), "repeat");
  const auto every = rep.required<core::RepeatEvery>("every");
  const auto until = rep.required<core::Date>("until");
  rep.reject_unknown();
  if (!every || !until) return std::nullopt;
  return service::Repeat{*every, *until};
}

std::vector<service::TopicInput> read_topics(ObjectReader& r, bool allow_ids) {
  std::vector<service::TopicInput> topics;
  const json::value* raw = r.raw("topics");
  if (!raw || raw->is_null()) return topics;
  if (!raw->is_array()) {
    r.errors().add("topics", {"应为数组", "must be an array"});
    return topics;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    ObjectReader t(raw->as_array()[i], r.errors(), index_path("topics", i));
    service::TopicInput topic;
    if (allow_ids) topic.id = t.optional<std::int64_t>("id");
    topic.title = t.required<std::string>("title").value_or("");
    topic.description = t.optional<std::string>("description").value_or("");
    t.reject_unknown();
    topics.push_back(std::move(topic));
  }
  return topics;
}

template <typename E>
std::vector<E> read_codes(ObjectReader& r, std::string_view key, bool required) {
  std::vector<E> out;
  const json::value* raw = r.raw(key);
  if (!raw || raw->is_null()) {
    if (required) r.errors().add(std::string(key), {"必须填写", "is required"});
    return out;
  }
  if (!raw->is_array()) {
    r.errors().add(std::string(key), {"应为数组，如 [\"" + std::string(core::terms(E{}).back().code) + "\"]",
                                      "must be an array, e.g. [\"" + std::string(core::terms(E{}).back().code) + "\"]"});
    return out;
  }
  for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
    core::Text why;
    if (auto v = decode<E>(raw->as_array()[i], why)) out.push_back(*v);
    else r.errors().add(index_path(key, i), why);
  }
  return out;
}

}  // namespace

core::Result<LoginInput> decode_login(const json::value& body) {
  return decode_object<LoginInput>(body, [](ObjectReader& r, LoginInput& in) {
    in.login = r.required<std::string>("login").value_or("");
    in.password = r.required<std::string>("password").value_or("");
  });
}

core::Result<service::NewAccount> decode_new_account(const json::value& body) {
  return decode_object<service::NewAccount>(body, [](ObjectReader& r, service::NewAccount& in) {
    in.login = r.required<std::string>("login").value_or("");
    in.password = r.required<std::string>("password").value_or("");
    in.person_id = r.optional<std::int64_t>("person_id");
    for (const auto role : read_codes<core::AccountRole>(r, "roles", false)) in.grants.push_back({role, std::nullopt});
    if (const json::value* raw = r.raw("grants"); raw && !raw->is_null()) {
      if (!raw->is_array()) {
        r.errors().add("grants", {"应为数组：[{\"role\", \"org_id\"}]", "must be an array: [{\"role\", \"org_id\"}]"});
      } else {
        for (std::size_t i = 0; i < raw->as_array().size(); ++i) {
          ObjectReader g(raw->as_array()[i], r.errors(), index_path("grants", i));
          const auto role = g.required<core::AccountRole>("role");
          const auto org_id = g.optional<std::int64_t>("org_id");
          g.reject_unknown();
          if (role) in.grants.push_back({*role, org_id});
        }
      }
    }
  });
}

core::Result<core::Grant> decode_grant(const json::value& body) {
  return decode_object<core::Grant>(body, [](ObjectReader& r, core::Grant& g) {
    g.role = r.required<core::AccountRole>("role").value_or(core::AccountRole::kMember);
    g.org_id = r.optional<std::int64_t>("org_id");
  });
}

core::Result<std::string> decode_password_reset(const json::value& body) {
  return decode_object<std::string>(body, [](ObjectReader& r, std::string& password) {
    password = r.required<std::string>("password").value_or("");
  });
}

core::Result<PasswordChange> decode_password_change(const json::value& body) {
  return decode_object<PasswordChange>(body, [](ObjectReader& r, PasswordChange& in) {
    in.current_password = r.required<std::string>("current_password").value_or("");
    in.new_password = r.required<std::string>("new_password").value_or("");
  });
}

core::Result<core::Org> decode_new_org(const json::value& body) {
  return decode_object<core::Org>(body, [](ObjectReader& r, core::Org& org) {
    org.name = r.required<std::string>("name").value_or("");
    org.kind = r.required<core::OrgKind>("kind").value_or(core::OrgKind::kBranch);
    org.parent_id = r.optional<std::int64_t>("parent_id");
  });
}

core::Result<service::OrgPatch> decode_org_patch(const json::value& body) {
  return decode_object<service::OrgPatch>(body, [](ObjectReader& r, service::OrgPatch& patch) {
    patch.name = r.patch<std::string>("name");
    patch.kind = r.patch<core::OrgKind>("kind");
    patch.parent_id = r.nullable_patch<std::int64_t>("parent_id");
  });
}

core::Result<service::NewMembership> decode_new_membership(const json::value& body) {
  return decode_object<service::NewMembership>(body, [](ObjectReader& r, service::NewMembership& in) {
    in.person_id = r.required<std::int64_t>("person_id").value_or(0);
    in.role = r.optional<core::MemberRole>("role").value_or(core::MemberRole::kMember);
    in.since = r.optional<core::Date>("since");
    in.until = r.optional<core::Date>("until");
  });
}

core::Result<core::Person> decode_new_person(const json::value& body) {
  return decode_object<core::Person>(body, [](ObjectReader& r, core::Person& p) {
    p.name = r.required<std::string>("name").value_or("");
    p.gender = r.optional<core::Gender>("gender");
    p.birth_date = r.optional<core::Date>("birth_date");
    p.party_member = r.optional<bool>("party_member").value_or(false);
    p.cadre_level = r.optional<core::CadreLevel>("cadre_level");
    p.post = r.optional<std::string>("post").value_or("");
    p.phone = r.optional<std::string>("phone").value_or("");
    p.org_id = r.optional<std::int64_t>("org_id");
  });
}

core::Result<service::PersonPatch> decode_person_patch(const json::value& body) {
  return decode_object<service::PersonPatch>(body, [](ObjectReader& r, service::PersonPatch& patch) {
    patch.name = r.patch<std::string>("name");
    patch.gender = r.nullable_patch<core::Gender>("gender");
    patch.birth_date = r.nullable_patch<core::Date>("birth_date");
    patch.party_member = r.patch<bool>("party_member");
    patch.cadre_level = r.nullable_patch<core::CadreLevel>("cadre_level");
    patch.post = r.patch<std::string>("post");
    patch.phone = r.patch<std::string>("phone");
    patch.org_id = r.nullable_patch<std::int64_t>("org_id");
  });
}

core::Result<NewPlan> decode_new_plan(const json::value& body) {
  return decode_object<NewPlan>(body, [](ObjectReader& r, NewPlan& in) {
    in.org_id = r.required<std::int64_t>("org_id").value_or(0);
    in.year = r.required<int>("year").value_or(0);
    in.title = r.required<std::string>("title").value_or("");
    in.topics = read_topics(r, false);
  });
}

core::Result<service::PlanPatch> decode_plan_patch(const json::value& body) {
  return decode_object<service::PlanPatch>(body, [](ObjectReader& r, service::PlanPatch& patch) {
    patch.title = r.patch<std::string>("title");
    if (const auto* topics = r.raw("topics"); topics && !topics->is_null()) patch.topics = read_topics(r, true);
  });
}

core::Result<NewActivity> decode_new_activity(const json::value& body) {
  return decode_object<NewActivity>(body, [](ObjectReader& r, NewActivity& in) {
    core::Activity& a = in.activity;
    a.org_id = r.required<std::int64_t>("org_id").value_or(0);
    a.plan_id = r.optional<std::int64_t>("plan_id");
    a.topic_id = r.optional<std::int64_t>("topic_id");
    a.kind = r.required<core::ActivityKind>("kind").value_or(core::ActivityKind::kCentralizedStudy);
    a.title = r.required<std::string>("title").value_or("");
    a.starts_on = r.required<core::Date>("starts_on").value_or(core::Date{});
    a.ends_on = r.optional<core::Date>("ends_on").value_or(a.starts_on);
    a.starts_at = r.optional<core::Timestamp>("starts_at");
    a.ends_at = r.optional<core::Timestamp>("ends_at");
    a.location = r.optional<std::string>("location").value_or("");
    a.host_id = r.optional<std::int64_t>("host_id");
    a.credit_hours = r.optional<double>("credit_hours").value_or(0);
    a.speakers = read_speakers(r).value_or(std::vector<core::Speaker>{});
    a.invitees = read_ids(r, "invitees").value_or(std::vector<core::Id>{});
    in.repeat = read_repeat(r);
  });
}

core::Result<service::ActivityPatch> decode_activity_patch(const json::value& body) {
  return decode_object<service::ActivityPatch>(body, [](ObjectReader& r, service::ActivityPatch& p) {
    p.plan_id = r.nullable_patch<std::int64_t>("plan_id");
    p.topic_id = r.nullable_patch<std::int64_t>("topic_id");
    p.kind = r.patch<core::ActivityKind>("kind");
    p.title = r.patch<std::string>("title");
    p.starts_on = r.patch<core::Date>("starts_on");
    p.ends_on = r.patch<core::Date>("ends_on");
    p.starts_at = r.nullable_patch<core::Timestamp>("starts_at");
    p.ends_at = r.nullable_patch<core::Timestamp>("ends_at");
    p.location = r.patch<std::string>("location");
    p.host_id = r.nullable_patch<std::int64_t>("host_id");
    p.credit_hours = r.patch<double>("credit_hours");
    p.speakers = read_speakers(r);
    p.invitees = read_ids(r, "invitees");
    if (r.raw("org_id")) {
      r.errors().add("org_id", {"活动所属组织不能修改；请删除后重建",
                                "an activity cannot move to another organization; delete and recreate it"});
    }
  });
}

core::Result<std::vector<service::MarkInput>> decode_marks(const json::value& body) {
  core::FieldErrors errors;
  std::vector<service::MarkInput> marks;
  if (!body.is_array()) {
    errors.add("body", {"应为数组：[{\"person_id\", \"status\", \"note\"}]",
                        "must be an array: [{\"person_id\", \"status\", \"note\"}]"});
  } else if (body.as_array().size() > service::kMaxMarksPerRequest) {
    const std::string max = std::to_string(service::kMaxMarksPerRequest);
    errors.add("body", {"一次最多登记 " + max + " 人", "at most " + max + " marks per request"});
  } else {
    for (std::size_t i = 0; i < body.as_array().size(); ++i) {
      ObjectReader r(body.as_array()[i], errors, "[" + std::to_string(i) + "]");
      service::MarkInput m;
      m.person_id = r.required<std::int64_t>("person_id").value_or(0);
      if (!r.raw("status")) errors.add(r.path("status"), {"必须填写（可为 null 表示清除）", "is required (null clears)"});
      m.status = r.optional<core::AttendanceStatus>("status");
      m.note = r.optional<std::string>("note").value_or("");
      r.reject_unknown();
      marks.push_back(std::move(m));
    }
  }
  if (!errors.empty()) return core::fail(std::move(errors).to_error());
  return marks;
}

core::Result<std::string> decode_check_in(const json::value& body) {
  return decode_object<std::string>(body, [](ObjectReader& r, std::string& code) {
    code = r.required<std::string>("code").value_or("");
  });
}

core::Result<std::string> decode_leave_request(const json::value& body) {
  return decode_object<std::string>(body, [](ObjectReader& r, std::string& reason) {
    reason = r.required<std::string>("reason").value_or("");
  });
}

core::Result<core::ArchiveEntry> decode_new_archive_entry(const json::value& body) {
  return decode_object<core::ArchiveEntry>(body, [](ObjectReader& r, core::ArchiveEntry& e) {
    e.kind = r.required<core::ArchiveKind>("kind").value_or(core::ArchiveKind::kNote);
    e.date = r.required<core::Date>("date").value_or(core::Date{});
    e.title = r.required<std::string>("title").value_or("");
    e.content = r.optional<std::string>("content").value_or("");
    e.credit_hours = r.optional<double>("credit_hours").value_or(0);
    e.activity_id = r.optional<std::int64_t>("activity_id");
    e.venue = r.optional<std::string>("venue").value_or("");
  });
}

core::Result<service::ArchivePatch> decode_archive_patch(const json::value& body) {
  return decode_object<service::ArchivePatch>(body, [](ObjectReader& r, service::ArchivePatch& p) {
    p.kind = r.patch<core::ArchiveKind>("kind");
    p.date = r.patch<core::Date>("date");
    p.title = r.patch<std::string>("title");
    p.content = r.patch<std::string>("content");
    p.credit_hours = r.patch<double>("credit_hours");
    p.activity_id = r.nullable_patch<std::int64_t>("activity_id");
    p.venue = r.patch<std::string>("venue");
  });
}

core::Result<ReviewInput> decode_review(const json::value& body) {
  return decode_object<ReviewInput>(body, [](ObjectReader& r, ReviewInput& in) {
    in.verdict = r.required<core::ReviewVerdict>("verdict").value_or(in.verdict);
    in.comment = r.optional<std::string>("comment").value_or("");
  });
}

}  // namespace xuefeng::http
