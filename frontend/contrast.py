"""Compute WCAG 2.1 contrast ratios for eigenplan's theme tokens and write
the results into the comment block at the top of theme.css."""
import re, sys
THEME = sys.argv[1]
src = open(THEME, encoding="utf-8").read()
P = dict(re.findall(r"--ep-color-([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;", src))

def lin(c):
    c = c / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
def lum(h):
    h = h.lstrip('#'); r, g, b = (int(h[i:i+2], 16) for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
def cr(a, b):
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)

T, L, U = 4.5, 3.0, 3.0   # text, large text, UI component / focus indicator
checks = [
 ('text','bg',T,'body text, headings, labels, form input text'),
 ('text','surface',T,'text on surface (footer, table header, cards, even rows)'),
 ('text','surface-strong',T,'text on data-badge / pressed button'),
 ('text-muted','bg',T,'form-field description, placeholder, small text'),
 ('text-muted','surface',T,'muted text on surface (cards)'),
 ('link','bg',T,'link'),
 ('link','surface',T,'link on surface (cards, footer)'),
 ('link-hover','bg',T,'link hover / focus / active'),
 ('link-visited','bg',T,'visited link'),
 ('on-primary','primary',T,'primary button; active status-badge'),
 ('on-primary','primary-hover',T,'primary button hover / focus'),
 ('on-primary','primary-active',T,'primary button active / pressed'),
 ('primary','bg',T,'secondary + subtle button text; secondary border (UI 3:1)'),
 ('primary-hover','primary-tint',T,'secondary/subtle button hover + focus'),
 ('primary-active','surface-strong',T,'secondary/subtle button active / pressed'),
 ('disabled-text','disabled-bg',T,'disabled button / input text'),
 ('disabled-text','bg',T,'disabled subtle button, disabled label'),
 ('disabled-border','bg',U,'disabled control border'),
 ('border','bg',U,'textbox/textarea/select/checkbox/radio border'),
 ('primary','bg',U,'checked checkbox fill / radio dot vs page'),
 ('on-primary','primary',U,'checkbox check mark on fill'),
 ('error','bg',T,'error message text; invalid border; danger button text'),
 ('on-primary','error',T,'danger button / danger status-badge'),
 ('on-primary','error-hover',T,'danger button hover'),
 ('error-hover','error-bg',T,'secondary danger button hover'),
 ('text','error-bg',T,'error alert text'),
 ('error','error-bg',U,'error alert border'),
 ('text','ok-bg',T,'ok alert text'),
 ('ok','ok-bg',U,'ok alert border'),
 ('ok','bg',T,'valid description text; diff "added" marker'),
 ('text','warning-bg',T,'warning alert text'),
 ('warning-border','warning-bg',U,'warning alert border'),
 ('warning','bg',T,'warning description text; diff "changed" marker'),
 ('on-primary','warning',T,'warning status-badge'),
 ('text','info-bg',T,'info alert text'),
 ('info','info-bg',U,'info alert border'),
 ('on-primary','ok',T,'success/safe/valid status-badge'),
 ('on-primary','badge-neutral',T,'neutral/inactive status-badge'),
 ('header-text','header-bg',T,'page header site name, nav links, subtle buttons'),
 ('header-bg','header-text',T,'subtle button hover/focus inside the header (inverted)'),
 ('text','warning-bg',T,'demo banner'),
 ('warning-border','bg',U,'demo banner border'),
 ('text','bg',T,'ep-status--todo / --obsolete (outlined)'),
 ('border','bg',U,'ep-status--todo / --obsolete dashed border'),
 ('focus','bg',U,'focus ring on page'),
 ('focus','surface',U,'focus ring on surface'),
 ('focus','primary-tint',U,'focus ring on tinted backgrounds'),
 ('focus-inverse','focus',U,'focus ring white halo vs ring'),
 ('focus-on-dark','header-bg',U,'focus ring inside the dark header'),
 ('text','skip-link-bg',T,'skip link'),
 ('focus','skip-link-bg',U,'focus ring on skip link'),
 ('error','bg',T,'diff "removed" marker'),
 ('primary','bg',U,'current step marker in .ep-steps'),
]
lines, fail = [], 0
for fg, bg, mn, what in checks:
    r = cr(P[fg], P[bg]); ok = r >= mn; fail += not ok
    lines.append(f" *   {'PASS' if ok else 'FAIL'} {r:5.2f}:1 (>= {mn}:1)  {P[fg]} on {P[bg]}  {fg} / {bg}: {what}")
head = [
 " * WCAG 2.1 AA contrast check (relative-luminance formula of WCAG 2.1, computed",
 " * with a small Python script from the --ep-color-* values below; re-run it after",
 " * changing a colour). Minimum 4.5:1 for text, 3:1 for UI borders and focus rings.",
 f" * Result: {len(checks) - fail} of {len(checks)} pairs pass.",
 " *",
]
block = "\n".join(head + lines)
new = re.sub(r"( \* CONTRAST-CHECK-START\n).*?( \* CONTRAST-CHECK-END)", lambda m: m.group(1) + block + "\n" + m.group(2), src, flags=re.S)
open(THEME, "w", encoding="utf-8").write(new)
print(block)
sys.exit(1 if fail else 0)
