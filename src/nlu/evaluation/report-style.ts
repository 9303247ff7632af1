// The report's inline stylesheet and the few lines of script that sort its tables: nothing is fetched.

export const REPORT_CSS = `
:root{--ink:#1f2933;--muted:#52606d;--line:#e4e7eb;--ok:#2f6fb5;--bad:#d64545;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink)}
body{margin:0;background:#fafbfc}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}h3{font-size:1rem;margin:1rem 0 .4rem}
.meta{color:var(--muted);margin:0 0 1rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card b{display:block;font-size:1.5rem}.card span{color:var(--muted);font-size:.85rem}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:4px 14px 14px;margin-top:14px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f5f7fa;position:sticky;top:0;cursor:pointer;white-space:nowrap;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.text{min-width:12rem;word-break:break-word}
.low{color:var(--bad);font-weight:600}
svg text{font-size:12px;fill:var(--ink)}svg.histogram text{font-size:14px}svg .axis{fill:var(--muted)}svg .count{font-size:11px}
svg .grid{stroke:var(--line)}svg .ok,.swatch.ok{fill:var(--ok);background:var(--ok)}svg .bad,.swatch.bad{fill:var(--bad);background:var(--bad)}
.legend{color:var(--muted);font-size:.85rem}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}
.empty{color:var(--muted)}td.nowrap{white-space:nowrap}
@media (max-width:600px){main{padding:8px}section{padding:2px 8px 10px}table{font-size:.8rem}th,td{padding:4px 5px}td.text{min-width:8rem}.card b{font-size:1.2rem}}
`;

/** Click a header to sort its table; numeric columns (class "num") sort by value. */
export const SORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function(table){
  table.querySelectorAll('th').forEach(function(th,col){
    th.addEventListener('click',function(){
      var dir=th.getAttribute('aria-sort')==='descending'?'ascending':'descending';
      table.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
      th.setAttribute('aria-sort',dir);
      var num=th.classList.contains('num');var body=table.tBodies[0];
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute('data-v')||a.cells[col].textContent;var y=b.cells[col].getAttribute('data-v')||b.cells[col].textContent;
        var c=num?parseFloat(x)-parseFloat(y):x.localeCompare(y);return dir==='ascending'?c:-c;
      });
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
`;
