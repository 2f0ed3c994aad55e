// Report-language texts: check names (from the catalogue) and what to do about each kind of
// finding, in zh-CN and English. Checks write one zh-CN message; reports own translations.
#include <checks/catalogue.hpp>
#include <reports/report_data.hpp>

#include <array>
#include <utility>

namespace reports {
namespace {

struct Advice {
  std::string_view prefix; // check id or family ("links.")
  std::string_view zh;
  std::string_view en;
};

// The first entry whose prefix starts the check id wins: exact ids before families.
constexpr std::array<Advice, 19> k_advice{{
    {"links.broken", "修复或删除失效链接；外部链接失效时更换为有效地址",
     "Fix or remove the broken link; replace dead external targets"},
    {"links.unverified", "人工打开链接核实；目标网站拦截了自动检查",
     "Open the link by hand: the target site blocks automated checks"},
    {"links.redirects", "将链接直接指向最终地址，避免多次跳转和 HTTPS 降级",
     "Link straight to the final address; avoid chains and HTTPS downgrades"},
    {"links.mixed_content", "将页面中的 HTTP 资源改为 HTTPS 地址",
     "Load every resource of an HTTPS page over HTTPS"},
    {"links.anchors", "修正锚点名称或在目标页面补充对应锚点",
     "Fix the fragment or add the anchor to the target page"},
    {"links.hijacked", "立即删除暗链或变质外链，并排查网站安全",
     "Remove the hidden or hijacked link at once and audit the site's security"},
    {"ipv6.",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4"},
    {"avail.", "排查服务器与网络，确保首页稳定可访问",
     "Fix hosting and network so the homepage stays reachable"},
    {"home.stale", "及时在首页发布新信息（14天内）",
     "Publish new items on the homepage (at least every 14 days)"},
    {"columns.blank", "为空白栏目补充内容，或撤并该栏目",
     "Fill the blank column or remove it from the navigation"},
    {"columns.", "按栏目类别规定的频率更新栏目",
     "Update the column as often as its class requires"},
    {"interact.", "在3个月内答复留言，保留有效的咨询渠道",
     "Answer messages within 3 months and keep a working consultation channel"},
    {"service.", "补全办事指南要素，确保附件可下载、在线办理入口可用",
     "Complete the service guides, attachments and online entries"},
    {"newmedia.", "按时更新政务新媒体并提供有效互动功能",
     "Keep the new-media account updated and interactive"},
    {"map.", "核查地图内容，标注审图号或改用标准地图",
     "Review the map, show its review number or use a standard map"},
    {"disclose.", "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require"},
    {"identity.", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer"},
    {"privacy.", "对个人信息去标识化处理后重新发布", "De-identify the personal data and republish"},
    {"", "核实问题并整改", "Check the finding and fix it"},
}};

} // namespace

std::string check_name(const std::string& check, bool english) {
  const checks::CatalogueEntry* entry = checks::find_catalogue_entry(check);
  if (entry == nullptr) return check;
  return std::string(english ? entry->name_en : entry->name_zh);
}

std::string check_advice(const std::string& check, bool english) {
  for (const Advice& advice : k_advice) {
    if (std::string_view(check).starts_with(advice.prefix)) {
      return std::string(english ? advice.en : advice.zh);
    }
  }
  return {};
}

std::vector<std::string> split_formats(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = std::min(list.find(',', start), list.size());
    if (end > start) names.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

} // namespace reports
