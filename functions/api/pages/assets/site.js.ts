/**
 * The pages' only script, a small progressive enhancement; every page works the same without it:
 * on narrow screens the filter panel starts folded so results come first, a form's error
 * summary takes focus so keyboard and screen-reader users land on what to correct, and a textarea
 * with a character limit shows a live count (read with the field) that turns to how much is over.
 */
export const SITE_JS = `(function () {
  var panel = document.querySelector('details.filters');
  if (panel && window.matchMedia && window.matchMedia('(max-width: 55.99rem)').matches) panel.open = false;
  var errors = document.querySelector('.errors[tabindex]');
  if (errors) errors.focus();
  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-count-limit]'), function (area) {
    var counter = document.getElementById(area.id + '-count');
    if (!counter) return;
    var limit = Number(area.getAttribute('data-count-limit'));
    var show = function () {
      var n = area.value.length;
      var over = n > limit;
      var text = over ? area.getAttribute('data-count-over').replace('{over}', (n - limit).toLocaleString(document.documentElement.lang)) : area.getAttribute('data-count-within').replace('{n}', n.toLocaleString(document.documentElement.lang));
      counter.textContent = text.replace('{limit}', limit.toLocaleString(document.documentElement.lang));
      counter.className = over ? 'hint char-count over' : 'hint char-count';
    };
    counter.hidden = false;
    area.setAttribute('aria-describedby', ((area.getAttribute('aria-describedby') || '') + ' ' + counter.id).trim());
    area.addEventListener('input', show);
    show();
  });
})();
`;
