// A WAI-ARIA tab list: click or Enter/Space picks a tab, arrow keys, Home and End move between tabs.

/** `onSelect(tab)` runs when a tab is picked; the caller shows the matching panel. */
export const wireTabs = (tablist, onSelect) => {
  const tabs = () => [...tablist.querySelectorAll('[role="tab"]')];
  const select = (tab, focus) => {
    for (const other of tabs()) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
    }
    if (focus) tab.focus();
    onSelect(tab);
  };
  tablist.addEventListener('click', (event) => {
    const tab = event.target instanceof Element ? event.target.closest('[role="tab"]') : null;
    if (tab) select(tab, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const list = tabs();
    const index = list.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(list[(next + list.length) % list.length], true);
  });
  return { select: (tab) => select(tab, false) };
};

/** Shows the panel a top-level tab controls and hides the others. */
export const showPanelOf = (tablist, tab) => {
  for (const other of tablist.querySelectorAll('[role="tab"]')) {
    const panel = document.getElementById(other.getAttribute('aria-controls'));
    if (panel) panel.hidden = other !== tab;
  }
};
