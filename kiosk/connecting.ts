/** The kiosk's own page while the server cannot be reached: dark, large, Vietnamese, no network needed. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function connectingHtml(opts: { name: string; server: string; retryInS: number; reason: string }): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đang kết nối…</title>
<style>
html,body{margin:0;height:100%;background:#05080d;color:#eef3f9;font-family:'Be Vietnam Pro','Noto Sans',system-ui,sans-serif}
main{height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:3vh;text-align:center}
.t{font-size:7vh;font-weight:700}.d{font-size:3.2vh;color:#a9b8cb;max-width:80vw}
.s{width:9vh;height:9vh;border:1.2vh solid #22344d;border-top-color:#4db8ff;border-radius:50%;animation:r 1.2s linear infinite}
@keyframes r{to{transform:rotate(360deg)}}
</style></head><body><main data-testid="kiosk-connecting">
<div class="s" aria-hidden="true"></div>
<div class="t">Đang kết nối…</div>
<div class="d">${esc(opts.name)} · chưa liên lạc được máy chủ ${esc(opts.server)}</div>
<div class="d">Tự động thử lại sau <span id="n">${Math.max(1, Math.round(opts.retryInS))}</span> giây · ${esc(opts.reason)}</div>
</main><script>
var n=${Math.max(1, Math.round(opts.retryInS))};setInterval(function(){if(n>1){n--;document.getElementById('n').textContent=n}},1000);
</script></body></html>`;
}
