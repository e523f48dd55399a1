// The HTML brief's behaviour: the language toggle (WAI-ARIA tabs, choice kept in the URL fragment, e.g.
// #ar) and linked claim highlights. Inlined and allowed by its hash in the page's Content-Security-Policy.
// The page reads fine without it: both panels show and the toggle is not drawn.
(() => {
  "use strict";
  const root = document.documentElement;
  root.classList.add("js");

  const tablist = document.querySelector('[role="tablist"]');
  const tabs = tablist ? Array.from(tablist.querySelectorAll('[role="tab"]')) : [];
  const panelOf = (tab) => document.getElementById(tab.getAttribute("aria-controls"));

  function show(lang, { focus = false, remember = false } = {}) {
    const chosen = tabs.find((tab) => tab.dataset.lang === lang);
    if (!chosen) return false;
    for (const tab of tabs) {
      const selected = tab === chosen;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1; // roving tabindex: Tab reaches the chosen tab, arrows move between tabs
      panelOf(tab).hidden = !selected;
    }
    root.dataset.lang = lang;
    if (focus) chosen.focus();
    if (remember && location.hash !== "#" + lang) {
      try {
        history.replaceState(null, "", "#" + lang); // no history entry per click
      } catch (error) {
        location.hash = lang;
      }
    }
    return true;
  }

  if (tabs.length) {
    tablist.addEventListener("click", (event) => {
      const tab = event.target.closest('[role="tab"]');
      if (tab) show(tab.dataset.lang, { focus: true, remember: true });
    });
    tablist.addEventListener("keydown", (event) => {
      const index = tabs.indexOf(document.activeElement);
      if (index < 0) return;
      // Arrow keys follow what the reader sees: in a right-to-left tablist "next" is to the left.
      const step = getComputedStyle(tablist).direction === "rtl" ? -1 : 1;
      let next;
      switch (event.key) {
        case "ArrowRight": next = index + step; break;
        case "ArrowLeft": next = index - step; break;
        case "Home": next = 0; break;
        case "End": next = tabs.length - 1; break;
        default: return;
      }
      event.preventDefault();
      const tab = tabs[(next + tabs.length) % tabs.length];
      show(tab.dataset.lang, { focus: true, remember: true });
    });
    const fromFragment = () => location.hash.slice(1); // language codes need no decoding
    if (!show(fromFragment())) show(tablist.dataset.default);
    window.addEventListener("hashchange", () => show(fromFragment()));
  }

  // A claim's row, its highlights in every language and the brief sentences that hold it light up together.
  const linked = (id) =>
    document.querySelectorAll(`tr[data-claim="${id}"], mark[data-claims~="${id}"], li[data-sentence-claims~="${id}"]`);
  const light = (ids, on) => {
    for (const id of ids) for (const element of linked(id)) element.classList.toggle("is-active", on);
  };
  for (const row of document.querySelectorAll("tr[data-claim]")) {
    const ids = [row.dataset.claim];
    row.addEventListener("mouseenter", () => light(ids, true));
    row.addEventListener("mouseleave", () => light(ids, row.contains(document.activeElement)));
    row.addEventListener("focusin", () => light(ids, true));
    row.addEventListener("focusout", () => light(ids, false));
  }
  for (const mark of document.querySelectorAll("mark[data-claims]")) {
    const ids = mark.dataset.claims.split(" ");
    mark.addEventListener("mouseenter", () => light(ids, true));
    mark.addEventListener("mouseleave", () => light(ids, false));
  }
  // On touch screens there is no hover: a tap pins the claim's source sentence open.
  for (const button of document.querySelectorAll(".claim-ref")) {
    button.addEventListener("click", () => {
      const pinned = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", String(!pinned));
    });
  }
})();
