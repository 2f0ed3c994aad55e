#include <algorithm>
#include <rules/catalogue.hpp>

namespace rules {
namespace {

// One row per check; `advice` is what the rectification list says to do (整改建议).
constexpr CatalogueEntry k_catalogue[] = {
    {"avail.homepage", "站点无法访问", "Site unreachable", "排查服务器与网络，确保首页稳定可访问",
     "Fix hosting and network so the homepage stays reachable", true, false},
    {"links.broken", "链接不可用", "Broken links",
     "修复或删除失效链接；外部链接失效时更换为有效地址",
     "Fix or remove the broken link; replace dead external targets", false, false},
    {"links.hijacked", "暗链/外链变质", "Hidden or hijacked links",
     "立即删除暗链或变质外链，并排查网站安全",
     "Remove the hidden or hijacked link at once and audit the site's security", true, false},
    {"links.unverified", "链接无法核验", "Links that could not be verified",
     "人工打开链接核实；目标网站拦截了自动检查",
     "Open the link by hand: the target site blocks automated checks", false, false},
    {"links.redirects", "多次跳转或降级跳转", "Long or downgrading redirects",
     "将链接直接指向最终地址，避免多次跳转和 HTTPS 降级",
     "Link straight to the final address; avoid chains and HTTPS downgrades", false, false},
    {"links.mixed_content", "HTTPS 页面混合内容", "Mixed content on HTTPS pages",
     "将页面中的 HTTP 资源改为 HTTPS 地址", "Load every resource of an HTTPS page over HTTPS",
     false, false},
    {"links.anchors", "页内锚点失效", "Missing link anchors",
     "修正锚点名称或在目标页面补充对应锚点",
     "Fix the fragment or add the anchor to the target page", false, false},
    {"ipv6.aaaa", "IPv6 AAAA 记录", "IPv6 AAAA record",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.dns_auth", "IPv6 域名授权体系", "IPv6 name servers",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.homepage", "IPv6 首页可访问", "Homepage over IPv6",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.homepage_rate", "IPv6 首页访问成功率", "IPv6 homepage success rate",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.consistency", "IPv6/IPv4 内容一致性", "IPv6/IPv4 consistency",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.level2", "IPv6 二级链接可达", "IPv6 second-level links",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.level3", "IPv6 三级链接可达", "IPv6 third-level links",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.perf", "IPv6 访问性能", "IPv6 performance",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.support", "IPv6 支持度（总体）", "IPv6 support (overall)",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, false},
    {"ipv6.newmedia_app", "移动应用 IPv6 支持", "IPv6 for apps",
     "为网站主机配置全球单播 IPv6 地址（AAAA）并确保各级页面和资源经 IPv6 可访问、内容一致",
     "Give every host of the site a global AAAA record and serve every page and resource over IPv6 "
     "as over IPv4",
     false, true},
    {"home.stale", "首页不更新", "Homepage not updated", "及时在首页发布新信息（14天内）",
     "Publish new items on the homepage (at least every 14 days)", true, false},
    {"columns.stale", "栏目不更新", "Columns not updated", "按栏目类别规定的频率更新栏目",
     "Update the column as often as its class requires", true, false},
    {"columns.blank", "空白栏目", "Blank columns", "为空白栏目补充内容，或撤并该栏目",
     "Fill the blank column or remove it from the navigation", true, false},
    {"interact.unanswered", "互动回应差", "Unanswered messages",
     "在3个月内答复留言，保留有效的咨询渠道",
     "Answer messages within 3 months and keep a working consultation channel", true, false},
    {"service.useless", "服务不实用", "Services not usable",
     "补全办事指南要素，确保附件可下载、在线办理入口可用",
     "Complete the service guides, attachments and online entries", true, false},
    {"newmedia.stale", "政务新媒体内容不更新", "New-media account not updated",
     "按时更新政务新媒体并提供有效互动功能", "Keep the new-media account updated and interactive",
     true, true},
    {"newmedia.interaction", "政务新媒体互动回应差", "New-media interaction missing",
     "按时更新政务新媒体并提供有效互动功能", "Keep the new-media account updated and interactive",
     true, true},
    {"newmedia.broken", "政务新媒体菜单/链接不可用", "New-media broken links",
     "按时更新政务新媒体并提供有效互动功能", "Keep the new-media account updated and interactive",
     false, true},
    {"map.detect", "地图发现", "Maps found", "核查地图内容，标注审图号或改用标准地图",
     "Review the map, show its review number or use a standard map", false, false},
    {"map.review_number", "地图缺少审图号", "Map without review number",
     "核查地图内容，标注审图号或改用标准地图",
     "Review the map, show its review number or use a standard map", false, false},
    {"map.content", "问题地图", "Problem map content", "核查地图内容，标注审图号或改用标准地图",
     "Review the map, show its review number or use a standard map", true, false},
    {"disclose.platform", "政府信息公开平台", "Disclosure platform",
     "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require", false, false},
    {"disclose.guide", "政府信息公开指南", "Disclosure guide", "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require", false, false},
    {"disclose.catalogue", "法定主动公开内容", "Statutory disclosure catalogue",
     "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require", false, false},
    {"disclose.annual_report", "政府信息公开年度报告", "Annual disclosure report",
     "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require", false, false},
    {"disclose.interpretation", "政策解读", "Policy interpretation",
     "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require", false, false},
    {"disclose.key_areas", "重点领域信息公开", "Key-area disclosure",
     "按《政府信息公开条例》补齐公开内容",
     "Complete the disclosure content the Regulations require", false, false},
    {"identity.domain", "网站域名", "Site domain", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.site_code", "网站标识码", "Site identification code",
     "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.icp", "ICP备案号", "ICP registration", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.psb", "公安机关备案标识", "Public-security registration",
     "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.dzjg", "党政机关网站标识", "Party and government site mark",
     "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.footer", "页脚信息", "Footer information", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.search", "站内搜索", "Site search", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.https", "HTTPS", "HTTPS", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"identity.a11y", "无障碍/适老化", "Accessibility", "在页面底部补齐网站标识、备案号等信息",
     "Add the missing site marks and registration numbers to the footer", false, false},
    {"privacy.id_number", "身份证号泄露", "ID numbers exposed", "对个人信息去标识化处理后重新发布",
     "De-identify the personal data and republish", false, false},
    {"privacy.phone", "手机号泄露", "Mobile numbers exposed", "对个人信息去标识化处理后重新发布",
     "De-identify the personal data and republish", false, false},
    {"privacy.other", "其他个人信息", "Other personal data", "对个人信息去标识化处理后重新发布",
     "De-identify the personal data and republish", false, false},
    {"content.serious_error", "严重表述错误", "Serious content errors", "核实问题并整改",
     "Check the finding and fix it", true, false},
    {"security.tamper", "挂马/篡改", "Tampering", "核实问题并整改", "Check the finding and fix it",
     true, false},
};

} // namespace

std::span<const CatalogueEntry> catalogue() {
  return k_catalogue;
}

const CatalogueEntry* find_catalogue_entry(std::string_view id) {
  auto it = std::find_if(std::begin(k_catalogue), std::end(k_catalogue),
                         [&](const CatalogueEntry& entry) { return entry.id == id; });
  return it == std::end(k_catalogue) ? nullptr : &*it;
}

std::vector<std::string_view> catalogue_ids() {
  std::vector<std::string_view> ids;
  for (const auto& entry : k_catalogue) ids.push_back(entry.id);
  return ids;
}

} // namespace rules
