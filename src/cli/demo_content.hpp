#pragma once

// The invented people, places and titles of the demo dataset. Nothing here names a real person; the
// organizations (云溪区, 柳塘镇) are fictional. Dates are not here: demo_dataset.cpp places everything
// in the current year, relative to today.

#include <array>
#include <optional>
#include <string_view>

#include "core/vocabulary.hpp"

namespace xuefeng::cli::demo {

using core::CadreLevel;
using core::Gender;
using core::MemberRole;

inline constexpr std::optional<CadreLevel> kCounty = CadreLevel::kCounty;
inline constexpr std::optional<CadreLevel> kTownship = CadreLevel::kTownship;
inline constexpr std::optional<CadreLevel> kNoLevel = std::nullopt;

/// One person of the demo. `age` is their age in the demo year, so ages stay plausible whatever the year;
/// `member_for` is how many years ago (before the demo year) they joined their org.
struct PersonSpec {
  std::string_view name;
  Gender gender;
  int age;
  int birth_month;
  int birth_day;
  bool party_member;
  std::optional<CadreLevel> level;
  std::string_view post;
  MemberRole role;
  int member_for;
  int joined_month;
};

inline constexpr std::string_view kDistrictName = "中共云溪区委员会";
inline constexpr std::string_view kStudyGroupName = "云溪区委理论学习中心组";
inline constexpr std::string_view kBranchName = "云溪区政府办公室党支部";
inline constexpr std::string_view kTownshipName = "中共柳塘镇委员会";

// 区委理论学习中心组: the secretary leads it, the propaganda head is its study secretary.
inline constexpr std::array<PersonSpec, 12> kLeaders{{
    {"周建国", Gender::kMale, 54, 3, 12, true, kCounty, "区委书记", MemberRole::kSecretary, 2, 6},
    {"李慧敏", Gender::kFemale, 50, 8, 3, true, kCounty, "区委副书记、区长", MemberRole::kMember, 2, 9},
    {"王振华", Gender::kMale, 52, 11, 21, true, kCounty, "区委副书记", MemberRole::kMember, 3, 4},
    {"赵明远", Gender::kMale, 49, 5, 8, true, kCounty, "区委常委、宣传部长", MemberRole::kStudySecretary, 4,
     11},
    {"孙丽", Gender::kFemale, 47, 1, 26, true, kCounty, "区委常委、组织部长", MemberRole::kMember, 2, 3},
    {"钱伟", Gender::kMale, 51, 7, 14, true, kCounty, "区委常委、区纪委书记、区监委主任", MemberRole::kMember,
     3, 8},
    {"吴海涛", Gender::kMale, 48, 10, 2, true, kCounty, "区委常委、政法委书记", MemberRole::kMember, 1, 12},
    {"冯晓红", Gender::kFemale, 46, 4, 19, true, kCounty, "区委常委、常务副区长", MemberRole::kMember, 2, 5},
    {"何志强", Gender::kMale, 45, 9, 30, true, kCounty, "区委常委、区委办公室主任", MemberRole::kMember, 1,
     7},
    {"许文斌", Gender::kMale, 53, 2, 9, true, kCounty, "区委常委、统战部长", MemberRole::kMember, 5, 10},
    {"马春林", Gender::kMale, 57, 12, 17, true, kCounty, "区人大常委会主任", MemberRole::kMember, 4, 1},
    {"郭玉梅", Gender::kFemale, 56, 6, 23, true, kCounty, "区政协主席", MemberRole::kMember, 3, 1},
}};

// Indexes into kLeaders, for readability below.
enum Leader : std::size_t {
  kZhou,
  kLi,
  kWang,
  kZhao,
  kSun,
  kQian,
  kWu,
  kFeng,
  kHe,
  kXu,
  kMa,
  kGuo,
};

// County-level leaders of other units, invited to the district's county-level study; no membership here.
inline constexpr std::array<PersonSpec, 4> kOtherCountyLeaders{{
    {"蒋国栋", Gender::kMale, 55, 3, 28, true, kCounty, "区人大常委会副主任", MemberRole::kMember, 0, 0},
    {"韩静", Gender::kFemale, 44, 10, 11, true, kCounty, "副区长", MemberRole::kMember, 0, 0},
    {"宋立新", Gender::kMale, 49, 1, 5, true, kCounty, "副区长、区公安分局局长", MemberRole::kMember, 0, 0},
    {"唐秀英", Gender::kFemale, 53, 7, 30, false, kCounty, "区政协副主席", MemberRole::kMember, 0, 0},
}};

// Outside experts: people without any membership, who appear only as speakers.
inline constexpr std::array<PersonSpec, 6> kExperts{{
    {"黄启明", Gender::kMale, 58, 4, 2, true, kNoLevel, "省委党校经济学教研部教授", MemberRole::kMember, 0,
     0},
    {"林雅琴", Gender::kFemale, 51, 9, 16, true, kNoLevel, "市委党校党史党建教研室教授", MemberRole::kMember,
     0, 0},
    {"邓志远", Gender::kMale, 55, 6, 7, true, kNoLevel, "省行政学院公共管理教研部教授", MemberRole::kMember,
     0, 0},
    {"罗文涛", Gender::kMale, 42, 2, 18, true, kNoLevel, "区委党校讲师", MemberRole::kMember, 0, 0},
    {"梁晓燕", Gender::kFemale, 46, 11, 4, true, kNoLevel, "区农业农村局高级农艺师", MemberRole::kMember, 0,
     0},
    {"谢永刚", Gender::kMale, 50, 8, 25, true, kNoLevel, "区司法局副局长", MemberRole::kMember, 0, 0},
}};

enum Expert : std::size_t { kHuang, kLin, kDeng, kLuo, kLiang, kXie };

// 区政府办公室党支部: thirty staff of the district government office.
inline constexpr std::array<PersonSpec, 30> kBranchMembers{{
    {"陆志刚", Gender::kMale, 50, 5, 20, true, kTownship, "区政府办公室党组书记、主任",
     MemberRole::kSecretary, 3, 2},
    {"沈美华", Gender::kFemale, 45, 12, 1, true, kTownship, "区政府办公室副主任",
     MemberRole::kDeputySecretary, 4, 6},
    {"高建军", Gender::kMale, 43, 3, 15, true, kTownship, "区政府办公室副主任", MemberRole::kCommitteeMember,
     2, 9},
    {"杨帆", Gender::kMale, 40, 7, 7, true, kTownship, "督查室主任", MemberRole::kCommitteeMember, 5, 3},
    {"陈雨婷", Gender::kFemale, 34, 9, 12, true, kTownship, "综合科科长", MemberRole::kCommitteeMember, 3,
     10},
    {"朱海峰", Gender::kMale, 38, 1, 30, true, kTownship, "秘书科科长", MemberRole::kMember, 6, 4},
    {"胡晓梅", Gender::kFemale, 41, 6, 6, true, kTownship, "信息科科长", MemberRole::kMember, 7, 8},
    {"秦磊", Gender::kMale, 39, 11, 11, true, kTownship, "政务服务科科长", MemberRole::kMember, 4, 5},
    {"徐静", Gender::kFemale, 44, 2, 22, true, kTownship, "文电科科长", MemberRole::kMember, 8, 7},
    {"袁博", Gender::kMale, 33, 4, 4, true, kTownship, "秘书科副科长", MemberRole::kMember, 3, 9},
    {"潘丽娟", Gender::kFemale, 52, 10, 9, true, kTownship, "财务科科长", MemberRole::kMember, 10, 3},
    {"董明", Gender::kMale, 36, 8, 18, true, kTownship, "综合科副科长", MemberRole::kMember, 2, 11},
    {"程佳", Gender::kFemale, 31, 3, 3, true, kTownship, "信息科副科长", MemberRole::kMember, 2, 6},
    {"魏东升", Gender::kMale, 55, 12, 24, true, kTownship, "机关事务科科长", MemberRole::kMember, 12, 1},
    {"田甜", Gender::kFemale, 28, 6, 15, true, kNoLevel, "科员", MemberRole::kMember, 1, 8},
    {"姚俊杰", Gender::kMale, 29, 2, 27, true, kNoLevel, "科员", MemberRole::kMember, 1, 8},
    {"邵雪", Gender::kFemale, 30, 12, 8, true, kNoLevel, "科员", MemberRole::kMember, 3, 7},
    {"傅强", Gender::kMale, 32, 5, 29, true, kNoLevel, "一级科员", MemberRole::kMember, 4, 9},
    {"汪婷婷", Gender::kFemale, 35, 7, 19, true, kNoLevel, "四级主任科员", MemberRole::kMember, 6, 2},
    {"孔令辉", Gender::kMale, 47, 9, 2, true, kNoLevel, "三级主任科员", MemberRole::kMember, 9, 5},
    {"崔颖", Gender::kFemale, 29, 1, 13, true, kNoLevel, "科员", MemberRole::kMember, 2, 10},
    {"薛凯", Gender::kMale, 31, 10, 27, true, kNoLevel, "科员", MemberRole::kMember, 3, 4},
    {"白雪梅", Gender::kFemale, 58, 3, 21, true, kNoLevel, "档案员", MemberRole::kMember, 15, 6},
    {"范志勇", Gender::kMale, 61, 8, 8, true, kNoLevel, "驾驶员", MemberRole::kMember, 20, 3},
    {"苏晴", Gender::kFemale, 28, 11, 28, false, kNoLevel, "文秘（入党积极分子）", MemberRole::kMember, 1, 9},
    {"金鑫", Gender::kMale, 30, 4, 16, false, kNoLevel, "信息员", MemberRole::kMember, 2, 12},
    {"叶红", Gender::kFemale, 49, 5, 5, true, kNoLevel, "机要员", MemberRole::kMember, 11, 4},
    {"邹建平", Gender::kMale, 59, 2, 14, true, kNoLevel, "二级主任科员", MemberRole::kMember, 14, 2},
    {"江雨", Gender::kFemale, 33, 9, 24, true, kNoLevel, "科员", MemberRole::kMember, 5, 7},
    {"石磊", Gender::kMale, 37, 6, 30, true, kTownship, "督查室副主任", MemberRole::kMember, 4, 11},
}};

enum BranchMember : std::size_t {
  kLu = 0,
  kShen = 1,
  kChen = 4,
  kZhu = 5,
  kHuXm = 6,
  kYuan = 9,
  kCheng = 12,
  kTian = 14
};

// 柳塘镇党委: fifteen members; the secretary holds county rank (a district's larger towns often do).
inline constexpr std::array<PersonSpec, 15> kTownshipMembers{{
    {"黄卫东", Gender::kMale, 48, 4, 25, true, kCounty, "柳塘镇党委书记", MemberRole::kSecretary, 2, 8},
    {"刘雅琳", Gender::kFemale, 42, 10, 14, true, kTownship, "柳塘镇党委副书记、镇长",
     MemberRole::kDeputySecretary, 2, 12},
    {"张德明", Gender::kMale, 46, 1, 9, true, kTownship, "柳塘镇党委副书记", MemberRole::kDeputySecretary, 4,
     3},
    {"杜鹏", Gender::kMale, 44, 7, 23, true, kTownship, "镇党委委员、纪委书记", MemberRole::kCommitteeMember,
     3, 6},
    {"方婷", Gender::kFemale, 38, 3, 17, true, kTownship, "镇党委委员、组织委员",
     MemberRole::kCommitteeMember, 2, 9},
    {"任浩", Gender::kMale, 36, 12, 2, true, kTownship, "镇党委委员、宣传委员", MemberRole::kStudySecretary,
     3, 5},
    {"夏志华", Gender::kMale, 45, 5, 31, true, kTownship, "镇党委委员、副镇长", MemberRole::kCommitteeMember,
     5, 1},
    {"龚丽萍", Gender::kFemale, 41, 8, 26, true, kTownship, "镇党委委员、政法委员",
     MemberRole::kCommitteeMember, 1, 10},
    {"廖勇", Gender::kMale, 53, 2, 3, true, kTownship, "镇人大主席", MemberRole::kMember, 6, 2},
    {"邱晓琳", Gender::kFemale, 35, 6, 20, true, kTownship, "党政综合办公室主任", MemberRole::kMember, 4, 7},
    {"熊伟", Gender::kMale, 47, 11, 15, true, kTownship, "农业综合服务中心主任", MemberRole::kMember, 9, 4},
    {"戴小红", Gender::kFemale, 43, 9, 9, true, kTownship, "社会事务办公室主任", MemberRole::kMember, 7, 3},
    {"贺军", Gender::kMale, 39, 4, 12, true, kTownship, "经济发展办公室主任", MemberRole::kMember, 3, 8},
    {"孟佳怡", Gender::kFemale, 28, 7, 1, true, kNoLevel, "党建办干事", MemberRole::kMember, 1, 9},
    {"万磊", Gender::kMale, 31, 3, 29, false, kNoLevel, "综治中心干事", MemberRole::kMember, 2, 6},
}};

inline constexpr std::size_t kTownshipSecretary = 0;

// The demo accounts besides admin: login (pinyin of the name) and the person it acts for.
struct DemoLogin {
  std::string_view login;
  std::string_view shows_zh;
  std::string_view shows_en;
};
inline constexpr DemoLogin kLeaderLogin{
    "wangzhenhua", "区委副书记王振华：本人学习档案（考勤、发言、党课、笔记）、签到、请假（有一条待审批）",
    "deputy district secretary Wang Zhenhua: own archive (attendance, speeches, "
    "party lecture, notes), check-in, leave (one pending)"};
inline constexpr DemoLogin kBranchLogin{
    "chenyuting", "区政府办公室党支部陈雨婷：本人档案与读书心得、已批准的请假、签到",
    "Chen Yuting of the government office branch: own archive and reading "
    "reflection, an approved leave, check-in"};
inline constexpr DemoLogin kTownshipLogin{
    "huangweidong",
    "柳塘镇党委书记黄卫东（本镇书记角色）：本镇的学习活动、考勤、请假审批与学习档案批阅；本人的读书会与集中学习",
    "Huang Weidong, township party secretary (secretary of the township): its activities, attendance, leave "
    "and archive reviews; his own reading club and county-level study"};
inline constexpr DemoLogin kSupervisorLogin{
    "zhaomingyuan",
    "区委宣传部长赵明远（全区督导角色）：全区各单位的活动、考勤与统计（只读，不含个人电话和出生日期）及操作审计记录",
    "Zhao Mingyuan, head of the district propaganda department (supervisor of the whole district): every "
    "unit's activities, attendance and figures, read-only and without personal details, and the audit trail"};

// ---------------------------------------------------------------------------------------------------
// Plans. Topic descriptions are short; `{Y}` is replaced by the demo year.

struct TopicSpec {
  std::string_view title;
  std::string_view description;
};

inline constexpr std::array<TopicSpec, 6> kStudyGroupTopics{{
    {"推进新型工业化，加快建设现代化产业体系",
     "结合学习数字经济、先进制造和科技创新知识，梳理全区工业发展的进展、经验与短板，研究推动产业升级、促进群"
     "众增收的务实举措。"},
    {"健全制度机制，提升基层社会治理效能",
     "围绕完善基层治理体系，研究保障公平正义、维护社会安定有序的制度安排，推动矛盾纠纷就地化解。"},
    {"繁荣发展文化事业，筑牢团结奋斗的思想基础",
     "推动文化建设与经济社会发展相协调，培育和践行社会主义核心价值观，建设书香机关、学习型机关。"},
    {"凝聚各方力量，促进社会和谐稳定",
     "统筹做好统一战线、民族宗教和群众工作，广泛凝聚共识，画好团结奋斗的同心圆。"},
    {"加强干部队伍建设，持续改进工作作风",
     "查找干部作风方面的突出问题，研究整改措施和长效机制，激励干部担当作为。"},
    {"深入学习贯彻党中央重要会议精神",
     "及时跟进学习党中央最新会议精神和重要讲话，结合{Y}年全区重点任务抓好贯彻落实。"},
}};

inline constexpr std::array<TopicSpec, 4> kBranchTopics{{
    {"学习贯彻党的创新理论", "以支部集中学习和交流研讨为主，做到学思用贯通。"},
    {"提升服务领导、服务部门、服务群众能力", "围绕办文、办会、办事，提升参谋助手水平和政务服务效能。"},
    {"加强机关作风和效能建设", "对照岗位职责查找作风问题，健全督查督办和限时办结机制。"},
    {"建设书香机关", "开展读书分享，撰写读书心得，营造多读书、读好书的机关氛围。"},
}};

inline constexpr std::array<TopicSpec, 4> kTownshipTopics{{
    {"学习贯彻党的创新理论", "坚持每周读书交流，党委班子成员带头领学。"},
    {"推进乡村全面振兴", "围绕特色产业、人居环境和村级集体经济，邀请专家讲解政策与技术。"},
    {"建设法治乡村和平安乡村", "学习与基层工作密切相关的法律法规，提升依法办事和化解矛盾能力。"},
    {"宣传落实惠民惠企政策", "每两周解读一项与群众和企业关系密切的政策，确保政策应知尽知、应享尽享。"},
}};

// ---------------------------------------------------------------------------------------------------
// The central group's centralized studies: month and nominal day (moved to the next working days),
// length in days, the plan topic, its keynotes (leader, title) and where it is held.

struct KeynoteSpec {
  Leader leader;
  std::string_view title;
};

struct SessionSpec {
  int month;
  int day;
  int days;
  std::size_t topic;
  std::string_view location;
  std::array<KeynoteSpec, 3> keynotes;
  std::size_t keynote_count;
};

inline constexpr std::array<SessionSpec, 7> kSessions{{
    {1,
     20,
     2,
     5,
     "区委常委会议室",
     {{{kLi, "把党中央决策部署转化为全区高质量发展的具体行动"},
       {kFeng, "关于做好{Y}年全区经济工作的几点思考"},
       {}}},
     2},
    {4,
     7,
     3,
     0,
     "区政府二楼会议室",
     {{{kWang, "以新型工业化引领区域经济转型升级"},
       {kZhao, "用党的创新理论凝心聚力，营造干事创业的浓厚氛围"},
       {kSun, "建设一支堪当发展重任的高素质干部队伍"}}},
     3},
    {6,
     9,
     2,
     1,
     "区政府二楼会议室",
     {{{kWu, "推进基层治理法治化，建设更高水平的平安云溪"},
       {kQian, "以制度建设推动全面从严治党向基层延伸"},
       {}}},
     2},
    {7,
     14,
     2,
     3,
     "区行政中心一号会议室",
     {{{kXu, "画好新时代统一战线最大同心圆"}, {kGuo, "发挥政协协商优势，助力社会和谐稳定"}, {}}},
     2},
    {9,
     15,
     2,
     2,
     "区政府二楼会议室",
     {{{kMa, "以法治方式保障文化事业繁荣发展"}, {kHe, "建设学习型机关，提升服务大局的能力"}, {}}},
     2},
    {11,
     24,
     2,
     4,
     "区委常委会议室",
     {{{kZhou, "以过硬作风推动各项工作落地见效"}, {kSun, "健全干部考核评价机制，激励干部担当作为"}, {}}},
     2},
    {12,
     15,
     2,
     5,
     "区政府二楼会议室",
     {{{kZhao, "{Y}年区委中心组学习情况讲评"}, {kZhou, "关于明年中心组学习的安排意见"}, {}}},
     2},
}};

/// The expert lecture of the three-day study (the second session).
inline constexpr std::string_view kAprilLecture = "因地制宜发展新质生产力的路径选择";

inline constexpr std::array<std::string_view, 7> kOrdinals{"一", "二", "三", "四", "五", "六", "七"};

// ---------------------------------------------------------------------------------------------------
// The government office branch: five centralized studies, five seminars, a reading club, a party lecture.

struct BranchActivitySpec {
  core::ActivityKind kind;
  int month;
  int day;
  std::size_t topic;
  std::string_view title;
};

inline constexpr std::array<BranchActivitySpec, 10> kBranchActivities{{
    {core::ActivityKind::kCentralizedStudy, 2, 10, 0, "支部集中学习：传达学习全区经济工作会议精神"},
    {core::ActivityKind::kSeminar, 3, 17, 1, "交流研讨：如何当好参谋助手"},
    {core::ActivityKind::kCentralizedStudy, 4, 14, 1, "支部集中学习：公文处理规范与政务信息报送"},
    {core::ActivityKind::kSeminar, 5, 19, 2, "交流研讨：在督查督办中提高执行力"},
    {core::ActivityKind::kCentralizedStudy, 6, 16, 2, "支部集中学习：党纪学习教育专题辅导"},
    {core::ActivityKind::kSeminar, 7, 21, 2, "交流研讨：查摆机关作风中的“慢、粗、虚”问题"},
    {core::ActivityKind::kCentralizedStudy, 9, 15, 1, "支部集中学习：政务服务“一网通办”业务知识"},
    {core::ActivityKind::kSeminar, 10, 20, 1, "交流研讨：数字政府建设中的办公室工作"},
    {core::ActivityKind::kSeminar, 11, 27, 0, "交流研讨：年终岗位工作总结与经验交流"},
    {core::ActivityKind::kCentralizedStudy, 12, 8, 0, "支部集中学习：年度学习总结与组织生活会准备"},
}};

inline constexpr std::string_view kReadingClubTitle = "“书香机关”读书分享会：共读《乡土中国》";
inline constexpr std::string_view kPartyLectureTitle = "践行为民宗旨，锤炼机关作风";

struct ReflectionSpec {
  std::size_t member;  // index into kBranchMembers
  int days_after;
  std::string_view title;
  std::string_view content;
};

inline constexpr std::array<ReflectionSpec, 6> kReflections{{
    {kChen, 3, "读《乡土中国》有感：读懂基层才能服务好基层",
     "书中“差序格局”的分析让我重新理解了基层群众办事时的顾虑。综合科每天接待来电来访，今后要多站在群众的角度"
     "想问题，"
     "把政策讲明白、把流程理清楚，减少群众来回跑。"},
    {kZhu, 5, "从“礼治秩序”看机关办文办会",
     "费孝通先生讲乡土社会靠习惯和礼俗运转。机关工作同样有大量约定俗成的规矩，秘书科要把这些经验整理成制度和"
     "清单，"
     "让新同志少走弯路，让办文办会更加规范高效。"},
    {kHuXm, 4, "在信息工作中把握基层实际",
     "读完这本书最大的体会是“到实地去”。信息科报送的材料常常停留在数据层面，下一步计划每季度随督查组下乡一次"
     "，"
     "让信息反映的情况更贴近基层真实状况。"},
    {kYuan, 6, "《乡土中国》读书笔记",
     "本书共十四篇，依次论述了乡土本色、文字下乡、再论文字下乡、差序格局、系维着私人的道德、家族、男女有别、"
     "礼治秩序、无讼、无为政治、"
     "长老统治、血缘和地缘、名实的分离、从欲望到需要等内容。"},
    {kCheng, 5, "用“长老统治”的视角看代际沟通",
     "书中关于教化权力的论述启发我思考年轻干部与老同志之间的经验传承。信息科新同志多，建议推行“老带新”结对，"
     "把老同志处理复杂情况的经验传下去。"},
    {kTian, 8, "初读《乡土中国》",
     "作为刚参加工作不久的年轻同志，这本书帮助我理解了农村社会的运行逻辑。以后起草涉农材料时，要先下去听一听"
     "、看一看，"
     "不能只凭想象写材料。"},
}};

// ---------------------------------------------------------------------------------------------------
// The township's series: weekly reading exchange, fortnightly policy briefings, monthly expert lectures.

inline constexpr std::array<std::string_view, 12> kBriefingTitles{
    "耕地保护与农村宅基地管理政策解读", "城乡居民医疗保险参保缴费政策解读", "就业创业扶持政策解读",
    "防止返贫动态监测和帮扶政策解读",   "政策性农业保险补贴政策解读",       "农村人居环境整治政策解读",
    "居家和社区养老服务补贴政策解读",   "中小微企业纾困惠企政策解读",       "发展壮大村级集体经济政策解读",
    "森林防火与秸秆禁烧管理规定解读",   "退役军人优待抚恤政策解读",         "学生资助与教育惠民政策解读",
};

struct LectureSpec {
  Expert expert;
  std::size_t topic;
  std::string_view title;
};

inline constexpr std::array<LectureSpec, 12> kMonthlyLectures{{
    {kLuo, 0, "新时代党的创新理论的核心要义"},
    {kLiang, 1, "春耕备耕与高标准农田建设技术要点"},
    {kXie, 2, "基层依法行政与执法风险防范"},
    {kLuo, 0, "学好用好党的群众路线"},
    {kLiang, 1, "特色种养产业发展与农产品品牌打造"},
    {kXie, 2, "民法典与农村常见矛盾纠纷化解"},
    {kLuo, 0, "从党的历史中汲取奋进力量"},
    {kLiang, 1, "防汛抗旱与农业防灾减灾"},
    {kXie, 2, "信访工作法治化的实践路径"},
    {kLuo, 1, "推进乡村全面振兴的理论与实践"},
    {kLiang, 1, "秋冬种管理与耕地地力提升"},
    {kXie, 2, "安全生产法律责任与典型案例剖析"},
}};

// ---------------------------------------------------------------------------------------------------
// Archive material for the central group's leaders.

/// 学习联系点: one grassroots study point per leader, in kLeaders order.
inline constexpr std::array<std::string_view, 12> kContactPoints{
    "柳塘镇党委",           "云溪街道桂园社区党委", "柳塘镇青石村党支部",     "区融媒体中心党支部",
    "区委组织部机关党支部", "区纪委监委机关党支部", "城东街道新河社区党支部", "区经济开发区管委会机关党支部",
    "区第一中学党总支",     "区工商联机关党支部",   "区人大机关党支部",       "区人民医院党委",
};

inline constexpr std::array<std::string_view, 10> kSelfStudyTitles{
    "自学《中国共产党章程》",
    "自学《中国共产党纪律处分条例》",
    "研读《习近平新时代中国特色社会主义思想学习纲要》",
    "通过干部网络学院学习“数字政府建设”专题课程",
    "自学《共产党宣言》",
    "研读《论持久战》",
    "通过“学习强国”平台学习“乡村振兴”专题",
    "自学《乡土中国》",
    "自学《中华人民共和国宪法》",
    "通过干部网络学院学习“新质生产力”专题课程",
};

struct ArticleSpec {
  Leader leader;
  int month;
  std::string_view title;
  std::string_view venue;
};

inline constexpr std::array<ArticleSpec, 6> kArticles{{
    {kLi, 3, "在服务企业中提升政府治理效能", "《云溪日报》理论版"},
    {kWang, 5, "推动新型工业化要算好“三本账”", "市委内刊《学习与实践》"},
    {kZhao, 4, "让党的创新理论“飞入寻常百姓家”", "《云溪日报》理论版"},
    {kSun, 8, "在实践中识别干部、锻炼干部", "市委组织部《组工信息》"},
    {kQian, 6, "把纪律挺在前面，护航基层治理", "《云溪日报》理论版"},
    {kHe, 10, "以学习型机关建设提升办公室工作水平", "市委内刊《学习与实践》"},
}};

}  // namespace xuefeng::cli::demo
