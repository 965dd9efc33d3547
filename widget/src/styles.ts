/** The panel's Shadow DOM styles. Every colour, radius and font comes from a custom property the host can set. */
export const STYLES = `
:host{--_bg:var(--bazaar-bg,#fff);--_fg:var(--bazaar-fg,#16151d);--_muted:var(--bazaar-muted,#5f5c6d);--_surface:var(--bazaar-surface,#f3f2f7);--_border:var(--bazaar-border,#dcd9e5);--_accent:var(--bazaar-accent,#5b3df5);--_accent-fg:var(--bazaar-accent-fg,#fff);--_danger:var(--bazaar-danger,#b3261e);--_radius:var(--bazaar-radius,10px);--_focus:var(--bazaar-focus,#5b3df5);
display:block;min-width:0;container-type:inline-size;color:var(--_fg);background:var(--_bg);font:var(--bazaar-font,14px/1.4 system-ui,sans-serif)}
:host([hidden]){display:none}
*{box-sizing:border-box}
button,input,select{font:inherit;color:inherit}
button{cursor:pointer}
button:disabled{cursor:not-allowed;opacity:.55}
:focus-visible{outline:2px solid var(--_focus);outline-offset:2px}
.panel{display:grid;gap:10px;padding:10px}
.bar{display:flex;flex-wrap:wrap;gap:6px}
.bar input{flex:1 1 100%}
.bar select{flex:1 1 0;min-width:0}
input,select{padding:7px 9px;border:1px solid var(--_border);border-radius:calc(var(--_radius)*.7);background:var(--_bg)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.note{margin:0;padding:8px 10px;border-radius:var(--_radius);background:var(--_surface);border-left:3px solid var(--_accent);display:flex;gap:8px;align-items:center;justify-content:space-between}
.note[data-kind=error]{border-color:var(--_danger)}
.grid{list-style:none;margin:0;padding:0;display:grid;gap:10px;grid-template-columns:repeat(auto-fill,minmax(132px,1fr))}
.card button{display:grid;gap:4px;width:100%;padding:0 0 8px;border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_bg);text-align:left;overflow:hidden}
.card button:hover{border-color:var(--_accent)}
.poster{display:grid;place-items:center;aspect-ratio:16/9;background:var(--_surface);overflow:hidden}
.poster img{width:100%;height:100%;object-fit:cover}
.ph{width:100%;height:100%;display:grid;place-items:center;font-size:28px;font-weight:700;color:#fff;background:linear-gradient(135deg,hsl(var(--h) 70% 55%),hsl(calc(var(--h) + 60) 70% 40%))}
.t,.m{padding:0 8px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.t{font-weight:600}
.m{color:var(--_muted);font-size:.85em}
.sk .poster,.sk i{background:linear-gradient(90deg,var(--_surface),var(--_border),var(--_surface));background-size:200% 100%;animation:sh 1.2s infinite linear}
.sk i{display:block;height:.9em;margin:4px 8px;border-radius:4px;width:70%}
.sk i+i{width:45%}
.sk div{border:1px solid var(--_border);border-radius:var(--_radius);overflow:hidden;padding-bottom:8px}
@keyframes sh{to{background-position:-200% 0}}
@media (prefers-reduced-motion:reduce){.sk .poster,.sk i{animation:none}}
.empty{text-align:center;color:var(--_muted);padding:20px 8px}
.btn{padding:7px 12px;border:1px solid var(--_border);border-radius:calc(var(--_radius)*.7);background:var(--_bg)}
.primary{background:var(--_accent);border-color:var(--_accent);color:var(--_accent-fg)}
.more{justify-self:center}
dialog{width:min(720px,100vw - 16px);max-height:calc(100vh - 16px);padding:0;border:0;border-radius:var(--_radius);background:var(--_bg);color:var(--_fg)}
dialog::backdrop{background:rgb(0 0 0/.55)}
.dlg{display:grid;gap:10px;padding:12px}
.head{display:flex;gap:8px;align-items:start;justify-content:space-between}
h2{margin:0;font-size:1.15em}
.frame{position:relative;aspect-ratio:16/9;background:#000;border-radius:calc(var(--_radius)*.7);overflow:hidden}
.frame[data-format=portrait]{aspect-ratio:9/16;max-height:60vh;margin:auto}
.frame[data-format=square]{aspect-ratio:1;max-height:60vh;margin:auto}
iframe{position:absolute;inset:0;width:100%;height:100%;border:0}
.nav{display:flex;gap:6px;align-items:center;justify-content:space-between}
.nav span{flex:1;text-align:center;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
fieldset{margin:0;border:1px solid var(--_border);border-radius:calc(var(--_radius)*.7);display:flex;flex-wrap:wrap;gap:4px 12px}
.acts{display:flex;flex-wrap:wrap;gap:6px}
.acts button{flex:1 1 auto}
[aria-pressed=true]{background:var(--_surface);border-color:var(--_accent)}
[hidden]{display:none!important}
`
