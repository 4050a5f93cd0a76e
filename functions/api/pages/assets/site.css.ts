/**
 * The pages' one stylesheet, kept in code so the Lambda bundle carries it. Calm public-sector look:
 * system fonts, high contrast (WCAG 2.1 AA and better), a visible focus ring, one column below 56rem.
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;line-height:1.5;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:#1d1d1b;background:#fff;font-size:1.0625rem;overflow-wrap:break-word;min-height:100vh;display:flex;flex-direction:column}
body>main{flex:1 0 auto}
a{color:#0b5394;text-underline-offset:.15em}
a:visited{color:#5b2a86}
a:hover{color:#062f57;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 7px #ffdd00}
a:focus-visible{background:#ffdd00;color:#0b0c0c}
.vh{position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:.5rem;top:-10rem;z-index:10;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c;font-weight:700}
.skip:focus,.skip:focus-visible{top:.5rem;color:#0b0c0c}
h1,h2,h3,h4{line-height:1.25;overflow-wrap:break-word;hyphens:auto}
h1{font-size:clamp(1.625rem,1.2rem + 2vw,2.25rem);margin:.25rem 0 1rem}
h2{font-size:1.375rem;margin:2rem 0 .75rem}
h3{font-size:1.1875rem;margin:1.25rem 0 .5rem}
h4{font-size:1.0625rem;margin:1rem 0 .25rem}
p,ul,ol,dl{margin:0 0 1rem}
.site-header{background:#0f3557;color:#fff;border-bottom:4px solid #4d8fcc}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.site-header a,.site-header a:visited{color:#fff}
.site-header a:focus-visible{color:#0b0c0c}
.brand{text-decoration:none;font-weight:700;font-size:1.3rem;line-height:1.2}
.brand small{display:block;font-weight:400;font-size:.875rem}
.site-nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.site-nav a{display:inline-block;padding:.25rem 0}
.site-nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.lang-switch{margin-left:auto;padding:.25rem .5rem;border:2px solid #fff;border-radius:4px;text-decoration:none;font-weight:600}
main{display:block;padding:1.25rem 0 3rem}
main:focus{outline:none}
.lead{font-size:1.1875rem;max-width:44em}
.hint{color:#4a4a4a;margin:.25rem 0 .5rem}
.notice{border-left:6px solid #8a6d00;background:#fff7d6;padding:.75rem 1rem;max-width:48em}
.back{margin:0 0 .5rem}
.finder-prompt{background:#eef4fa;border-left:6px solid #0b5394;padding:.75rem 1rem;max-width:48em}
input,button,select,textarea{font:inherit;color:inherit}
input[type=search],input[type=text],input[type=url],textarea{border:2px solid #1d1d1b;border-radius:0;padding:.5rem .625rem;background:#fff;width:100%;min-width:0}
textarea{min-height:8rem}
button,.button{display:inline-block;border:2px solid #0b5394;background:#0b5394;color:#fff;padding:.5rem 1.125rem;font-weight:600;border-radius:4px;cursor:pointer;text-decoration:none;line-height:1.5}
button:hover,.button:hover{background:#083d6e;border-color:#083d6e;color:#fff}
a.button:visited{color:#fff}
button.secondary{background:#fff;color:#0b5394}
button.secondary:hover{background:#eef4fa;color:#062f57}
.query-label{display:block;font-weight:700;font-size:1.1875rem}
.query-input{display:flex;flex-wrap:wrap;gap:.5rem;max-width:44rem}
.query-input input{flex:1 1 12rem}
.search-layout{display:grid;gap:1rem 2rem;margin-top:1.5rem}
@media (min-width:56rem){.search-layout{grid-template-columns:minmax(15rem,18rem) minmax(0,1fr)}.filters>summary{display:none}}
.filters-panel h2{margin-top:0}
.filters>summary{cursor:pointer;font-weight:600;color:#0b5394;padding:.5rem 0;text-decoration:underline}
fieldset{border:0;padding:0;margin:0 0 1.25rem;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.25rem}
.checks{list-style:none;padding:0;margin:0}
.checks li,.radio{display:flex;align-items:flex-start;gap:.5rem;padding:.125rem 0}
.checks input,.radio input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none;accent-color:#0b5394}
.count{color:#4a4a4a;white-space:nowrap}
.results{min-width:0}
.results>h2{margin-top:0}
.result-count{font-weight:700;font-size:1.125rem}
.chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.chips a{display:inline-block;border:2px solid #0b5394;border-radius:999px;padding:.125rem .75rem;text-decoration:none}
.chips .clear a{border-color:transparent;text-decoration:underline;padding-left:.25rem}
.hits{list-style:none;padding:0;margin:0}
.hit{border-top:1px solid #b1b4b6;padding:1rem 0}
.hit h3,.hit h4{margin:.125rem 0 .375rem}
.kind-label{margin:0;font-size:.875rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:#4a4a4a}
.snippet{color:#333;font-size:1rem}
mark{background:#ffe066;color:#1d1d1b;padding:0 .1em}
.why{background:#f3f2f1;padding:.5rem .75rem;font-size:1rem;margin:0 0 .5rem}
.why p{margin:0;font-weight:700}
.why ul{margin:0;padding-left:1.25rem}
.meta{font-size:.9375rem;color:#4a4a4a;margin:0}
.pagination ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem;margin:1.5rem 0}
.pagination a{display:inline-block;min-width:2.75rem;padding:.375rem .75rem;border:2px solid #0b5394;text-align:center;text-decoration:none}
.pagination a[aria-current=page]{background:#0b5394;color:#fff}
.pagination a[aria-current=page]:focus-visible{background:#ffdd00;color:#0b0c0c}
.pagination .gap{padding:.375rem .25rem}
.empty{border:2px solid #1d1d1b;padding:1rem 1.25rem;margin:1rem 0}
.empty h3{margin-top:0}
.entry-layout{display:grid;gap:0 2.5rem}
@media (min-width:56rem){.entry-layout{grid-template-columns:minmax(0,1fr) 20rem}}
.facts{display:grid;gap:.75rem;margin:0}
.facts>div{border-bottom:1px solid #b1b4b6;padding-bottom:.5rem}
.facts dt{font-weight:700}
.facts dd{margin:0}
.facts ul,.plain{margin:0;padding-left:1.25rem}
.side-box{border-top:6px solid #0b5394;background:#f3f2f1;padding:.75rem 1rem 1rem;margin:1.5rem 0}
.side-box h2{margin-top:.25rem;font-size:1.25rem}
.related{columns:1}
.cards{list-style:none;padding:0;display:grid;gap:1rem}
@media (min-width:40rem){.cards{grid-template-columns:repeat(auto-fill,minmax(18rem,1fr))}}
.card{border:1px solid #b1b4b6;border-top:6px solid #0b5394;padding:1rem}
.card h2,.card h3{margin-top:0}
.steps-meta{color:#4a4a4a;font-weight:600;display:block;margin-bottom:.25rem}
.question h1{margin:0 0 .5rem}
.question{margin-bottom:.5rem}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:1rem 1.5rem;margin:1.5rem 0}
.answers{max-width:40rem}
.errors{border:4px solid #b3261e;padding:1rem;margin:1rem 0}
.errors:focus{outline:3px solid #0b0c0c;outline-offset:2px}
.errors h2{margin-top:0}
.error-message{color:#b3261e;font-weight:700;margin:.25rem 0}
.field{margin:0 0 1.25rem;max-width:40rem}
.field label{display:block;font-weight:700}
.account{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.account p{margin:0}
.account .roles{font-size:.9375rem}
.account form{margin:0}
.header-button{background:transparent;border:2px solid #fff;color:#fff;padding:.125rem .625rem}
.header-button:hover{background:#fff;color:#0f3557;border-color:#fff}
.account-link{padding:.25rem 0;font-weight:600}
select{border:2px solid #1d1d1b;border-radius:0;padding:.5rem .625rem;background:#fff;max-width:100%;min-width:0}
input.input-medium{max-width:14rem}
.field-error{border-left:4px solid #b3261e;padding-left:.75rem}
.field-error input,.field-error textarea,.field-error select{border-color:#b3261e}
.checks.columns{columns:2 13rem;column-gap:1.5rem}
.checks.columns li{break-inside:avoid}
.form-group{border-top:1px solid #b1b4b6;margin-top:1.5rem}
.entry-form .form-group:first-of-type{border-top:0;margin-top:0}
.field .checks label{display:inline;font-weight:400}
.notice.success{border-left-color:#00703c;background:#e7f4ea}
.notice p{margin:0}
.status{font-weight:700}
.status-published{color:#00703c}
.status-archived{color:#4a4a4a}
.dashboard-filters{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:flex-end;border:1px solid #b1b4b6;padding:.75rem 1rem;margin:1rem 0}
.dashboard-filters h3{flex-basis:100%;margin:0;font-size:1.125rem}
.dashboard-filters p{margin:0;max-width:100%}
.dashboard-filters label{display:block}
.dashboard-filters .checkbox{display:flex;gap:.5rem;align-items:flex-start;flex-basis:100%}
.dashboard-filters .checkbox label{display:inline}
.dashboard-filters select,.dashboard-filters input[type=search]{max-width:100%}
.editor-table-scroll{position:relative}
.editor-table{border-collapse:collapse;min-width:40rem;width:100%}
.editor-table th,.editor-table td{text-align:left;vertical-align:top;border-top:1px solid #b1b4b6;padding:.5rem .75rem .5rem 0}
.editor-table th[scope=row]{font-weight:400}
.editor-table th[scope=row]>a{font-weight:700}
.editor-table .meta{margin:.25rem 0 0}
.editor-table td.due{font-weight:700}
.new-kinds{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
a.button.secondary-link,a.button.secondary-link:visited{background:#fff;color:#0b5394}
a.button.secondary-link:hover{background:#eef4fa;color:#062f57}
a.button:focus-visible{background:#ffdd00;color:#0b0c0c;border-color:#0b0c0c}
.action-list{list-style:none;padding:0;display:grid;gap:1rem;max-width:40rem}
.action-list form{margin:0 0 .25rem}
.history{list-style:none;padding:0}
.history>li{border-top:1px solid #b1b4b6;padding:.25rem 0 1rem}
.changes{width:100%;border-collapse:collapse;table-layout:fixed}
.changes th,.changes td{border:1px solid #b1b4b6;padding:.375rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.changes thead th{background:#f3f2f1}
.empty-value{color:#4a4a4a;font-style:italic}
.users .card form{margin-top:.75rem}
.site-footer{border-top:4px solid #0f3557;background:#f3f2f1;padding:1.5rem 0;font-size:.9375rem}
.site-footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.referral-form input[type=email],.referral-form input[type=tel]{border:2px solid #1d1d1b;border-radius:0;padding:.5rem .625rem;background:#fff;width:100%;min-width:0}
.confirm{display:flex;gap:.5rem;align-items:flex-start}
.confirm input{width:1.5rem;height:1.5rem;margin:.125rem 0 0;flex:none}
.confirm label{font-weight:400}
.tabs{list-style:none;padding:0;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.5rem;border-bottom:2px solid #b1b4b6}
.tabs a{display:inline-block;padding:.5rem 1rem;font-weight:600}
.tabs a[aria-current=page]{border:2px solid #b1b4b6;border-bottom:4px solid #0b5394;margin-bottom:-2px;background:#fff;text-decoration:none}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll:focus-visible{outline:3px solid #0b0c0c}
.referrals-table{table-layout:auto;min-width:36rem}
.referral .need,.referral .note{white-space:pre-line;overflow-wrap:anywhere;max-width:48em}
.referral .history p{margin:.25rem 0}
.empty-state{border-left:6px solid #b1b4b6;padding:.25rem 1rem;max-width:48em}
.notice.overdue{border-left-color:#b3261e;background:#fbe9e7}
.decline-form .field{margin-bottom:.75rem}
.referral .action-list>li{min-width:0}
.decline-form select{width:100%}
.referral .facts dd{overflow-wrap:anywhere}
.offer-search fieldset{border:0;padding:0;margin:0 0 1.25rem}
.offer-search fieldset legend{font-weight:700;padding:0}
.field-row{display:flex;flex-wrap:wrap;gap:0 1rem}
.field-row .field{margin-bottom:.5rem}
.offer-facts-inline{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.25rem 1rem;margin:.5rem 0 0}
.offer-facts-inline dt{font-size:.875rem;color:#4a4a4a}
.offer-facts-inline dd{margin:0;font-weight:700}
.offer-map-layout{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem 2rem;align-items:start}
.offer-map-layout>*{min-width:0}
@media (min-width:56rem){.offer-map-layout{grid-template-columns:minmax(0,28rem) minmax(0,1fr)}}
.offer-map{margin:0}
.offer-map>svg{display:block;width:100%;height:auto;max-width:28rem;border:1px solid #b1b4b6;background:#f4f8fb}
.offer-map .county{fill:#e3edf5;stroke:#0f3557;stroke-width:1.5;stroke-dasharray:6 4}
.offer-map .map-town circle{fill:#1d1d1b}
.offer-map .map-town text{font-size:13px;fill:#1d1d1b}
.offer-map .map-town.has-offers text{font-weight:700}
.offer-map .map-offer.exact path,.legend-exact path{fill:#0b5394;stroke:#fff;stroke-width:1.5}
.offer-map .map-offer.approximate circle,.legend-approximate circle{fill:#fff;stroke:#0b5394;stroke-width:2.5;stroke-dasharray:3 2}
.offer-map .map-offer.approximate text{font-size:12px;font-weight:700;fill:#0b5394}
.offer-map .radius,.legend-radius circle{fill:rgba(11,83,148,.08);stroke:#0b5394;stroke-width:1.5}
.legend-town circle{fill:#1d1d1b}
.offer-map a:focus{outline:none}
.offer-map a:focus-visible circle,.offer-map a:focus-visible path{stroke:#0b0c0c;stroke-width:4}
.offer-map a:focus-visible text{fill:#0b0c0c;text-decoration:underline}
.offer-map a:hover text{text-decoration:underline}
.map-legend{list-style:none;padding:0;margin:.5rem 0 0;font-size:.9375rem}
.map-legend li{display:flex;align-items:center;gap:.5rem}
.map-legend svg{flex:none}
.offer-counts{border-collapse:collapse;width:100%;max-width:30rem}
.offer-counts caption{text-align:left;font-weight:700;margin-bottom:.5rem}
.offer-counts th,.offer-counts td{text-align:left;padding:.25rem .375rem;border-bottom:1px solid #b1b4b6;overflow-wrap:break-word}
.offer-counts .town{font-weight:400}
.offer-counts .num{text-align:right}
.offer-counts tfoot th,.offer-counts tfoot td{font-weight:700;border-top:2px solid #1d1d1b}
.decline-step>summary{cursor:pointer;display:inline-block;border:2px solid #0b5394;border-radius:4px;padding:.5rem 1.125rem;font-weight:600;color:#0b5394}
.decline-step[open]>summary{margin-bottom:.75rem}
.char-count.over{color:#b3261e;font-weight:700}
.not-stated{font-style:italic;color:#4a4a4a;font-weight:400}
.enquiry{border-top:1px solid #b1b4b6;margin-top:1rem;padding-top:.5rem}
.enquiry textarea{min-height:6rem;background:#f3f2f1}
.offer-part{border:1px solid #b1b4b6;padding:.75rem 1rem;margin:0 0 1.25rem}
.offer-part>legend{font-weight:700;font-size:1.0625rem;padding:0 .25rem}
`;
