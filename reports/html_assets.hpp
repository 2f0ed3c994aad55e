#pragma once
// The style sheet and script that report.html inlines (it loads nothing from anywhere).

namespace reports {

// CSS of report.html.
extern const char* const k_report_css;

// The report's script: reads the findings JSON embedded in the page, renders the rectification
// list (filter by check, severity and page; search; sort; pagination), the fact tables and the
// language switch. Page data only ever reaches the DOM through textContent and checked hrefs.
extern const char* const k_report_js;

} // namespace reports
