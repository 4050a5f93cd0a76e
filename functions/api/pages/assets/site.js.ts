/**
 * The pages' only script, a small progressive enhancement; every page works the same without it:
 * on narrow screens the filter panel starts folded so results come first, and a form's error
 * summary takes focus so keyboard and screen-reader users land on what to correct.
 */
export const SITE_JS = `(function () {
  var panel = document.querySelector('details.filters');
  if (panel && window.matchMedia && window.matchMedia('(max-width: 55.99rem)').matches) panel.open = false;
  var errors = document.querySelector('.errors[tabindex]');
  if (errors) errors.focus();
})();
`;
