// The printable pages rendered from hand-made service results and read back as XML: the escaping writer,
// the year-end review (学习讲评) and the archive binder (学习档案专卷) of a person and of an org.

#include "export/html.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "export/exports.hpp"
#include "html_reader.hpp"

namespace xuefeng::testing {
namespace {

using core::ComplianceStatus;
using S = core::ComplianceStatus;

const core::UtcOffset kBeijing{480};
constexpr const char* kHostile = "<script>alert('x')</script> & \"引号\"";

core::Date date(const char* text) {
  return *core::Date::parse(text);
}
core::Timestamp at(const char* text) {
  return *core::Timestamp::parse_rfc3339(text);
}

HtmlPage page(const core::Result<exports::Document>& doc) {
  if (!doc) throw std::runtime_error("render failed: " + doc.error().log_message);
  return HtmlPage(doc->bytes);
}

TEST(HtmlEscape, MarkupQuotesAndAmpersandsBecomeReferences) {
  EXPECT_EQ(exports::html::escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(exports::html::escape("A & B"), "A &amp; B");
  EXPECT_EQ(exports::html::escape("&amp;"), "&amp;amp;");  // escaped once more, never taken as a reference
  EXPECT_EQ(exports::html::escape("\"双\" 'single'"), "&quot;双&quot; &#39;single&#39;");
  EXPECT_EQ(exports::html::escape("学习心得：第一段"), "学习心得：第一段");
  // Controls neither HTML nor XML allows are dropped; tab and line breaks stay.
  EXPECT_EQ(exports::html::escape(std::string("a\x01\x1F\x7F"
                                              "b\tc\nd\re",
                                              11)),
            "ab\tc\nd\re");
  EXPECT_EQ(exports::html::escape(std::string("a\0b", 3)), "ab");
}

TEST(HtmlWriter, EveryElementIsClosedAndAttributesAreEscaped) {
  exports::html::Writer w("标题 <1>");
  w.open("section", {{"id", "a\"b<c>"}});
  w.element("p", kHostile);
  w.open("div");  // left open: finish closes it, and the body and html around it
  const std::string text = std::move(w).finish();
  const HtmlPage p(text);
  EXPECT_EQ(p.text("/html/head/title"), "标题 <1>");
  EXPECT_EQ(std::string(p.one("//section").attribute("id").value()), "a\"b<c>");
  EXPECT_EQ(p.text("//section/p"), kHostile);
  EXPECT_EQ(p.count("//script"), 0u);
  EXPECT_EQ(p.count("/html/body/section/div"), 1u);
  EXPECT_EQ(text.rfind("</html>\n"), text.size() - 8);
}

TEST(HtmlFigures, NumbersRatesAndRemarks) {
  EXPECT_EQ(exports::html::number(3), "3");
  EXPECT_EQ(exports::html::number(28.5), "28.5");
  EXPECT_EQ(exports::html::number(266.254), "266.25");
  EXPECT_EQ(exports::html::percent(0.625), "62.50%");
  EXPECT_EQ(exports::html::rate(2, 3), "66.67%");
  EXPECT_EQ(exports::html::rate(0, 0), "—");
  EXPECT_EQ(exports::html::dates(date("2026-04-07"), date("2026-04-09")), "2026-04-07 至 2026-04-09");
  EXPECT_EQ(exports::html::dates(date("2026-04-07"), date("2026-04-07")), "2026-04-07");
  EXPECT_EQ(exports::html::local_time(at("2026-03-02T02:15:09Z"), kBeijing), "2026-03-02 10:15");
}

// ---------------------------------------------------------------------------------------------------
// Hand-made evaluations

std::shared_ptr<const service::RequirementSet> eight_ones() {
  service::RequirementSet s;
  s.id = 1;
  s.org_id = 1;
  s.document.name = "八个一";
  core::RequirementItem quarterly;
  quarterly.code = "quarterly_centralized_study";
  quarterly.label = "每季度参加一次集中学习";
  quarterly.period = core::Period::kQuarter;
  core::RequirementItem note;
  note.code = "study_notes";
  note.label = "记好一本学习笔记";
  note.measure = core::Measure::kArchiveEntries;
  s.document.items = {quarterly, note};
  return std::make_shared<const service::RequirementSet>(std::move(s));
}

std::shared_ptr<const service::RequirementSet> central_group_year() {
  service::RequirementSet s;
  s.id = 2;
  s.org_id = 1;
  s.document.name = "理论学习中心组年度学习要求";
  s.document.subject.kind = core::SubjectKind::kOrg;
  core::RequirementItem rate;
  rate.code = "participation";
  rate.label = "参学率不低于 95%";
  rate.measure = core::Measure::kParticipationRate;
  rate.value = 0.95;
  s.document.items = {rate};
  return std::make_shared<const service::RequirementSet>(std::move(s));
}

core::PeriodResult period(const char* from, const char* to, double required, double actual, S status) {
  return {{date(from), date(to)}, required, actual, status};
}

/// Four quarters: the first met, the second missed, the last two still open.
core::ItemResult quarters(const service::RequirementSet& set, int met_quarters, S second) {
  core::ItemResult i;
  i.item = &set.document.items[0];
  i.required = 4;
  i.actual = met_quarters;
  i.status = second == S::kMet ? S::kOnTrack : S::kBehind;
  i.periods = {period("2026-01-01", "2026-03-31", 1, 1, S::kMet),
               period("2026-04-01", "2026-06-30", 1, 0, second),
               period("2026-07-01", "2026-09-30", 1, 0, S::kOnTrack),
               period("2026-10-01", "2026-12-31", 1, 0, S::kOnTrack)};
  if (second == S::kMet) i.periods[1].actual = 1;
  return i;
}

core::ItemResult notes(const service::RequirementSet& set, double done) {
  core::ItemResult i;
  i.item = &set.document.items[1];
  i.required = 1;
  i.actual = done;
  i.status = done >= 1 ? S::kMet : S::kOnTrack;
  i.periods = {period("2026-01-01", "2026-12-31", 1, done, i.status)};
  return i;
}

service::SubjectCompliance person_subject(std::shared_ptr<const service::RequirementSet> set, core::Id id,
                                          std::string name, std::vector<core::ItemResult> items, double score,
                                          core::Grade grade) {
  service::SubjectCompliance s;
  s.set = std::move(set);
  s.subject_id = id;
  s.name = std::move(name);
  s.result.items = std::move(items);
  for (const auto& i : s.result.items) s.result.status = core::worst(s.result.status, i.status);
  s.assessment.score = score;
  s.assessment.grade = grade;
  return s;
}

service::Review a_review() {
  service::Review r;
  r.org.id = 1;
  r.org.name = "云溪区委";
  r.year = 2026;
  r.as_of = date("2026-06-30");
  r.totals.activities = 4;
  r.totals.upcoming = 1;
  r.totals.study_days = 5;
  r.totals.credit_hours = 26.5;
  r.totals.expected = 6;
  r.totals.attended = 4;
  r.totals.activities_by_kind = {{core::ActivityKind::kCentralizedStudy, 2},
                                 {core::ActivityKind::kTraining, 1},
                                 {core::ActivityKind::kPartyLecture, 1}};
  r.topics = {{11, "学习贯彻党的创新理论", 3}};
  for (int m = 1; m <= 6; ++m)
    r.months.push_back({m, m == 2 ? 2 : m == 3 ? 4 : 0, m == 2 ? 2 : m == 3 ? 2 : 0});
  const auto set = eight_ones();
  const auto central = central_group_year();
  r.compliance.year = 2026;
  r.compliance.as_of = r.as_of;
  r.compliance.subjects.push_back(person_subject(
      set, 11, "周建国", {quarters(*set, 2, S::kMet), notes(*set, 1)}, 87.5, core::Grade::kGood));
  r.compliance.subjects.push_back(person_subject(
      set, 12, kHostile, {quarters(*set, 1, S::kMissed), notes(*set, 0)}, 12.5, core::Grade::kFail));
  core::ItemResult rate;
  rate.item = &central->document.items[0];
  rate.required = 0.95;
  rate.actual = 0.9;
  rate.status = S::kBehind;
  rate.periods = {period("2026-01-01", "2026-12-31", 0.95, 0.9, S::kBehind)};
  auto group = person_subject(central, 2, "区委理论学习中心组", {rate}, 0, core::Grade::kFail);
  group.kind = core::SubjectKind::kOrg;
  r.compliance.subjects.push_back(group);
  // 周建国 is bound by the central group's set too: one 个人讲评 with both.
  r.compliance.subjects.push_back(person_subject(central, 11, "周建国", {}, 100, core::Grade::kExcellent));
  r.sets = {{set, 2, 0, 1, 1, 0}, {central, 2, 1, 0, 1, 0}};
  service::UnitCompliance best;
  best.org.id = 2;
  best.org.name = "区委理论学习中心组";
  best.rank = 1;
  best.people = 12;
  best.compliant = 12;
  best.compliant_share = 1;
  best.participation_rate = 0.9833;
  service::UnitCompliance town = best;
  town.org.id = 4;
  town.org.name = "中共柳塘镇委员会";
  town.rank = 2;
  town.people = 15;
  town.compliant = 1;
  town.compliant_share = 1.0 / 15;
  town.most_behind = {{3, "egov_training", "参加信息化与电子政务培训", 14}};
  service::UnitCompliance idle = best;
  idle.org.id = 5;
  idle.org.name = "无人单位";
  idle.rank = 3;
  idle.people = 0;
  idle.compliant = 0;
  idle.compliant_share.reset();
  idle.participation_rate.reset();
  r.units = {best, town, idle};
  return r;
}

TEST(ReviewHtml, APrintableA4PageWithItsFileNames) {
  const auto doc = exports::review_html(a_review());
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(doc->filename, "学习讲评-云溪区委-2026.html");
  EXPECT_EQ(doc->ascii_filename, "review-1-2026.html");
  EXPECT_EQ(doc->bytes.rfind("<!DOCTYPE html>\n", 0), 0u);
  const HtmlPage p(doc->bytes);
  EXPECT_EQ(std::string(p.one("/html").attribute("lang").value()), "zh-CN");
  EXPECT_EQ(std::string(p.one("/html/head/meta").attribute("charset").value()), "utf-8");
  EXPECT_EQ(p.text("/html/head/title"), "云溪区委 2026 年学习讲评");
  const std::string css = p.text("/html/head/style");
  EXPECT_NE(css.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(css.find("\"Noto Serif CJK SC\", \"Source Han Serif SC\""), std::string::npos);
  EXPECT_NE(css.find("SimSun, serif"), std::string::npos);
  EXPECT_NE(css.find("thead { display: table-header-group; }"), std::string::npos);
  EXPECT_NE(css.find("tr { break-inside: avoid;"), std::string::npos);
  EXPECT_EQ(p.text("//header/h1"), "云溪区委 2026 年学习讲评");
  EXPECT_EQ(p.text("//header/p"), "截至 2026-06-30");
  // The sections in the order the meeting goes through them.
  std::vector<std::string> sections;
  for (const auto& s : p.all("/html/body/section")) sections.emplace_back(s.attribute("id").value());
  EXPECT_EQ(sections, (std::vector<std::string>{"totals", "activities", "months", "requirements",
                                                "shortfalls", "units", "people"}));
  // Every data table repeats its header row: each has a thead.
  for (const auto& table : p.all("//table[not(@class='figures')]"))
    EXPECT_TRUE(table.child("thead")) << table.path();
}

TEST(ReviewHtml, TotalsActivitiesAndMonths) {
  const HtmlPage p = page(exports::review_html(a_review()));
  const auto totals = p.rows("//section[@id='totals']/table");
  ASSERT_EQ(totals.size(), 7u);
  EXPECT_EQ(totals[0], (std::vector<std::string>{"已开展学习活动（次）", "4"}));
  EXPECT_EQ(totals[3], (std::vector<std::string>{"课时", "26.5"}));
  EXPECT_EQ(totals[6], (std::vector<std::string>{"参学率", "66.67%"}));
  const auto kinds = p.rows("//section[@id='activities']/table[1]");
  EXPECT_EQ(kinds,
            (std::vector<std::vector<std::string>>{{"集中学习", "2"}, {"集中培训", "1"}, {"党课", "1"}}));
  EXPECT_EQ(p.rows("//section[@id='activities']/table[2]"),
            (std::vector<std::vector<std::string>>{{"学习贯彻党的创新理论", "3"}}));
  const auto months = p.rows("//section[@id='months']/table");
  ASSERT_EQ(months.size(), 6u);
  EXPECT_EQ(months[0], (std::vector<std::string>{"1月", "0", "0", "—"}));
  EXPECT_EQ(months[2], (std::vector<std::string>{"3月", "4", "2", "50.00%"}));
}

TEST(ReviewHtml, EachSetWithItsSubjectsAndTheShortfallsWithNames) {
  const HtmlPage p = page(exports::review_html(a_review()));
  EXPECT_EQ(p.rows("//section[@id='requirements']/table"),
            (std::vector<std::vector<std::string>>{{"八个一", "2", "0", "1", "1", "0"},
                                                   {"理论学习中心组年度学习要求", "2", "1", "0", "1", "0"}}));
  const auto sets = p.all("//section[@id='requirements']/div[@class='requirement-set']");
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(HtmlPage::text_of(sets[0].child("h3")), "八个一");
  const auto first = p.rows("//section[@id='requirements']/div[1]/table");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0], (std::vector<std::string>{"1", "周建国", "进行中", "87.5", "良好"}));
  EXPECT_EQ(first[1], (std::vector<std::string>{"2", kHostile, "滞后", "12.5", "不合格"}));

  // Every item behind or missed, with whose it is and what is left.
  const auto shortfalls = p.rows("//section[@id='shortfalls']/table");
  ASSERT_EQ(shortfalls.size(), 2u);
  EXPECT_EQ(shortfalls[0],
            (std::vector<std::string>{"1", kHostile, "八个一", "每季度参加一次集中学习", "1 / 4", "滞后",
                                      "第二季度未完成；第三季度、第四季度待完成"}));
  EXPECT_EQ(shortfalls[1], (std::vector<std::string>{"2", "区委理论学习中心组", "理论学习中心组年度学习要求",
                                                     "参学率不低于 95%", "90.00% / 95.00%", "滞后",
                                                     "目前 90.00%，要求不低于 95.00%"}));
  // The name with markup in it is text, never an element.
  EXPECT_EQ(p.count("//script"), 0u);
}

TEST(ReviewHtml, TheBestUnitsAndTheRanking) {
  const HtmlPage p = page(exports::review_html(a_review()));
  EXPECT_EQ(p.text("//section[@id='units']/p[@class='best-units']"),
            "先进单位：区委理论学习中心组（达标占比 100.00%）、中共柳塘镇委员会（达标占比 6.67%）");
  const auto units = p.rows("//section[@id='units']/table");
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[1], (std::vector<std::string>{"2", "中共柳塘镇委员会", "15", "1", "6.67%", "98.33%",
                                                "参加信息化与电子政务培训（14 人）"}));
  EXPECT_EQ(units[2], (std::vector<std::string>{"3", "无人单位", "0", "0", "—", "—", ""}));
}

TEST(ReviewHtml, EachPersonOnceWithEverySetAndWhatIsLeft) {
  const HtmlPage p = page(exports::review_html(a_review()));
  const auto people = p.all("//section[@id='people']/div[@class='review-person']");
  ASSERT_EQ(people.size(), 2u);  // 周建国 and the second leader; the central group is an org
  EXPECT_EQ(HtmlPage::text_of(people[0].child("h3")), "1. 周建国");
  EXPECT_EQ(HtmlPage::text_of(people[1].child("h3")), std::string("2. ") + kHostile);
  // 周建国: both sets, in the review's order.
  const auto labels = p.all("//section[@id='people']/div[1]/p[@class='label']");
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(HtmlPage::text_of(labels[0]), "八个一：进行中，得分 87.5（良好）");
  EXPECT_EQ(HtmlPage::text_of(labels[1]), "理论学习中心组年度学习要求：已达标，得分 100（优秀）");
  const auto items = p.rows("//section[@id='people']/div[1]/table[1]");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], (std::vector<std::string>{"每季度参加一次集中学习", "每季度", "2 / 4", "进行中",
                                                "第三季度、第四季度待完成"}));
  EXPECT_EQ(items[1], (std::vector<std::string>{"记好一本学习笔记", "每年", "1 / 1", "已达标", "已完成"}));
  const auto second = p.rows("//section[@id='people']/div[2]/table[1]");
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1],
            (std::vector<std::string>{"记好一本学习笔记", "每年", "0 / 1", "进行中", "还差 1 篇"}));
}

TEST(ReviewHtml, AnEmptyYearStillMakesAWholePage) {
  service::Review r;
  r.org.id = 9;
  r.org.name = "新建党支部";
  r.year = 2026;
  r.as_of = date("2026-01-01");
  r.months = {{1, 0, 0}};
  const HtmlPage p = page(exports::review_html(r));
  EXPECT_EQ(p.text("//section[@id='shortfalls']/p"), "无");
  EXPECT_EQ(p.text("//section[@id='units']/p"), "本组织没有下级单位");
  EXPECT_EQ(p.text("//section[@id='people']/p"), "没有学习要求约束的个人");
  EXPECT_EQ(p.count("//section[@id='shortfalls']/table"), 0u);
}

// ---------------------------------------------------------------------------------------------------
// The binder

service::PersonActivity person_activity(core::Id id, core::ActivityKind kind, const char* title,
                                        const char* from, const char* to,
                                        std::optional<core::AttendanceStatus> status) {
  service::PersonActivity pa;
  pa.activity.id = id;
  pa.activity.org_id = 2;
  pa.activity.kind = kind;
  pa.activity.title = title;
  pa.activity.starts_on = date(from);
  pa.activity.ends_on = date(to);
  pa.activity.credit_hours = 12;
  pa.org_name = "云溪区委理论学习中心组";
  pa.status = status;
  return pa;
}

core::ArchiveEntry archive_entry(core::Id id, core::ArchiveKind kind, const char* day, std::string title,
                                 std::string content) {
  core::ArchiveEntry e;
  e.id = id;
  e.person_id = 3;
  e.kind = kind;
  e.date = date(day);
  e.title = std::move(title);
  e.content = std::move(content);
  return e;
}

/// A county leader's year: two studies (one still to come), a keynote, three entries and a summary.
service::Binder a_binder(core::Id person_id = 3, const char* name = "王振华") {
  service::Binder b;
  auto& y = b.archive;
  y.person.person.id = person_id;
  y.person.person.name = name;
  y.person.person.post = "区委副书记";
  y.year = 2026;
  core::Membership m;
  m.org_id = 2;
  m.person_id = person_id;
  m.role = core::MemberRole::kDeputySecretary;
  m.since = date("2024-01-01");
  b.memberships.push_back({m, "云溪区委理论学习中心组"});
  m.org_id = 3;
  m.role = core::MemberRole::kMember;
  m.since = date("2026-03-01");
  m.until = date("2026-09-30");
  b.memberships.push_back({m, "区政府办公室党支部"});
  core::Plan plan;
  plan.id = 1;
  plan.org_id = 2;
  plan.year = 2026;
  plan.title = "2026年理论学习中心组学习计划";
  plan.topics = {{1, "大力推进新型工业化", "结合学习信息技术知识"}, {2, "加强干部队伍建设", ""}};
  b.plans.push_back(plan);
  y.attendance = {person_activity(31, core::ActivityKind::kCentralizedStudy, "第一次集中学习", "2026-04-07",
                                  "2026-04-09", core::AttendanceStatus::kPresent),
                  person_activity(32, core::ActivityKind::kCentralizedStudy, "第二次集中学习", "2026-11-24",
                                  "2026-11-25", std::nullopt)};
  auto speech = y.attendance[0];
  speech.speech_title = "以新型工业化引领区域经济转型升级";
  y.speeches = {speech};
  auto note = archive_entry(41, core::ArchiveKind::kNote, "2026-04-09", "学习笔记 <一>",
                            "第一段：<b>不是粗体</b> & 'quoted'\n  第二段，保留换行与缩进");
  note.activity_id = 31;
  note.venue = "区委党校";
  note.credit_hours = 1.5;
  note.reviews = {{1, 41, 1, "admin", core::ReviewVerdict::kReturned, "请补充具体举措。",
                   at("2026-04-10T09:00:00+08:00")},
                  {2, 41, 1, "admin", core::ReviewVerdict::kVerified, "", at("2026-04-12T16:45:30+08:00")}};
  note.review_status = core::ReviewVerdict::kVerified;
  auto keynote =
      archive_entry(42, core::ArchiveKind::kKeynote, "2026-04-08", "中心发言稿：新型工业化", "发言全文");
  auto article = archive_entry(43, core::ArchiveKind::kArticle, "2026-05-20", "理论文章", "");
  article.reviews = {
      {3, 43, 1, "admin", core::ReviewVerdict::kVerified, "", at("2026-05-21T10:00:00+08:00")}};
  auto summary = archive_entry(44, core::ArchiveKind::kYearEndSummary, "2026-06-28", "2026年上半年学习小结",
                               "一、学习情况\n二、存在不足");
  y.entries = {keynote, note, article, summary};
  y.totals.expected = 1;
  y.totals.attended = 1;
  y.totals.study_days = 3;
  y.totals.credit_hours = 13.5;
  y.totals.entries_by_kind = {{core::ArchiveKind::kNote, 1},
                              {core::ArchiveKind::kKeynote, 1},
                              {core::ArchiveKind::kArticle, 1},
                              {core::ArchiveKind::kYearEndSummary, 1}};
  const auto set = eight_ones();
  b.compliance.year = 2026;
  b.compliance.as_of = date("2026-06-30");
  auto subject = person_subject(set, person_id, name, {quarters(*set, 1, S::kMissed), notes(*set, 1)}, 62.5,
                                core::Grade::kPass);
  subject.result.make_up = {{32, core::ActivityKind::kCentralizedStudy, date("2026-05-06"),
                             core::AttendanceStatus::kExcused, date("2026-06-05"), std::nullopt, true}};
  b.compliance.subjects.push_back(subject);
  return b;
}

TEST(BinderHtml, OnePersonsVolumeWithItsFileNames) {
  const auto doc = exports::binder_html(a_binder(), kBeijing);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(doc->filename, "学习档案专卷-王振华-2026.html");
  EXPECT_EQ(doc->ascii_filename, "archive-3-2026.html");
  const HtmlPage p(doc->bytes);
  EXPECT_EQ(p.text("/html/head/title"), "王振华 2026 年学习档案专卷");
  ASSERT_EQ(p.count("/html/body/section[@class='person']"), 1u);
  EXPECT_EQ(std::string(p.one("//section[@class='person']").attribute("id").value()), "person-3");
  std::vector<std::string> sections;
  for (const auto& s : p.all("//section[@class='person']/section"))
    sections.emplace_back(s.attribute("class").value());
  EXPECT_EQ(sections, (std::vector<std::string>{"plans", "attendance", "speeches", "entries", "compliance",
                                                "summary"}));
  // A person's binder starts on its first page; persons after it start on a page of their own.
  const std::string css = p.text("/html/head/style");
  EXPECT_NE(css.find(".person { break-before: page;"), std::string::npos);
  EXPECT_NE(css.find("body > .person:first-child { break-before: auto;"), std::string::npos);
  // Short terms (kinds, statuses) stay on one line in narrow columns: each attendance row's kind and status.
  EXPECT_NE(css.find("td.term { white-space: nowrap; }"), std::string::npos);
  const auto rows = p.count("//section[@class='attendance']//tbody/tr");
  ASSERT_GT(rows, 0u);
  EXPECT_EQ(p.count("//section[@class='attendance']//tbody/tr/td[4][@class='term']"), rows);
  EXPECT_EQ(p.count("//section[@class='attendance']//tbody/tr/td[8][@class='term']"), rows);
}

TEST(BinderHtml, CoverAndPlanTopics) {
  const HtmlPage p = page(exports::binder_html(a_binder(), kBeijing));
  EXPECT_EQ(p.text("//div[@class='cover']/h1"), "个人学习档案");
  const auto cover = p.rows("//div[@class='cover']/table");
  ASSERT_EQ(cover.size(), 5u);
  EXPECT_EQ(cover[0], (std::vector<std::string>{"姓名", "王振华"}));
  EXPECT_EQ(cover[1], (std::vector<std::string>{"职务", "区委副书记"}));
  EXPECT_EQ(
      cover[2],
      (std::vector<std::string>{
          "所在组织",
          "云溪区委理论学习中心组（副书记）；区政府办公室党支部（成员，2026-03-01 起，至 2026-09-30）"}));
  EXPECT_EQ(cover[3], (std::vector<std::string>{"年度", "2026 年"}));
  EXPECT_EQ(cover[4], (std::vector<std::string>{"统计截至", "2026-06-30"}));
  EXPECT_EQ(p.text("//section[@class='plans']/h3"), "云溪区委理论学习中心组：2026年理论学习中心组学习计划");
  const auto topics = p.all("//section[@class='plans']/ol/li");
  ASSERT_EQ(topics.size(), 2u);
  EXPECT_EQ(HtmlPage::text_of(topics[0].child("strong")), "大力推进新型工业化");
  EXPECT_EQ(HtmlPage::text_of(topics[0]), "大力推进新型工业化：结合学习信息技术知识");
  EXPECT_EQ(HtmlPage::text_of(topics[1]), "加强干部队伍建设");
}

TEST(BinderHtml, AttendanceAndSpeeches) {
  const HtmlPage p = page(exports::binder_html(a_binder(), kBeijing));
  const auto attendance = p.rows("//section[@class='attendance']/table");
  ASSERT_EQ(attendance.size(), 2u);
  EXPECT_EQ(attendance[0],
            (std::vector<std::string>{"1", "2026-04-07 至 2026-04-09", "第一次集中学习", "集中学习",
                                      "云溪区委理论学习中心组", "3", "12", "出席"}));
  EXPECT_EQ(attendance[1][7], "尚未开展");  // after as_of, unmarked
  const auto spoken = p.rows("//section[@class='speeches']/table[1]");
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0][5], "以新型工业化引领区域经济转型升级");
  // The keynote script is listed with the speeches; its text is printed among the entries.
  const auto scripts = p.rows("//section[@class='speeches']/table[2]");
  ASSERT_EQ(scripts.size(), 1u);
  EXPECT_EQ(scripts[0],
            (std::vector<std::string>{"1", "2026-04-08", "中心发言稿", "中心发言稿：新型工业化", "未批阅"}));
}

TEST(BinderHtml, EveryEntryInFullWithItsReviews) {
  const HtmlPage p = page(exports::binder_html(a_binder(), kBeijing));
  // The summary is not among the entries: it closes the binder.
  const auto entries = p.all("//section[@class='entries']/article[@class='entry']");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(std::string(entries[1].attribute("id").value()), "entry-41");
  EXPECT_EQ(HtmlPage::text_of(entries[1].child("h3")), "2. 学习笔记 <一>");
  EXPECT_EQ(p.text("//article[@id='entry-41']/p[@class='meta']"),
            "日期：2026-04-09　类型：学习笔记　课时：1."
            "5　地点：区委党校　关联活动：第一次集中学习　批阅状态：已审核");
  // The whole text, markup as text, line breaks and indentation kept.
  EXPECT_EQ(p.text("//article[@id='entry-41']/div[@class='content']"),
            "第一段：<b>不是粗体</b> & 'quoted'\n  第二段，保留换行与缩进");
  EXPECT_EQ(p.count("//article[@id='entry-41']//b"), 0u);
  EXPECT_EQ(p.rows("//article[@id='entry-41']/table[@class='reviews']"),
            (std::vector<std::vector<std::string>>{{"2026-04-10 09:00", "admin", "退回", "请补充具体举措。"},
                                                   {"2026-04-12 16:45", "admin", "已审核", "—"}}));
  // Changed since its review: the history stays, the verdict does not.
  EXPECT_NE(p.text("//article[@id='entry-43']/p[@class='meta']").find("批阅状态：修改后待批阅"),
            std::string::npos);
  EXPECT_EQ(p.text("//article[@id='entry-43']/p[@class='empty']"), "（无正文）");
  EXPECT_EQ(p.count("//article[@id='entry-42']/table"), 0u);  // never reviewed
}

TEST(BinderHtml, ComplianceAndTheYearsSummary) {
  const HtmlPage p = page(exports::binder_html(a_binder(), kBeijing));
  EXPECT_EQ(p.text("//section[@class='compliance']/h3"), "八个一：滞后，得分 62.5（合格）");
  const auto items = p.rows("//section[@class='compliance']/table[1]");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], (std::vector<std::string>{"每季度参加一次集中学习", "每季度", "1 / 4", "滞后",
                                                "第二季度未完成；第三季度、第四季度待完成"}));
  EXPECT_EQ(p.rows("//section[@class='compliance']/table[@class='make-up']"),
            (std::vector<std::vector<std::string>>{
                {"2026-05-06", "集中学习", "请假", "2026-06-05", "逾期未补学"}}));
  const auto totals = p.rows("//section[@class='summary']/table[@class='figures']");
  ASSERT_EQ(totals.size(), 16u);  // seven figures and the nine entry kinds
  EXPECT_EQ(totals[2], (std::vector<std::string>{"参学率", "100.00%"}));
  EXPECT_EQ(totals[4], (std::vector<std::string>{"课时", "13.5"}));
  EXPECT_EQ(totals[5], (std::vector<std::string>{"发言、授课（次）", "1"}));
  EXPECT_EQ(totals[6], (std::vector<std::string>{"档案记录（篇）", "4"}));
  EXPECT_EQ(totals[9], (std::vector<std::string>{"理论文章", "1"}));
  EXPECT_EQ(p.text("//section[@class='summary']/article[@id='entry-44']/div[@class='content']"),
            "一、学习情况\n二、存在不足");
}

TEST(BinderHtml, AYearWithNothingSaysSo) {
  service::Binder b;
  b.archive.person.person.id = 8;
  b.archive.person.person.name = "新成员";
  b.archive.year = 2026;
  b.compliance.as_of = date("2026-06-30");
  const HtmlPage p = page(exports::binder_html(b, kBeijing));
  EXPECT_EQ(p.text("//section[@class='plans']/p"), "所在组织本年度未制定学习计划");
  EXPECT_EQ(p.text("//section[@class='attendance']/p"), "本年度没有应参加的学习活动");
  EXPECT_EQ(p.text("//section[@class='speeches']/p"), "本年度没有发言、授课记录");
  EXPECT_EQ(p.text("//section[@class='entries']/p"), "本年度没有学习档案记录");
  EXPECT_EQ(p.text("//section[@class='compliance']/p"), "本年度没有适用于本人的学习要求");
  EXPECT_EQ(p.text("//section[@class='summary']/p"), "尚未提交学习小结");
  EXPECT_EQ(p.rows("//div[@class='cover']/table")[1], (std::vector<std::string>{"职务", "—"}));
}

TEST(BinderHtml, AnOrgsVolumeHasEachPersonOnPagesOfTheirOwn) {
  service::OrgBinder b;
  b.org.id = 7;
  b.org.name = "区政府办公室党支部";
  b.year = 2026;
  b.as_of = date("2026-06-30");
  b.people = {a_binder(3, "王振华"), a_binder(5, kHostile), a_binder(4, "李国强")};
  const auto doc = exports::org_binder_html(b, kBeijing);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->filename, "学习档案专卷-区政府办公室党支部-2026.html");
  EXPECT_EQ(doc->ascii_filename, "archive-org-7-2026.html");
  const HtmlPage p(doc->bytes);
  EXPECT_EQ(p.text("//section[@class='volume-cover']/h1"), "区政府办公室党支部 2026 年学习档案专卷");
  EXPECT_EQ(p.text("//section[@class='volume-cover']/p"), "共 3 人　统计截至 2026-06-30");
  const auto contents = p.rows("//section[@class='volume-cover']/table");
  ASSERT_EQ(contents.size(), 3u);
  EXPECT_EQ(contents[1][1], kHostile);
  // One page-breaking section per person, in the order given, after the volume's cover.
  const auto persons = p.all("/html/body/section[@class='person']");
  ASSERT_EQ(persons.size(), 3u);
  EXPECT_EQ(std::string(persons[0].attribute("id").value()), "person-3");
  EXPECT_EQ(std::string(persons[1].attribute("id").value()), "person-5");
  EXPECT_EQ(std::string(persons[2].attribute("id").value()), "person-4");
  EXPECT_EQ(std::string(p.one("/html/body/section[1]").attribute("class").value()), "volume-cover");
  EXPECT_EQ(p.count("//script"), 0u);
  EXPECT_EQ(p.count("//article[@class='entry']"), 3u * 4u);
}

}  // namespace
}  // namespace xuefeng::testing
