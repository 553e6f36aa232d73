// Warns before an idle session ends (WCAG 2.2.1): the dialog opens well before the end, with one action to extend.
const dialog = document.getElementById('session-timeout')

if (dialog && typeof dialog.showModal === 'function') {
  // The page's own words about when the session ends are for when this script cannot run: the dialog says it
  // here, and "Stay signed in" would make those words wrong.
  document.getElementById('session-deadline')?.setAttribute('hidden', '')
  const idleSeconds = Number(dialog.dataset.idleSeconds)
  const warningSeconds = Number(dialog.dataset.warningSeconds)
  const form = dialog.querySelector('form')
  const countdown = document.getElementById('session-timeout-countdown')
  let timers = []
  let endsAt = 0
  // Where focus was when the warning opened, so closing it puts the person back where they were.
  let returnFocus = null

  const words = (seconds) => {
    if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`
    if (seconds >= 60) return '1 minute'
    const rounded = Math.max(0, Math.ceil(seconds / 10) * 10)
    return `${rounded} seconds`
  }

  const clear = () => { timers.forEach(clearTimeout); timers.forEach(clearInterval); timers = [] }

  const signOut = () => {
    window.location.href = '/sign-in?ReturnUrl=' + encodeURIComponent(window.location.pathname + window.location.search)
  }

  const warn = () => {
    countdown.textContent = words((endsAt - Date.now()) / 1000)
    returnFocus = document.activeElement
    dialog.showModal()
    form.querySelector('button').focus()
    // Update the words every 10 seconds, not every second, so a screen reader is not flooded.
    timers.push(setInterval(() => { countdown.textContent = words((endsAt - Date.now()) / 1000) }, 10000))
  }

  const schedule = () => {
    clear()
    endsAt = Date.now() + idleSeconds * 1000
    timers.push(setTimeout(warn, Math.max(0, idleSeconds - warningSeconds) * 1000))
    timers.push(setTimeout(signOut, idleSeconds * 1000))
  }

  const stay = async () => {
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
    if (response.ok) {
      dialog.close()
      schedule()
    } else {
      signOut()
    }
  }

  dialog.addEventListener('close', () => {
    if (returnFocus && returnFocus !== document.body && document.contains(returnFocus)) returnFocus.focus()
    returnFocus = null
  })

  form.addEventListener('submit', (event) => { event.preventDefault(); stay() })
  // Escape means "stay signed in" too: closing the warning should never silently leave the timer running.
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); stay() })
  schedule()
}
