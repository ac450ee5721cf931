"""Measuring helpers for the screen tests: a strict-CSP browser context, scrolling, sizes, contrast and labels."""
import re

from conftest import BASE

CSP = "script-src 'self'"
MM = 96 / 25.4  # CSS pixels per millimetre


def strict_page(browser, width, height, **options):
    """A page whose HTML documents carry at least `Content-Security-Policy: script-src 'self'`, with
    every console error and CSP violation collected in page.problems."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)

    def add_csp(route):
        if route.request.resource_type != "document":
            return route.continue_()
        response = route.fetch(max_redirects=0)
        headers = dict(response.headers)
        # The server's own policy (issue 9's, stricter still: style-src 'self' too) is kept; this is the floor.
        headers.setdefault("content-security-policy", CSP)
        return route.fulfill(response=response, headers=headers)

    context.route(re.compile(re.escape(BASE) + r"/(?!api/|static/)"), add_csp)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def no_scroll(page):
    return page.evaluate("""() => ({
        scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
        innerWidth: innerWidth, innerHeight: innerHeight })""")


def assert_no_scroll(page, what, horizontal_only=False):
    m = no_scroll(page)
    assert m["scrollWidth"] <= m["innerWidth"], f"{what} scrolls sideways: {m}"
    if not horizontal_only:
        assert m["scrollHeight"] <= m["innerHeight"], f"{what} scrolls: {m}"


CONTRAST_JS = """() => {
  function parse(c) {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function over(top, base) {
    return { r: top.r * top.a + base.r * (1 - top.a), g: top.g * top.a + base.g * (1 - top.a), b: top.b * top.a + base.b * (1 - top.a), a: 1 };
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let base = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base;
  }
  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest("[hidden], script, style, option, .no-contrast")) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden" || el.disabled) continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const l1 = luminance(fg), l2 = luminance(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    checked++;
    if (ratio < need) failures.push(el.tagName + "." + el.className + " '" + el.textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2));
  }
  return { checked, failures };
}"""


def assert_contrast(page, what):
    """WCAG AA: 4.5:1 for text, 3:1 for large text, every visible text element against its painted background."""
    result = page.evaluate(CONTRAST_JS)
    assert result["checked"] > 0, f"{what}: no text checked"
    assert not result["failures"], f"{what}: low contrast: {result['failures'][:8]}"


LABELS_JS = """() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter(e => e.type !== "hidden" && !e.closest("[hidden]"))
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
  .map(e => e.outerHTML.slice(0, 80))"""


def assert_labelled(page, what):
    unlabelled = page.evaluate(LABELS_JS)
    assert not unlabelled, f"{what}: inputs without a label: {unlabelled}"


def assert_clean(page, what):
    """No script errors and nothing refused by the Content-Security-Policy."""
    assert not page.problems, f"{what}: console errors: {page.problems[:5]}"


def targets_smaller_than(page, millimetres):
    return page.evaluate("""(min) => Array.from(document.querySelectorAll("button, a, [role=radio]"))
      .filter(e => !e.closest("[hidden]") && e.getBoundingClientRect().width > 0)
      .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 20), r.width, r.height]; })
      .filter(t => t[1] < min || t[2] < min)""", millimetres * MM)


# Chinese text set with half-width punctuation (“姓名:”, “（A,B）” typed as "(A,B)"): an ASCII : , ; ? ! ( ) next to a
# Han character. Times (09:00), URLs and numbers are not Han-adjacent, so they pass.
HALF_WIDTH_JS = r"""() => {
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest("script, style, [hidden], [lang=en], code, pre, .no-punctuation")) continue;
    const t = n.textContent;
    const m = t.match(/[\u4e00-\u9fff][:,;?!()]|[:,;?!()][\u4e00-\u9fff]/);
    if (m) bad.push(t.trim().slice(0, 40));
  }
  return bad;
}"""


def assert_full_width_punctuation(page, what):
    if page.evaluate("document.documentElement.lang") != "zh-CN":
        return
    bad = page.evaluate(HALF_WIDTH_JS)
    assert not bad, f"{what}: half-width punctuation in Chinese text: {bad[:6]}"


# A button whose label wraps so that one character stands alone on its last line (“办结并叫下一 / 号”). A keyboard
# shortcut in <kbd> is a hint set on its own line on purpose, not part of the label.
LONE_CHARACTER_JS = r"""() => {
  const bad = [];
  for (const el of document.querySelectorAll("button, a.button, .button, [role=button], input[type=submit]")) {
    if (el.closest("[hidden]") || el.getBoundingClientRect().width === 0) continue;
    // Per run of text: a button may stack blocks on purpose (letter, name, time limit), but no run may wrap badly.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest("kbd")) continue;
      const lines = new Map();
      for (let i = 0; i < n.textContent.length; i++) {
        if (!n.textContent[i].trim()) continue;
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        const box = r.getBoundingClientRect();
        if (box.width === 0) continue;
        const key = Math.round(box.bottom);
        lines.set(key, (lines.get(key) || 0) + 1);
      }
      if (lines.size > 1 && Array.from(lines.values()).some(c => c === 1)) bad.push(n.textContent.trim().slice(0, 24));
    }
  }
  return bad;
}"""


def assert_no_lone_character(page, what):
    bad = page.evaluate(LONE_CHARACTER_JS)
    assert not bad, f"{what}: a button leaves one character alone on a line: {bad[:6]}"


NARROW_CELLS_JS = """() => Array.from(document.querySelectorAll('th, td, button, .chip'))
  .filter(e => e.getBoundingClientRect().width > 0 && e.textContent.trim().length >= 2)
  .filter(e => e.getBoundingClientRect().width < 2.2 * parseFloat(getComputedStyle(e).fontSize))
  .map(e => e.textContent.trim().slice(0, 12))"""


# English mixed into Chinese the wrong way round (“1号Window”): a Han character glued to a Latin letter.
MIXED_JS = r"""() => {
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement || n.parentElement.closest("script, style, [hidden]")) continue;
    if (/[\u4e00-\u9fff][A-Za-z]|[A-Za-z][\u4e00-\u9fff]/.test(n.textContent)) bad.push(n.textContent.trim().slice(0, 40));
  }
  return bad;
}"""


def assert_no_mixed_words(page, what):
    bad = page.evaluate(MIXED_JS)
    assert not bad, f"{what}: Chinese and English glued together: {bad[:6]}"


def assert_words(page, what):
    """The wording rules of issue 11 on any screen: full-width punctuation in Chinese, no Chinese glued to English,
    no character alone on a button's line."""
    assert_full_width_punctuation(page, what)
    assert_no_mixed_words(page, what)
    assert_no_lone_character(page, what)


def assert_citizen_page(page, what):
    """Everything issue 11 asks of a citizen's phone page: no sideways scroll, no cell so narrow that its words stand
    one character per line (纸/质), AA contrast, labelled inputs, full-width punctuation, no lone character in a button."""
    assert_no_scroll(page, what, horizontal_only=True)
    narrow = page.evaluate(NARROW_CELLS_JS)
    assert not narrow, f"{what} squeezes {narrow}"
    assert_contrast(page, what)
    assert_labelled(page, what)
    assert_words(page, what)


def assert_document_text(text, what):
    """Issue 11's rules for a printed document, read from its PDF's text: 年月日 dates (no 2026-12-02), “” quotes (no
    「」), a seal area rather than “（印章）” typed as text, and full-width punctuation in Chinese."""
    flat = re.sub(r"\s+", "", text)
    iso = re.findall(r".{0,8}\d{4}-\d{1,2}-\d{1,2}", flat)
    assert not iso, f"{what}: a date not in 年月日 form: {iso[:3]}"
    assert "「" not in flat and "」" not in flat, f"{what}: 「」 quotes instead of “”"
    assert "（印章）" not in flat, f"{what}: the seal typed as text"
    half = re.findall(r"[\u4e00-\u9fff][:,;?!()]|[:,;?!()][\u4e00-\u9fff]", flat)
    assert not half, f"{what}: half-width punctuation in Chinese text: {half[:6]}"
