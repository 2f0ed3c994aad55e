#include <checks/catalogue.hpp>

#include <algorithm>
#include <array>

namespace checks {
namespace {

constexpr std::array<CatalogueEntry, 48> k_catalogue{{
    {"avail.homepage", "availability", "站点无法访问", "Site unreachable", true, false},
    {"links.broken", "availability", "链接不可用", "Broken links", false, false},
    {"links.hijacked", "security", "暗链/外链变质", "Hidden or hijacked links", true, false},
    {"links.unverified", "availability", "链接无法核验", "Links that could not be verified", false,
     false},
    {"links.redirects", "availability", "多次跳转或降级跳转", "Long or downgrading redirects",
     false, false},
    {"links.mixed_content", "identity", "HTTPS 页面混合内容", "Mixed content on HTTPS pages", false,
     false},
    {"links.anchors", "availability", "页内锚点失效", "Missing link anchors", false, false},
    {"ipv6.aaaa", "identity", "IPv6 AAAA 记录", "IPv6 AAAA record", false, false},
    {"ipv6.dns_auth", "identity", "IPv6 域名授权体系", "IPv6 name servers", false, false},
    {"ipv6.homepage", "identity", "IPv6 首页可访问", "Homepage over IPv6", false, false},
    {"ipv6.homepage_rate", "identity", "IPv6 首页访问成功率", "IPv6 homepage success rate", false,
     false},
    {"ipv6.consistency", "identity", "IPv6/IPv4 内容一致性", "IPv6/IPv4 consistency", false, false},
    {"ipv6.level2", "identity", "IPv6 二级链接可达", "IPv6 second-level links", false, false},
    {"ipv6.level3", "identity", "IPv6 三级链接可达", "IPv6 third-level links", false, false},
    {"ipv6.perf", "identity", "IPv6 访问性能", "IPv6 performance", false, false},
    {"ipv6.support", "identity", "IPv6 支持度（总体）", "IPv6 support (overall)", false, false},
    {"ipv6.newmedia_app", "nm_function", "移动应用 IPv6 支持", "IPv6 for apps", false, true},
    {"home.stale", "publishing", "首页不更新", "Homepage not updated", true, false},
    {"columns.stale", "publishing", "栏目不更新", "Columns not updated", true, false},
    {"columns.blank", "publishing", "空白栏目", "Blank columns", true, false},
    {"interact.unanswered", "interaction", "互动回应差", "Unanswered messages", true, false},
    {"service.useless", "services", "服务不实用", "Services not usable", true, false},
    {"newmedia.stale", "nm_content", "政务新媒体内容不更新", "New-media account not updated", true,
     true},
    {"newmedia.interaction", "nm_interaction", "政务新媒体互动回应差",
     "New-media interaction missing", true, true},
    {"newmedia.broken", "nm_function", "政务新媒体菜单/链接不可用", "New-media broken links", false,
     true},
    {"map.detect", "security", "地图发现", "Maps found", false, false},
    {"map.review_number", "security", "地图缺少审图号", "Map without review number", false, false},
    {"map.content", "security", "问题地图", "Problem map content", true, false},
    {"disclose.platform", "disclosure", "政府信息公开平台", "Disclosure platform", false, false},
    {"disclose.guide", "disclosure", "政府信息公开指南", "Disclosure guide", false, false},
    {"disclose.catalogue", "disclosure", "法定主动公开内容", "Statutory disclosure catalogue",
     false, false},
    {"disclose.annual_report", "disclosure", "政府信息公开年度报告", "Annual disclosure report",
     false, false},
    {"disclose.interpretation", "disclosure", "政策解读", "Policy interpretation", false, false},
    {"disclose.key_areas", "publishing", "重点领域信息公开", "Key-area disclosure", false, false},
    {"identity.domain", "identity", "网站域名", "Site domain", false, false},
    {"identity.site_code", "identity", "网站标识码", "Site identification code", false, false},
    {"identity.icp", "identity", "ICP备案号", "ICP registration", false, false},
    {"identity.psb", "identity", "公安机关备案标识", "Public-security registration", false, false},
    {"identity.dzjg", "identity", "党政机关网站标识", "Party and government site mark", false,
     false},
    {"identity.footer", "identity", "页脚信息", "Footer information", false, false},
    {"identity.search", "identity", "站内搜索", "Site search", false, false},
    {"identity.https", "identity", "HTTPS", "HTTPS", false, false},
    {"identity.a11y", "identity", "无障碍/适老化", "Accessibility", false, false},
    {"privacy.id_number", "security", "身份证号泄露", "ID numbers exposed", false, false},
    {"privacy.phone", "security", "手机号泄露", "Mobile numbers exposed", false, false},
    {"privacy.other", "security", "其他个人信息", "Other personal data", false, false},
    {"content.serious_error", "security", "严重表述错误", "Serious content errors", true, false},
    {"security.tamper", "security", "挂马/篡改", "Tampering", true, false},
}};

} // namespace

std::span<const CatalogueEntry> catalogue() {
  return k_catalogue;
}

const CatalogueEntry* find_catalogue_entry(std::string_view id) {
  auto it = std::find_if(k_catalogue.begin(), k_catalogue.end(),
                         [&](const CatalogueEntry& entry) { return entry.id == id; });
  return it == k_catalogue.end() ? nullptr : &*it;
}

} // namespace checks
