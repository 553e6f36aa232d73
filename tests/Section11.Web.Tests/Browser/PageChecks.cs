using Microsoft.Playwright;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// Checks that axe cannot make, run as one script each in the page so a crawl of a few hundred pages stays quick:
/// that every focusable element looks different when focused (2.4.7, and not by a yellow ring alone, 1.4.11), and
/// that nothing sticks out of the page sideways at a given width (1.4.10).
/// </summary>
public static class PageChecks
{
    /// <summary>
    /// Focuses each focusable element in turn and compares the computed styles that draw a focus indicator, on the
    /// element and on everything that paints over it or for it: its visible descendants, its ::before and ::after,
    /// and its labels (GOV.UK radios and checkboxes draw focus on the label's pseudo-elements). A change on the
    /// element's own background or shadow counts only when the element has text of its own in view: a link whose
    /// content is all boxes (a tag in a link) hides its own focus style behind them. A block's outer shadow counts.
    /// </summary>
    private const string FocusScript = """
        () => {
          const FOCUS = 'rgb(255, 221, 0)'
          const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'
          const paint = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'background-color', 'color',
            'text-decoration-line', 'border-top-width', 'border-bottom-width', 'border-left-width', 'border-top-color', 'border-bottom-color']
          const shown = el => { const r = el.getBoundingClientRect(); return r.width >= 2 && r.height >= 2 && getComputedStyle(el).visibility !== 'hidden' }
          const ownText = el => {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
              if (!t.textContent.trim()) continue
              let boxed = false
              for (let p = t.parentElement; p && p !== el; p = p.parentElement) {
                if (getComputedStyle(p).display !== 'inline' || !shown(p)) { boxed = true; break }
              }
              if (!boxed) return true
            }
            return false
          }
          const parts = el => {
            const list = [[el, null, 'self'], [el, '::before', 'pseudo'], [el, '::after', 'pseudo']]
            for (const d of Array.from(el.querySelectorAll('*')).slice(0, 40)) if (shown(d)) list.push([d, null, 'inner'])
            for (const l of el.labels || []) list.push([l, null, 'label'], [l, '::before', 'pseudo'], [l, '::after', 'pseudo'])
            return list
          }
          const snap = list => list.map(([node, pseudo]) => {
            const s = getComputedStyle(node, pseudo)
            if (pseudo && (s.content === 'none' || s.content === 'normal')) return null
            return Object.fromEntries(paint.map(p => [p, s.getPropertyValue(p)]))
          })
          const rect = el => { const r = el.getBoundingClientRect(); return `${Math.round(r.width)}x${Math.round(r.height)}` }
          const outlineShown = s => s && s['outline-style'] !== 'none' && parseFloat(s['outline-width']) > 0 && !/rgba\(.*, 0\)$/.test(s['outline-color'])
          const colours = v => (v.match(/rgba?\([^)]*\)/g) || []).filter(c => !/, 0\)$/.test(c))
          const describe = el => {
            const id = el.id ? '#' + el.id : ''
            const cls = el.classList.length ? '.' + Array.from(el.classList).join('.') : ''
            const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 60)
            return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`
          }
          const problems = []
          let checked = 0
          const before = document.activeElement
          for (const el of document.querySelectorAll(selector)) {
            if (el.disabled || el.closest('[inert], dialog:not([open])')) continue
            const list = parts(el)
            const rectBefore = rect(el)
            const a = snap(list)
            el.focus({ preventScroll: true })
            if (document.activeElement !== el) continue
            const b = snap(list)
            const rectAfter = rect(el)
            el.blur()
            if (!shown(el)) continue
            checked++
            if (rectBefore !== rectAfter) continue // shown on focus, like the skip link
            const changes = []
            // Content that is all boxes paints over an inline element's own background and shadow; a block's
            // outer shadow is still drawn outside its box.
            const covered = !ownText(el) && list.some(([, , kind]) => kind === 'inner')
            const inline = getComputedStyle(el).display === 'inline'
            list.forEach(([, , kind], i) => {
              if (!a[i] || !b[i]) return
              for (const p of paint) {
                if (a[i][p] === b[i][p]) continue
                if (p.startsWith('outline') && !outlineShown(b[i]) && !outlineShown(a[i])) continue
                // A border's colour follows the text colour even where there is no border to see.
                if (p.endsWith('-color') && p.startsWith('border') && !(parseFloat(b[i][p.replace('color', 'width')]) > 0)) continue
                if (kind === 'self' && covered && !p.startsWith('outline') && !p.startsWith('border') && (inline || p !== 'box-shadow')) continue
                changes.push([p, b[i][p]])
              }
            })
            if (changes.length === 0) {
              problems.push(`${describe(el)} looks the same focused and not`)
            } else if (changes.every(([p, v]) => (p.startsWith('outline') || p === 'box-shadow') && colours(v).every(c => c === FOCUS))) {
              problems.push(`${describe(el)} shows focus only by a yellow ring, too faint on white (1.4.11)`)
            }
          }
          if (before && before.focus) before.focus({ preventScroll: true })
          return { checked, problems }
        }
        """;

    /// <summary>
    /// What sticks out past the right edge of the viewport and is not clipped: elements, or else text overflowing
    /// its box (a word too long for the line). An absolutely positioned element is clipped only by an ancestor at or
    /// above its containing block, so visually hidden text in a scrolling table can still widen the page.
    /// </summary>
    private const string ReflowScript = """
        () => {
          const root = document.documentElement
          const width = root.clientWidth
          const positioned = s => s.position !== 'static' || s.transform !== 'none'
          const clipped = el => {
            let position = getComputedStyle(el).position
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              if (position === 'fixed') return false
              const s = getComputedStyle(p)
              if (position === 'absolute' && !positioned(s)) continue
              if (s.overflowX !== 'visible') return true
              position = s.position
            }
            return false
          }
          const describe = el => {
            const id = el.id ? '#' + el.id : ''
            const cls = el.classList.length ? '.' + Array.from(el.classList).slice(0, 3).join('.') : ''
            return `<${el.tagName.toLowerCase()}${id}${cls}>`
          }
          const offenders = []
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect()
            if (r.width === 0 || r.right <= width + 1 || clipped(el)) continue
            // The outermost element only: its children stick out because it does.
            if (offenders.some(o => o.node.contains(el))) continue
            offenders.push({ node: el, text: `${describe(el)} to ${Math.round(r.right)}px` })
            if (offenders.length >= 5) break
          }
          if (offenders.length === 0 && root.scrollWidth > width) {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
            for (let t = walker.nextNode(); t && offenders.length < 5; t = walker.nextNode()) {
              if (!t.textContent.trim() || clipped(t.parentElement) || getComputedStyle(t.parentElement).overflowX !== 'visible') continue
              const range = document.createRange()
              range.selectNodeContents(t)
              const r = range.getBoundingClientRect()
              if (r.right > width + 1) offenders.push({ text: `text "${t.textContent.trim().slice(0, 40)}" in ${describe(t.parentElement)} to ${Math.round(r.right)}px` })
            }
          }
          return { scrollWidth: root.scrollWidth, clientWidth: width, offenders: offenders.map(o => o.text) }
        }
        """;

    // Classes with setters: Playwright fills the results of evaluate through a parameterless constructor.
    public sealed class FocusResult
    {
        public int Checked { get; set; }

        public string[] Problems { get; set; } = [];
    }

    public sealed class ReflowResult
    {
        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }

        public string[] Offenders { get; set; } = [];
    }

    public static Task<FocusResult> FocusAsync(IPage page) => page.EvaluateAsync<FocusResult>(FocusScript);

    /// <summary>Lays the page out at the width (the page is not reloaded) and measures it.</summary>
    public static async Task<ReflowResult> ReflowAsync(IPage page, int width, int height = 900)
    {
        await page.SetViewportSizeAsync(width, height);
        return await page.EvaluateAsync<ReflowResult>(ReflowScript);
    }
}
