/** Page links around the current page, the current one marked with aria-current. */
import type { Messages } from '../messages/index.ts';

type Slot = number | 'gap';

/** 1 … p-2 p-1 p p+1 p+2 … last */
export const pageSlots = (page: number, pageCount: number): Slot[] => {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? (['gap', p] as Slot[]) : [p]));
};

export const Pagination = (props: { t: Messages; page: number; pageCount: number; href: (page: number) => string }) => {
  const { t, page, pageCount, href } = props;
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label={t.search.pagination}>
      <ul>
        {page > 1 && page <= pageCount && (
          <li>
            <a href={href(page - 1)} rel="prev">
              ← {t.search.previous}
            </a>
          </li>
        )}
        {pageSlots(page, pageCount).map((slot) =>
          slot === 'gap' ? (
            <li class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a href={href(slot)} aria-current={slot === page ? 'page' : undefined}>
                <span class="vh">{t.search.page(slot).replace(String(slot), '')}</span>
                {slot}
              </a>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t.search.next} →
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
};
