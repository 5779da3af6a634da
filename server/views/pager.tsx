/** Previous and next pages of a long list, each link keeping the list's filters (`href` builds it). */
export function Pager(props: { label: string; page: number; pages: number; perPage: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav aria-label={props.label} class="filters">
      {props.page > 1 && <a href={props.href(props.page - 1)} rel="prev">Previous {props.perPage}</a>}
      <span>Page {props.page} of {props.pages}</span>
      {props.page < props.pages && <a href={props.href(props.page + 1)} rel="next">Next {props.perPage}</a>}
    </nav>
  );
}

/** The page number a URL asks for: 1 unless it names a sensible one. */
export function pageNumber(value: string | undefined): number {
  return Math.max(1, Math.min(10_000, Number.parseInt(value ?? '1', 10) || 1));
}
