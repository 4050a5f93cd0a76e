/**
 * The styles of the follow-up pages, with the board report's A4 print layout: part of the one
 * stylesheet (assets/index.ts), kept apart from the views so that naming the stylesheet at init
 * does not load them.
 */
export const FOLLOW_UP_CSS = `
.follow-up .data-table{border-collapse:collapse;width:100%;min-width:20rem}
.follow-up .data-table th,.follow-up .data-table td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
.follow-up .data-table thead th{border-bottom:2px solid #1d1d1b}
.follow-up .data-table .num{text-align:right;font-variant-numeric:tabular-nums}
.follow-up .data-table .gap{background:#fbe9e7;font-weight:700}
.follow-up .data-table .overlap{background:#fff4ce}
.follow-up .cell-note{display:block;font-size:.875rem;color:#4a4a4a}
.follow-up .few{font-style:italic}
.follow-up .suppressed{color:#4a4a4a;font-style:italic}
.follow-up .explain{max-width:48em}
.follow-up .notice{border-left:6px solid #4d8fcc;padding:.25rem 1rem;max-width:48em}
.follow-up .chart{margin:0 0 .75rem;max-width:40rem}
.follow-up .chart svg{display:block;width:100%;height:auto}
.follow-up .chart-bar{fill:#0b5394}
.follow-up .chart-label,.follow-up .chart-value{font-size:13px;fill:#1d1d1b}
.follow-up .period-form fieldset{border:0;padding:0;margin:0 0 1rem}
.follow-up .period-form legend{font-weight:700;padding:0}
.follow-up .period-form input{border:2px solid #1d1d1b;padding:.375rem .5rem}
.follow-up .csv-link{font-size:.9375rem}
@page{size:A4;margin:14mm 12mm}
@media print{
  .site-header,.site-footer,.skip,.no-print,.csv-link{display:none!important}
  body{font-size:10pt;color:#000}
  .wrap{max-width:none;padding:0}
  .board-report h1{font-size:16pt;margin:0 0 4mm}
  .board-report h2{font-size:13pt;margin:5mm 0 2mm;break-after:avoid}
  .board-report h3{font-size:11pt;margin:3mm 0 1mm;break-after:avoid}
  .board-report .follow-up-table,.board-report .chart,.board-report table{break-inside:avoid}
  .board-report .table-scroll{overflow:visible}
  .board-report .data-table{min-width:0;width:100%;table-layout:fixed;font-size:9pt}
  .board-report .data-table th,.board-report .data-table td{overflow-wrap:anywhere;hyphens:auto}
  .board-report .cell-note{font-size:7.5pt}
  .board-report .chart{max-width:150mm}
  .board-report a{color:#000;text-decoration:none}
  .board-report .data-table .gap{background:#fbe9e7;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .board-report .data-table .overlap{background:#fff4ce;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .board-report .chart-bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
